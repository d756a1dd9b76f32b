#pragma once
// The video decode thread of one playing clip (ffplay's video_thread, in a class): pulls packets
// from the Demuxer's video queue, decodes them with frame threading, and pushes the frames,
// stamped with clip-time pts, duration and the serial of their packets, into a small frame
// queue for the thread that presents them.
//
// - A serial change (a seek) flushes the codec first, so no frame of the old serial is decoded
//   after it; frames that end before the seek target are skipped, so the first frame of the new
//   serial is the one showing at the target. Frames whose serial is already stale when decoded
//   are not queued.
// - A decode error in the middle of a clip is reported through the log callback at most once
//   per log_interval (with the count of the errors in between); decoding goes on.
// - At the end of the stream the codec is drained and an end-of-stream VideoFrame (no picture)
//   is queued; after a seek decoding resumes.
//
// Threads: create() and the destructor on the owner's thread, frames() consumed by one thread.
// Teardown: the destructor aborts the frame queue and the video packet queue (the stream is
// closed), joins the thread, then frees the codec. Destroy it before its Demuxer.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/bounded_queue.hpp"
#include "core/result.hpp"
#include "media/demuxer.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/video_frame.hpp"

namespace vitrine::media {

// reliability.md: max_pixels defaults to INT_MAX. 8K UHD is the largest picture a venue display
// shows; anything larger is refused before a frame buffer is allocated for it.
constexpr int64_t kMaxVideoPixels = int64_t{7680} * 4320;

struct VideoDecoderOptions {
    // Frame threads; 0 = one per core. Each costs a frame of memory and of latency.
    int threads = 0;
    // Decoded frames waiting to be shown (ffplay holds 3): enough to look one frame ahead and
    // ride out a slow frame, few enough that a skip wastes little decoding.
    std::size_t frame_queue_capacity = 3;
    // Mid-clip decode errors; called on the decode thread. May be empty.
    std::function<void(const std::string&)> log;
    std::chrono::milliseconds log_interval{1000};
};

class VideoDecoder {
public:
    // Opens the decoder of `demuxer`'s video stream and starts the decode thread. Fails, naming
    // the path, when the clip has no video stream, no decoder exists for its codec, its picture
    // is larger than kMaxVideoPixels, or the codec does not open. `demuxer` must outlive it.
    static core::Result<std::unique_ptr<VideoDecoder>> create(Demuxer& demuxer,
                                                              VideoDecoderOptions options = {});

    VideoDecoder(const VideoDecoder&) = delete;
    VideoDecoder& operator=(const VideoDecoder&) = delete;
    ~VideoDecoder();

    // The decoded frames, in presentation order per serial; an end-of-stream VideoFrame after
    // the last one. The consumer drops frames whose serial differs from packet_serial().
    core::BoundedQueue<VideoFrame>& frames() { return frames_; }
    // The current serial of the video packet queue (changes at each seek).
    core::QueueSerial packet_serial() const { return packets_->serial(); }

    int width() const { return width_; }
    int height() const { return height_; }
    AVPixelFormat pixel_format() const { return pixel_format_; }
    int threads() const { return threads_; }             // frame threads in use
    std::size_t decode_errors() const { return errors_; }  // since create()

private:
    VideoDecoder(Demuxer& demuxer, VideoDecoderOptions options);
    void run();  // the decode thread
    // Receives every frame the codec has ready and queues it; false when the queue was aborted.
    bool receive_frames(core::QueueSerial serial, std::optional<core::MediaTime> seek_target);
    void report_error(const std::string& what, int code);

    const VideoDecoderOptions options_;
    const std::string path_;
    PacketQueue* packets_;        // the Demuxer's, not owned
    AVRational time_base_{0, 1};  // of the packets' timestamps
    core::MediaTime start_offset_{0};
    core::MediaTime nominal_duration_{0};  // 0 when the frame rate is unknown
    int width_ = 0, height_ = 0, threads_ = 1;
    AVPixelFormat pixel_format_ = AV_PIX_FMT_NONE;
    CodecContextPtr codec_;
    core::BoundedQueue<VideoFrame> frames_;
    std::atomic<std::size_t> errors_{0};
    // Decode thread only:
    std::optional<core::MediaTime> next_pts_;  // fills a frame without a timestamp
    std::chrono::steady_clock::time_point last_log_{};
    std::size_t errors_at_last_log_ = 0;
    bool logged_once_ = false;

    std::thread thread_;  // last: joined before anything above is destroyed
};

}  // namespace vitrine::media
