#pragma once
// An item made ready for the screen, as CPU surfaces. Built on the preload thread by
// ItemPreparer, handed to the render thread through a queue, turned into textures there by
// the Compositor. Self-contained: it carries what the compositor needs to know of the item, so
// an item of an older playlist can still be drawn while a reload's new version is prepared.
#include <SDL.h>

#include <cstddef>
#include <optional>
#include <vector>

#include "core/playlist.hpp"
#include "platform/sdl_ptr.hpp"

namespace vitrine::render {

struct PreparedItem {
    std::size_t generation = 0;
    std::size_t index = 0;

    // Text layers the size of the screen on a transparent background: one per page.
    std::vector<platform::SurfacePtr> pages;
    core::Millis page_duration{0};  // how long each page stays; 0 = one page for the whole item

    // Image items: the picture, already oriented and scaled for this screen.
    platform::SurfacePtr image;
    core::Fit fit = core::Fit::contain;
    std::optional<core::PanZoom> pan_zoom;
    core::Millis motion_duration{0};  // pan-and-zoom runs from 0 to this elapsed time

    // Caption band (already placed on screen).
    platform::SurfacePtr caption;
    SDL_Rect caption_dest{0, 0, 0, 0};

    // Clips that show how far they have played (audio items): the line's place and colour.
    std::optional<SDL_Rect> progress_rect;
    core::Color progress_color;
    // For clips: their length (or the placeholder's), reported to the Show, and whether the
    // media layer will report their end (false for a still placeholder).
    std::optional<core::Millis> natural_duration;
    bool ends_itself = false;
};

}  // namespace vitrine::render
