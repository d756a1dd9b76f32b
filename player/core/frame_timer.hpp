#pragma once
// When to show the next decoded video frame, in ffplay's model (video_refresh and
// compute_target_delay): a frame timer walks from frame to frame by each frame's nominal
// duration, corrected by how far the video clock is from the master clock; a frame whose time
// has not come is waited for, one that is already later than its own duration is dropped (when
// another frame is there to take its place), one from before the last flush is discarded.
//
// Departure from ffplay: inside the sync threshold ffplay does not correct at all, so a small
// drift (an audio clock 2% fast) builds up to the threshold and is then removed in one jump (a
// frame shown for no time). Here a drift inside the threshold is corrected gradually, a fraction
// of it per frame, each frame's delay changed by at most kMaxDriftStretch of its duration.
//
// Time is always passed in. A FrameTimer is owned and called by the one thread that presents
// video (not synchronised). One FrameTimer per playing clip.
#include <cstddef>
#include <optional>

#include "core/av_clock.hpp"

namespace vitrine::core {

constexpr auto kSyncThresholdMin = std::chrono::milliseconds{40};    // below this, only gradual A/V correction
constexpr auto kSyncThresholdMax = std::chrono::milliseconds{100};   // above this, always corrected at once; a frame timer further behind is reset to now
constexpr auto kFrameDupThreshold = std::chrono::milliseconds{100};  // a frame longer than this is stretched by the drift, a shorter one is shown twice as long
constexpr auto kMaxFrameDuration = std::chrono::seconds{10};         // a pts step longer than this is a discontinuity, not a frame's duration
constexpr double kDriftCorrectionGain = 0.25;  // fraction of a small drift corrected per frame: slow enough to ride out audio clock jitter
constexpr double kMaxDriftStretch = 0.10;      // a gradual correction changes a frame's delay by at most this fraction: no visible rate change

// Which clock the video follows for one clip.
enum class SyncMaster {
    audio,  // the audio clock, read by the caller and passed to decide()
    wall,   // no audio (no track, or no device): a wall clock anchored on the video itself
};

// The timing of one decoded video frame, as the frame queue holds it.
struct FrameTiming {
    MediaTime pts{0};       // presentation time on the clip's timeline (the decoder fills gaps)
    MediaTime duration{0};  // nominal duration, from the frame rate; used when pts steps are unusable
    QueueSerial serial = 0; // serial of the packet queue the frame was decoded from
};

enum class FrameAction {
    show,        // show the frame now; the timer has moved on to it
    wait,        // its time has not come: keep the current picture, ask again at `until`
    drop_late,   // too late: drop it unseen (the timer moved past it), ask about the next frame
    drop_stale,  // decoded before the last flush: drop it unseen, ask about the next frame
    hold,        // paused: keep the current picture; nothing changes before resume()
};

struct FrameDecision {
    FrameAction action = FrameAction::hold;
    WallTime until{};  // wait: when the frame falls due; otherwise unused
    MediaTime delay{0};  // the frame timer's step to this frame after A/V correction (0 for
                         // drop_stale, hold, and the first frame of a serial)
    std::optional<MediaTime> av_offset;  // show: frame pts minus master clock at `now`
                                         // (positive = picture early); nullopt when unknown
};

struct FrameStats {
    std::size_t shown = 0;
    std::size_t dropped_late = 0;
    std::size_t dropped_stale = 0;
};

class FrameTimer {
public:
    // max_frame_duration: the longest pts step taken as a frame's duration, and the largest
    // A/V difference still corrected (a larger one is a timestamp jump, left alone).
    explicit FrameTimer(SyncMaster master, MediaTime max_frame_duration = kMaxFrameDuration);

    // Decides what to do with `next`, the oldest frame in the frame queue, at `now`.
    // after_next: the frame behind it, when the queue holds one (only then can `next` be
    //   dropped for lateness: the last frame available is shown, however late).
    // audio_clock: the audio clock's time at `now` (AvClock::get against the audio packet
    //   queue's serial), nullopt when unknown; ignored when the wall clock is master.
    // video_queue_serial: the current serial of the video packet queue.
    // show and drop_late are commitments: the timer has moved on to `next`, so the caller pops
    // it from the queue (and shows it, for show). wait, hold and drop_stale change no timing.
    FrameDecision decide(const FrameTiming& next, const std::optional<FrameTiming>& after_next,
                         std::optional<MediaTime> audio_clock, QueueSerial video_queue_serial,
                         WallTime now);

    // Stops and restarts the timer with the presentation (the caller pauses the audio clock).
    // The time spent paused is added to the frame timer, so playback resumes where it stood.
    void pause(WallTime now);
    void resume(WallTime now);
    bool paused() const { return paused_; }

    // From `now` on, follow `master` (the audio device failed: go on at the wall clock).
    void set_master(SyncMaster master, WallTime now);
    SyncMaster master() const { return master_; }

    // The video clock: the pts of the frame the timer last moved on to, running on wall time.
    const AvClock& video_clock() const { return video_clock_; }
    const FrameStats& stats() const { return stats_; }

    // compute_target_delay: the delay before the next frame, given `nominal` (the current
    // frame's duration) and `video_minus_master` (video clock minus master clock at now,
    // nullopt when either is unknown; positive = video ahead). Never negative.
    static MediaTime target_delay(MediaTime nominal, std::optional<MediaTime> video_minus_master,
                                  MediaTime max_frame_duration = kMaxFrameDuration);

private:
    // ffplay's vp_duration: how long `shown` stays on screen before `next`.
    MediaTime nominal_duration(const FrameTiming& shown, const FrameTiming& next) const;
    // The master clock's time at now, nullopt when unknown.
    std::optional<MediaTime> master_time(std::optional<MediaTime> audio_clock,
                                         QueueSerial video_queue_serial, WallTime now) const;
    // The timer moves on to `frame` at `now`: video clock set, wall clock anchored to it.
    void move_to(const FrameTiming& frame, QueueSerial video_queue_serial, WallTime now);

    SyncMaster master_;
    MediaTime max_frame_duration_;
    std::optional<FrameTiming> current_;  // the frame the timer last moved on to
    WallTime frame_timer_{};              // when `current_` fell due (ffplay's frame_timer)
    AvClock video_clock_;
    AvClock wall_clock_;  // the master when master_ == wall
    bool paused_ = false;
    WallTime paused_at_{};
    FrameStats stats_;
};

}  // namespace vitrine::core
