// Panels painted with the real fonts (fonts/ in the source tree). Besides the checks, each
// sample is saved composited on the theme background as /tmp/layout-<id>-<w>x<h>.png, to be
// looked at: typography is judged by eye as much as by numbers.
#include <doctest/doctest.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/caption_layout.hpp"
#include "core/text_layout.hpp"
#include "core/typography.hpp"
#include "render/panel_painter.hpp"

using namespace vitrine;

namespace {

const std::string kFonts = VITRINE_SOURCE_DIR "/fonts/";

core::Theme dejavu_theme() {
    core::Theme t;
    t.body_font = kFonts + "DejaVuSerif.ttf";
    t.heading_font = kFonts + "DejaVuSans-Bold.ttf";
    t.italic_font = kFonts + "DejaVuSerif-Italic.ttf";
    t.ui_font = kFonts + "DejaVuSans.ttf";
    return t;
}

// SDL_ttf for the test's life; declared before any FontCache so it outlives their fonts.
struct TtfSession {
    TtfSession() { REQUIRE(TTF_Init() == 0); }
    ~TtfSession() { TTF_Quit(); }
    TtfSession(const TtfSession&) = delete;
    TtfSession& operator=(const TtfSession&) = delete;
};

std::uint32_t pixel(const SDL_Surface& s, int x, int y) {
    std::uint32_t v;
    std::memcpy(&v, static_cast<const std::uint8_t*>(s.pixels) + y * s.pitch + x * 4, 4);
    return v;
}

struct Ink {
    long count = 0;
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;  // bounding box of non-transparent pixels
};

Ink ink_of(const SDL_Surface& s) {
    Ink ink;
    for (int y = 0; y < s.h; ++y)
        for (int x = 0; x < s.w; ++x)
            if (pixel(s, x, y) >> 24) {
                ++ink.count;
                ink.x0 = std::min(ink.x0, x), ink.y0 = std::min(ink.y0, y);
                ink.x1 = std::max(ink.x1, x), ink.y1 = std::max(ink.y1, y);
            }
    return ink;
}

// The layer composited over a solid background, as the compositor shows it; saved as PNG.
void save_composited(const SDL_Surface& layer, core::Color bg, const std::string& path,
                     const SDL_Surface* extra = nullptr, SDL_Rect extra_at = {}) {
    platform::SurfacePtr canvas(SDL_CreateRGBSurfaceWithFormat(0, layer.w, layer.h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(canvas);
    SDL_FillRect(canvas.get(), nullptr, SDL_MapRGBA(canvas->format, bg.r, bg.g, bg.b, 255));
    SDL_SetSurfaceBlendMode(const_cast<SDL_Surface*>(&layer), SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(const_cast<SDL_Surface*>(&layer), nullptr, canvas.get(), nullptr);
    if (extra) {
        SDL_SetSurfaceBlendMode(const_cast<SDL_Surface*>(extra), SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(const_cast<SDL_Surface*>(extra), nullptr, canvas.get(), &extra_at);
    }
    CHECK(IMG_SavePNG(canvas.get(), path.c_str()) == 0);
}

const core::ExcerptItem kEngels{
    "",
    "Why do the anti-authoritarians not confine themselves to crying out against political authority, "
    "the state? All Socialists are agreed that the political state, and with it political…",
    "On Authority", "Frederick Engels", "1874, in the Italian Almanacco Republicano"};

struct Sample {
    std::string id;
    core::ItemBody body;
};

std::vector<Sample> samples() {
    return {
        {"engels", kEngels},
        {"lenin", core::ExcerptItem{"", "Comrades, the elections to the Moscow Soviet show that the Party of the Communists is gaining strength…",
                                    "Lenin’s Collected Works, 4th English Edition, Progress Publishers, Moscow, 1965, Volume 30, pages 371–372",
                                    "Vladimir Ilyich Lenin", "Pravda, February 22, 1920"}},
        {"constitution", core::ExcerptItem{"Constitution of the U.S.S.R., Article 122",
                                           "Women in the U.S.S.R. are accorded equal rights with men in all spheres of…",
                                           "On the Draft Constitution of the U.S.S.R. (Проект Конституции СССР)",
                                           "Joseph Vissarionovich Stalin", "Women and Communism, Lawrence & Wishart, London, 1950"}},
        {"no-cup", core::ArticleItem{"“There will be no cup”",
                                     {"To demonstrate opposition to the upcoming 2014 FIFA World Cup, protests, strikes and direct actions have been sweeping Brazil in massive numbers. Occupying a space next to Arena Corinthians in São Paulo, where the first match will be held, over 10,000 people are protesting in the name of Brazil’s Landless Workers Movement (MTST). Around the rest of Brazil, such as in Rio de Janeiro, countless others are organizing smaller protests against the government.",
                                      "Their slogan is #NãoVaiTerCopa, or “There will be no Cup.” MTST coordinator Maria das Dores Cirqueira summarizes their grievances: “When the government told us we would host the World Cup, we hoped there would be improvements for us. But they aren’t putting on a Cup for the people, they’re putting on a Cup for the gringos.”"},
                                     "#NãoVaiTerCopa"}},
        {"welcome", core::StatementItem{"Our doors are open",
                                        {"This is, and likely will always be, a work in progress. We will constantly expand and broaden our work, so please come and visit us often.",
                                         "Through printed information, educational events, and visual and audio media we hope to serve as a virtual library and museum. There is much here already; but much more will always be arriving.",
                                         "Our doors are open. Come on in!"},
                                        "The Chairperson"}},
        {"reading-list", core::ListItem{"In the reading room",
                                        {"On Authority — Frederick Engels, 1874", "Speech on the Moscow Soviet elections — V. I. Lenin, 1920",
                                         "On the Draft Constitution of the U.S.S.R. — 1936", "Women and Communism — Lawrence & Wishart, 1950"}}},
        {"notice", core::TextItem{"Vitrine", {"The exhibit will continue shortly."}}},
    };
}

}  // namespace

TEST_CASE("the Engels excerpt paints inside the margins at 1920x1080") {
    TtfSession ttf;
    render::PanelPainter painter;
    const core::Theme theme = dejavu_theme();
    auto pages = painter.paint_panel(kEngels, theme, core::Display{}, 1920, 1080);
    REQUIRE(pages);
    REQUIRE(pages->size() == 1);
    const SDL_Surface& page = *pages->front();
    CHECK(page.w == 1920);
    CHECK(page.h == 1080);
    CHECK(page.format->format == SDL_PIXELFORMAT_ARGB8888);
    CHECK(pixel(page, 0, 0) == 0u);  // transparent background
    const Ink ink = ink_of(page);
    CHECK(ink.count > 20000);  // a passage, a rule and three citation lines
    const int margin = 65;     // 6 % of 1080
    CHECK(ink.x0 >= margin);
    CHECK(ink.y0 >= margin);
    CHECK(ink.x1 < 1920 - margin);
    CHECK(ink.y1 < 1080 - margin);
    // The column is centred: the ink is about as far from the left edge as from the right.
    CHECK(std::abs(ink.x0 - (1919 - ink.x1)) < 80);
    // Body text at the real size: DejaVu Serif capitals reach the target cap height.
    auto m = painter.fonts().measurer(theme);
    const core::Typography t = core::compute_typography(core::Display{}, {1920, 1080}, theme, m);
    CHECK(t.target_cap_px == 32);
    CHECK(m.metrics(core::FontRole::body, t.body_px).cap_height >= 32);
    CHECK(m.metrics(core::FontRole::body, t.min_body_px).cap_height >= 26);
    CHECK(t.body_px == 44);
}

TEST_CASE("every sample panel paints on every screen and is saved for inspection") {
    TtfSession ttf;
    render::PanelPainter painter;
    const core::Theme theme = dejavu_theme();
    const std::pair<int, int> screens[] = {{1920, 1080}, {1080, 1920}, {1280, 720}};
    for (const auto& [w, h] : screens) {
        CAPTURE(w);
        for (const Sample& s : samples()) {
            CAPTURE(s.id);
            auto pages = painter.paint_panel(s.body, theme, core::Display{}, w, h);
            REQUIRE(pages);
            REQUIRE(!pages->empty());
            const int margin = static_cast<int>(std::lround(0.06 * std::min(w, h)));
            for (std::size_t p = 0; p < pages->size(); ++p) {
                const SDL_Surface& page = *(*pages)[p];
                const Ink ink = ink_of(page);
                CHECK(ink.count > 1000);
                CHECK(ink.x0 >= margin);
                CHECK(ink.y0 >= margin);
                CHECK(ink.x1 < w - margin);
                CHECK(ink.y1 < h - margin);
                std::string path = "/tmp/layout-" + s.id + "-" + std::to_string(w) + "x" + std::to_string(h);
                if (pages->size() > 1) path += "-p" + std::to_string(p + 1);
                save_composited(page, theme.background, path + ".png");
            }
        }
    }
}

TEST_CASE("Cyrillic titles render with DejaVu, which lacks CJK") {
    TtfSession ttf;
    render::FontCache fonts;
    const std::string serif = kFonts + "DejaVuSerif.ttf";
    for (char32_t c : core::decode_utf8("Проект Конституции")) {
        CAPTURE(static_cast<std::uint32_t>(c));
        CHECK(fonts.has_glyph(serif, c));
    }
    CHECK_FALSE(fonts.has_glyph(serif, U'\u4E2D'));
    CHECK_FALSE(fonts.has_glyph(kFonts + "missing.ttf", U'A'));

    render::PanelPainter painter;
    auto pages = painter.paint_panel(core::TextItem{"Проект Конституции", {"Проект Конституции СССР, 1936."}},
                                     dejavu_theme(), core::Display{}, 1920, 1080);
    REQUIRE(pages);
    REQUIRE(pages->size() == 1);
    CHECK(ink_of(*pages->front()).count > 5000);
}

TEST_CASE("a font that cannot be opened is an error that names it") {
    TtfSession ttf;
    render::PanelPainter painter;
    core::Theme theme = dejavu_theme();
    theme.italic_font = kFonts + "no-such-font.ttf";
    auto pages = painter.paint_panel(kEngels, theme, core::Display{}, 1920, 1080);
    REQUIRE_FALSE(pages);
    CHECK(pages.error().path == theme.italic_font.string());
    CHECK(pages.error().message.find("italic font") != std::string::npos);
    CHECK(pages.error().message.find("no-such-font.ttf") != std::string::npos);
    render::FontCache fonts;
    CHECK_FALSE(fonts.probe(theme.italic_font));
    CHECK(fonts.probe(kFonts + "DejaVuSans.ttf"));
}

TEST_CASE("a caption band is dark enough for 7:1 text over any picture, placed in the safe area") {
    TtfSession ttf;
    render::PanelPainter painter;
    const core::Theme theme = dejavu_theme();
    const std::pair<int, int> screens[] = {{1920, 1080}, {1080, 1920}, {1280, 720}};
    for (const auto& [w, h] : screens) {
        CAPTURE(w);
        auto band = painter.paint_caption("Drew my coworker looking at inventory and prices.", theme,
                                          core::Display{}, w, h);
        REQUIRE(band);
        const SDL_Surface& s = *band->surface;
        CHECK(band->dest.w == s.w);
        CHECK(band->dest.h == s.h);
        CHECK(band->dest.x >= w / 8);
        CHECK(band->dest.x + band->dest.w <= w - w / 8);
        CHECK(band->dest.y + band->dest.h <= h - h / 20);
        // The band's own pixels: black, at least 85 % opaque; the text: the caption colour.
        const std::uint32_t corner = pixel(s, 0, 0);
        CHECK((corner >> 24) == core::kCaptionBandAlpha);
        CHECK((corner & 0xFFFFFF) == 0u);
        std::uint32_t brightest = 0;
        for (int y = 0; y < s.h; ++y)
            for (int x = 0; x < s.w; ++x) brightest = std::max(brightest, pixel(s, x, y) & 0xFF);
        const core::Color text = core::caption_text_color(theme);
        CHECK(brightest >= text.b - 2u);
        // Over a white picture (the worst case) the band still leaves 7:1 to the text.
        core::Color band_over_white{0, 0, 0};
        band_over_white.r = band_over_white.g = band_over_white.b =
            static_cast<std::uint8_t>(255 - (corner >> 24));
        CHECK(core::contrast_ratio(text, band_over_white) >= 7.0);

        // A picture with the band on it, for inspection.
        platform::SurfacePtr picture(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
        REQUIRE(picture);
        for (int y = 0; y < h; ++y) {
            const SDL_Rect row{0, y, w, 1};
            const auto v = static_cast<Uint8>(120 + 130 * y / h);
            SDL_FillRect(picture.get(), &row, SDL_MapRGBA(picture->format, v, static_cast<Uint8>(v * 0.9), static_cast<Uint8>(v * 0.7), 255));
        }
        save_composited(*picture, theme.background,
                        "/tmp/layout-caption-" + std::to_string(w) + "x" + std::to_string(h) + ".png", &s, band->dest);
    }
    CHECK_FALSE(painter.paint_caption("", theme, core::Display{}, 1920, 1080));
}
