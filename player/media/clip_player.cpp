#include "media/clip_player.hpp"

#include <algorithm>
#include <utility>

#include "media/clip_probe.hpp"

namespace vitrine::media {
namespace {

using core::MediaTime;
using core::WallTime;
using namespace std::chrono_literals;

// The sound counts as played out when the audio clock is this close to its last sample (the
// clock stands still at the last sample handed over, a device buffer before it is heard).
constexpr MediaTime kSoundEndTolerance = 30ms;
// A clock that reads the same this much later stands still (AvClock extrapolates; it is not read
// at that time, only asked what it would read).
constexpr auto kClockStillProbe = 1s;

// The longest the first picture waits for the sound to be heard (a device buffer or two).
constexpr auto kSoundStartWait = 150ms;
// ...and is shown once the sound is this close to its time.
constexpr MediaTime kStartTolerance = 4ms;

// While the picture of a seek is awaited, update() is asked for this often: soon enough that it
// shows in the next frame or two drawn after it is decoded.
constexpr auto kCuePoll = 4ms;

FramePtr clone(const AVFrame* f) { return FramePtr(f ? av_frame_clone(f) : nullptr); }

}  // namespace

ClipPlayer::ClipPlayer(const core::Clip& clip, ClipPlayerOptions options)
    : path_(clip.file),
      options_(std::move(options)),
      start_(std::chrono::duration_cast<MediaTime>(clip.start)),
      end_(clip.end ? std::optional(std::chrono::duration_cast<MediaTime>(*clip.end)) : std::nullopt),
      loop_(clip.loop),
      origin_(start_) {}

core::Result<std::unique_ptr<ClipPlayer>> ClipPlayer::open(const core::Clip& clip, ClipPlayerOptions options) {
    std::unique_ptr<ClipPlayer> p(new ClipPlayer(clip, std::move(options)));
    const std::string path = clip.file.string();
    const bool sound = p->options_.audio && p->options_.audio->has_device();
    MediaTime file_duration{0};

    if (!p->options_.video && !sound) {
        // An audio item with no device: nothing to decode. It keeps its time on the wall clock.
        auto info = probe_clip(clip.file);
        if (!info) return std::unexpected(info.error());
        if (!info->has_audio) return core::fail("no audio stream in " + path, path);
        file_duration = info->duration;
    } else {
        DemuxerOptions d;
        d.video = p->options_.video;
        d.audio = sound;
        d.log = p->options_.log;
        auto demuxer = Demuxer::open(clip.file, std::move(d));
        if (!demuxer) return std::unexpected(demuxer.error());
        p->demuxer_ = std::move(*demuxer);
        file_duration = p->demuxer_->duration();
        if (p->options_.video) {
            if (!p->demuxer_->video_stream()) return core::fail("no video stream in " + path, path);
            VideoDecoderOptions v;
            v.threads = p->options_.decoder_threads;
            v.log = p->options_.log;
            auto decoder = VideoDecoder::create(*p->demuxer_, std::move(v));
            if (!decoder) return std::unexpected(decoder.error());
            p->video_ = std::move(*decoder);
        }
        if (sound && p->demuxer_->audio_stream()) {
            AudioDecoderOptions a;
            a.output = p->options_.audio->format();
            a.volume = std::clamp(p->options_.volume * clip.volume, 0.0, 1.0);
            a.muted = clip.mute;
            a.end = p->end_;
            a.log = p->options_.log;
            auto decoder = AudioDecoder::create(*p->demuxer_, std::move(a),
                                                [raw = p.get()](AudioChunk&& c) { return raw->deliver_audio(std::move(c)); });
            if (!decoder) return std::unexpected(decoder.error());
            p->audio_decoder_ = std::move(*decoder);
        }
        if (p->start_ > MediaTime{0}) p->demuxer_->seek(p->start_);
        {
            std::lock_guard lock(p->sink_mutex_);
            p->accepted_serial_ = p->audio_decoder_ ? p->audio_decoder_->packet_serial() : 0;
        }
    }
    MediaTime last = file_duration;
    if (p->end_ && (last <= MediaTime{0} || *p->end_ < last)) last = *p->end_;
    p->duration_ = last > p->start_ ? last - p->start_ : MediaTime{0};
    if (auto ok = p->preroll(); !ok) return std::unexpected(ok.error());
    return p;
}

core::Result<void> ClipPlayer::preroll() {
    const std::string path = path_.string();
    const auto deadline = std::chrono::steady_clock::now() + options_.preroll_timeout;
    if (video_) {
        auto first = video_->frames().pop_for(options_.preroll_timeout);
        if (!first) {
            return core::fail("no picture from " + path + " within " +
                                  std::to_string(options_.preroll_timeout.count() / 1000) + " s",
                              path);
        }
        if (first->end_of_stream()) return core::fail("no picture could be decoded from " + path, path);
        shown_ = VideoFrame{clone(first->frame.get()), first->pts, first->duration, first->serial};
        ++picture_serial_;
        pending_.push_back(std::move(*first));
    }
    if (audio_decoder_) {
        std::unique_lock lock(sink_mutex_);
        // Missing sound is not fatal for a video (it plays at the wall clock); for an audio item it is.
        if (!sink_wake_.wait_until(lock, deadline, [&] { return primed_; }) && !video_) {
            return core::fail("no sound could be decoded from " + path, path);
        }
    }
    return {};
}

ClipPlayer::~ClipPlayer() {
    {
        std::lock_guard lock(sink_mutex_);
        sink_abort_ = true;
    }
    sink_wake_.notify_all();
    release_device();  // wakes a push() blocked on a full FIFO of this clip's stream
    audio_decoder_.reset();
    video_.reset();
    demuxer_.reset();
}

bool ClipPlayer::deliver_audio(AudioChunk&& chunk) {
    std::unique_lock lock(sink_mutex_);
    if (!primed_) {
        primed_ = true;
        sink_wake_.notify_all();
    }
    // A chunk of a newer serial than the accepted one waits: restart_at() is about to accept it.
    sink_wake_.wait(lock, [&] {
        return sink_abort_ || chunk.serial < accepted_serial_ || (chunk.serial == accepted_serial_ && sink_open_);
    });
    if (sink_abort_) return false;
    if (chunk.serial < accepted_serial_) return true;  // from before a rewind: dropped
    if (chunk.end_of_stream) {
        sound_ended_ = true;
        sound_end_ = chunk.pts;
        return true;
    }
    const core::QueueSerial serial = output_serial_;
    lock.unlock();
    switch (options_.audio->push(chunk.bytes, chunk.pts, serial)) {
        case PushResult::aborted: return false;
        case PushResult::no_device: {
            // The device is gone: keep to real time rather than decode the rest of the file at once.
            const auto length = options_.audio->format().duration_of(chunk.bytes.size());
            lock.lock();
            sink_wake_.wait_for(lock, length, [&] { return sink_abort_; });
            return !sink_abort_;
        }
        case PushResult::queued:
        case PushResult::stale: return true;
    }
    return true;
}

void ClipPlayer::take_device(WallTime) {
    if (!audio_decoder_ || !options_.audio) return;
    const core::QueueSerial serial = options_.audio->begin_stream();
    std::lock_guard lock(sink_mutex_);
    output_serial_ = serial;
}

void ClipPlayer::release_device() {
    if (!options_.audio) return;
    core::QueueSerial mine = 0;
    {
        std::lock_guard lock(sink_mutex_);
        mine = output_serial_;
    }
    // Only this clip's own sound is cut: the next clip may have taken the device already.
    if (mine != 0 && options_.audio->current_serial() == mine) options_.audio->begin_stream();
}

void ClipPlayer::restart_at(MediaTime to, WallTime now) {
    last_position_.reset();
    video_ended_ = false;
    starved_ = false;
    pending_.clear();
    next_due_.reset();
    origin_ = to;
    if (demuxer_) {
        demuxer_->seek(to);
        // The new device stream is opened before the new serial is accepted, and both change under
        // one lock: a chunk decoded before the seek is either dropped by the sink or pushed to the
        // old stream, which the device refuses; none reaches the new stream.
        const core::QueueSerial stream = playing_ && audio_decoder_ ? options_.audio->begin_stream() : 0;
        {
            std::lock_guard lock(sink_mutex_);
            sound_ended_ = false;
            accepted_serial_ = audio_decoder_ ? audio_decoder_->packet_serial() : 0;
            if (stream != 0) output_serial_ = stream;
        }
        sink_wake_.notify_all();
    }
    if (playing_) {
        wall_clock_.set(to, 0, now);  // keeps its paused state: a paused clip goes on from `to`
        sound_wait_from_ = now;
        if (!paused_) next_due_ = now;
    }
}

MediaTime ClipPlayer::seek(MediaTime to, WallTime now) {
    MediaTime last = to;
    if (duration_ > MediaTime{0}) last = start_ + duration_;
    else if (end_) last = *end_;
    const MediaTime target = std::clamp(to, start_, std::max(start_, last));
    restart_at(target, now);
    if (!playing_) cued_ = true;
    show_cue_ = video_ != nullptr;
    // Waiting for the picture of the new place is not the decoder falling behind.
    late_decode_counted_ = true;
    if (show_cue_ && !next_due_) next_due_ = now;
    return target;
}

void ClipPlayer::start(WallTime now) {
    if (playing_) return;
    playing_ = true;
    paused_ = false;
    shown_before_ += timer_.stats().shown;
    dropped_before_ += timer_.stats().dropped_late;
    const bool audio_clock = audio_decoder_ && options_.audio->has_device();
    timer_ = core::FrameTimer(audio_clock ? core::SyncMaster::audio : core::SyncMaster::wall);
    if (cued_) {
        wall_clock_ = core::AvClock{};
        wall_clock_.set(origin_, 0, now);
    } else {
        wall_clock_.resume(now);
    }
    cued_ = false;
    last_position_.reset();
    sound_wait_from_ = now;
    take_device(now);
    {
        std::lock_guard lock(sink_mutex_);
        sink_open_ = true;
    }
    sink_wake_.notify_all();
    next_due_ = now;
}

void ClipPlayer::stop(WallTime now, bool rewind_to_start) {
    if (!playing_) return;
    const MediaTime at = position(now);
    playing_ = false;
    if (paused_ && options_.audio && audio_decoder_) options_.audio->resume();
    paused_ = false;
    {
        std::lock_guard lock(sink_mutex_);
        sink_open_ = false;
    }
    release_device();
    if (rewind_to_start) {
        restart_at(start_, now);
        cued_ = true;
        show_cue_ = video_ != nullptr;
        if (show_cue_) next_due_ = now;
    } else {
        wall_clock_.pause(now);
        origin_ = at;
        next_due_.reset();
    }
}

void ClipPlayer::pause(WallTime now) {
    if (!playing_ || paused_) return;
    paused_ = true;
    timer_.pause(now);
    wall_clock_.pause(now);
    if (!show_cue_) next_due_.reset();
    if (audio_decoder_ && options_.audio) options_.audio->pause();
}

void ClipPlayer::resume(WallTime now) {
    if (!playing_ || !paused_) return;
    paused_ = false;
    timer_.resume(now);
    wall_clock_.resume(now);
    if (audio_decoder_ && options_.audio) options_.audio->resume();
    next_due_ = now;
}

void ClipPlayer::fill_pending() {
    while (pending_.size() < 2 && (pending_.empty() || !pending_.back().end_of_stream())) {
        auto f = video_->frames().try_pop();
        if (!f) return;
        pending_.push_back(std::move(*f));
    }
}

void ClipPlayer::drop_stale_pending() {
    const core::QueueSerial serial = video_->packet_serial();
    for (;;) {
        fill_pending();
        if (pending_.empty() || pending_.front().serial == serial) return;
        // Popping them also makes room for a decoder blocked on the full frame queue.
        while (!pending_.empty() && pending_.front().serial != serial) pending_.pop_front();
    }
}

bool ClipPlayer::show_cued_picture() {
    if (!video_ || !show_cue_) return false;
    drop_stale_pending();
    if (pending_.empty()) return false;  // not decoded yet
    show_cue_ = false;
    const VideoFrame& first = pending_.front();
    // Sought to the end: no picture there; the last one stays until the clip ends.
    if (first.end_of_stream() || (end_ && first.pts >= *end_)) return false;
    if (shown_.frame && shown_.serial == first.serial && shown_.pts == first.pts) return false;
    // A copy: the frame stays in pending_ for the frame timer, which shows it (as no new picture)
    // when the clip plays.
    shown_ = VideoFrame{clone(first.frame.get()), first.pts, first.duration, first.serial};
    ++picture_serial_;
    return true;
}

bool ClipPlayer::update(WallTime target) {
    const bool cued = show_cued_picture();
    if (!playing_ || paused_) {
        if (show_cue_) next_due_ = target + kCuePoll;
        else next_due_.reset();
        return cued;
    }
    if (timer_.master() == core::SyncMaster::audio && !options_.audio->has_device()) {
        timer_.set_master(core::SyncMaster::wall, target);  // the device went away: go on at the wall clock
    }
    bool changed = cued;
    next_due_.reset();
    starved_ = false;
    if (video_ && !video_ended_) {
        for (;;) {
            fill_pending();
            if (pending_.empty()) {
                starved_ = true;
                // The decoder is behind: the shown picture stays longer than its time.
                if (shown_.frame && !late_decode_counted_ && target - shown_at_ > shown_.duration + 1ms) {
                    ++late_decodes_;
                    late_decode_counted_ = true;
                }
                next_due_ = target + 2ms;
                break;
            }
            VideoFrame& next = pending_.front();
            const core::QueueSerial serial = video_->packet_serial();
            if (next.serial != serial) {  // decoded before the last rewind
                pending_.pop_front();
                continue;
            }
            if (next.end_of_stream() || (end_ && next.pts >= *end_)) {
                video_ended_ = true;
                pending_.clear();
                break;
            }
            std::optional<core::FrameTiming> after;
            if (pending_.size() > 1 && !pending_[1].end_of_stream() && pending_[1].serial == next.serial) {
                after = pending_[1].timing();
            }
            std::optional<MediaTime> audio_clock;
            if (timer_.master() == core::SyncMaster::audio) {
                std::lock_guard lock(sink_mutex_);
                audio_clock = options_.audio->clock(target, output_serial_);
            }
            // The sound is heard a device buffer or two after start(): the timer takes its first
            // picture when the sound begins (at most kSoundStartWait later), so that picture and
            // sound run together from the first frame. The prerolled picture is on screen meanwhile.
            const bool first_of_play = shown_at_ < sound_wait_from_;
            if (timer_.master() == core::SyncMaster::audio && first_of_play && target - sound_wait_from_ < kSoundStartWait &&
                (!audio_clock || *audio_clock + kStartTolerance < next.pts)) {
                next_due_ = target + 2ms;
                break;
            }
            const core::FrameDecision d = timer_.decide(next.timing(), after, audio_clock, serial, target);
            if (d.action == core::FrameAction::show) {
                // The prerolled picture is already on screen: taking it again is no new picture.
                const bool same = shown_.frame && shown_.serial == next.serial && shown_.pts == next.pts;
                shown_ = std::move(next);
                pending_.pop_front();
                if (!same) ++picture_serial_;
                shown_at_ = target;
                late_decode_counted_ = false;
                changed = changed || !same;
                next_due_ = target;  // the next frame's time is known only when it is asked about
                break;
            }
            if (d.action == core::FrameAction::wait) {
                next_due_ = d.until;
                break;
            }
            if (d.action == core::FrameAction::hold) break;
            pending_.pop_front();  // drop_late or drop_stale
        }
    }
    if ((!video_ || video_ended_) && !(picture_done(target) && sound_done(target))) {
        // Played out but not yet ended: the last picture has its time and the sound its tail.
        const WallTime poll = target + 5ms;
        next_due_ = video_ && shown_.frame ? std::min(poll, std::max(target, shown_at_ + shown_.duration)) : poll;
    }
    if (loop_ && (!video_ || video_ended_) && picture_done(target) && sound_done(target)) {
        restart_at(start_, target);
        next_due_ = target;
    }
    return changed;
}

bool ClipPlayer::sound_done(WallTime now) const {
    if (!audio_decoder_) {
        // No sound decoded: a silent audio item (no device) keeps to the wall clock.
        if (video_) return true;
        return duration_ > MediaTime{0} && position(now) >= start_ + duration_;
    }
    core::QueueSerial serial = 0;
    MediaTime end{0};
    {
        std::lock_guard lock(sink_mutex_);
        if (!sound_ended_) return false;
        serial = output_serial_;
        end = sound_end_;
    }
    if (!options_.audio->has_device() || options_.audio->queued_bytes() == 0) {
        const auto clock = options_.audio->clock(now, serial);
        if (!clock || *clock >= end - kSoundEndTolerance) return true;
        // Everything is handed to the device, and its clock stands still (not paused by the
        // show): it has stopped at the last sound it played. When its callbacks come late (a busy
        // machine) it stops up to two buffers short of the end, further than the tolerance.
        const auto later = options_.audio->clock(now + kClockStillProbe, serial);
        return !paused_ && later && *later == *clock;
    }
    return false;
}

bool ClipPlayer::picture_done(WallTime now) const {
    if (!video_) return true;
    // The last picture stays its own duration, like every other one.
    return video_ended_ && (!shown_.frame || now >= shown_at_ + shown_.duration);
}

bool ClipPlayer::ended(WallTime now) const {
    if (loop_ || !playing_) return false;
    return picture_done(now) && sound_done(now);
}

MediaTime ClipPlayer::position(WallTime now) const {
    std::optional<MediaTime> t;
    if (!playing_) {
        t = origin_;
    } else if (audio_decoder_ && timer_.master() == core::SyncMaster::audio) {
        // Until the first sound is heard the clip is where it started (or was sought to): the
        // clock does not switch between the wall and the sound, so it never runs backwards.
        std::lock_guard lock(sink_mutex_);
        t = options_.audio->clock(now, output_serial_).value_or(origin_);
    }
    // The picture's clock reads nothing until the frame timer has moved on to a picture of the
    // current serial (after a seek, the old picture's time is no longer where the clip is).
    if (!t && video_) t = timer_.video_clock().get(now, video_->packet_serial()).value_or(origin_);
    if (!t) t = wall_clock_.get(now, 0).value_or(origin_);
    // The first picture after a seek starts up to a frame before the place sought (the one on
    // screen there), and the first sound is counted back by the device buffer: neither puts the
    // clip before the place the visitor chose.
    if (playing_) t = std::max(*t, origin_);
    const MediaTime last = duration_ > MediaTime{0} ? start_ + duration_ : *t;
    const MediaTime at = std::clamp(*t, start_, std::max(start_, last));
    // The device sets the audio clock a few microseconds either side of its extrapolation;
    // what the visitor sees (progress, captions) only moves forward within one play.
    if (playing_ && last_position_ && at < *last_position_ && *last_position_ - at < kSoundEndTolerance) return *last_position_;
    last_position_ = at;
    return at;
}

std::optional<MediaTime> ClipPlayer::av_offset(WallTime now) const {
    if (!audio_decoder_ || !shown_.frame || timer_.master() != core::SyncMaster::audio) return std::nullopt;
    std::lock_guard lock(sink_mutex_);
    const auto clock = options_.audio->clock(now, output_serial_);
    if (!clock) return std::nullopt;
    return shown_.pts - *clock;
}

ClipStats ClipPlayer::stats() const {
    return ClipStats{shown_before_ + timer_.stats().shown, dropped_before_ + timer_.stats().dropped_late, late_decodes_};
}

}  // namespace vitrine::media
