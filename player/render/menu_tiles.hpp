#pragma once
// The pictures of the menu's tiles, made ready on the preload thread: each section's image
// decoded (media::load_image, with its safety checks), shrunk to cover its tile's picture area
// (TouchLayout::tile_picture) and cropped around its centre to that area's shape.
//
// Thread: prepare_menu_tiles runs on any ONE thread at a time (the preload worker); it touches
// no SDL video state. SDL_image's codecs must be initialised (media::ImageLibrary or
// platform::SdlContext). The surfaces then go to the render thread (Compositor::adopt_menu_tiles).
#include <cstddef>
#include <vector>

#include "core/playlist.hpp"
#include "core/result.hpp"
#include "core/size.hpp"
#include "platform/sdl_ptr.hpp"

namespace vitrine::render {

struct MenuTilePictures {
    std::size_t generation = 0;  // of the playlist they were made from
    int width = 0, height = 0;   // the screen they were made for
    // One per section (index = Playlist::sections index). ARGB8888, the shape of the tile's
    // picture area and at most its size (a small image is left small; the renderer scales it up).
    // Null: the section has no image, or it could not be loaded (see `errors`): the tile then
    // shows a panel in the theme's colours.
    std::vector<platform::SurfacePtr> pictures;
    std::vector<core::Error> errors;  // one per image that failed, for the log
};

// The size of section `section`'s tile picture area on a width x height screen: the tiles of one
// menu level share it (TouchLayout::menu for its siblings, then tile_picture). {0, 0} for an
// index out of range.
core::Size tile_picture_size(const core::Playlist& playlist, std::size_t section, int width, int height);

// Makes every section's tile picture for a width x height screen.
MenuTilePictures prepare_menu_tiles(const core::Playlist& playlist, std::size_t generation, int width, int height);

}  // namespace vitrine::render
