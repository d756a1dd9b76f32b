#pragma once
// Prepares items on a worker thread so that decoding a large image or laying out a long text
// never delays a frame. The render thread asks (request), and collects the finished items
// (poll) once a frame; each finished item also pushes an SDL event of type `wake_event` so a
// render loop that sleeps while idle wakes up for it.
//
// Threads: request/cancel/poll from the render thread; the worker owns the ItemPreparer
// (and with it the fonts). Destruction aborts both queues and joins the worker.
#include <SDL.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include "app/logger.hpp"
#include "core/bounded_queue.hpp"
#include "core/caption_track.hpp"
#include "core/playlist.hpp"
#include "core/result.hpp"
#include "media/audio_output.hpp"
#include "media/clip_player.hpp"
#include "render/item_preparer.hpp"
#include "render/menu_tiles.hpp"

namespace vitrine::app {

class Preloader {
public:
    static constexpr std::size_t kNoticeIndex = static_cast<std::size_t>(-1);
    static constexpr std::size_t kMenuIndex = static_cast<std::size_t>(-2);  // the menu's tile pictures

    struct Outcome {
        std::size_t generation = 0;
        std::size_t index = 0;  // kNoticeIndex for the notice screen
        core::Result<render::PreparedItem> item;
        std::chrono::milliseconds took{0};
        // Video and audio items: the clip, opened and prerolled, and the captions it shows.
        std::unique_ptr<media::ClipPlayer> clip;
        core::CaptionTrack captions;
        // kMenuIndex: the tile pictures (item is then an empty PreparedItem).
        std::optional<render::MenuTilePictures> tiles;
    };

    // audio: the sound device clips play through (borrowed; null: clips play silently).
    // log: for problems met while clips play (called on decode threads).
    Preloader(Uint32 wake_event, media::AudioOutput* audio, Logger& log);
    ~Preloader();
    Preloader(const Preloader&) = delete;
    Preloader& operator=(const Preloader&) = delete;

    // Queues the preparation of item `index` of `playlist` for a width x height screen, in
    // `language` (its texts, files and captions; empty: the default language).
    void request(std::shared_ptr<const core::Playlist> playlist, std::size_t generation, std::size_t index,
                 int width, int height, std::string language = {});
    // Queues the notice screen (nothing playable) for this exhibit.
    void request_notice(std::shared_ptr<const core::Playlist> playlist, int width, int height);
    // Queues the menu's tile pictures of `playlist` (generation `generation`) for a width x height screen.
    void request_menu_tiles(std::shared_ptr<const core::Playlist> playlist, std::size_t generation, int width, int height);
    // The item is no longer wanted: if its work has not started it is dropped.
    void cancel(std::size_t generation, std::size_t index);
    // A finished preparation, if any. Never blocks.
    std::optional<Outcome> poll() { return done_.try_pop(); }

private:
    struct Job {
        std::shared_ptr<const core::Playlist> playlist;
        std::size_t generation = 0;
        std::size_t index = 0;
        int width = 0, height = 0;
        std::string language;
    };
    void work();
    // For a video or audio item: opens its clip into `out` and loads its captions. Errors go
    // into out.item (the item is skipped); caption problems are logged and the clip plays without.
    void open_clip(const core::Playlist& playlist, std::size_t index, const std::string& language, Outcome& out);
    bool take_cancelled(std::size_t generation, std::size_t index);

    Uint32 wake_event_;
    media::AudioOutput* audio_;
    Logger& log_;
    core::BoundedQueue<Job> jobs_{64};
    core::BoundedQueue<Outcome> done_{8};
    std::mutex cancel_mutex_;                                   // guards cancelled_
    std::set<std::pair<std::size_t, std::size_t>> cancelled_;  // (generation, index)
    render::ItemPreparer preparer_;                             // worker thread only
    std::thread worker_;                                        // last: joined first
};

}  // namespace vitrine::app
