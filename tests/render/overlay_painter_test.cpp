// The visitor overlay drawn by the compositor with SDL's software renderer into a surface, at a
// landscape and a portrait 1080p screen, read back pixel by pixel at TouchLayout's rectangles.
// The controls, the menu, the keypad and the idle warning are also saved as PNGs under
// <build dir>/overlay-shots/ to be looked at.
#include <doctest/doctest.h>

#include "render/surface_pixels.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/contrast.hpp"
#include "core/touch_layout.hpp"
#include "media/image_loader.hpp"
#include "render/compositor.hpp"
#include "render/menu_tiles.hpp"
#include "render/overlay_painter.hpp"

using namespace vitrine;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string kFonts = VITRINE_SOURCE_DIR "/fonts/";

using Px = test::Rgb;

bool near(Px p, Px q, int tolerance = 6) {
    return std::abs(p.r - q.r) <= tolerance && std::abs(p.g - q.g) <= tolerance && std::abs(p.b - q.b) <= tolerance;
}

Px px_of(core::Color c) { return Px{c.r, c.g, c.b}; }

// SDL_ttf and SDL_image for the test's life; declared before anything holding fonts or pictures.
struct Libraries {
    media::ImageLibrary images;
    Libraries() : images(make_images()) { REQUIRE(TTF_Init() == 0); }
    ~Libraries() { TTF_Quit(); }
    Libraries(const Libraries&) = delete;
    Libraries& operator=(const Libraries&) = delete;
    static media::ImageLibrary make_images() {
        auto lib = media::ImageLibrary::create();
        REQUIRE(lib);
        return std::move(*lib);
    }
};

fs::path shots_dir() {
    const fs::path dir = fs::path(VITRINE_BINARY).parent_path() / "overlay-shots";
    fs::create_directories(dir);
    return dir;
}

platform::SurfacePtr solid(int w, int h, Uint8 r, Uint8 g, Uint8 b) {
    platform::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(s);
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, r, g, b, 255));
    return s;
}

// A PNG the section tiles point at, written into the build tree.
fs::path picture_file(const std::string& name, platform::SurfacePtr s) {
    const fs::path dir = shots_dir() / "fixtures";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    REQUIRE(IMG_SavePNG(s.get(), p.string().c_str()) == 0);
    return p;
}

constexpr Px kItem{200, 120, 60};  // the item under the overlay

core::Section section(const std::string& id, const std::string& en, const std::string& pt, fs::path image = {}) {
    core::Section s;
    s.id = id;
    s.title = {{"en", en}, {"pt", pt}};
    s.image = std::move(image);
    s.items = {0};
    return s;
}

std::shared_ptr<core::Playlist> exhibit_playlist() {
    auto p = std::make_shared<core::Playlist>();
    p->exhibit.title = "Workers' Documents";
    p->exhibit.language = "en";
    p->exhibit.languages = {"en", "pt", "ru"};
    auto& theme = p->exhibit.theme;
    theme.body_font = kFonts + "DejaVuSerif.ttf";
    theme.heading_font = kFonts + "DejaVuSans-Bold.ttf";
    theme.italic_font = kFonts + "DejaVuSerif-Italic.ttf";
    theme.ui_font = kFonts + "DejaVuSans.ttf";
    core::Item photo;
    photo.id = "photo";
    photo.body = core::ImageItem{};
    p->items.push_back(photo);
    core::Item linked;
    linked.id = "linked";
    linked.body = core::ImageItem{};
    core::Link button;
    button.label = {{"en", "Read the full text"}, {"pt", "Ler o texto completo"}};
    button.target = 0;
    core::Link hotspot;
    hotspot.label = {{"en", "The signature"}};
    hotspot.target = 0;
    hotspot.region = core::Region{0.1, 0.3, 0.2, 0.2};
    linked.links = {button, hotspot};
    p->items.push_back(linked);
    return p;
}

struct Canvas {
    int w, h;
    platform::SurfacePtr target;
    platform::RendererPtr renderer;
    render::Compositor compositor;
    std::shared_ptr<core::Playlist> playlist;
    core::TouchLayout layout;

    Canvas(int width, int height, std::shared_ptr<core::Playlist> p)
        : w(width),
          h(height),
          target(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888)),
          renderer(SDL_CreateSoftwareRenderer(target.get())),
          compositor(*renderer, width, height),
          playlist(std::move(p)),
          layout(width, height, playlist->exhibit.display.diagonal_inches) {
        REQUIRE(renderer);
        compositor.set_playlist(playlist, 0);
        for (std::size_t i = 0; i < playlist->items.size(); ++i) {
            render::PreparedItem item;
            item.index = i;
            item.image = solid(width, height, kItem.r, kItem.g, kItem.b);
            item.fit = core::Fit::cover;
            REQUIRE(compositor.adopt(std::move(item)));
        }
    }
    void draw(const core::Scene& s) {
        compositor.draw(s, playlist->exhibit.theme.background);
        SDL_RenderPresent(renderer.get());
    }
    Px at(int x, int y) const {
        return test::pixel_at(*target, x, y);
    }
    template <class F>
    long count(const core::Rect& r, F&& f) const {
        long n = 0;
        for (int y = std::max(0, r.y); y < std::min(h, r.y + r.h); ++y)
            for (int x = std::max(0, r.x); x < std::min(w, r.x + r.w); ++x)
                if (f(at(x, y))) ++n;
        return n;
    }
    long bright(const core::Rect& r) const {
        return count(r, [](Px p) { return p.r >= 230 && p.g >= 230 && p.b >= 230; });
    }
    long near_count(const core::Rect& r, Px c, int tolerance = 8) const {
        return count(r, [&](Px p) { return near(p, c, tolerance); });
    }
    double mean_brightness(const core::Rect& r) const {
        double sum = 0;
        long n = 0;
        for (int y = r.y; y < r.y + r.h; ++y)
            for (int x = r.x; x < r.x + r.w; ++x) {
                const Px p = at(x, y);
                sum += p.r + p.g + p.b;
                ++n;
            }
        return n ? sum / n : 0.0;
    }
    void save(const std::string& name) const {
        const fs::path p = shots_dir() / (name + "-" + std::to_string(w) + "x" + std::to_string(h) + ".png");
        CHECK(IMG_SavePNG(target.get(), p.string().c_str()) == 0);
        MESSAGE("saved " << p.string());
    }
};

core::Scene showing(std::size_t index) {
    core::Scene s;
    s.current = core::ItemView{0, index, 0ms, std::nullopt};
    s.language = "en";
    return s;
}

core::Scene with_controls(std::size_t index = 0) {
    core::Scene s = showing(index);
    s.overlay.controls = 1.0;
    s.overlay.playing = true;
    s.overlay.progress = 0.4;
    s.overlay.seekable = true;
    s.overlay.back = true;
    s.overlay.menu = true;
    return s;
}

std::vector<core::Target> controls_of(const Canvas& c, const core::Overlay& o) {
    return c.layout.controls(c.playlist->exhibit.languages.size(), o.back, o.progress.has_value(), o.menu);
}

core::Rect rect_of(const std::vector<core::Target>& targets, core::Control control, std::size_t index = 0) {
    for (const auto& t : targets)
        if (t.control == control && t.index == index) return t.rect;
    FAIL("no such target");
    return {};
}

// A point of `band` that no target covers (nor the progress line): where only the scrim is drawn.
std::pair<int, int> bare_point(const Canvas& c, const core::Rect& band, const std::vector<core::Target>& targets) {
    const core::Rect line = c.layout.progress_line();
    for (int y = band.y + band.h - 3; y >= band.y; y -= 3)
        for (int x = 2; x < c.w; x += 7) {
            bool covered = line.contains(x, y);
            for (const auto& t : targets) covered = covered || t.rect.contains(x, y);
            if (!covered) return {x, y};
        }
    FAIL("the band is covered everywhere");
    return {0, 0};
}

// Runs `body` once for a landscape and once for a portrait 1080p screen (SUBCASEs, so that
// SUBCASEs inside `body` combine with each).
template <class F>
void on_both_screens(F&& body) {
    SUBCASE("1920x1080") { body(1920, 1080); }
    SUBCASE("1080x1920") { body(1080, 1920); }
}

}  // namespace

TEST_CASE("the controls draw their bands on a dark scrim with their icons, and leave the middle of the screen alone") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        Canvas c(w, h, exhibit_playlist());
        core::Scene s = with_controls();
        c.draw(s);
        c.save("controls");
        const auto targets = controls_of(c, s.overlay);

        // The bands: the item darkened to 0.3 of itself wherever no control is drawn.
        for (const core::Rect band : {c.layout.top_band(), c.layout.bottom_band()}) {
            const auto [x, y] = bare_point(c, band, targets);
            const Px p = c.at(x, y);
            CAPTURE(x);
            CAPTURE(y);
            CHECK(near(p, {60, 36, 18}, 4));
        }
        // Icons and labels in white on them.
        CHECK(c.bright(rect_of(targets, core::Control::play_pause)) > 300);
        CHECK(c.bright(rect_of(targets, core::Control::previous)) > 300);
        CHECK(c.bright(rect_of(targets, core::Control::next)) > 300);
        CHECK(c.bright(rect_of(targets, core::Control::menu)) > 200);
        CHECK(c.bright(rect_of(targets, core::Control::back)) > 200);
        // The progress line: the played part in the accent colour up to 40 %, the knob at its end.
        const core::Rect line = c.layout.progress_line();
        const Px accent = px_of(c.playlist->exhibit.theme.accent);
        CHECK(near(c.at(line.x + line.w / 5, line.y + line.h / 2), accent, 4));
        CHECK_FALSE(near(c.at(line.x + line.w * 3 / 4, line.y + line.h / 2), accent, 30));
        CHECK(c.at(line.x + line.w * 2 / 5, line.y + line.h / 2).r >= 240);  // the knob, white

        // Between the bands: the item, untouched.
        const int top = c.layout.top_band().y + c.layout.top_band().h;
        const core::Rect middle{0, top, w, c.layout.bottom_band().y - top};
        CHECK(c.near_count(middle, kItem, 1) == static_cast<long>(middle.w) * middle.h);

        SUBCASE("play shows a triangle where pause shows two bars") {
            const core::Rect r = rect_of(targets, core::Control::play_pause);
            const long pause_ink = c.bright(r);
            const int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
            CHECK(c.at(cx, cy).r < 230);  // between pause's two bars
            s.overlay.playing = false;
            c.draw(s);
            const long play_ink = c.bright(r);
            CHECK(play_ink > 300);
            CHECK(play_ink != pause_ink);
            CHECK(c.at(cx, cy).r >= 230);  // inside play's triangle
        }
        SUBCASE("over a white picture the bands keep white labels at 7:1") {
            render::PreparedItem white;
            white.index = 0;
            white.image = solid(w, h, 255, 255, 255);
            REQUIRE(c.compositor.adopt(std::move(white)));
            c.draw(s);
            for (const core::Rect band : {c.layout.top_band(), c.layout.bottom_band()}) {
                const auto [x, y] = bare_point(c, band, targets);
                const Px p = c.at(x, y);
                const core::Color under{static_cast<std::uint8_t>(p.r), static_cast<std::uint8_t>(p.g),
                                        static_cast<std::uint8_t>(p.b)};
                CHECK(core::contrast_ratio(core::Color{255, 255, 255}, under) >= 7.0);
            }
        }
        SUBCASE("hidden controls leave the bands showing the item") {
            s.overlay.controls = 0.0;
            c.draw(s);
            CHECK(c.near_count(core::Rect{0, 0, w, h}, kItem, 1) == static_cast<long>(w) * h);
        }
        SUBCASE("half-faded controls darken their bands half as much") {
            s.overlay.controls = 0.5;
            c.draw(s);
            const auto [x, y] = bare_point(c, c.layout.top_band(), targets);
            CHECK(near(c.at(x, y), {130, 78, 39}, 4));
        }
    });
}

TEST_CASE("the visit's language button is filled with the accent colour and the others are outlined") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        Canvas c(w, h, exhibit_playlist());
        core::Scene s = with_controls();
        s.overlay.language = 1;
        s.language = "pt";
        c.draw(s);
        c.save("controls-pt");
        const auto targets = controls_of(c, s.overlay);
        const Px accent = px_of(c.playlist->exhibit.theme.accent);
        for (std::size_t i = 0; i < 3; ++i) {
            CAPTURE(i);
            const core::Rect r = rect_of(targets, core::Control::language, i);
            const long area = static_cast<long>(r.w) * r.h;
            const long filled = c.near_count(r, accent, 2);
            const long ink = c.count(r, [](Px p) { return p.r < 40 && p.g < 40 && p.b < 40; });
            if (i == 1) {
                CHECK(filled > area * 6 / 10);
                CHECK(ink > 100);  // the name in dark letters
            } else {
                CHECK(filled < area / 50);
                CHECK(c.at(r.x + 1, r.y + r.h / 2).r >= 240);  // the outline
                CHECK(c.bright(r) > 300);                       // outline and name in white
            }
        }
    });
}

TEST_CASE("a target under a finger is drawn lighter") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        Canvas c(w, h, exhibit_playlist());
        core::Scene s = with_controls();
        const auto targets = controls_of(c, s.overlay);
        const core::Rect next = rect_of(targets, core::Control::next);
        c.draw(s);
        const double before = c.mean_brightness(next);
        s.overlay.pressed = core::Target{core::Control::next, 0, next};
        c.draw(s);
        CHECK(c.mean_brightness(next) > before + 30);
        CHECK(c.compositor.frame_key(s) != c.compositor.frame_key(with_controls()));
    });
}

TEST_CASE("links are buttons with their label in the visit's language, and hotspots are framed regions, with or without the controls") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        Canvas c(w, h, exhibit_playlist());
        core::Scene s = showing(1);
        c.draw(s);
        c.save("links");
        const auto links = c.layout.links(c.playlist->items[1].links);
        REQUIRE(links.size() == 2);
        const Px accent = px_of(c.playlist->exhibit.theme.accent);
        const core::Rect button = links[0].rect;
        const core::Rect hotspot = links[1].rect;
        CHECK(links[1].rect == c.layout.region(*c.playlist->items[1].links[1].region));
        // The button: dark inside, the accent along its edge, a white label.
        CHECK(near(c.at(button.x + 1, button.y + button.h / 2), accent, 2));
        CHECK(c.at(button.x + button.w / 2, button.y + 4).r < 70);
        const long english = c.bright(button);
        CHECK(english > 200);
        // The hotspot: framed in the accent colour, the item showing inside, its label on a chip.
        CHECK(near(c.at(hotspot.x + 1, hotspot.y + hotspot.h / 2), accent, 2));
        CHECK(near(c.at(hotspot.x + hotspot.w / 2, hotspot.y + hotspot.h * 3 / 4), kItem, 1));
        CHECK(c.bright(core::Rect{hotspot.x, hotspot.y, hotspot.w, hotspot.h / 3}) > 50);

        SUBCASE("in Portuguese the label changes") {
            s.language = "pt";
            c.draw(s);
            CHECK(c.bright(button) != english);
            CHECK(c.bright(button) > 200);
        }
        SUBCASE("a drag carries the links with the item") {
            s.drag = -0.05;
            s.neighbour = core::ItemView{0, 0, 0ms, std::nullopt};
            c.draw(s);
            const int dx = static_cast<int>(std::lround(-0.05 * w));
            CHECK(near(c.at(hotspot.x + dx + 1, hotspot.y + hotspot.h / 2), accent, 2));
            CHECK(near(c.at(hotspot.x + 1, hotspot.y + hotspot.h / 2), kItem, 1));
        }
    });
}

TEST_CASE("the menu shows a tile per section with its picture or colour and its title, and a close button") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        auto playlist = exhibit_playlist();
        // A wide picture whose middle is blue and ends red: the tile shows its middle.
        auto wide = solid(1200, 200, 220, 0, 0);
        SDL_Rect middle{300, 0, 600, 200};
        SDL_FillRect(wide.get(), &middle, SDL_MapRGB(wide->format, 0, 0, 230));
        playlist->sections = {section("documents", "Documents", "Documentos", picture_file("green.png", solid(800, 600, 0, 160, 0))),
                              section("gallery", "Gallery", "Galeria"),
                              section("films", "Films", "Filmes", picture_file("wide.png", std::move(wide)))};
        Canvas c(w, h, playlist);
        auto tiles = render::prepare_menu_tiles(*playlist, 0, w, h);
        CHECK(tiles.errors.empty());
        REQUIRE(c.compositor.adopt_menu_tiles(std::move(tiles)));

        core::Scene s = showing(0);
        s.overlay.panel = core::Overlay::Panel::menu;
        s.overlay.panel_opacity = 1.0;
        c.draw(s);
        c.save("menu");

        const auto targets = c.layout.menu(core::MenuShape{3, 0, false});
        const Px text = px_of(playlist->exhibit.theme.text);
        const Px bg = px_of(playlist->exhibit.theme.background);
        const Px expected[3] = {{0, 160, 0}, {0, 0, 0} /* unused: a colour panel */, {0, 0, 230}};
        for (std::size_t i = 0; i < 3; ++i) {
            CAPTURE(i);
            const core::Rect tile = rect_of(targets, core::Control::menu_tile, i);
            const core::Rect pic = core::TouchLayout::tile_picture(tile);
            const Px centre = c.at(pic.x + pic.w / 2, pic.y + pic.h / 2);
            if (i == 1) {
                // No picture: the accent, dimmed over the menu's dark ground.
                CHECK(centre.r > bg.r + 30);
                CHECK(centre.r > centre.b);
            } else {
                CHECK(near(centre, expected[i], 8));
            }
            // The title below the picture.
            CHECK(c.near_count(core::TouchLayout::tile_title(tile), text, 40) > 80);
        }
        // The picture was cropped to the tile, not squeezed: its red ends are cut away.
        const core::Rect films = core::TouchLayout::tile_picture(rect_of(targets, core::Control::menu_tile, 2));
        CHECK(near(c.at(films.x + 3, films.y + films.h / 2), {0, 0, 230}, 8));
        // The close button, and nothing of the item shows through the menu.
        CHECK(c.bright(rect_of(targets, core::Control::menu_close)) > 100);
        CHECK(near(c.at(w / 2, h - 3), bg, 12));
        // The header holds the exhibit's title.
        const core::Rect header = c.layout.menu_header();
        CHECK(c.bright(core::Rect{header.x + w / 4, header.y, w / 2, header.h}) > 200);

        SUBCASE("a nested level has a way up and the parent's title") {
            playlist->sections.push_back(section("collection", "Collection", "Coleção"));
            playlist->sections[3].items.clear();
            playlist->sections[0].parent = 3;
            playlist->sections[1].parent = 3;
            s.overlay.menu_parent = 3;
            c.draw(s);
            const auto nested = c.layout.menu(core::MenuShape{2, 0, true});
            CHECK(c.bright(rect_of(nested, core::Control::menu_up)) > 200);
            const core::Rect tile = rect_of(nested, core::Control::menu_tile, 1);
            const Px colour_panel = c.at(tile.x + tile.w / 2, core::TouchLayout::tile_picture(tile).y + 10);
            CHECK(colour_panel.r > bg.r + 30);  // "gallery", the second child, has no picture
        }
        SUBCASE("a half-faded menu lets the item show through") {
            s.overlay.panel_opacity = 0.5;
            c.draw(s);
            const Px p = c.at(w / 2, h - 3);
            CHECK(p.r > bg.r + 60);
            CHECK(p.r < kItem.r - 60);
        }
    });
}

TEST_CASE("a menu with more tiles than a page has page buttons and says which page it is") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        auto playlist = exhibit_playlist();
        for (int i = 0; i < 8; ++i) playlist->sections.push_back(section("s" + std::to_string(i), "Part " + std::to_string(i), "Parte"));
        Canvas c(w, h, playlist);
        core::Scene s = showing(0);
        s.overlay.panel = core::Overlay::Panel::menu;
        s.overlay.panel_opacity = 1.0;
        s.overlay.menu_page = 1;
        c.draw(s);
        const auto targets = c.layout.menu(core::MenuShape{8, 1, false});
        CHECK(c.bright(rect_of(targets, core::Control::menu_page_previous)) > 100);
        std::size_t tiles = 0;
        for (const auto& t : targets) tiles += t.control == core::Control::menu_tile;
        CHECK(tiles == 2);
        const core::Rect first = rect_of(targets, core::Control::menu_tile, 6);
        CHECK(c.near_count(core::TouchLayout::tile_title(first), px_of(playlist->exhibit.theme.text), 40) > 80);
    });
}

TEST_CASE("the staff keypad shows a dot for each digit typed and says when the PIN was wrong") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        Canvas c(w, h, exhibit_playlist());
        core::Scene s = showing(0);
        s.overlay.panel = core::Overlay::Panel::pin;
        s.overlay.panel_opacity = 1.0;
        s.overlay.pin_digits = 2;
        c.draw(s);
        c.save("pin");
        const core::Rect display = c.layout.pin_display();
        // White runs along the display's middle row: one per dot.
        auto dots = [&] {
            int runs = 0;
            bool in = false;
            const int y = display.y + display.h / 2;
            for (int x = display.x + 4; x < display.x + display.w - 4; ++x) {
                const Px q = c.at(x, y);
                const bool white = q.r >= 230 && q.g >= 230 && q.b >= 230;
                runs += white && !in;
                in = white;
            }
            return runs;
        };
        CHECK(dots() == 2);
        s.overlay.pin_digits = 5;
        c.draw(s);
        CHECK(dots() == 5);

        const auto pad = c.layout.pin_pad();
        for (const auto& t : pad) {
            CAPTURE(static_cast<int>(t.control));
            CAPTURE(t.index);
            if (t.control == core::Control::pin_ok) {
                CHECK(c.near_count(t.rect, px_of(c.playlist->exhibit.theme.accent), 2) > t.rect.w * t.rect.h / 2);
            } else {
                CHECK(c.bright(t.rect) > 40);  // a digit, the delete key's sign, the close cross
            }
        }
        // The rest of the screen is dimmed behind the keypad.
        CHECK(near(c.at(5, h / 2), {60, 36, 18}, 4));

        SUBCASE("a wrong PIN is said in the display") {
            s.overlay.pin_digits = 0;
            s.overlay.pin_wrong = true;
            c.draw(s);
            CHECK(dots() == 0);
            CHECK(c.near_count(display, {0xFF, 0x9E, 0x8A}, 30) > 50);
        }
    });
}

TEST_CASE("the idle warning shows a banner with its three lines and the seconds left rounded up") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        Canvas c(w, h, exhibit_playlist());
        core::Scene s = showing(0);
        s.overlay.idle_left = core::Millis{7200};
        c.draw(s);
        c.save("idle");
        const core::Rect banner = c.layout.idle_banner();
        CHECK(c.bright(banner) > 500);
        CHECK(c.near_count(banner, px_of(c.playlist->exhibit.theme.accent), 30) > 300);  // frame and countdown
        CHECK(c.at(banner.x + banner.w / 2, banner.y + 3).r < 240);
        // Outside the banner: the item.
        CHECK(near(c.at(banner.x - 5, banner.y + banner.h / 2), kItem, 1));

        // The frame changes when the number shown does, not with every millisecond.
        core::Scene later = s;
        later.overlay.idle_left = core::Millis{7001};
        CHECK(c.compositor.frame_key(later) == c.compositor.frame_key(s));
        later.overlay.idle_left = core::Millis{6999};
        CHECK(c.compositor.frame_key(later) != c.compositor.frame_key(s));
    });
}

TEST_CASE("the overlay painter renders each label once and reuses it while it shows") {
    Libraries libs;
    auto playlist = exhibit_playlist();
    platform::SurfacePtr target(SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888));
    platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(target.get()));
    REQUIRE(renderer);
    render::OverlayPainter painter(*renderer, 1920, 1080);
    core::Scene s = with_controls(1);
    s.overlay.idle_left = core::Millis{5000};
    painter.draw_links(*playlist, playlist->items[1], s, 0.0f);
    painter.draw(*playlist, 0, s);
    CHECK(painter.last_error().empty());
    const std::size_t first = painter.labels_rendered();
    CHECK(first >= 8);  // menu, back, three languages, three banner lines, two links
    painter.draw_links(*playlist, playlist->items[1], s, 0.0f);
    painter.draw(*playlist, 0, s);
    CHECK(painter.labels_rendered() == first);
    s.overlay.idle_left = core::Millis{4000};
    painter.draw(*playlist, 0, s);
    CHECK(painter.labels_rendered() == first + 1);  // only the countdown's new number

    SUBCASE("a font that cannot be opened is reported, and nothing else fails") {
        playlist->exhibit.theme.ui_font = kFonts + "no-such-font.ttf";
        painter.draw(*playlist, 0, s);
        CHECK(painter.last_error().find("no-such-font.ttf") != std::string::npos);
    }
}

TEST_CASE("menu tile pictures are cropped to the tile's shape and shrunk to its size") {
    Libraries libs;
    on_both_screens([&](int w, int h) {
        auto playlist = exhibit_playlist();
        playlist->sections = {section("big", "Big", "Grande", picture_file("big.png", solid(3000, 1000, 0, 160, 0))),
                              section("small", "Small", "Pequeno", picture_file("small.png", solid(100, 100, 0, 0, 200))),
                              section("none", "None", "Nada"),
                              section("missing", "Missing", "Falta", shots_dir() / "fixtures" / "no-such.png")};
        auto tiles = render::prepare_menu_tiles(*playlist, 4, w, h);
        CHECK(tiles.generation == 4);
        REQUIRE(tiles.pictures.size() == 4);
        const core::Size area = render::tile_picture_size(*playlist, 0, w, h);
        const auto grid = core::TouchLayout(w, h, 0).menu(core::MenuShape{4, 0, false});
        const core::Rect pic = core::TouchLayout::tile_picture(rect_of(grid, core::Control::menu_tile, 0));
        CHECK(area == core::Size{pic.w, pic.h});
        REQUIRE(tiles.pictures[0]);
        CHECK(std::abs(tiles.pictures[0]->w - area.width) <= 1);
        CHECK(std::abs(tiles.pictures[0]->h - area.height) <= 1);
        REQUIRE(tiles.pictures[1]);
        const double want = static_cast<double>(area.width) / area.height;
        CHECK(static_cast<double>(tiles.pictures[1]->w) / tiles.pictures[1]->h == doctest::Approx(want).epsilon(0.03));
        CHECK(tiles.pictures[1]->w <= 100);
        CHECK_FALSE(tiles.pictures[2]);
        CHECK_FALSE(tiles.pictures[3]);
        REQUIRE(tiles.errors.size() == 1);
        CHECK(tiles.errors[0].message.find("no-such.png") != std::string::npos);

        SUBCASE("pictures made for another screen are refused") {
            platform::SurfacePtr target(SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888));
            platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(target.get()));
            render::Compositor compositor(*renderer, 64, 64);
            CHECK_FALSE(compositor.adopt_menu_tiles(std::move(tiles)));
        }
    });
}
