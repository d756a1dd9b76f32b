#pragma once
// One video or audio clip of the show, from opening to teardown: its Demuxer, VideoDecoder and
// AudioDecoder threads, its turn on the shared AudioOutput, and the FrameTimer that decides
// which decoded picture is on screen (ffplay's model: the audio clock is master; the wall clock
// when the clip has no sound or there is no device).
//
// Life of a clip:
// - open(): on the preload worker, before the clip's turn. Opens the file, seeks to the start
//   point and waits for the first picture (and the first sound): the clip is "prerolled", so
//   its first frame can be drawn in a transition and its sound starts at once (no gap).
//   Decoding then stops at the small frame queue: nothing more is decoded until start().
// - start(): its turn. The clip takes the audio device (a fresh stream serial) and plays.
// - update(): once per frame drawn, the picture due at that moment.
// - seek(): at any time (playing, paused or stopped), to another place on the clip's timeline.
// - stop(): the clip left the screen; sound is cut (if the device is still its own), and it is
//   rewound to the start point for another start() (or, without rewind, left where it is, to
//   go on from there). The last picture stays in picture().
// - destruction: joins its threads (a clip skipped by the visitor stops decoding at once).
//
// Threads: open() on any thread; every other member on the owner's thread (the render thread).
// The decode threads reach the owner only through the queues and the audio sink below.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/av_clock.hpp"
#include "core/frame_timer.hpp"
#include "core/playlist.hpp"
#include "core/result.hpp"
#include "media/audio_decoder.hpp"
#include "media/audio_output.hpp"
#include "media/demuxer.hpp"
#include "media/video_decoder.hpp"

namespace vitrine::media {

struct ClipPlayerOptions {
    bool video = true;             // decode the picture (false for an audio item)
    AudioOutput* audio = nullptr;  // the device, borrowed (outlives the player); null: no sound
    double volume = 1.0;           // gain: the item's volume times the exhibit's
    // Mid-clip problems (read and decode errors), with the path. Called on the decode threads.
    std::function<void(const std::string&)> log;
    // The longest open() waits for the first picture and sound.
    std::chrono::milliseconds preroll_timeout{8000};
    int decoder_threads = 0;  // frame threads of the video decoder; 0 = one per core
};

// What a clip did on screen, for the exit summary.
struct ClipStats {
    std::size_t shown = 0;         // pictures shown
    std::size_t dropped = 0;       // decoded in time order but too late to show
    std::size_t late_decodes = 0;  // pictures that fell due before the decoder had them (the previous one stayed longer)
};

class ClipPlayer {
public:
    // Opens and prerolls `clip`. Fails, naming the path, when the file cannot be opened, holds no
    // stream to play (an audio item needs a sound stream), or yields no picture (a video) or no
    // sound (an audio item) before preroll_timeout.
    static core::Result<std::unique_ptr<ClipPlayer>> open(const core::Clip& clip, ClipPlayerOptions options);

    ClipPlayer(const ClipPlayer&) = delete;
    ClipPlayer& operator=(const ClipPlayer&) = delete;
    ~ClipPlayer();

    // Owner's thread from here on.
    void start(core::WallTime now);
    // rewind false: only interrupted (background sound under a clip); start() goes on from here.
    void stop(core::WallTime now, bool rewind = true);
    void pause(core::WallTime now);
    void resume(core::WallTime now);
    bool playing() const { return playing_; }  // started and not stopped (also while paused)
    bool paused() const { return paused_; }

    // Moves the clip to `to` on its own timeline (clip time, like position()), clamped between
    // the start point and the end point (the file's end; no upper bound when neither is known).
    // Returns where it lands. ffplay's model: the demuxer seeks under a new serial, the decoders
    // flush, and every chunk and picture decoded before is dropped unseen and unheard; while
    // playing (or paused) the clip's sound also gets a new stream on the device (what was queued
    // is not heard) and the clocks go on from the new place. A playing clip plays on, a paused
    // one stays paused, a stopped one plays from there at its next start(). In each case the
    // picture showing at the new place replaces picture() as soon as it is decoded (update()
    // puts it in place; next_due() asks for that update meanwhile). Calls in quick succession
    // (a finger dragging along a progress line) do not queue up: each one cancels the last, and
    // only the latest place is decoded. Sought to the end point, the clip ends (loops, when it
    // loops) at its next update while playing.
    core::MediaTime seek(core::MediaTime to, core::WallTime now);

    // Moves the picture on to what is due at `target` (when the next frame drawn reaches the
    // screen). True when picture() changed. Also loops the clip at its end when it loops.
    // After a seek (or while stopped after a rewind), in any state, it puts the picture of the
    // new place in place once decoded.
    bool update(core::WallTime target);
    // The picture to draw; null for a clip without video. Valid until the next update() or stop().
    const AVFrame* picture() const { return shown_.frame.get(); }
    core::MediaTime picture_pts() const { return shown_.pts; }
    // A counter that changes whenever picture() does (for the compositor's frame key).
    std::size_t picture_serial() const { return picture_serial_; }
    // The latest moment update() should be called again (a picture falls due, or the picture of
    // a seek is awaited, also while paused or stopped); nullopt when nothing is waiting.
    std::optional<core::WallTime> next_due() const { return next_due_; }
    // The last update() found no decoded picture waiting (the decoder is behind, or busy after
    // a rewind): the picture on screen stays until one comes.
    bool starved() const { return starved_; }

    // Where the clip is at `now`, on its own timeline (from 0 at the file's start, not the start
    // point), between the start point and the end point: the sound heard, else the picture's
    // clock, else the wall clock since start(); until the first sound or picture of a play (or of
    // a seek), the place it started from. Stopped: where start() will go on from (the start
    // point after a rewind, the place of a seek, or where it was stopped without a rewind).
    core::MediaTime position(core::WallTime now) const;
    // The shown picture's time minus the audio clock at `now` (positive: picture ahead of the
    // sound); nullopt when the audio clock is not the master or not running.
    std::optional<core::MediaTime> av_offset(core::WallTime now) const;
    // Played to its end point (never true for a looping clip).
    bool ended(core::WallTime now) const;

    core::MediaTime start_point() const { return start_; }
    // From the start point to the end point (or the file's end); 0 when the file does not say.
    core::MediaTime duration() const { return duration_; }
    bool has_video() const { return video_ != nullptr; }
    bool has_sound() const { return audio_decoder_ != nullptr; }
    bool audio_master() const { return timer_.master() == core::SyncMaster::audio; }
    int width() const { return video_ ? video_->width() : 0; }
    int height() const { return video_ ? video_->height() : 0; }
    ClipStats stats() const;
    const std::filesystem::path& path() const { return path_; }

private:
    ClipPlayer(const core::Clip& clip, ClipPlayerOptions options);
    core::Result<void> preroll();
    bool deliver_audio(AudioChunk&& chunk);  // the AudioDecoder's sink, on its thread
    void take_device(core::WallTime now);    // a fresh audio stream serial for this clip's sound
    void release_device();                   // silence, if the device still plays this clip
    // Every stream to clip time `to` under new serials (a rewind, a loop, a seek); while
    // playing, also a new device stream for the sound and the wall clock set to `to`.
    void restart_at(core::MediaTime to, core::WallTime now);
    void fill_pending();
    void drop_stale_pending();  // pending_ starts with a picture of the current serial, if one is decoded
    // After a seek or a rewind: picture() becomes the new place's, once decoded. True when it changed.
    bool show_cued_picture();
    bool sound_done(core::WallTime now) const;
    bool picture_done(core::WallTime now) const;  // the last picture has been shown for its time

    const std::filesystem::path path_;
    const ClipPlayerOptions options_;
    const core::MediaTime start_;
    const std::optional<core::MediaTime> end_;
    const bool loop_;
    core::MediaTime duration_{0};

    std::unique_ptr<Demuxer> demuxer_;
    std::unique_ptr<VideoDecoder> video_;
    std::unique_ptr<AudioDecoder> audio_decoder_;

    // Owner's thread:
    core::FrameTimer timer_{core::SyncMaster::wall};
    std::deque<VideoFrame> pending_;  // popped from the frame queue, not yet decided (at most 2)
    VideoFrame shown_;
    std::size_t picture_serial_ = 0;
    std::optional<core::WallTime> next_due_;
    core::AvClock wall_clock_;  // clip time on the wall clock since start(), paused with the clip
    bool playing_ = false;
    bool paused_ = false;
    bool video_ended_ = false;
    bool starved_ = false;
    mutable std::optional<core::MediaTime> last_position_;  // position() last returned, this play
    // Where this play (or this stretch of it, since a seek or a loop) began, clip time; stopped,
    // where start() goes on from.
    core::MediaTime origin_{0};
    bool cued_ = true;  // rewound, sought while stopped, or never started: start() plays from origin_
    bool show_cue_ = false;  // a seek or a rewind: its first picture replaces shown_ once decoded
    std::size_t late_decodes_ = 0;
    core::WallTime shown_at_{};         // when shown_ was decided on by the frame timer
    core::WallTime sound_wait_from_{};  // start(), a loop or a seek: when the sound was asked to begin
    bool late_decode_counted_ = false;  // this picture's overstay is counted
    std::size_t dropped_before_ = 0;  // drops of earlier FrameTimers (each start() makes a new one)
    std::size_t shown_before_ = 0;

    // Shared with the audio decode thread, under sink_mutex_:
    mutable std::mutex sink_mutex_;
    std::condition_variable sink_wake_;
    bool sink_open_ = false;        // the clip is playing: chunks go to the device
    bool sink_abort_ = false;       // teardown: the sink returns false
    bool primed_ = false;           // the first chunk (or the end) has come
    core::QueueSerial accepted_serial_ = 0;  // audio packet serial whose chunks are played
    core::QueueSerial output_serial_ = 0;    // this clip's stream on the device
    bool sound_ended_ = false;      // the end marker of accepted_serial_ came
    core::MediaTime sound_end_{0};  // clip time just after the last sample
};

}  // namespace vitrine::media
