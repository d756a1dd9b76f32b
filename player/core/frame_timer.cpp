#include "core/frame_timer.hpp"

#include <algorithm>
#include <cmath>

namespace vitrine::core {

namespace {

MediaTime scaled(MediaTime t, double factor) {
    return MediaTime(std::llround(static_cast<double>(t.count()) * factor));
}

FrameDecision decision(FrameAction action, MediaTime delay = MediaTime{0}, WallTime until = {},
                       std::optional<MediaTime> av_offset = std::nullopt) {
    FrameDecision d;
    d.action = action;
    d.until = until;
    d.delay = delay;
    d.av_offset = av_offset;
    return d;
}

std::optional<MediaTime> offset(const FrameTiming& frame, std::optional<MediaTime> master) {
    if (!master) return std::nullopt;
    return frame.pts - *master;
}

}  // namespace

FrameTimer::FrameTimer(SyncMaster master, MediaTime max_frame_duration)
    : master_(master), max_frame_duration_(max_frame_duration) {}

MediaTime FrameTimer::target_delay(MediaTime nominal, std::optional<MediaTime> video_minus_master,
                                   MediaTime max_frame_duration) {
    nominal = std::max(nominal, MediaTime{0});
    if (!video_minus_master) return nominal;
    const MediaTime diff = *video_minus_master;
    // A difference this large is a jump in the timestamps, which correcting would only worsen.
    if (std::chrono::abs(diff) >= max_frame_duration) return nominal;

    // The threshold follows the frame's duration: a long frame tolerates a larger offset.
    const MediaTime threshold = std::clamp<MediaTime>(nominal, kSyncThresholdMin, kSyncThresholdMax);
    if (diff <= -threshold) return std::max(MediaTime{0}, nominal + diff);
    if (diff >= threshold) return nominal > kFrameDupThreshold ? nominal + diff : 2 * nominal;

    const MediaTime limit = scaled(nominal, kMaxDriftStretch);
    return nominal + std::clamp(scaled(diff, kDriftCorrectionGain), -limit, limit);
}

MediaTime FrameTimer::nominal_duration(const FrameTiming& shown, const FrameTiming& next) const {
    if (shown.serial != next.serial) return MediaTime{0};
    const MediaTime step = next.pts - shown.pts;
    // Out-of-order, repeated or widely spaced timestamps say nothing about this frame's length.
    if (step <= MediaTime{0} || step > max_frame_duration_) return std::max(shown.duration, MediaTime{0});
    return step;
}

std::optional<MediaTime> FrameTimer::master_time(std::optional<MediaTime> audio_clock,
                                                 QueueSerial video_queue_serial,
                                                 WallTime now) const {
    if (master_ == SyncMaster::audio) return audio_clock;
    return wall_clock_.get(now, video_queue_serial);
}

void FrameTimer::move_to(const FrameTiming& frame, QueueSerial video_queue_serial, WallTime now) {
    current_ = frame;
    video_clock_.set(frame.pts, frame.serial, now);
    // Kept anchored even under the audio master, so set_master(wall) has a clock to go on with.
    wall_clock_.sync_to(video_clock_, video_queue_serial, now);
}

FrameDecision FrameTimer::decide(const FrameTiming& next,
                                 const std::optional<FrameTiming>& after_next,
                                 std::optional<MediaTime> audio_clock,
                                 QueueSerial video_queue_serial, WallTime now) {
    if (next.serial != video_queue_serial) {
        ++stats_.dropped_stale;
        return decision(FrameAction::drop_stale);
    }

    const bool new_serial = !current_ || current_->serial != next.serial;
    if (paused_) {
        if (!new_serial) return decision(FrameAction::hold);
        // A seek or a new clip while paused shows the frame it lands on, then holds it.
        frame_timer_ = now;
        move_to(next, video_queue_serial, now);
        ++stats_.shown;
        const auto master = master_time(audio_clock, video_queue_serial, now);
        return decision(FrameAction::show, MediaTime{0}, {}, offset(next, master));
    }

    // The first frame of a serial has no predecessor to be timed from: it is due now.
    if (new_serial) frame_timer_ = now;
    const MediaTime nominal = new_serial ? MediaTime{0} : nominal_duration(*current_, next);

    std::optional<MediaTime> video_minus_master;
    if (const auto master = master_time(audio_clock, video_queue_serial, now)) {
        if (const auto video = video_clock_.get(now, video_queue_serial)) {
            video_minus_master = *video - *master;
        }
    }
    const MediaTime delay = target_delay(nominal, video_minus_master, max_frame_duration_);

    const WallTime due = frame_timer_ + delay;
    if (now < due) return decision(FrameAction::wait, delay, due);

    frame_timer_ = due;
    // Far behind without an A/V reason (a stall that held the master too): start afresh from
    // now rather than rushing through frames to catch up.
    if (delay > MediaTime{0} && now - frame_timer_ > kSyncThresholdMax) frame_timer_ = now;
    move_to(next, video_queue_serial, now);

    if (after_next && after_next->serial == next.serial) {
        const MediaTime duration = nominal_duration(next, *after_next);
        if (now > frame_timer_ + duration) {
            ++stats_.dropped_late;
            return decision(FrameAction::drop_late, delay);
        }
    }

    ++stats_.shown;
    const auto master = master_time(audio_clock, video_queue_serial, now);
    return decision(FrameAction::show, delay, {}, offset(next, master));
}

void FrameTimer::pause(WallTime now) {
    if (paused_) return;
    paused_ = true;
    paused_at_ = now;
    video_clock_.pause(now);
    wall_clock_.pause(now);
}

void FrameTimer::resume(WallTime now) {
    if (!paused_) return;
    paused_ = false;
    // The pause does not count against the frame on screen.
    frame_timer_ += now - paused_at_;
    video_clock_.resume(now);
    wall_clock_.resume(now);
}

void FrameTimer::set_master(SyncMaster master, WallTime now) {
    if (master == SyncMaster::wall && master_ != SyncMaster::wall) {
        // Take over from where the picture is, so the switch itself causes no jump.
        if (const auto serial = video_clock_.serial()) {
            if (const auto video = video_clock_.get(now, *serial)) wall_clock_.set(*video, *serial, now);
        }
    }
    master_ = master;
}

}  // namespace vitrine::core
