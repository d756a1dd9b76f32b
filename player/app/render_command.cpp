#include "app/render_command.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <chrono>
#include <cmath>

#include "app/clip_deck.hpp"
#include "app/playlist_source.hpp"
#include "media/clip_probe.hpp"
#include "core/scene_at.hpp"
#include "platform/sdl_context.hpp"
#include "platform/sdl_ptr.hpp"
#include "render/compositor.hpp"
#include "render/item_preparer.hpp"
#include "render/menu_tiles.hpp"

namespace vitrine::app {
namespace {

struct ClipAt {
    std::unique_ptr<media::ClipPlayer> player;
    core::MediaTime played{0};  // from the clip's start point to the picture shown
    core::MediaTime length{0};  // from the start point to the end point; 0 when unknown
};

// A clip item's clip opened at the picture showing `elapsed` after it came on screen (where its
// player starts), looping like the player does. nullopt when the item has no clip, or it cannot
// be opened (logged). `language`: its recording in that language, if it has one.
std::optional<ClipAt> open_clip_at(const core::Playlist& playlist, std::size_t index, core::Millis elapsed,
                                   std::string_view language, Logger& log) {
    const core::Item& item = playlist.items[index];
    const core::Clip* clip = core::clip_of(core::body_in(item, language));
    if (!clip) return std::nullopt;
    // The clip's length from its container alone: one ClipPlayer, opened at the picture wanted.
    core::MediaTime length{0};
    auto info = media::probe_clip(clip->file);
    core::MediaTime last = info ? core::MediaTime{info->duration} : core::MediaTime{0};
    if (clip->end && (last <= core::MediaTime{0} || *clip->end < last)) last = *clip->end;
    if (last > clip->start) length = last - clip->start;
    core::MediaTime played = elapsed;
    if (length > core::MediaTime{0}) played = clip->loop ? played % length : std::min(played, length - std::chrono::milliseconds{1});
    played = std::max(played, core::MediaTime{0});
    core::Clip later = *clip;
    later.start = clip->start + std::chrono::duration_cast<core::Millis>(played);
    media::ClipPlayerOptions options;
    options.video = std::holds_alternative<core::VideoItem>(item.body);
    auto opened = media::ClipPlayer::open(later, options);
    if (!opened) {
        log.error("event=item-skipped item=" + item.id + " reason=" + app::quoted(opened.error().message));
        return std::nullopt;
    }
    return ClipAt{std::move(*opened), played, length};
}

}  // namespace

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
    const auto& languages = playlist.exhibit.languages;
    scene.language = options.language.empty() ? playlist.exhibit.language : options.language;
    const auto lang_at = std::find(languages.begin(), languages.end(), scene.language);
    if (lang_at == languages.end()) {
        log.error("event=render-failed reason=" + app::quoted("'" + scene.language + "' is not one of the exhibit's languages"));
        return 1;
    }
    // The overlay as a visitor's tap (or the menu button) would bring it up.
    scene.overlay.language = static_cast<std::size_t>(lang_at - languages.begin());
    scene.overlay.menu = !playlist.sections.empty();
    if (options.overlay == RenderOptions::Overlay::controls) {
        scene.overlay.controls = 1.0;
        const core::Item& it = playlist.items[index];
        const core::Millis span = core::item_duration(it, playlist.exhibit, scene.language);
        scene.overlay.progress = std::clamp(static_cast<double>(at.count()) / static_cast<double>(span.count()), 0.0, 1.0);
        scene.overlay.seekable = core::clip_of(it.body) != nullptr;
    } else if (options.overlay == RenderOptions::Overlay::menu) {
        scene.overlay.panel = core::Overlay::Panel::menu;
        scene.overlay.panel_opacity = 1.0;
    }

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
    compositor.set_video_path(render::Compositor::VideoPath::cpu);  // the software renderer draws on the CPU
    auto shared = std::make_shared<const core::Playlist>(playlist);
    compositor.set_playlist(shared, 0);
    if (options.overlay == RenderOptions::Overlay::menu) {
        auto tiles = render::prepare_menu_tiles(playlist, 0, w, h);
        for (const auto& e : tiles.errors) log.warning("event=menu-picture-failed reason=" + app::quoted(e.message));
        if (auto r = compositor.adopt_menu_tiles(std::move(tiles)); !r) {
            log.warning("event=menu-pictures-refused reason=" + app::quoted(r.error().message));
        }
    }
    render::ItemPreparer preparer;
    ClipDeck clips(log, nullptr);
    int status = 0;
    for (const auto& view : {scene.current, scene.incoming}) {
        if (!view) continue;
        auto item = preparer.prepare(playlist, view->index, w, h, scene.language);
        if (!item) {
            log.error("event=item-skipped item=" + playlist.items[view->index].id + " reason=" + app::quoted(item.error().message));
            if (view->index == index) status = 1;
            continue;
        }
        item->generation = view->generation;
        const core::Fit fit = item->fit;
        if (auto r = compositor.adopt(std::move(*item)); !r) {
            log.error("event=render-failed reason=" + app::quoted(r.error().message));
            return 1;
        }
        if (auto shown = open_clip_at(playlist, view->index, view->elapsed, scene.language, log)) {
            const core::Item& it = playlist.items[view->index];
            const auto key = std::make_pair(view->generation, view->index);
            const double fraction = std::chrono::duration<double>(shown->played) /
                                    std::chrono::duration<double>(std::max(core::MediaTime{1}, shown->length));
            clips.adopt(key, std::move(shown->player),
                        ClipItem{it.id, fit,
                                 captions_for(*core::clip_of(core::body_in(it, scene.language)), playlist.exhibit,
                                              scene.language, it.id, log),
                                 playlist.exhibit.theme, playlist.exhibit.display},
                        compositor);
            compositor.set_progress(key.first, key.second, fraction);
        } else if (core::clip_of(playlist.items[view->index].body)) {
            if (view->index == index) status = 1;
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
