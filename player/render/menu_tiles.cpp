#include "render/menu_tiles.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/overlay.hpp"
#include "core/touch_layout.hpp"
#include "media/image_loader.hpp"

namespace vitrine::render {
namespace {

// The middle of `picture` in the shape of `area` (w x h), as large as it fits; a copy.
core::Result<platform::SurfacePtr> crop_to_shape(platform::SurfacePtr picture, core::Size area) {
    const double want = static_cast<double>(area.width) / area.height;
    int cw = picture->w, ch = picture->h;
    if (static_cast<double>(cw) / ch > want) {
        cw = std::clamp(static_cast<int>(std::lround(ch * want)), 1, picture->w);
    } else {
        ch = std::clamp(static_cast<int>(std::lround(cw / want)), 1, picture->h);
    }
    if (cw == picture->w && ch == picture->h) return picture;
    platform::SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, cw, ch, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!out) return core::fail(std::string("cannot make a tile picture: ") + SDL_GetError());
    // A plain copy of the pixels, alpha included (no blending onto the new surface's zeros).
    SDL_SetSurfaceBlendMode(picture.get(), SDL_BLENDMODE_NONE);
    SDL_Rect src{(picture->w - cw) / 2, (picture->h - ch) / 2, cw, ch};
    if (SDL_BlitSurface(picture.get(), &src, out.get(), nullptr) != 0) {
        return core::fail(std::string("cannot crop a tile picture: ") + SDL_GetError());
    }
    return out;
}

core::Result<platform::SurfacePtr> tile_picture(const std::filesystem::path& file, core::Size area) {
    auto info = media::read_image_info(file);
    if (!info) return std::unexpected(info.error());
    int iw = info->width, ih = info->height;
    if (info->orientation >= 5) std::swap(iw, ih);  // 5..8 turn the picture a quarter
    if (iw <= 0 || ih <= 0) return core::fail(file.string() + ": image has no pixels", file.string());
    // Cover: the picture fills the area on both axes, only ever shrunk while decoding.
    const double s = std::min(1.0, std::max(static_cast<double>(area.width) / iw, static_cast<double>(area.height) / ih));
    media::LoadImageOptions options;
    options.max_width = std::max(1, static_cast<int>(std::ceil(iw * s)));
    options.max_height = std::max(1, static_cast<int>(std::ceil(ih * s)));
    auto surface = media::load_image(file, options);
    if (!surface) return std::unexpected(surface.error());
    auto out = crop_to_shape(std::move(*surface), area);
    if (!out) {
        out.error().path = file.string();
        out.error().message = file.string() + ": " + out.error().message;
    }
    return out;
}

}  // namespace

core::Size tile_picture_size(const core::Playlist& playlist, std::size_t section, int width, int height) {
    if (section >= playlist.sections.size()) return {};
    const auto parent = playlist.sections[section].parent;
    const auto siblings = core::child_sections(playlist, parent);
    const core::TouchLayout layout(width, height, playlist.exhibit.display.diagonal_inches);
    const auto targets = layout.menu(core::MenuShape{std::max<std::size_t>(siblings.size(), 1), 0, parent.has_value()});
    for (const auto& t : targets) {
        if (t.control != core::Control::menu_tile) continue;
        const core::Rect r = core::TouchLayout::tile_picture(t.rect);
        return core::Size{std::max(r.w, 1), std::max(r.h, 1)};
    }
    return {};
}

MenuTilePictures prepare_menu_tiles(const core::Playlist& playlist, std::size_t generation, int width, int height) {
    MenuTilePictures out;
    out.generation = generation;
    out.width = width;
    out.height = height;
    out.pictures.resize(playlist.sections.size());
    for (std::size_t i = 0; i < playlist.sections.size(); ++i) {
        const auto& file = playlist.sections[i].image;
        if (file.empty()) continue;
        const core::Size area = tile_picture_size(playlist, i, width, height);
        if (area.width <= 0 || area.height <= 0) continue;
        auto picture = tile_picture(file, area);
        if (picture) {
            out.pictures[i] = std::move(*picture);
        } else {
            out.errors.push_back(std::move(picture.error()));
        }
    }
    return out;
}

}  // namespace vitrine::render
