#include "app/app.hpp"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "app/clip_deck.hpp"
#include "app/playlist_source.hpp"
#include "app/preloader.hpp"
#include "app/timing_log.hpp"
#include "app/touch_script.hpp"
#include "core/adhoc_playlist.hpp"
#include "core/key_chord.hpp"
#include "core/visit.hpp"
#include "media/audio_output.hpp"
#include "platform/input.hpp"
#include "platform/sdl_context.hpp"
#include "platform/sdl_ptr.hpp"
#include "platform/touch_input.hpp"
#include "platform/window_manager.hpp"
#include "render/compositor.hpp"

namespace vitrine::app {
namespace {

using Clock = std::chrono::steady_clock;
using core::Millis;

constexpr Millis kIdleWait{50};  // an idle panel wakes 20 times a second, to keep time; nothing is drawn
constexpr Millis kReloadPoll{1000};  // a curator's saved edit shows within a second

// The playlist file's identity on disk, to notice a curator's save.
struct FileStamp {
    std::filesystem::file_time_type time{};
    std::uintmax_t size = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

std::optional<FileStamp> stamp_of(const std::filesystem::path& p) {
    std::error_code ec;
    FileStamp s{std::filesystem::last_write_time(p, ec), 0};
    if (ec) return std::nullopt;
    s.size = std::filesystem::file_size(p, ec);
    if (ec) return std::nullopt;
    return s;
}


// The renderer's output size in pixels.
std::pair<int, int> output_size(SDL_Renderer& renderer) {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(&renderer, &w, &h);
    return {w, h};
}

core::VisitOptions visit_options(const PlayOptions& options, SDL_Renderer& renderer) {
    const auto [w, h] = output_size(renderer);
    return core::VisitOptions{core::ShowOptions{options.once}, w, h};
}

struct Stats {
    long frames = 0;
    long inputs_measured = 0;          // touches whose effect reached the screen (--touch-script)
    Clock::duration input_latency{};   // summed: from the push to the end of the present
    Clock::duration worst_input_latency{};
    Clock::duration drawing{};      // time spent composing and presenting
    Clock::duration worst_draw{};
    long late_frames = 0;  // animated frames presented over 1.5 refresh intervals after the previous one
};

class PlayLoop {
public:
    PlayLoop(const PlayOptions& options, Logger& log, PlaylistSource& source, SDL_Window& window,
             SDL_Renderer& renderer, std::shared_ptr<const core::Playlist> playlist, Clock::time_point started,
             media::AudioOutput* audio, TimingLog* timing, render::Compositor::VideoPath video_path)
        : options_(options),
          started_(started),
          log_(log),
          source_(source),
          stamp_(stamp_of(options.playlist)),
          window_(window),
          renderer_(renderer),
          playlist_(std::move(playlist)),
          exit_keys_(options.exit_keys.value_or(playlist_->exhibit.exit_keys)),
          wake_event_(SDL_RegisterEvents(1)),
          visit_(playlist_, visit_options(options, renderer)),
          audio_(audio),
          timing_(timing),
          video_path_(video_path),
          deck_(log, timing),
          preloader_(wake_event_, audio, log) {
        const auto [w, h] = output_size(renderer_);
        compositor_.emplace(renderer_, w, h);
        compositor_->set_video_path(video_path_);
        SDL_DisplayMode mode{};
        if (SDL_GetCurrentDisplayMode(SDL_GetWindowDisplayIndex(&window_), &mode) == 0 && mode.refresh_rate > 0) {
            refresh_ = std::chrono::microseconds(1000000 / mode.refresh_rate);
        }
        preloader_.request_notice(playlist_, w, h);
        touch_.set_size(&window_, &renderer_);
        log_.info("event=screen width=" + std::to_string(w) + " height=" + std::to_string(h) +
                  " refresh_hz=" + std::to_string(mode.refresh_rate) + " exit_keys=" + core::to_string(exit_keys_));
    }

    int run() {
        loop_start_ = Clock::now();
        if (options_.touch_script) start_touch_script();
        while (!quit_) {
            read_input();
            collect_prepared();
            const Millis now = show_clock();
            if (options_.stop_after_seconds && now.count() >= *options_.stop_after_seconds * 1000) break;
            reload_if_changed(now);
            // Clips first: one that just ended starts the next item in this same frame.
            advance_clips();
            report_clip_progress();
            carry_out(visit_.handle(core::Tick{now}));
            follow_generation();
            if (visit_.finished()) {
                log_.info("event=pass-complete");
                break;
            }
            log_audio_callbacks();
            if (!draw_if_changed()) wait_for_work();
        }
        const auto us = [](Clock::duration d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); };
        const PlaybackSummary v = deck_.summary();
        log_.info("event=exit frames=" + std::to_string(stats_.frames) + " late_frames=" + std::to_string(stats_.late_frames) +
                  " mean_draw_ms=" + std::to_string(stats_.frames ? us(stats_.drawing) / stats_.frames / 1000.0 : 0.0) +
                  " worst_draw_ms=" + std::to_string(us(stats_.worst_draw) / 1000.0) +
                  " video_frames_shown=" + std::to_string(v.shown) + " video_frames_dropped=" + std::to_string(v.dropped) +
                  " video_frames_repeated=" + std::to_string(v.late_decodes) + " av_samples=" + std::to_string(v.av_samples) +
                  " av_offset_mean_ms=" + std::to_string(v.av_mean_ms) + " av_offset_worst_ms=" + std::to_string(v.av_worst_ms) +
                  (stats_.inputs_measured
                       ? " inputs_measured=" + std::to_string(stats_.inputs_measured) +
                             " input_latency_mean_ms=" + std::to_string(us(stats_.input_latency) / stats_.inputs_measured / 1000.0) +
                             " input_latency_worst_ms=" + std::to_string(us(stats_.worst_input_latency) / 1000.0)
                       : std::string()));
        return 0;
    }

private:
    // The clips on screen move on to the picture due when the next frame reaches the screen;
    // those that reached their end tell the Show.
    void advance_clips() {
        const auto target = Clock::now() + present_latency_;
        for (const auto& [generation, index] : deck_.update(*compositor_, target)) {
            carry_out(visit_.handle(core::MediaEnded{generation, index}));
        }
    }

    // The show's clock: milliseconds since the loop began (ticks and touches share it).
    Millis show_clock() const { return std::chrono::duration_cast<Millis>(Clock::now() - loop_start_); }

    // Where the clip on screen is, for the progress line of the controls.
    void report_clip_progress() {
        const auto shown = visit_.show().shown();
        if (!shown) return;
        const std::pair<std::size_t, std::size_t> key{shown->generation, shown->index};
        const auto f = deck_.progress(key, Clock::now());
        if (!f || (last_progress_ && progress_key_ == key && std::abs(*f - *last_progress_) < 0.001)) return;
        last_progress_ = f;
        progress_key_ = key;
        carry_out(visit_.handle(core::MediaProgress{shown->generation, shown->index, *f}));
    }

    // A new generation (reload, language, screen size): the overlay draws from its playlist and
    // the menu's pictures are made for it.
    void follow_generation() {
        const std::size_t g = visit_.show().generation();
        if (overlay_generation_ == g) return;
        // The same playlist as the generation before: its item at an index is the same item.
        same_items_as_.reset();
        if (overlay_generation_ && overlay_playlist_ == current_playlist()) same_items_as_ = overlay_generation_;
        overlay_generation_ = g;
        overlay_playlist_ = current_playlist();
        compositor_->set_playlist(current_playlist(), g);
        if (!current_playlist()->sections.empty()) {
            preloader_.request_menu_tiles(current_playlist(), g, compositor_->width(), compositor_->height());
        }
    }

    void start_touch_script() {
        auto steps = TouchScript::read(*options_.touch_script);
        if (!steps) {
            log_.error("event=touch-script-failed reason=" + app::quoted(steps.error().message));
            return;
        }
        log_.info("event=touch-script steps=" + std::to_string(steps->size()));
        script_.emplace(std::move(*steps), loop_start_, compositor_->width(), compositor_->height());
    }

    // A touch: to the Visit; with a script, the push time is kept until a frame shows the effect.
    void on_touch(const SDL_Event& e) {
        const auto point = touch_.translate(e, show_clock());
        if (!point) return;
        if (!script_) {
            carry_out(visit_.handle(*point));
            follow_generation();
            return;
        }
        const core::Scene before = visit_.scene();
        carry_out(visit_.handle(*point));
        follow_generation();
        const auto pushed = script_->pushed_at(e);
        if (pushed && !(visit_.scene() == before) && !input_pending_) input_pending_ = pushed;
    }

    void log_audio_callbacks() {
        if (!timing_ || !audio_) return;
        for (const auto& r : audio_->take_callback_records()) timing_->audio(r.at, r.frames_before);
    }

    // Nothing to draw now: sleep until an event, the next picture's time, or the idle tick.
    void wait_for_work() {
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kIdleWait);
        // A fade or a settling drag moves on its own: the next frame is due in one refresh.
        if (visit_.animating()) wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(refresh_));
        if (const auto due = deck_.next_due()) {
            const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*due - present_latency_ - Clock::now());
            wait = std::clamp(until, std::chrono::milliseconds{0}, wait);
        }
        if (wait.count() > 0) SDL_WaitEventTimeout(nullptr, static_cast<int>(wait.count()));
    }

    void on_audio_device_event(const SDL_Event& e) {
        if (!audio_ || e.adevice.iscapture) return;
        if (e.type == SDL_AUDIODEVICEREMOVED && e.adevice.which == audio_->device_id()) {
            audio_->on_device_removed();
            log_.warning("event=audio-device-removed reason=\"the sound device went away; video goes on at the wall clock, silently\"");
        } else if (e.type == SDL_AUDIODEVICEADDED && !audio_->has_device() && audio_->reopen()) {
            log_.info("event=audio-device-back");
        }
    }

    void read_input() {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            if (e.type == wake_event_) continue;  // collect_prepared() picks the result up
            if (e.type == SDL_AUDIODEVICEREMOVED || e.type == SDL_AUDIODEVICEADDED) {
                on_audio_device_event(e);
                continue;
            }
            switch (e.type) {
                case SDL_FINGERDOWN:
                case SDL_FINGERMOTION:
                case SDL_FINGERUP:
                case SDL_MOUSEBUTTONDOWN:
                case SDL_MOUSEBUTTONUP:
                case SDL_MOUSEMOTION: on_touch(e); continue;
                case SDL_WINDOWEVENT: on_touch(e); break;  // focus lost while pressed: the touch is cancelled
                default: break;
            }
            const platform::InputAction action = platform::translate(e, exit_keys_, options_.window.has_value());
            switch (action) {
                case platform::InputAction::none: break;
                case platform::InputAction::quit:
                    log_.info("event=quit-requested");
                    quit_ = true;
                    break;
                case platform::InputAction::next: carry_out(visit_.handle(core::Navigate{+1})); break;
                case platform::InputAction::previous: carry_out(visit_.handle(core::Navigate{-1})); break;
                case platform::InputAction::toggle_pause: carry_out(visit_.handle(core::TogglePause{})); break;
                case platform::InputAction::resized: on_resize(false); break;
                case platform::InputAction::lost_textures: on_resize(true); break;
                case platform::InputAction::redraw: last_key_.reset(); break;
            }
        }
    }

    // Hot reload: a saved playlist replaces the running one, keeping the visitor's place. A
    // playlist that does not load keeps the last good one on screen; the log says why.
    void reload_if_changed(Millis now) {
        if (now - last_reload_poll_ < kReloadPoll) return;
        last_reload_poll_ = now;
        const auto stamp = stamp_of(options_.playlist);
        if (!stamp || stamp == stamp_) return;
        stamp_ = stamp;
        const auto loaded = source_.load(options_.playlist, PlaylistSource::Depth::play);
        log_diagnostics(log_, loaded);
        if (!loaded.playlist || loaded.playlist->items.empty()) {
            log_.error("event=reload-refused reason=\"the edited playlist has nothing playable; the last good one stays\"");
            return;
        }
        auto next = std::make_shared<const core::Playlist>(*loaded.playlist);
        preloader_.request_notice(next, compositor_->width(), compositor_->height());
        carry_out(visit_.handle(core::PlaylistLoaded{next}));
        follow_generation();
    }

    // A new screen size (or a renderer that lost its textures, `rebuild`): everything is
    // prepared again for the screen as it is now.
    void on_resize(bool rebuild) {
        const auto [w, h] = output_size(renderer_);
        if (!rebuild && w == compositor_->width() && h == compositor_->height()) return;
        log_.info("event=screen-resized width=" + std::to_string(w) + " height=" + std::to_string(h));
        compositor_.emplace(renderer_, w, h);
        compositor_->set_video_path(video_path_);
        preloader_.request_notice(current_playlist(), w, h);
        touch_.set_size(&window_, &renderer_);
        carry_out(visit_.handle(core::ScreenSize{w, h}));
        // Everything is laid out again for the new size: the same playlist as a new generation.
        carry_out(visit_.handle(core::PlaylistLoaded{current_playlist()}));
        follow_generation();
        last_key_.reset();
    }

    void collect_prepared() {
        while (auto outcome = preloader_.poll()) {
            if (outcome->index == Preloader::kNoticeIndex) {
                if (!outcome->item) {
                    log_.error("event=notice-failed reason=" + app::quoted(outcome->item.error().message));
                } else if (auto set = compositor_->set_notice(std::move(*outcome->item)); !set) {
                    log_.error("event=notice-failed reason=" + app::quoted(set.error().message));
                }
                last_key_.reset();  // the notice may be what is on screen: draw it now
                continue;
            }
            if (outcome->index == Preloader::kMenuIndex) {
                if (outcome->tiles) {
                    for (const auto& err : outcome->tiles->errors) {
                        log_.warning("event=menu-picture-failed reason=" + app::quoted(err.message));
                    }
                    if (auto set = compositor_->adopt_menu_tiles(std::move(*outcome->tiles)); !set) {
                        log_.warning("event=menu-pictures-refused reason=" + app::quoted(set.error().message));
                    }
                }
                continue;
            }
            const std::string where = "item=" + item_id(outcome->index);
            if (!outcome->item) {
                carry_out(visit_.handle(core::ItemFailed{outcome->generation, outcome->index,
                                                         outcome->item.error().message}));
                continue;
            }
            const auto natural = outcome->item->natural_duration;
            const bool ends_itself = outcome->item->ends_itself;
            const std::size_t pages = std::max<std::size_t>(1, outcome->item->pages.size());
            const Millis page_duration = outcome->item->page_duration;
            const core::Fit fit = outcome->item->fit;
            if (auto adopted = compositor_->adopt(std::move(*outcome->item)); !adopted) {
                carry_out(visit_.handle(core::ItemFailed{outcome->generation, outcome->index, adopted.error().message}));
                continue;
            }
            if (outcome->clip) {
                const auto& exhibit = visit_.playlist().exhibit;
                deck_.adopt({outcome->generation, outcome->index}, std::move(outcome->clip),
                            ClipItem{item_id(outcome->index), fit, std::move(outcome->captions), exhibit.theme, exhibit.display},
                            *compositor_);
            }
            log_.info("event=prepared " + where + " ms=" + std::to_string(outcome->took.count()));
            carry_out(visit_.handle(core::ItemReady{outcome->generation, outcome->index, natural, ends_itself, pages,
                                                    page_duration}));
        }
    }

    std::string item_id(std::size_t index) const {
        return index < visit_.playlist().items.size() ? visit_.playlist().items[index].id : std::to_string(index);
    }

    void carry_out(const std::vector<core::Command>& commands) {
        for (const auto& c : commands) {
            if (auto* p = std::get_if<core::Prepare>(&c)) {
                preloader_.request(current_playlist(), p->generation, p->index, compositor_->width(), compositor_->height(),
                                   p->language);
            } else if (auto* r = std::get_if<core::Release>(&c)) {
                preloader_.cancel(r->generation, r->index);
                deck_.release({r->generation, r->index});
                compositor_->release(r->generation, r->index);
            } else if (auto* start = std::get_if<core::StartMedia>(&c)) {
                const auto now = Clock::now();
                // The same clip in the generation before (a language switch, a new screen size)
                // is still on screen: the new one goes on from where it is, not from the start.
                std::optional<double> carried;
                if (same_items_as_ && *same_items_as_ + 1 == start->generation) {
                    carried = deck_.progress({*same_items_as_, start->index}, now);
                }
                deck_.start({start->generation, start->index}, now);
                if (carried && *carried > 0.0 && *carried < 1.0) deck_.seek({start->generation, start->index}, *carried, now);
            } else if (auto* stop = std::get_if<core::StopMedia>(&c)) {
                deck_.stop({stop->generation, stop->index}, Clock::now(), stop->rewind);
            } else if (auto* seek = std::get_if<core::SeekMedia>(&c)) {
                deck_.seek({seek->generation, seek->index}, seek->fraction, Clock::now());
                last_progress_.reset();
            } else if (std::holds_alternative<core::Exit>(c)) {
                quit_ = true;
            } else if (auto* l = std::get_if<core::Log>(&c)) {
                log_.log(l->level, l->message);
            } else if (auto* pr = std::get_if<core::Present>(&c)) {
                scene_ = pr->scene;
                deck_.set_paused(scene_.paused, Clock::now());
            }
        }
    }

    // The Show holds the newest playlist (it changes on reload).
    std::shared_ptr<const core::Playlist> current_playlist() const { return visit_.playlist_ptr(); }

    // Draws and presents when the picture differs from the last one presented. True if it drew.
    bool draw_if_changed() {
        const render::FrameKey key = compositor_->frame_key(scene_);
        if (last_key_ && *last_key_ == key) return false;
        const auto draw_start = Clock::now();
        compositor_->draw(scene_, visit_.playlist().exhibit.theme.background);
        if (const std::string& e = compositor_->overlay_error(); !e.empty() && e != last_overlay_error_) {
            last_overlay_error_ = e;  // once per distinct problem, not once a frame
            log_.warning("event=overlay-problem reason=" + app::quoted(e));
        }
        SDL_RenderPresent(&renderer_);
        const auto now = Clock::now();
        if (input_pending_) {
            // The first frame that shows a scripted touch's effect is on screen now.
            const auto took = now - *input_pending_;
            input_pending_.reset();
            ++stats_.inputs_measured;
            stats_.input_latency += took;
            stats_.worst_input_latency = std::max(stats_.worst_input_latency, took);
            log_.info("event=input-latency ms=" +
                      std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(took).count() / 1000.0));
        }
        deck_.presented(now);
        // How long a frame takes to reach the screen: pictures are chosen for that moment.
        present_latency_ = (present_latency_ * 7 + (now - draw_start)) / 8;
        stats_.drawing += now - draw_start;
        stats_.worst_draw = std::max(stats_.worst_draw, now - draw_start);
        if (!first_item_drawn_ && (key.current || key.incoming || key.notice)) {
            first_item_drawn_ = true;
            log_.info("event=first-frame since_start_ms=" +
                      std::to_string(std::chrono::duration_cast<Millis>(now - started_).count()));
        }
        if (last_present_ && last_key_ && (now - *last_present_) > refresh_ * 3 / 2 && (key.incoming || key.motion.count() >= 0)) {
            ++stats_.late_frames;
        }
        // Without vsync (a software renderer), keep to the display's rate instead of spinning.
        // Not while a clip plays: its pictures set the pace (wait_for_work sleeps until the next
        // one is due), and a sleep here would present the next picture late.
        if (last_present_ && !deck_.any_playing()) {
            const auto since = now - *last_present_;
            if (since < refresh_) SDL_Delay(static_cast<Uint32>(std::chrono::duration_cast<Millis>(refresh_ - since).count()));
        }
        last_present_ = Clock::now();
        last_key_ = key;
        ++stats_.frames;
        return true;
    }

    const PlayOptions& options_;
    Clock::time_point started_;  // process start, for the start-up time
    bool first_item_drawn_ = false;
    Logger& log_;
    PlaylistSource& source_;
    std::optional<FileStamp> stamp_;
    Millis last_reload_poll_{0};
    SDL_Window& window_;
    SDL_Renderer& renderer_;
    std::shared_ptr<const core::Playlist> playlist_;
    core::KeyChord exit_keys_;
    Uint32 wake_event_;
    core::Visit visit_;
    platform::TouchInput touch_;
    Clock::time_point loop_start_;
    std::optional<std::size_t> overlay_generation_;  // the generation the overlay draws from
    std::shared_ptr<const core::Playlist> overlay_playlist_;  // its playlist
    std::optional<std::size_t> same_items_as_;  // the generation before it, when its playlist was the same
    std::optional<double> last_progress_;            // last clip progress reported to the Visit...
    std::pair<std::size_t, std::size_t> progress_key_{};  // ...and the clip it was of
    std::optional<TouchScript> script_;
    std::string last_overlay_error_;
    std::optional<Clock::time_point> input_pending_;  // a scripted touch whose effect is not on screen yet
    std::optional<render::Compositor> compositor_;
    core::Scene scene_;
    std::optional<render::FrameKey> last_key_;
    std::optional<Clock::time_point> last_present_;
    std::chrono::microseconds refresh_{16667};
    Stats stats_;
    bool quit_ = false;
    Clock::duration present_latency_ = std::chrono::milliseconds{8};
    media::AudioOutput* audio_;  // borrowed; null without sound
    TimingLog* timing_;          // borrowed; null unless --timing-log
    render::Compositor::VideoPath video_path_;
    ClipDeck deck_;        // before the preloader: outcomes still queued there hold clips too
    Preloader preloader_;  // last: its worker thread is joined first
};

// The GL driver's name (GL_RENDERER) for a renderer that draws with OpenGL; "" otherwise.
std::string gl_renderer_name(SDL_Renderer& renderer) {
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(&renderer, &info);
    if (std::string_view(info.name).find("opengl") == std::string_view::npos) return {};
    using GetString = const unsigned char* (*)(unsigned int);
    auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
    constexpr unsigned int kGlRenderer = 0x1F01;  // GL_RENDERER
    const unsigned char* name = get ? get(kGlRenderer) : nullptr;
    return name ? reinterpret_cast<const char*>(name) : "";
}

// The renderer for `choice`. On automatic, a GPU renderer that is really a CPU rasterizer
// (Mesa's llvmpipe under Xvfb or on a machine without a GPU driver) is replaced by SDL's own
// software renderer, which draws the same pictures for less CPU (bench/README.md).
platform::RendererPtr software_renderer(SDL_Window& window) {
    // The software renderer draws into the window's surface. Left to itself, SDL may back that
    // surface with an OpenGL texture, which on llvmpipe costs more than the drawing it saves:
    // the plain X11 shared-memory framebuffer is what the CPU path wants.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    return platform::RendererPtr(SDL_CreateRenderer(&window, -1, SDL_RENDERER_SOFTWARE));
}

platform::RendererPtr create_renderer(SDL_Window& window, RendererChoice choice, Logger& log) {
    if (choice == RendererChoice::software) return software_renderer(window);
    platform::RendererPtr gpu(SDL_CreateRenderer(&window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!gpu) {
        log.warning(std::string("event=no-gpu-renderer reason=") + app::quoted(SDL_GetError()) + " fallback=software");
        return software_renderer(window);
    }
    const std::string gl = gl_renderer_name(*gpu);
    if (!gl.empty()) log.info("event=gl-renderer name=" + app::quoted(gl));
    const bool rasterizer = gl.find("llvmpipe") != std::string::npos || gl.find("softpipe") != std::string::npos ||
                            gl.find("Software Rasterizer") != std::string::npos || gl.find("swrast") != std::string::npos;
    if (choice == RendererChoice::automatic && rasterizer) {
        gpu.reset();
        log.info("event=renderer-choice reason=\"the GPU renderer draws on the CPU here; the software renderer costs less\"");
        return software_renderer(window);
    }
    return gpu;
}

}  // namespace

int run_play(const PlayOptions& options, Logger& log) {
    const auto started = Clock::now();
    // A kiosk: closing the last window (Alt+F4 from a keyboard left out) must not end the show;
    // only the exit keys or a signal do. In a preview window, closing it leaves.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // Touch and mouse each reach the Visit once: SDL must not make one out of the other.
    platform::TouchInput::set_hints();
    auto sdl = platform::SdlContext::create(platform::SdlContext::Mode::video);
    if (!sdl) {
        log.error("event=startup-failed reason=" + app::quoted(sdl.error().message));
        return 2;
    }
    PlaylistSource source(default_fonts_dir());
    const auto loaded = options.media.empty() ? source.load(options.playlist, PlaylistSource::Depth::play)
                                              : core::adhoc_playlist(options.media, default_fonts_dir());
    log_diagnostics(log, loaded);
    auto playlist = std::make_shared<core::Playlist>(loaded.playlist.value_or(core::Playlist{}));
    if (!loaded.playlist) {
        // An unusable file still gets the calm screen, set in the shipped fonts.
        const auto fonts = default_fonts_dir();
        auto& theme = playlist->exhibit.theme;
        theme.body_font = fonts / "DejaVuSerif.ttf";
        theme.heading_font = fonts / "DejaVuSans-Bold.ttf";
        theme.italic_font = fonts / "DejaVuSerif-Italic.ttf";
        theme.ui_font = fonts / "DejaVuSans.ttf";
    }
    if (!loaded.playlist) {
        log.error("event=nothing-to-show reason=" + app::quoted("the playlist cannot be used: " +
                  (loaded.diagnostics.empty() ? std::string("unknown") : loaded.diagnostics.front().message)));
    } else if (playlist->items.empty()) {
        log.error("event=nothing-to-show reason=\"the playlist has no playable items\"");
    }
    log.info("event=playlist-loaded path=" + app::quoted(options.media.empty() ? options.playlist.string() : "(files given)") + " items=" +
             std::to_string(playlist->items.size()));

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int w = 1280, h = 720;
    if (options.window) {
        w = options.window->width;
        h = options.window->height;
    } else {
        flags |= SDL_WINDOW_BORDERLESS;
        // Sized to the display from the start: a kiosk often runs X with no window manager,
        // which would leave a fullscreen request at the window's initial size.
        SDL_DisplayMode desktop{};
        if (SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
            w = desktop.w;
            h = desktop.h;
        }
    }
    const int pos = options.window ? SDL_WINDOWPOS_CENTERED : 0;
    platform::WindowPtr window(SDL_CreateWindow(playlist->exhibit.title.c_str(), pos, pos, w, h, flags));
    if (!window) {
        log.error("event=startup-failed reason=" + app::quoted(std::string("cannot open a window: ") + SDL_GetError()));
        return 2;
    }
    platform::RendererPtr renderer = create_renderer(*window, options.renderer, log);
    if (!renderer) {
        log.error("event=startup-failed reason=" + app::quoted(std::string("cannot create a renderer: ") + SDL_GetError()));
        return 2;
    }
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer.get(), &info);
    log.info(std::string("event=renderer name=") + info.name);
    if (!options.window) {
        if (platform::has_window_manager(*window)) SDL_SetWindowFullscreen(window.get(), SDL_WINDOW_FULLSCREEN_DESKTOP);
        SDL_ShowCursor(SDL_DISABLE);
        SDL_SetWindowKeyboardGrab(window.get(), SDL_TRUE);
    }
    SDL_DisableScreenSaver();
    // YUV textures: BT.601 for SD pictures and BT.709 for HD ones, as they are made.
    SDL_SetYUVConversionMode(SDL_YUV_CONVERSION_AUTOMATIC);
    const auto video_path = std::string_view(info.name) == "software" ? render::Compositor::VideoPath::cpu
                                                                      : render::Compositor::VideoPath::textures;
    log.info(std::string("event=video-path path=") + (video_path == render::Compositor::VideoPath::cpu ? "cpu" : "textures"));

    std::optional<TimingLog> timing;
    if (options.timing_log) {
        auto opened = TimingLog::open(*options.timing_log, started);
        if (!opened) {
            log.error("event=timing-log-failed reason=" + app::quoted(opened.error().message));
        } else {
            timing.emplace(std::move(*opened));
        }
    }
    // One sound device for the whole show; a venue display without speakers plays silently.
    std::unique_ptr<media::AudioOutput> audio;
    if (!sdl->has_audio()) {
        log.warning("event=no-sound reason=\"no audio driver; video plays at the wall clock, silently\"");
    } else if (auto opened = media::AudioOutput::open(media::AudioOutputConfig{}); !opened) {
        log.warning("event=no-sound reason=" + app::quoted(opened.error().message + "; video plays at the wall clock, silently"));
    } else {
        audio = std::move(*opened);
        const auto& f = audio->format();
        log.info("event=sound rate=" + std::to_string(f.rate) + " channels=" + std::to_string(f.channels));
        if (timing) {
            timing->audio_format(f.rate, f.channels, f.format == media::SampleFormat::f32);
            audio->record_callbacks(true);
        }
    }

    PlayLoop loop(options, log, source, *window, *renderer, playlist, started, audio.get(), timing ? &*timing : nullptr,
                  video_path);
    return loop.run();
}

}  // namespace vitrine::app
