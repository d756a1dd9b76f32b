#include "render/panel_painter.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/caption_layout.hpp"
#include "core/font_role.hpp"
#include "core/panel_layout.hpp"

namespace vitrine::render {
namespace {

constexpr core::FontRole kRoles[] = {core::FontRole::body, core::FontRole::italic,
                                     core::FontRole::heading, core::FontRole::ui};

core::Result<platform::SurfacePtr> make_surface(int width, int height) {
    platform::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!s) return core::fail(std::string("cannot make a text surface: ") + SDL_GetError());
    SDL_FillRect(s.get(), nullptr, 0);  // transparent
    return s;
}

// Draws `src` over `dst` at (x, y) with straight (not premultiplied) alpha on both sides:
// SDL's own blit darkens edges over a transparent target. Both surfaces are ARGB8888.
void blend_over(const SDL_Surface& src, SDL_Surface& dst, int x, int y) {
    const int x0 = std::max(0, x), y0 = std::max(0, y);
    const int x1 = std::min(dst.w, x + src.w), y1 = std::min(dst.h, y + src.h);
    for (int dy = y0; dy < y1; ++dy) {
        const auto* srow = static_cast<const std::uint8_t*>(src.pixels) + (dy - y) * src.pitch;
        auto* drow = static_cast<std::uint8_t*>(dst.pixels) + dy * dst.pitch;
        for (int dx = x0; dx < x1; ++dx) {
            std::uint32_t s, d;
            std::memcpy(&s, srow + (dx - x) * 4, 4);
            const std::uint32_t sa = s >> 24;
            if (sa == 0) continue;
            std::memcpy(&d, drow + dx * 4, 4);
            const std::uint32_t da = d >> 24;
            std::uint32_t out;
            if (sa == 255 || da == 0) {
                out = s;
            } else {
                // out_a = sa + da (1 - sa); out_c = (sc sa + dc da (1 - sa)) / out_a, in 0..255 units.
                const std::uint32_t dw = da * (255 - sa);  // dst weight × 255
                const std::uint32_t oa255 = sa * 255 + dw;  // out alpha × 255
                auto mix = [&](int shift) {
                    const std::uint32_t sc = (s >> shift) & 0xFF, dc = (d >> shift) & 0xFF;
                    return ((sc * sa * 255 + dc * dw) + oa255 / 2) / oa255;
                };
                const std::uint32_t oa = (oa255 + 127) / 255;
                out = (oa << 24) | (mix(16) << 16) | (mix(8) << 8) | mix(0);
            }
            std::memcpy(drow + dx * 4, &out, 4);
        }
    }
}

SDL_Color sdl_color(core::Color c) { return SDL_Color{c.r, c.g, c.b, c.a}; }

// Renders one run and draws it with its baseline at run.baseline (x and baseline shifted by
// the origin of the target).
core::Result<void> draw_run(FontCache& fonts, const core::Theme& theme, const core::PanelRun& run,
                            SDL_Color color, SDL_Surface& target, int origin_x, int origin_y) {
    if (run.text.empty()) return {};
    const auto& file = core::font_for(run.role, theme);
    auto font = fonts.font(file, run.px);
    if (!font) return std::unexpected(font.error());
    platform::SurfacePtr text(TTF_RenderUTF8_Blended(*font, run.text.c_str(), color));
    if (!text) return core::fail("cannot render text \"" + run.text + "\": " + TTF_GetError(), file.string());
    if (text->format->format != SDL_PIXELFORMAT_ARGB8888) {
        text.reset(SDL_ConvertSurfaceFormat(text.get(), SDL_PIXELFORMAT_ARGB8888, 0));
        if (!text) return core::fail(std::string("cannot convert rendered text: ") + SDL_GetError());
    }
    const int top = run.baseline - TTF_FontAscent(*font);
    blend_over(*text, target, run.x - origin_x, top - origin_y);
    return {};
}

core::Result<void> check_fonts(FontCache& fonts, const core::Theme& theme) {
    for (core::FontRole role : kRoles) {
        auto r = fonts.probe(core::font_for(role, theme));
        if (!r) {
            core::Error e = r.error();
            e.message = std::string(core::role_name(role)) + " font: " + e.message;
            return std::unexpected(std::move(e));
        }
    }
    return {};
}

}  // namespace

core::Result<std::vector<platform::SurfacePtr>> PanelPainter::paint_panel(const core::ItemBody& body,
                                                                          const core::Theme& theme,
                                                                          const core::Display& display,
                                                                          int width, int height,
                                                                          const core::PanelOptions& options) {
    if (width <= 0 || height <= 0) return core::fail("cannot paint a panel on an empty screen");
    fonts_.trim();
    if (auto ok = check_fonts(fonts_, theme); !ok) return std::unexpected(ok.error());
    const auto pages = core::layout_panel(body, theme, display, {width, height}, fonts_.measurer(theme), options);

    std::vector<platform::SurfacePtr> out;
    for (const core::PanelPage& page : pages) {
        auto surface = make_surface(width, height);
        if (!surface) return std::unexpected(surface.error());
        for (const core::PanelRule& rule : page.rules) {
            const core::Color c = core::color_of(rule.color, theme);
            const SDL_Rect r{rule.x, rule.y, rule.width, rule.height};
            SDL_FillRect(surface->get(), &r, SDL_MapRGBA((*surface)->format, c.r, c.g, c.b, c.a));
        }
        // Surfaces made by make_surface are never RLE: their pixels are written without locking.
        for (const core::PanelRun& run : page.runs) {
            auto drawn = draw_run(fonts_, theme, run, sdl_color(core::color_of(run.color, theme)), **surface, 0, 0);
            if (!drawn) return std::unexpected(drawn.error());
        }
        out.push_back(std::move(*surface));
    }
    return out;
}

core::Result<CaptionSurface> PanelPainter::paint_caption(const std::string& caption, const core::Theme& theme,
                                                         const core::Display& display, int width, int height) {
    if (width <= 0 || height <= 0) return core::fail("cannot paint a caption on an empty screen");
    fonts_.trim();
    if (auto ok = check_fonts(fonts_, theme); !ok) return std::unexpected(ok.error());
    const core::CaptionLayout layout =
        core::layout_caption(caption, theme, display, {width, height}, fonts_.measurer(theme));
    if (layout.lines.empty()) return core::fail("the caption is empty");

    auto surface = make_surface(layout.band_width, layout.band_height);
    if (!surface) return std::unexpected(surface.error());
    SDL_FillRect(surface->get(), nullptr, SDL_MapRGBA((*surface)->format, 0, 0, 0, core::kCaptionBandAlpha));
    const SDL_Color color = sdl_color(core::caption_text_color(theme));
    for (const core::PanelRun& run : layout.lines) {
        auto drawn = draw_run(fonts_, theme, run, color, **surface, layout.band_x, layout.band_y);
        if (!drawn) return std::unexpected(drawn.error());
    }
    CaptionSurface out;
    out.surface = std::move(*surface);
    out.dest = SDL_Rect{layout.band_x, layout.band_y, layout.band_width, layout.band_height};
    return out;
}

}  // namespace vitrine::render
