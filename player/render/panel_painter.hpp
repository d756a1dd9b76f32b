#pragma once
// Paints laid-out text panels and caption bands into CPU surfaces with SDL_ttf
// (TTF_RenderUTF8_Blended), colours from the Theme.
//
// Thread: the preload worker (or any ONE thread at a time); it owns a FontCache. Surfaces only:
// it never touches an SDL_Renderer or textures. SDL_ttf must be initialised.
#include <SDL.h>

#include <string>
#include <vector>

#include "core/panel_layout.hpp"
#include "core/playlist.hpp"
#include "core/result.hpp"
#include "platform/sdl_ptr.hpp"
#include "render/font_cache.hpp"

namespace vitrine::render {

// A caption band ready to draw: the surface and where it goes on the screen.
struct CaptionSurface {
    platform::SurfacePtr surface;  // ARGB8888, band_width x band_height, the band included
    SDL_Rect dest{0, 0, 0, 0};     // screen rectangle (same size as the surface)
};

class PanelPainter {
public:
    PanelPainter() = default;

    // One screen-sized ARGB8888 surface per page of the panel (core::layout_panel), text and
    // rules on a TRANSPARENT background (straight alpha): the compositor draws the theme
    // background and fades. None for an ImageItem. Error: a theme font cannot be opened, a
    // surface cannot be made, or SDL_ttf fails to render (the message says which).
    // `options`: room kept clear at the bottom, the citation's labels (core::PanelOptions).
    core::Result<std::vector<platform::SurfacePtr>> paint_panel(const core::ItemBody& body,
                                                                const core::Theme& theme,
                                                                const core::Display& display,
                                                                int width, int height,
                                                                const core::PanelOptions& options = {});

    // The caption band for an image on a width x height screen (core::layout_caption): text in
    // caption_text_color on black at kCaptionBandAlpha, at least 7:1 over any picture. Error as
    // above, or for an empty caption.
    core::Result<CaptionSurface> paint_caption(const std::string& caption, const core::Theme& theme,
                                               const core::Display& display, int width, int height);

    // This painter's fonts (for glyph checks on the same thread).
    FontCache& fonts() { return fonts_; }

private:
    FontCache fonts_;
};

}  // namespace vitrine::render
