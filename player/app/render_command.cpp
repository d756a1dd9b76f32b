#include "app/render_command.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <chrono>
#include <cmath>

#include "app/playlist_source.hpp"
#include "core/scene_at.hpp"
#include "platform/sdl_context.hpp"
#include "platform/sdl_ptr.hpp"
#include "render/compositor.hpp"
#include "render/item_preparer.hpp"

namespace vitrine::app {

int run_render(const RenderOptions& options, Logger& log) {
    auto sdl = platform::SdlContext::create(platform::SdlContext::Mode::headless);
    if (!sdl) {
        log.error("event=startup-failed reason=" + app::quoted(sdl.error().message));
        return 2;
    }
    PlaylistSource source(default_fonts_dir());
    const auto loaded = source.load(options.playlist, PlaylistSource::Depth::play);
    log_diagnostics(log, loaded);
    if (!loaded.playlist) return 1;
    const core::Playlist& playlist = *loaded.playlist;

    std::size_t index = 0;
    if (!options.item_id.empty()) {
        auto it = std::find_if(playlist.items.begin(), playlist.items.end(),
                               [&](const core::Item& i) { return i.id == options.item_id; });
        if (it == playlist.items.end()) {
            log.error("event=render-failed reason=" + app::quoted("no playable item with id '" + options.item_id + "'"));
            return 1;
        }
        index = static_cast<std::size_t>(it - playlist.items.begin());
    }
    const int w = options.size.width, h = options.size.height;
    const auto at = core::Millis(static_cast<long long>(std::llround(options.at_seconds * 1000.0)));
    core::Scene scene = playlist.items.empty() ? core::Scene{} : core::scene_at(playlist, index, at);
    if (playlist.items.empty()) scene.notice = "nothing to show";

    platform::SurfacePtr target(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!target) {
        log.error("event=render-failed reason=" + app::quoted(std::string("cannot create a surface: ") + SDL_GetError()));
        return 1;
    }
    platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(target.get()));
    if (!renderer) {
        log.error("event=render-failed reason=" + app::quoted(std::string("cannot create a renderer: ") + SDL_GetError()));
        return 1;
    }
    render::Compositor compositor(*renderer, w, h);
    render::ItemPreparer preparer;
    int status = 0;
    for (const auto& view : {scene.current, scene.incoming}) {
        if (!view) continue;
        auto item = preparer.prepare(playlist, view->index, w, h);
        if (!item) {
            log.error("event=item-skipped item=" + playlist.items[view->index].id + " reason=" + app::quoted(item.error().message));
            if (view->index == index) status = 1;
            continue;
        }
        item->generation = view->generation;
        if (auto r = compositor.adopt(std::move(*item)); !r) {
            log.error("event=render-failed reason=" + app::quoted(r.error().message));
            return 1;
        }
    }
    if (!scene.notice.empty()) {
        if (auto notice = preparer.prepare_notice(playlist.exhibit, w, h)) (void)compositor.set_notice(std::move(*notice));
    }
    compositor.draw(scene, playlist.exhibit.theme.background);
    SDL_RenderPresent(renderer.get());
    if (IMG_SavePNG(target.get(), options.output.string().c_str()) != 0) {
        log.error("event=render-failed reason=" + app::quoted(std::string("cannot write ") + options.output.string() + ": " + IMG_GetError()));
        return 1;
    }
    log.info("event=rendered path=" + app::quoted(options.output.string()) + " item=" +
             (playlist.items.empty() ? std::string("none") : playlist.items[index].id));
    return status;
}

}  // namespace vitrine::app
