#include "render/overlay_painter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

#include "core/font_role.hpp"
#include "core/ui_text.hpp"

namespace vitrine::render {
namespace {

constexpr core::Color kWhite{255, 255, 255};
constexpr core::Color kBlack{0, 0, 0};
// Text on the accent colour: near black (the default accent gives about 10:1).
constexpr core::Color kInk{0x12, 0x12, 0x12};
// "Wrong PIN": a light warm red, readable on the dark keypad.
constexpr core::Color kWarning{0xFF, 0x9E, 0x8A};
constexpr double kLabelOfTarget = 0.36;   // control labels: about a third of a target
constexpr double kTitleOfTarget = 0.5;    // the menu's header title
constexpr double kBannerOfTarget = 0.55;  // the idle warning's first line: seen from a step away
constexpr double kKeyDigitOfKey = 0.42;   // digits on the keypad's keys
constexpr int kMinPxAt1080 = 26;          // visitor-experience.md: never below 16' of arc (26 px at 1080p)
constexpr double kLinkFillAlpha = 0.75;   // link buttons: white text over black at 0.75 is 10:1 on any picture
constexpr double kPressedAlpha = 0.25;    // a finger's target lit by this much white
constexpr double kMenuAlpha = 1.0;        // the menu hides the item (which is then not drawn at all)

Uint8 to_alpha(double a) { return static_cast<Uint8>(std::lround(std::clamp(a, 0.0, 1.0) * 255.0)); }

SDL_Color sdl(core::Color c, double alpha) { return SDL_Color{c.r, c.g, c.b, to_alpha(alpha * c.a / 255.0)}; }

core::Color lighter(core::Color c, double by) {
    const auto mix = [by](std::uint8_t v) { return static_cast<std::uint8_t>(std::lround(v + (255 - v) * by)); };
    return core::Color{mix(c.r), mix(c.g), mix(c.b), c.a};
}

std::uint32_t packed(core::Color c) {
    return (std::uint32_t{c.r} << 24) | (std::uint32_t{c.g} << 16) | (std::uint32_t{c.b} << 8) | c.a;
}

// Removes the last UTF-8 code point of `s`.
void pop_code_point(std::string& s) {
    while (!s.empty()) {
        const auto c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break;  // not a continuation byte: the code point's first byte
    }
}

core::Rect shifted(core::Rect r, int dx) {
    r.x += dx;
    return r;
}

core::Rect inset(core::Rect r, int by) { return core::Rect{r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by}; }

const std::filesystem::path& ui_font(const core::Theme& theme) { return core::font_for(core::FontRole::ui, theme); }

const std::filesystem::path& heading_font(const core::Theme& theme) {
    const auto& f = core::font_for(core::FontRole::heading, theme);
    return f.empty() ? ui_font(theme) : f;
}

std::string_view visit_language(const core::Playlist& playlist, const core::Scene& scene) {
    return scene.language.empty() ? std::string_view(playlist.exhibit.language) : std::string_view(scene.language);
}

bool is_pressed(const core::Overlay& o, const core::Target& t) {
    return o.pressed && o.pressed->control == t.control && o.pressed->index == t.index;
}

}  // namespace

OverlayPainter::OverlayPainter(SDL_Renderer& renderer, int width, int height)
    : renderer_(renderer), width_(width), height_(height) {}

core::TouchLayout OverlayPainter::layout(const core::Exhibit& exhibit) const {
    return core::TouchLayout(width_, height_, exhibit.display.diagonal_inches);
}

int OverlayPainter::min_px() const {
    return static_cast<int>(std::lround(kMinPxAt1080 * std::min(width_, height_) / 1080.0));
}

int OverlayPainter::label_px(const core::TouchLayout& layout) const {
    return std::max(static_cast<int>(std::lround(kLabelOfTarget * layout.target())), min_px());
}

core::Result<void> OverlayPainter::adopt_tiles(MenuTilePictures tiles) {
    if (tiles.width != width_ || tiles.height != height_) {
        return core::fail("menu tiles made for " + std::to_string(tiles.width) + "x" + std::to_string(tiles.height) +
                          ", not this " + std::to_string(width_) + "x" + std::to_string(height_) + " screen");
    }
    std::vector<platform::TexturePtr> textures(tiles.pictures.size());
    for (std::size_t i = 0; i < tiles.pictures.size(); ++i) {
        if (!tiles.pictures[i]) continue;
        textures[i].reset(SDL_CreateTextureFromSurface(&renderer_, tiles.pictures[i].get()));
        if (!textures[i]) return core::fail(std::string("cannot create a texture for a menu tile: ") + SDL_GetError());
        SDL_SetTextureBlendMode(textures[i].get(), SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(textures[i].get(), SDL_ScaleModeLinear);
        tiles.pictures[i].reset();  // the CPU copy is no longer needed
    }
    tiles_ = std::move(textures);
    tiles_generation_ = tiles.generation;
    has_tiles_ = true;
    return {};
}

// --- shapes ---------------------------------------------------------------------------------

void OverlayPainter::fill(const core::Rect& r, core::Color c, double alpha) {
    if (r.w <= 0 || r.h <= 0 || alpha <= 0) return;
    const SDL_Color s = sdl(c, alpha);
    SDL_SetRenderDrawBlendMode(&renderer_, s.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(&renderer_, s.r, s.g, s.b, s.a);
    const SDL_Rect rect{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(&renderer_, &rect);
}

void OverlayPainter::outline(const core::Rect& r, int t, core::Color c, double alpha) {
    if (r.w <= 2 * t || r.h <= 2 * t) return fill(r, c, alpha);
    fill(core::Rect{r.x, r.y, r.w, t}, c, alpha);
    fill(core::Rect{r.x, r.y + r.h - t, r.w, t}, c, alpha);
    fill(core::Rect{r.x, r.y + t, t, r.h - 2 * t}, c, alpha);
    fill(core::Rect{r.x + r.w - t, r.y + t, t, r.h - 2 * t}, c, alpha);
}

void OverlayPainter::triangle(float x0, float y0, float x1, float y1, float x2, float y2, core::Color c,
                              double alpha) {
    if (alpha <= 0) return;
    const SDL_Color s = sdl(c, alpha);
    const SDL_Vertex v[3] = {{{x0, y0}, s, {0, 0}}, {{x1, y1}, s, {0, 0}}, {{x2, y2}, s, {0, 0}}};
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(&renderer_, nullptr, v, 3, nullptr, 0);
}

void OverlayPainter::line(float x0, float y0, float x1, float y1, float thickness, core::Color c, double alpha) {
    const float dx = x1 - x0, dy = y1 - y0;
    const float len = std::hypot(dx, dy);
    if (len <= 0 || alpha <= 0) return;
    const float nx = -dy / len * thickness / 2, ny = dx / len * thickness / 2;
    const SDL_Color s = sdl(c, alpha);
    const SDL_Vertex v[4] = {{{x0 + nx, y0 + ny}, s, {0, 0}},
                             {{x1 + nx, y1 + ny}, s, {0, 0}},
                             {{x1 - nx, y1 - ny}, s, {0, 0}},
                             {{x0 - nx, y0 - ny}, s, {0, 0}}};
    const int indices[6] = {0, 1, 2, 0, 2, 3};
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(&renderer_, nullptr, v, 4, indices, 6);
}

void OverlayPainter::disc(float cx, float cy, float radius, core::Color c, double alpha) {
    if (radius <= 0 || alpha <= 0) return;
    constexpr int kSegments = 32;  // smooth at the sizes drawn here (a knob, a PIN dot)
    const SDL_Color s = sdl(c, alpha);
    std::array<SDL_Vertex, kSegments + 1> v;
    std::array<int, kSegments * 3> indices;
    v[0] = SDL_Vertex{{cx, cy}, s, {0, 0}};
    for (int i = 0; i < kSegments; ++i) {
        const double a = 2 * std::numbers::pi * i / kSegments;
        v[i + 1] = SDL_Vertex{{cx + radius * static_cast<float>(std::cos(a)), cy + radius * static_cast<float>(std::sin(a))},
                              s, {0, 0}};
        indices[i * 3] = 0;
        indices[i * 3 + 1] = i + 1;
        indices[i * 3 + 2] = (i + 1) % kSegments + 1;
    }
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(&renderer_, nullptr, v.data(), static_cast<int>(v.size()), indices.data(),
                       static_cast<int>(indices.size()));
}

// --- text -----------------------------------------------------------------------------------

const OverlayPainter::Label* OverlayPainter::label(const std::filesystem::path& font, int px, std::string_view text,
                                                   core::Color c) {
    if (text.empty() || px <= 0) return nullptr;
    LabelKey key{font.string(), px, std::string(text), packed(c)};
    if (auto it = labels_.find(key); it != labels_.end()) return it->second.texture ? &it->second : nullptr;
    Label made;
    auto f = fonts_.font(font, px);
    if (!f) {
        last_error_ = f.error().message;
    } else {
        const std::string s(text);
        platform::SurfacePtr surface(TTF_RenderUTF8_Blended(*f, s.c_str(), SDL_Color{c.r, c.g, c.b, 255}));
        if (!surface) {
            last_error_ = std::string("cannot render \"") + s + "\": " + TTF_GetError();
        } else {
            made.texture.reset(SDL_CreateTextureFromSurface(&renderer_, surface.get()));
            if (!made.texture) {
                last_error_ = std::string("cannot create a texture for a label: ") + SDL_GetError();
            } else {
                SDL_SetTextureBlendMode(made.texture.get(), SDL_BLENDMODE_BLEND);
                made.w = surface->w;
                made.h = surface->h;
                ++rendered_;
            }
        }
    }
    // A failure is kept too (as an empty entry): it is not retried every frame.
    auto [it, _] = labels_.emplace(std::move(key), std::move(made));
    return it->second.texture ? &it->second : nullptr;
}

const OverlayPainter::Fitted& OverlayPainter::fit(const std::filesystem::path& font, int px, int min_px,
                                                  std::string_view text, int width) {
    FitKey key{font.string(), px, min_px, std::string(text), width};
    if (auto it = fits_.find(key); it != fits_.end()) return it->second;
    Fitted out{std::string(text), px};
    // Smaller type first (a step of about 4 %), down to the readable minimum; then fewer words.
    while (out.px > min_px && fonts_.width(font, out.px, out.text) > width) {
        out.px = std::max(min_px, out.px - std::max(1, out.px / 25));
    }
    if (fonts_.width(font, out.px, out.text) > width) {
        static constexpr std::string_view kEllipsis = "\u2026";
        std::string cut = out.text;
        while (!cut.empty() && fonts_.width(font, out.px, cut + std::string(kEllipsis)) > width) pop_code_point(cut);
        while (!cut.empty() && cut.back() == ' ') cut.pop_back();
        out.text = cut.empty() ? std::string() : cut + std::string(kEllipsis);
    }
    return fits_.emplace(std::move(key), std::move(out)).first->second;
}

int OverlayPainter::text(const core::Rect& r, std::string_view words, const std::filesystem::path& font, int px,
                         core::Color c, double alpha, Align align) {
    if (alpha <= 0 || r.w <= 0) return 0;
    const Fitted& f = fit(font, px, std::min(px, min_px()), words, r.w);
    const Label* l = label(font, f.px, f.text, c);
    if (!l) return 0;
    const int x = align == Align::left ? r.x : r.x + (r.w - l->w) / 2;
    const SDL_Rect dst{x, r.y + (r.h - l->h) / 2, l->w, l->h};
    SDL_SetTextureAlphaMod(l->texture.get(), to_alpha(alpha));
    SDL_RenderCopy(&renderer_, l->texture.get(), nullptr, &dst);
    return l->w;
}

// --- icons ----------------------------------------------------------------------------------

namespace {

struct Centre {
    float x, y, s;  // centre and the icon's size
};

Centre centre_of(const core::Rect& r, double of_side = 0.42) {
    return Centre{r.x + r.w / 2.0f, r.y + r.h / 2.0f, static_cast<float>(std::min(r.w, r.h) * of_side)};
}

}  // namespace

void OverlayPainter::icon_play(const core::Rect& r, double alpha) {
    const auto [x, y, s] = centre_of(r);
    triangle(x - s * 0.4f, y - s * 0.5f, x + s * 0.55f, y, x - s * 0.4f, y + s * 0.5f, kWhite, alpha);
}

void OverlayPainter::icon_pause(const core::Rect& r, double alpha) {
    const auto [x, y, s] = centre_of(r);
    const int bw = std::max(2, static_cast<int>(std::lround(s * 0.28f)));
    const int gap = std::max(2, static_cast<int>(std::lround(s * 0.24f)));
    const int top = static_cast<int>(std::lround(y - s / 2)), h = static_cast<int>(std::lround(s));
    const int left = static_cast<int>(std::lround(x)) - gap / 2 - bw;
    fill(core::Rect{left, top, bw, h}, kWhite, alpha);
    fill(core::Rect{left + bw + gap, top, bw, h}, kWhite, alpha);
}

void OverlayPainter::icon_previous(const core::Rect& r, double alpha) {
    const auto [x, y, s] = centre_of(r);
    const float bar = std::max(2.0f, s * 0.16f);
    fill(core::Rect{static_cast<int>(std::lround(x - s / 2)), static_cast<int>(std::lround(y - s / 2)),
                    static_cast<int>(std::lround(bar)), static_cast<int>(std::lround(s))},
         kWhite, alpha);
    triangle(x + s / 2, y - s / 2, x + s / 2, y + s / 2, x - s / 2 + bar, y, kWhite, alpha);
}

void OverlayPainter::icon_next(const core::Rect& r, double alpha) {
    const auto [x, y, s] = centre_of(r);
    const float bar = std::max(2.0f, s * 0.16f);
    fill(core::Rect{static_cast<int>(std::lround(x + s / 2 - bar)), static_cast<int>(std::lround(y - s / 2)),
                    static_cast<int>(std::lround(bar)), static_cast<int>(std::lround(s))},
         kWhite, alpha);
    triangle(x - s / 2, y - s / 2, x + s / 2 - bar, y, x - s / 2, y + s / 2, kWhite, alpha);
}

void OverlayPainter::icon_menu(const core::Rect& r, double alpha) {
    const auto [x, y, s] = centre_of(r);
    const int th = std::max(3, static_cast<int>(std::lround(s * 0.13f)));
    const int w = static_cast<int>(std::lround(s));
    const int left = static_cast<int>(std::lround(x - s / 2));
    for (int i = -1; i <= 1; ++i) {
        const int cy = static_cast<int>(std::lround(y + i * s * 0.36f));
        fill(core::Rect{left, cy - th / 2, w, th}, kWhite, alpha);
    }
}

void OverlayPainter::icon_back(const core::Rect& r, core::Color c, double alpha) {
    const auto [x, y, s] = centre_of(r);
    line(x - s * 0.1f, y, x + s / 2, y, std::max(3.0f, s * 0.14f), c, alpha);
    triangle(x - s / 2, y, x, y - s * 0.42f, x, y + s * 0.42f, c, alpha);
}

void OverlayPainter::icon_close(const core::Rect& r, double alpha) {
    const auto [x, y, s] = centre_of(r, 0.36);
    const float th = std::max(3.0f, s * 0.14f);
    line(x - s / 2, y - s / 2, x + s / 2, y + s / 2, th, kWhite, alpha);
    line(x - s / 2, y + s / 2, x + s / 2, y - s / 2, th, kWhite, alpha);
}

void OverlayPainter::icon_delete(const core::Rect& r, double alpha) {
    // A key-cap pointing left with a cross in it: "remove the last digit".
    const auto [x, y, s] = centre_of(r, 0.34);
    const float th = std::max(2.0f, s * 0.09f);
    const std::array<std::pair<float, float>, 5> p = {{{x - s * 0.65f, y},
                                                        {x - s * 0.25f, y - s * 0.42f},
                                                        {x + s * 0.6f, y - s * 0.42f},
                                                        {x + s * 0.6f, y + s * 0.42f},
                                                        {x - s * 0.25f, y + s * 0.42f}}};
    for (std::size_t i = 0; i < p.size(); ++i) {
        const auto& a = p[i];
        const auto& b = p[(i + 1) % p.size()];
        line(a.first, a.second, b.first, b.second, th, kWhite, alpha);
    }
    const float cx = x + s * 0.18f, h = s * 0.2f;
    line(cx - h, y - h, cx + h, y + h, th, kWhite, alpha);
    line(cx - h, y + h, cx + h, y - h, th, kWhite, alpha);
}

void OverlayPainter::pressed_light(const core::Target& t, const core::Overlay& o, double alpha) {
    if (is_pressed(o, t)) fill(t.rect, kWhite, kPressedAlpha * alpha);
}

void OverlayPainter::icon_and_label(const core::Rect& r, std::string_view words, double alpha, bool arrow,
                                    const core::Theme& theme) {
    const core::Rect icon{r.x, r.y, std::min(r.w, r.h), r.h};
    if (arrow) icon_back(icon, kWhite, alpha);
    else icon_menu(icon, alpha);
    // Room for a word only on a target wider than its icon.
    if (r.w < r.h * 3 / 2) return;
    const int pad = std::max(2, r.h / 8);
    const core::Rect rest{icon.x + icon.w, r.y, r.w - icon.w - pad, r.h};
    text(rest, words, ui_font(theme), std::max(static_cast<int>(std::lround(kLabelOfTarget * r.h)), min_px()), kWhite,
         alpha, Align::left);
}

// --- links ----------------------------------------------------------------------------------

void OverlayPainter::draw_links(const core::Playlist& playlist, const core::Item& item, const core::Scene& scene,
                                float dx) {
    if (item.links.empty()) return;
    if (labels_.size() > kMaxLabels) {
        labels_.clear();
        fits_.clear();
    }
    const core::TouchLayout layout = this->layout(playlist.exhibit);
    const core::Theme& theme = playlist.exhibit.theme;
    const std::string_view language = visit_language(playlist, scene);
    const int shift = static_cast<int>(std::lround(dx));
    const int g = layout.gap();
    const int border = std::max(2, layout.target() / 25);
    const int px = label_px(layout);
    for (const core::Target& t : layout.links(item.links)) {
        if (t.index >= item.links.size()) continue;
        const core::Link& link = item.links[t.index];
        const std::string& words = core::text_in(link.label, language, playlist.exhibit.language);
        const core::Rect r = shifted(t.rect, shift);
        if (r.x >= width_ || r.x + r.w <= 0) continue;  // dragged off screen
        if (link.region) {
            // A hotspot: the region framed, its label on a small chip in its top-left corner.
            if (is_pressed(scene.overlay, t)) fill(r, kWhite, kPressedAlpha);
            outline(r, border, theme.accent, 1.0);
            if (words.empty()) continue;
            const int room = std::min(width_ - r.x - border, std::max(r.w - 2 * border, 4 * layout.target())) - g;
            const Fitted& f = fit(ui_font(theme), px, min_px(), words, std::max(room, 1));
            const Label* l = label(ui_font(theme), f.px, f.text, kWhite);
            if (!l) continue;
            const core::Rect chip{r.x + border, r.y + border, l->w + g, l->h + g / 3};
            fill(chip, kBlack, kLinkFillAlpha);
            const SDL_Rect dst{chip.x + g / 2, chip.y + (chip.h - l->h) / 2, l->w, l->h};
            SDL_SetTextureAlphaMod(l->texture.get(), 255);
            SDL_RenderCopy(&renderer_, l->texture.get(), nullptr, &dst);
            continue;
        }
        // A button: dark, outlined in the accent colour, an arrow pointing on.
        fill(r, kBlack, kLinkFillAlpha);
        if (is_pressed(scene.overlay, t)) fill(r, kWhite, kPressedAlpha);
        outline(r, border, theme.accent, 1.0);
        const core::Rect arrow{r.x + r.w - r.h, r.y, r.h, r.h};
        const auto [x, y, s] = centre_of(arrow, 0.3);
        triangle(x - s * 0.4f, y - s * 0.5f, x + s * 0.5f, y, x - s * 0.4f, y + s * 0.5f, theme.accent, 1.0);
        text(core::Rect{r.x + g, r.y, r.w - r.h - g, r.h}, words, ui_font(theme), px, kWhite, 1.0, Align::left);
    }
}

// --- controls -------------------------------------------------------------------------------

void OverlayPainter::draw_controls(const core::Playlist& playlist, const core::Scene& scene,
                                   const core::TouchLayout& layout) {
    const core::Overlay& o = scene.overlay;
    const double a = std::clamp(o.controls, 0.0, 1.0);
    if (a <= 0) return;
    const core::Exhibit& ex = playlist.exhibit;
    const core::Theme& theme = ex.theme;
    const std::string_view language = visit_language(playlist, scene);
    fill(layout.top_band(), kBlack, kScrimAlpha * a);
    fill(layout.bottom_band(), kBlack, kScrimAlpha * a);
    const int border = std::max(2, layout.target() / 30);
    const int px = label_px(layout);
    const auto targets = layout.controls(std::max<std::size_t>(ex.languages.size(), 1), o.back, o.progress.has_value(), o.menu);
    for (const core::Target& t : targets) {
        switch (t.control) {
            case core::Control::menu:
                pressed_light(t, o, a);
                icon_and_label(t.rect, core::ui_text(core::UiText::menu, language), a, false, theme);
                break;
            case core::Control::language: {
                if (t.index >= ex.languages.size()) break;
                const std::string name = core::language_name(ex, ex.languages[t.index]);
                const bool current = t.index == o.language;
                if (current) {
                    fill(t.rect, is_pressed(o, t) ? lighter(theme.accent, 0.3) : theme.accent, a);
                } else {
                    pressed_light(t, o, a);
                    outline(t.rect, border, kWhite, a);
                }
                text(inset(t.rect, layout.gap() / 2), name, ui_font(theme), px, current ? kInk : kWhite, a, Align::centre);
                break;
            }
            case core::Control::progress: {
                pressed_light(t, o, a);
                const core::Rect track = layout.progress_line();
                fill(track, kWhite, 0.35 * a);
                const double p = std::clamp(o.progress.value_or(0.0), 0.0, 1.0);
                const int done = static_cast<int>(std::lround(p * track.w));
                fill(core::Rect{track.x, track.y, done, track.h}, theme.accent, a);
                if (o.seekable) {
                    disc(static_cast<float>(track.x + done), track.y + track.h / 2.0f,
                         std::max(static_cast<float>(track.h), layout.target() / 6.0f), kWhite, a);
                }
                break;
            }
            case core::Control::previous:
                pressed_light(t, o, a);
                icon_previous(t.rect, a);
                break;
            case core::Control::next:
                pressed_light(t, o, a);
                icon_next(t.rect, a);
                break;
            case core::Control::play_pause:
                pressed_light(t, o, a);
                if (o.playing) icon_pause(t.rect, a);
                else icon_play(t.rect, a);
                break;
            case core::Control::back:
                pressed_light(t, o, a);
                icon_and_label(t.rect, core::ui_text(core::UiText::back, language), a, true, theme);
                break;
            default: break;
        }
    }
}

// --- menu -----------------------------------------------------------------------------------

void OverlayPainter::draw_menu(const core::Playlist& playlist, std::size_t generation, const core::Scene& scene,
                               const core::TouchLayout& layout) {
    const core::Overlay& o = scene.overlay;
    const double a = std::clamp(o.panel_opacity, 0.0, 1.0);
    if (a <= 0) return;
    const core::Exhibit& ex = playlist.exhibit;
    const core::Theme& theme = ex.theme;
    const std::string_view language = visit_language(playlist, scene);
    const int t = layout.target(), g = layout.gap();
    const int px = label_px(layout);
    const int border = std::max(2, t / 30);

    fill(core::Rect{0, 0, width_, height_}, theme.background, kMenuAlpha * a);

    const bool nested = o.menu_parent && *o.menu_parent < playlist.sections.size();
    const auto tiles = core::child_sections(playlist, nested ? o.menu_parent : std::nullopt);
    const std::size_t pages = layout.pages(tiles.size());
    const std::size_t page = std::min(o.menu_page, pages - 1);
    const auto targets = layout.menu(core::MenuShape{tiles.size(), page, nested});

    // The header: where the visitor is, between the buttons at its ends.
    const core::Rect header = layout.menu_header();
    int left = g, right = width_ - g;
    for (const auto& target : targets) {
        if (target.control == core::Control::menu_up) left = std::max(left, target.rect.x + target.rect.w + g);
        if (target.control == core::Control::menu_close) right = std::min(right, target.rect.x - g);
    }
    const int side = std::max(left, width_ - right);  // symmetric, so the title stays centred
    const std::string& title =
        nested ? core::text_in(playlist.sections[*o.menu_parent].title, language, ex.language)
               : (ex.titles.empty() ? ex.title : core::text_in(ex.titles, language, ex.language));
    text(core::Rect{side, header.y, width_ - 2 * side, header.h}, title, heading_font(theme),
         std::max(static_cast<int>(std::lround(kTitleOfTarget * t)), min_px()), theme.heading, a, Align::centre);

    const bool pictures = has_tiles_ && tiles_generation_ == generation;
    int grid_bottom = header.y + header.h;
    for (const core::Target& target : targets) {
        const core::Rect& r = target.rect;
        switch (target.control) {
            case core::Control::menu_close:
                pressed_light(target, o, a);
                icon_close(r, a);
                break;
            case core::Control::menu_up:
                pressed_light(target, o, a);
                icon_and_label(r, core::ui_text(core::UiText::back, language), a, true, theme);
                break;
            case core::Control::menu_tile: {
                if (target.index >= tiles.size()) break;
                const std::size_t section = tiles[target.index];
                grid_bottom = std::max(grid_bottom, r.y + r.h);
                const core::Rect pic = core::TouchLayout::tile_picture(r);
                const core::Rect name = core::TouchLayout::tile_title(r);
                SDL_Texture* texture = pictures && section < tiles_.size() ? tiles_[section].get() : nullptr;
                if (texture) {
                    const SDL_Rect dst{pic.x, pic.y, pic.w, pic.h};
                    SDL_SetTextureAlphaMod(texture, to_alpha(a));
                    SDL_RenderCopy(&renderer_, texture, nullptr, &dst);
                } else {
                    // No picture: a panel in the theme's accent, dimmed, so the tile still reads as one.
                    fill(pic, theme.accent, 0.35 * a);
                }
                fill(name, theme.text, 0.10 * a);
                const std::string& words = core::text_in(playlist.sections[section].title, language, ex.language);
                text(inset(name, g / 2), words, ui_font(theme), px, theme.text, a, Align::centre);
                pressed_light(target, o, a);
                outline(r, std::max(1, border / 2), theme.muted, 0.5 * a);
                break;
            }
            case core::Control::menu_page_previous:
            case core::Control::menu_page_next: {
                pressed_light(target, o, a);
                outline(r, border, kWhite, a);
                const auto [x, y, s] = centre_of(r, 0.4);
                if (target.control == core::Control::menu_page_previous) {
                    triangle(x + s * 0.45f, y - s * 0.5f, x + s * 0.45f, y + s * 0.5f, x - s * 0.5f, y, kWhite, a);
                } else {
                    triangle(x - s * 0.45f, y - s * 0.5f, x + s * 0.5f, y, x - s * 0.45f, y + s * 0.5f, kWhite, a);
                }
                break;
            }
            default: break;
        }
    }
    if (pages > 1) {
        // "Page 2 / 3" under the grid, between the page buttons.
        const std::string words = std::string(core::ui_text(core::UiText::page, language)) + " " +
                                  std::to_string(page + 1) + " / " + std::to_string(pages);
        const core::Rect row{width_ / 2 - 2 * t, grid_bottom, 4 * t, height_ - grid_bottom};
        text(row, words, ui_font(theme), px, theme.text, a, Align::centre);
    }
}

// --- staff keypad ---------------------------------------------------------------------------

void OverlayPainter::draw_pin(const core::Playlist& playlist, const core::Scene& scene,
                              const core::TouchLayout& layout) {
    const core::Overlay& o = scene.overlay;
    const double a = std::clamp(o.panel_opacity, 0.0, 1.0);
    if (a <= 0) return;
    const core::Theme& theme = playlist.exhibit.theme;
    const std::string_view language = visit_language(playlist, scene);
    const int t = layout.target(), g = layout.gap();
    const int border = std::max(2, t / 30);
    const int px = label_px(layout);

    fill(core::Rect{0, 0, width_, height_}, kBlack, kScrimAlpha * a);
    const core::Rect panel = layout.pin_panel();
    fill(panel, theme.background, a);
    outline(panel, border, theme.accent, a);

    const auto pad = layout.pin_pad();
    int title_right = panel.x + panel.w - g;
    for (const auto& target : pad) {
        if (target.control == core::Control::pin_close) title_right = target.rect.x - g / 2;
    }
    text(core::Rect{panel.x + g, panel.y, title_right - panel.x - g, t}, core::ui_text(core::UiText::staff_only, language),
         ui_font(theme), px, kWhite, a, Align::left);

    const core::Rect display = layout.pin_display();
    outline(display, std::max(1, border / 2), theme.muted, 0.6 * a);
    if (o.pin_digits > 0) {
        const float r = display.h * 0.13f;
        const float step = r * 3.2f;
        const float total = step * static_cast<float>(o.pin_digits - 1);
        const float x0 = display.x + display.w / 2.0f - total / 2;
        for (std::size_t i = 0; i < o.pin_digits; ++i) {
            disc(x0 + step * static_cast<float>(i), display.y + display.h / 2.0f, r, kWhite, a);
        }
    } else if (o.pin_wrong) {
        text(inset(display, g / 2), core::ui_text(core::UiText::wrong_pin, language), ui_font(theme), px, kWarning, a,
             Align::centre);
    } else {
        text(inset(display, g / 2), core::ui_text(core::UiText::enter_pin, language), ui_font(theme), px, theme.muted, a,
             Align::centre);
    }

    for (const core::Target& target : pad) {
        const core::Rect& r = target.rect;
        switch (target.control) {
            case core::Control::pin_digit: {
                pressed_light(target, o, a);
                outline(r, std::max(1, border / 2), kWhite, 0.6 * a);
                const std::string digit(1, static_cast<char>('0' + target.index % 10));
                text(r, digit, ui_font(theme), std::max(static_cast<int>(std::lround(kKeyDigitOfKey * r.h)), min_px()),
                     kWhite, a, Align::centre);
                break;
            }
            case core::Control::pin_delete:
                pressed_light(target, o, a);
                outline(r, std::max(1, border / 2), kWhite, 0.6 * a);
                icon_delete(r, a);
                break;
            case core::Control::pin_ok:
                fill(r, is_pressed(o, target) ? lighter(theme.accent, 0.3) : theme.accent, a);
                text(r, core::ui_text(core::UiText::ok, language), ui_font(theme),
                     std::max(static_cast<int>(std::lround(kKeyDigitOfKey * r.h)), min_px()), kInk, a, Align::centre);
                break;
            case core::Control::pin_close:
                pressed_light(target, o, a);
                icon_close(r, a);
                break;
            default: break;
        }
    }
}

// --- idle warning ---------------------------------------------------------------------------

void OverlayPainter::draw_idle(const core::Playlist& playlist, const core::Scene& scene,
                               const core::TouchLayout& layout) {
    const auto& left = scene.overlay.idle_left;
    if (!left) return;
    const core::Theme& theme = playlist.exhibit.theme;
    const std::string_view language = visit_language(playlist, scene);
    const int t = layout.target(), g = layout.gap();
    const long ms = std::max<long>(0, static_cast<long>(left->count()));
    const int seconds = static_cast<int>((ms + 999) / 1000);  // 0.2 s left still reads "1 s"

    const core::Rect banner = layout.idle_banner();
    fill(banner, kBlack, 0.95);  // the item's text must not show through the warning
    outline(banner, std::max(2, t / 25), theme.accent, 1.0);

    struct Line {
        std::string words;
        const std::filesystem::path* font;
        int px;
        core::Color colour;
    };
    const int px = label_px(layout);
    const std::array<Line, 3> lines = {{
        {std::string(core::ui_text(core::UiText::still_there, language)), &heading_font(theme),
         std::max(static_cast<int>(std::lround(kBannerOfTarget * t)), min_px()), kWhite},
        {std::string(core::ui_text(core::UiText::touch_to_continue, language)), &ui_font(theme), px, kWhite},
        {core::returning_in(language, seconds), &ui_font(theme), px, theme.accent},
    }};
    const int room = banner.w - 2 * g;
    std::array<const Label*, 3> drawn{};
    int total = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Fitted& f = fit(*lines[i].font, lines[i].px, min_px(), lines[i].words, room);
        drawn[i] = label(*lines[i].font, f.px, f.text, lines[i].colour);
        if (drawn[i]) total += drawn[i]->h;
    }
    int y = banner.y + (banner.h - total) / 2;
    for (const Label* l : drawn) {
        if (!l) continue;
        const SDL_Rect dst{banner.x + (banner.w - l->w) / 2, y, l->w, l->h};
        SDL_SetTextureAlphaMod(l->texture.get(), 255);
        SDL_RenderCopy(&renderer_, l->texture.get(), nullptr, &dst);
        y += l->h;
    }
}

void OverlayPainter::draw(const core::Playlist& playlist, std::size_t generation, const core::Scene& scene) {
    if (labels_.size() > kMaxLabels) {
        labels_.clear();
        fits_.clear();
    }
    fonts_.trim();
    const core::TouchLayout layout = this->layout(playlist.exhibit);
    draw_controls(playlist, scene, layout);
    if (scene.overlay.panel == core::Overlay::Panel::menu) draw_menu(playlist, generation, scene, layout);
    if (scene.overlay.panel == core::Overlay::Panel::pin) draw_pin(playlist, scene, layout);
    draw_idle(playlist, scene, layout);
}

}  // namespace vitrine::render
