// Cost of composing one frame at 1920x1080 with SDL's software renderer, per kind of scene:
// what a display without a GPU pays per frame of a transition or a pan-and-zoom.
// Usage: vitrine_compositor_bench [playlist] (default: playlists/demo.toml). Prints ms per frame.
#include <SDL.h>

#include <chrono>
#include <cstdio>

#include "app/playlist_source.hpp"
#include "platform/sdl_context.hpp"
#include "render/compositor.hpp"
#include "render/item_preparer.hpp"

using namespace vitrine;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    auto sdl = platform::SdlContext::create(platform::SdlContext::Mode::headless);
    if (!sdl) return 2;
    const std::filesystem::path path = argc > 1 ? argv[1] : std::filesystem::path(VITRINE_SOURCE_DIR) / "playlists/demo.toml";
    app::PlaylistSource source(app::default_fonts_dir());
    auto loaded = source.load(path, app::PlaylistSource::Depth::play);
    if (!loaded.playlist) return 1;
    const auto& p = *loaded.playlist;
    const int w = 1920, h = 1080;
    platform::SurfacePtr target(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888));  // as an X11 window surface
    platform::RendererPtr r(SDL_CreateSoftwareRenderer(target.get()));
    render::Compositor c(*r, w, h);
    render::ItemPreparer prep;
    std::size_t text = 0, image = 0, moving = 0;
    for (std::size_t i = 0; i < p.items.size(); ++i) {
        const auto& b = p.items[i].body;
        if (std::holds_alternative<core::ImageItem>(b)) {
            (std::get<core::ImageItem>(b).pan_zoom ? moving : image) = i;
        } else if (!text && std::holds_alternative<core::TextItem>(b)) {
            text = i;
        }
        auto item = prep.prepare(p, i, w, h);
        if (item && !c.adopt(std::move(*item))) return 1;
    }
    auto time = [&](const char* name, core::Scene s) {
        constexpr int kFrames = 60;
        const auto t0 = Clock::now();
        for (int f = 0; f < kFrames; ++f) {
            if (s.incoming) s.progress = (f + 0.5) / kFrames;
            if (s.current) s.current->elapsed = core::Millis(f * 16);
            c.draw(s, p.exhibit.theme.background);
        }
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / kFrames;
        std::printf("%-28s %6.2f ms/frame\n", name, ms);
    };
    core::Scene s;
    s.current = core::ItemView{0, text, core::Millis{0}};
    time("text panel", s);
    s.current = core::ItemView{0, image, core::Millis{0}};
    time("image (no motion)", s);
    s.current = core::ItemView{0, moving, core::Millis{0}};
    time("image with pan-and-zoom", s);
    for (auto kind : {core::TransitionKind::crossfade, core::TransitionKind::fade, core::TransitionKind::slide}) {
        core::Scene t;
        t.current = core::ItemView{0, image, core::Millis{0}};
        t.incoming = core::ItemView{0, text, core::Millis{0}};
        t.transition = kind;
        const char* names[] = {"cut", "fade image->text", "crossfade image->text", "slide image->text"};
        time(names[static_cast<int>(kind)], t);
    }
    return 0;
}
