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
    bool playing() const { return playing_; }

    // Moves the picture on to what is due at `target` (when the next frame drawn reaches the
    // screen). True when picture() changed. Also loops the clip at its end when it loops.
    // While stopped after a rewind, it puts the start point's picture in place once decoded.
    bool update(core::WallTime target);
    // The picture to draw; null for a clip without video. Valid until the next update() or stop().
    const AVFrame* picture() const { return shown_.frame.get(); }
    core::MediaTime picture_pts() const { return shown_.pts; }
    // A counter that changes whenever picture() does (for the compositor's frame key).
    std::size_t picture_serial() const { return picture_serial_; }
    // The latest moment update() should be called again (a picture falls due); nullopt when
    // nothing is waiting (stopped, paused, or no picture decoded yet).
    std::optional<core::WallTime> next_due() const { return next_due_; }
    // The last update() found no decoded picture waiting (the decoder is behind, or busy after
    // a rewind): the picture on screen stays until one comes.
    bool starved() const { return starved_; }

    // Where the clip is at `now`, on its own timeline (from 0 at the file's start, not the start
    // point): the sound heard, else the picture's clock, else the wall clock since start().
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
    void rewind();                           // back to the start point, a new serial everywhere
    void fill_pending();
    bool refresh_preroll();  // stopped and rewound: picture() becomes the start point's, once decoded
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
    bool at_start_ = true;  // rewound (or never started): start() plays from the start point
    std::size_t late_decodes_ = 0;
    core::WallTime shown_at_{};
    core::WallTime sound_wait_from_{};  // start() or a loop: when the sound was asked to begin        // when shown_ was decided on
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
