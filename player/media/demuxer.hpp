#pragma once
// The demux thread of one playing clip (ffplay's read_thread, in a class): opens the file as
// safely as clip_probe does (file protocol only, bounded probing, a bounded number of streams,
// an interrupt callback that checks the abort flag and a deadline on opening), selects the best
// video, the best audio and optionally a subtitle stream, and reads packets into one
// PacketQueue per selected stream until end of stream, when it pushes an end-of-stream marker
// into each queue and waits for a seek or for the end.
//
// Clip time: every MediaTime here and in the decoders is a position on the clip's timeline,
// the stream timestamp minus the container's start time, so the first frame sits near 0.
//
// Threads: open() and the destructor on the owner's thread; seek() and the accessors on any
// thread; the queues' consumers are the decode threads. Teardown: the destructor aborts the
// interrupt callback and the queues, joins the thread, then frees the format context. The
// decoders reading from its queues must be destroyed before the Demuxer.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/av_clock.hpp"
#include "core/result.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/packet_queue.hpp"

namespace vitrine::media {

struct CodecParametersDeleter {
    void operator()(AVCodecParameters* p) const noexcept { avcodec_parameters_free(&p); }
};
using CodecParametersPtr = std::unique_ptr<AVCodecParameters, CodecParametersDeleter>;

// What a decoder needs to know of its stream, copied at open() (the demux thread never touches it).
struct StreamInfo {
    int index = -1;                 // the stream's index in the container
    CodecParametersPtr parameters;  // owned copy of the stream's codec parameters
    AVRational time_base{0, 1};     // of the stream's packet timestamps
    AVRational frame_rate{0, 1};    // av_guess_frame_rate for video; {0,1} when unknown
    core::MediaTime start_offset{0};  // the container's start time: stream time - this = clip time
};

struct DemuxerOptions {
    // Select the best video stream. False for an audio item: a video stream nobody decodes
    // would fill the queues and stall the reading of the sound.
    bool video = true;
    // Select the best audio stream. False when nothing will decode it (no audio device, a muted
    // item): its packets would otherwise fill the queues until reading stops.
    bool audio = true;
    bool subtitles = false;  // also select the best subtitle stream
    // ffplay's MAX_QUEUE_SIZE: reading pauses when this many payload bytes are queued in all.
    std::size_t max_queued_bytes = 15 * 1024 * 1024;
    // Bounds the opening of the file (probing reads); reads during play are bounded by abort only.
    std::chrono::milliseconds open_deadline{10'000};
    // Read errors other than end of file (a truncated or corrupt file); called on the demux
    // thread, at most once per serial; must not call back into the Demuxer. May be empty.
    std::function<void(const std::string&)> log;
};

class Demuxer {
public:
    // Opens `file` and starts the demux thread. Fails, naming the path, when the file is
    // missing, empty, not a media file, or holds neither a video nor a wanted audio stream.
    static core::Result<std::unique_ptr<Demuxer>> open(const std::filesystem::path& file,
                                                        DemuxerOptions options = {});

    Demuxer(const Demuxer&) = delete;
    Demuxer& operator=(const Demuxer&) = delete;
    ~Demuxer();

    // The selected streams and their packet queues; null when the clip has no such stream.
    const StreamInfo* video_stream() const { return video_.info ? &*video_.info : nullptr; }
    const StreamInfo* audio_stream() const { return audio_.info ? &*audio_.info : nullptr; }
    const StreamInfo* subtitle_stream() const { return subtitle_.info ? &*subtitle_.info : nullptr; }
    PacketQueue* video_packets() { return video_.info ? &video_.queue : nullptr; }
    PacketQueue* audio_packets() { return audio_.info ? &audio_.queue : nullptr; }
    PacketQueue* subtitle_packets() { return subtitle_.info ? &subtitle_.queue : nullptr; }

    const std::filesystem::path& path() const { return path_; }
    core::MediaTime duration() const { return duration_; }  // 0 when the container does not say

    // Moves playback to clip time `to` (clamped at 0): flushes every queue at once, so no
    // packet of the old serial reaches a decoder after seek() returns, and asks the demux
    // thread to seek to the key frame at or before `to`; the decoders skip the frames that end
    // before `to`. Returns the new serial of the video queue (of the audio queue without video).
    core::QueueSerial seek(core::MediaTime to);

    // True once the demux thread has queued the end-of-stream marker of the current serial.
    bool end_of_stream() const;

private:
    struct Selected {
        explicit Selected(std::function<void()> on_pop) : queue(std::move(on_pop)) {}
        std::optional<StreamInfo> info;
        PacketQueue queue;
    };

    Demuxer(std::filesystem::path path, DemuxerOptions options);
    core::Result<void> open_input();
    void run();                           // the demux thread
    bool must_wait_locked() const;        // the queues hold enough: wait for a pop
    Selected* selected_for(int stream_index);
    void push_end_of_stream_locked();
    static int interrupt(void* opaque);   // AVIOInterruptCB: abort flag or open deadline

    const std::filesystem::path path_;
    const DemuxerOptions options_;
    std::atomic<bool> abort_{false};
    std::atomic<std::chrono::steady_clock::rep> deadline_{0};  // steady_clock ticks; 0 = none
    FormatContextPtr format_;
    core::MediaTime duration_{0};
    core::MediaTime start_offset_{0};
    Selected video_, audio_, subtitle_;

    mutable std::mutex mutex_;           // guards the fields below
    std::condition_variable wake_;       // a pop, a seek or the abort
    std::optional<core::MediaTime> seek_to_;  // requested, not yet performed
    bool end_of_stream_ = false;         // the marker of the current serial is queued
    bool read_error_logged_ = false;

    std::thread thread_;  // last: joined before anything above is destroyed
};

}  // namespace vitrine::media
