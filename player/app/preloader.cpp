#include "app/preloader.hpp"

#include "app/clip_deck.hpp"

#include <chrono>

namespace vitrine::app {

Preloader::Preloader(Uint32 wake_event, media::AudioOutput* audio, Logger& log)
    : wake_event_(wake_event), audio_(audio), log_(log), worker_([this] { work(); }) {}

Preloader::~Preloader() {
    jobs_.abort();
    done_.abort();
    if (worker_.joinable()) worker_.join();
}

void Preloader::request(std::shared_ptr<const core::Playlist> playlist, std::size_t generation,
                        std::size_t index, int width, int height, std::string language) {
    {
        std::lock_guard lock(cancel_mutex_);
        cancelled_.erase({generation, index});
    }
    jobs_.push(Job{std::move(playlist), generation, index, width, height, std::move(language)});
}

void Preloader::request_notice(std::shared_ptr<const core::Playlist> playlist, int width, int height) {
    jobs_.push(Job{std::move(playlist), 0, kNoticeIndex, width, height, {}});
}

void Preloader::request_menu_tiles(std::shared_ptr<const core::Playlist> playlist, std::size_t generation, int width,
                                   int height) {
    jobs_.push(Job{std::move(playlist), generation, kMenuIndex, width, height, {}});
}

void Preloader::cancel(std::size_t generation, std::size_t index) {
    std::lock_guard lock(cancel_mutex_);
    cancelled_.insert({generation, index});
}

bool Preloader::take_cancelled(std::size_t generation, std::size_t index) {
    std::lock_guard lock(cancel_mutex_);
    return cancelled_.erase({generation, index}) > 0;
}

void Preloader::work() {
    while (auto job = jobs_.pop()) {
        if (job->index != kNoticeIndex && take_cancelled(job->generation, job->index)) continue;
        const auto started = std::chrono::steady_clock::now();
        if (job->index == kMenuIndex) {
            Outcome out{job->generation, job->index, render::PreparedItem{}, {}, nullptr, {}, {}};
            out.tiles = render::prepare_menu_tiles(*job->playlist, job->generation, job->width, job->height);
            out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            if (!done_.push(std::move(out))) return;
            SDL_Event wake{};
            wake.type = wake_event_;
            SDL_PushEvent(&wake);
            continue;
        }
        Outcome out{job->generation, job->index,
                    job->index == kNoticeIndex
                        ? preparer_.prepare_notice(job->playlist->exhibit, job->width, job->height)
                        : preparer_.prepare(*job->playlist, job->index, job->width, job->height, job->language),
                    {}, nullptr, {}, {}};
        if (out.item && job->index != kNoticeIndex) open_clip(*job->playlist, job->index, job->language, out);
        out.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        if (out.item) out.item->generation = job->generation;
        if (!done_.push(std::move(out))) return;
        SDL_Event wake{};
        wake.type = wake_event_;
        SDL_PushEvent(&wake);  // thread-safe by SDL's contract
    }
}

void Preloader::open_clip(const core::Playlist& playlist, std::size_t index, const std::string& language,
                          Outcome& out) {
    const core::Item& item = playlist.items[index];
    // The visitor's language: its file (a recording per language) and its captions first.
    const core::ItemBody& body = language.empty() ? item.body : core::body_in(item, language);
    const core::Clip* clip = nullptr;
    bool video = false;
    if (const auto* v = std::get_if<core::VideoItem>(&body)) {
        clip = &v->clip;
        video = true;
    } else if (const auto* a = std::get_if<core::AudioItem>(&body)) {
        clip = &a->clip;
    }
    if (!clip) return;
    media::ClipPlayerOptions options;
    options.video = video;
    options.audio = audio_;
    options.volume = playlist.exhibit.volume;
    options.log = [this, id = item.id](const std::string& m) {
        log_.warning("event=clip-problem item=" + id + " reason=" + app::quoted(m));
    };
    auto player = media::ClipPlayer::open(*clip, std::move(options));
    if (!player) {
        out.item = std::unexpected(player.error());
        return;
    }
    out.clip = std::move(*player);
    const auto duration = std::chrono::duration_cast<core::Millis>(out.clip->duration());
    if (duration > core::Millis{0}) out.item->natural_duration = duration;

    out.captions = captions_for(*clip, playlist.exhibit, language, item.id, log_);
}

}  // namespace vitrine::app
