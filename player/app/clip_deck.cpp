#include "app/clip_deck.hpp"

#include <algorithm>
#include <cmath>

#include "media/embedded_captions.hpp"

extern "C" {
#include <libavutil/pixfmt.h>
}

namespace vitrine::app {
namespace {

using core::MediaTime;

double to_ms(MediaTime t) { return std::chrono::duration<double, std::milli>(t).count(); }

std::string joined(const std::vector<const core::Cue*>& cues) {
    std::string text;
    for (const core::Cue* c : cues) text += (text.empty() ? "" : "\n") + c->text;
    return text;
}

// How far `p` is at `now`, 0..1 from its start point to its end point; nullopt when its length
// is unknown.
std::optional<double> progress_of(const media::ClipPlayer& p, core::WallTime now) {
    const MediaTime length = p.duration();
    if (length <= MediaTime{0}) return std::nullopt;
    return std::clamp(to_ms(p.position(now) - p.start_point()) / to_ms(length), 0.0, 1.0);
}

}  // namespace

core::CaptionTrack captions_for(const core::Clip& clip, const core::Exhibit& exhibit, std::string_view language,
                                const std::string& id, Logger& log) {
    // A visitor who chose another language than the default reads captions in it where the clip
    // has them; in the default language the curator's caption_language holds.
    const std::string wanted =
        language.empty() || language == exhibit.language ? core::caption_language_of(exhibit) : std::string(language);
    const auto file = core::caption_file_for(clip, exhibit, wanted);
    if (file.empty()) {
        // No caption file: the clip's own subtitle stream, if it has one.
        auto embedded = media::read_embedded_captions(clip.file, wanted);
        if (!embedded) {
            log.warning("event=captions-failed item=" + id + " reason=" + app::quoted(embedded.error().message));
            return {};
        }
        if (!*embedded) return {};
        log.info("event=captions item=" + id + " source=embedded codec=" + (*embedded)->codec + " language=" +
                 ((*embedded)->language.empty() ? std::string("unknown") : (*embedded)->language) +
                 " cues=" + std::to_string((*embedded)->track.cues.size()));
        return std::move((*embedded)->track);
    }
    auto loaded = core::load_captions(file);
    if (!loaded) {
        log.error("event=captions-failed item=" + id + " reason=" + app::quoted(loaded.error().message));
        return {};
    }
    std::size_t errors = 0;
    for (const auto& d : loaded->diagnostics) errors += d.severity == core::Severity::error ? 1 : 0;
    if (errors > 0) {
        log.warning("event=captions-problems item=" + id + " file=" + app::quoted(file.string()) + " errors=" +
                    std::to_string(errors) + " hint=\"vitrine check lists them; the other cues are shown\"");
    }
    return std::move(loaded->track);
}

void ClipDeck::adopt(Key key, std::unique_ptr<media::ClipPlayer> player, ClipItem item, render::Compositor& compositor) {
    auto [it, inserted] = clips_.insert_or_assign(key, Entry{});
    Entry& e = it->second;
    e.player = std::move(player);
    e.item = std::move(item);
    upload_picture(key, e, compositor);
    update_caption(key, e, compositor, core::WallTime{});
    update_progress(key, e, compositor, core::WallTime{});
}

void ClipDeck::release(Key key) {
    auto it = clips_.find(key);
    if (it == clips_.end()) return;
    add_to_totals(it->second);
    clips_.erase(it);  // joins its threads
}

void ClipDeck::add_to_totals(const Entry& e) {
    const media::ClipStats s = e.player->stats();
    released_.shown += s.shown;
    released_.dropped += s.dropped;
    released_.late_decodes += s.late_decodes;
}

void ClipDeck::start(Key key, WallTime now) {
    auto it = clips_.find(key);
    if (it == clips_.end()) return;
    Entry& e = it->second;
    e.end_reported = false;
    e.player->start(now);
    if (paused_) e.player->pause(now);
    log_.info("event=clip-start item=" + e.item.id + " sound=" + (e.player->has_sound() ? "yes" : "no") +
              " clock=" + (e.player->audio_master() ? "audio" : "wall"));
    if (timing_) timing_->clip_start(now, e.item.id);
}

void ClipDeck::stop(Key key, WallTime now, bool rewind) {
    auto it = clips_.find(key);
    if (it == clips_.end()) return;
    it->second.player->stop(now, rewind);
    if (timing_) timing_->clip_end(now, it->second.item.id);
}

void ClipDeck::set_paused(bool paused, WallTime now) {
    if (paused == paused_) return;
    paused_ = paused;
    for (auto& [key, e] : clips_) {
        if (!e.player->playing()) continue;
        if (paused) e.player->pause(now);
        else e.player->resume(now);
    }
}

bool ClipDeck::seek(Key key, double fraction, WallTime now) {
    auto it = clips_.find(key);
    if (it == clips_.end()) return false;
    Entry& e = it->second;
    const MediaTime length = e.player->duration();
    if (length <= MediaTime{0} || !std::isfinite(fraction)) return false;
    const double f = std::clamp(fraction, 0.0, 1.0);
    const auto offset = MediaTime(std::llround(static_cast<double>(length.count()) * f));
    // Not logged: a drag along the line seeks once per frame drawn.
    e.player->seek(e.player->start_point() + offset, now);
    e.end_reported = false;
    return true;
}

std::optional<double> ClipDeck::progress(Key key, WallTime now) const {
    auto it = clips_.find(key);
    if (it == clips_.end()) return std::nullopt;
    return progress_of(*it->second.player, now);
}

std::vector<ClipDeck::Key> ClipDeck::update(render::Compositor& compositor, WallTime target) {
    std::vector<Key> ended;
    for (auto& [key, e] : clips_) {
        if (!e.player->playing()) {
            // A clip that was rewound (or sought while stopped) shows the picture it will start
            // from, before it plays.
            if (e.player->update(target)) upload_picture(key, e, compositor);
            update_caption(key, e, compositor, target);
            update_progress(key, e, compositor, target);
            continue;
        }
        e.player->update(target);
        upload_picture(key, e, compositor);
        update_caption(key, e, compositor, target);
        update_progress(key, e, compositor, target);
        if (!e.end_reported && e.player->ended(target)) {
            e.end_reported = true;
            ended.push_back(key);
            log_.info("event=clip-end item=" + e.item.id);
        }
    }
    return ended;
}

void ClipDeck::upload_picture(Key key, Entry& e, render::Compositor& compositor) {
    const AVFrame* f = e.player->picture();
    if (!f || e.uploaded_picture == e.player->picture_serial()) return;
    e.uploaded_picture = e.player->picture_serial();
    core::Result<void> done;
    if (compositor.video_path() == render::Compositor::VideoPath::cpu) {
        const SDL_Rect r = compositor.video_rect(f->width, f->height, e.item.fit);
        auto lock = compositor.lock_video(key.first, key.second, r.w, r.h, e.item.fit);
        if (!lock) {
            done = std::unexpected(lock.error());
        } else {
            done = e.converter.to_xrgb(*f, lock->pixels, lock->pitch, lock->width, lock->height);
            compositor.unlock_video(key.first, key.second);
        }
    } else {
        const AVFrame* src = f;
        if (!media::FrameConverter::texture_ready(f->format)) {
            auto converted = e.converter.to_i420(*f);
            if (!converted) {
                log_.error("event=video-upload-failed item=" + e.item.id + " reason=" + app::quoted(converted.error().message));
                return;
            }
            src = *converted;
        }
        render::VideoPlanes planes;
        planes.layout = src->format == AV_PIX_FMT_NV12 ? render::VideoPlanes::Layout::nv12 : render::VideoPlanes::Layout::i420;
        planes.width = src->width;
        planes.height = src->height;
        for (int i = 0; i < 3; ++i) {
            planes.planes[i] = src->data[i];
            planes.pitches[i] = src->linesize[i];
        }
        done = compositor.upload_video(key.first, key.second, planes, e.item.fit);
    }
    if (!done) log_.error("event=video-upload-failed item=" + e.item.id + " reason=" + app::quoted(done.error().message));
}

void ClipDeck::update_caption(Key key, Entry& e, render::Compositor& compositor, WallTime now) {
    if (e.item.captions.cues.empty()) return;
    const MediaTime at = e.player->position(now);  // stopped: where it will start from
    const std::string text = joined(e.item.captions.at(std::chrono::duration_cast<core::Millis>(at)));
    if (text == e.caption_text) return;
    e.caption_text = text;
    if (text.empty()) {
        (void)compositor.set_live_caption(key.first, key.second, nullptr, SDL_Rect{});
        return;
    }
    auto band = painter_.paint_caption(text, e.item.theme, e.item.display, compositor.width(), compositor.height());
    if (!band) {
        log_.error("event=caption-failed item=" + e.item.id + " reason=" + app::quoted(band.error().message));
        return;
    }
    if (auto set = compositor.set_live_caption(key.first, key.second, band->surface.get(), band->dest); !set) {
        log_.error("event=caption-failed item=" + e.item.id + " reason=" + app::quoted(set.error().message));
    }
}

void ClipDeck::update_progress(Key key, Entry& e, render::Compositor& compositor, WallTime now) {
    if (const auto fraction = progress_of(*e.player, now)) compositor.set_progress(key.first, key.second, *fraction);
}

void ClipDeck::reupload(render::Compositor& compositor) {
    for (auto& [key, e] : clips_) {
        e.uploaded_picture = 0;
        e.caption_text.clear();
        upload_picture(key, e, compositor);
    }
}

void ClipDeck::presented(WallTime now) {
    for (auto& [key, e] : clips_) {
        if (!e.player->playing() || e.presented_picture == e.uploaded_picture) continue;
        e.presented_picture = e.uploaded_picture;
        if (timing_) timing_->video(now, e.item.id, e.player->picture_pts());
        if (auto offset = e.player->av_offset(now)) {
            if (timing_) timing_->av(now, e.item.id, *offset);
            const double ms = to_ms(*offset);
            ++released_.av_samples;
            av_sum_ms_ += ms;
            if (std::abs(ms) > std::abs(released_.av_worst_ms)) released_.av_worst_ms = ms;
        }
    }
}

std::optional<core::WallTime> ClipDeck::next_due() const {
    std::optional<WallTime> due;
    for (const auto& [key, e] : clips_) {
        // A stopped clip asks only while the picture it will start from is awaited.
        if (auto d = e.player->next_due(); d && (!due || *d < *due)) due = d;
    }
    return due;
}

bool ClipDeck::any_playing() const {
    return std::any_of(clips_.begin(), clips_.end(), [](const auto& kv) { return kv.second.player->playing(); });
}

PlaybackSummary ClipDeck::summary() const {
    PlaybackSummary s = released_;
    for (const auto& [key, e] : clips_) {
        const media::ClipStats c = e.player->stats();
        s.shown += c.shown;
        s.dropped += c.dropped;
        s.late_decodes += c.late_decodes;
    }
    s.av_mean_ms = s.av_samples ? av_sum_ms_ / static_cast<double>(s.av_samples) : 0.0;
    return s;
}

std::size_t ClipDeck::natural_duration_ms(Key key) const {
    auto it = clips_.find(key);
    if (it == clips_.end()) return 0;
    return static_cast<std::size_t>(std::chrono::duration_cast<core::Millis>(it->second.player->duration()).count());
}

}  // namespace vitrine::app
