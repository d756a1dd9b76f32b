#include "media/video_decoder.hpp"

#include <algorithm>
#include <utility>

namespace vitrine::media {
namespace {

constexpr AVRational kNanoseconds{1, 1'000'000'000};

core::MediaTime to_media_time(int64_t ts, AVRational time_base) {
    return core::MediaTime{av_rescale_q(ts, time_base, kNanoseconds)};
}

}  // namespace

VideoDecoder::VideoDecoder(Demuxer& demuxer, VideoDecoderOptions options)
    : options_(std::move(options)),
      path_(demuxer.path().string()),
      packets_(demuxer.video_packets()),
      frames_(options_.frame_queue_capacity) {}

core::Result<std::unique_ptr<VideoDecoder>> VideoDecoder::create(Demuxer& demuxer,
                                                                 VideoDecoderOptions options) {
    const std::string path = demuxer.path().string();
    const StreamInfo* stream = demuxer.video_stream();
    if (!stream || !demuxer.video_packets()) return core::fail("no video stream in " + path, path);
    const AVCodecParameters* par = stream->parameters.get();
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (!codec) {
        return core::fail(std::string("no decoder for the video codec ") + avcodec_get_name(par->codec_id) +
                              " of " + path, path);
    }
    if (int64_t{par->width} * par->height > kMaxVideoPixels) {
        return core::fail("video of " + path + " is " + std::to_string(par->width) + "x" +
                              std::to_string(par->height) + ", larger than 7680x4320", path);
    }

    std::unique_ptr<VideoDecoder> d(new VideoDecoder(demuxer, std::move(options)));
    d->codec_.reset(avcodec_alloc_context3(codec));
    if (!d->codec_) return core::fail("out of memory opening the video decoder of " + path, path);
    if (const int r = avcodec_parameters_to_context(d->codec_.get(), par); r < 0) {
        return core::fail("cannot set up the video decoder of " + path + ": " + av_error_text(r), path);
    }
    d->codec_->pkt_timebase = stream->time_base;
    d->codec_->max_pixels = kMaxVideoPixels;
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    d->threads_ = d->options_.threads > 0 ? d->options_.threads : cores;
    d->codec_->thread_count = d->threads_;
    d->codec_->thread_type = FF_THREAD_FRAME;
    if (const int r = avcodec_open2(d->codec_.get(), codec, nullptr); r < 0) {
        return core::fail("cannot open the " + std::string(codec->name) + " decoder for " + path + ": " +
                              av_error_text(r), path);
    }
    d->time_base_ = stream->time_base;
    d->start_offset_ = stream->start_offset;
    if (stream->frame_rate.num > 0 && stream->frame_rate.den > 0) {
        d->nominal_duration_ = to_media_time(1, av_inv_q(stream->frame_rate));
    }
    d->width_ = d->codec_->width;
    d->height_ = d->codec_->height;
    d->pixel_format_ = d->codec_->pix_fmt;
    d->threads_ = d->codec_->thread_count;  // the codec may lower it
    d->thread_ = std::thread([raw = d.get()] { raw->run(); });
    return d;
}

VideoDecoder::~VideoDecoder() {
    frames_.abort();
    packets_->abort();
    if (thread_.joinable()) thread_.join();
}

void VideoDecoder::report_error(const std::string& what, int code) {
    const std::size_t errors = ++errors_;
    if (!options_.log) return;
    const auto now = std::chrono::steady_clock::now();
    if (logged_once_ && now - last_log_ < options_.log_interval) return;
    std::string message = what + " in " + path_ + ": " + av_error_text(code);
    if (logged_once_ && errors - errors_at_last_log_ > 1) {
        message += " (" + std::to_string(errors - errors_at_last_log_ - 1) + " more since the last report)";
    }
    logged_once_ = true;
    last_log_ = now;
    errors_at_last_log_ = errors;
    options_.log(message + "; decoding goes on");
}

bool VideoDecoder::receive_frames(core::QueueSerial serial, std::optional<core::MediaTime> seek_target) {
    for (;;) {
        FramePtr frame(av_frame_alloc());
        if (!frame) return true;
        const int r = avcodec_receive_frame(codec_.get(), frame.get());
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return true;
        if (r < 0) {
            report_error("a video frame could not be decoded", r);
            return true;
        }
        const int64_t ts = frame->best_effort_timestamp;
        const core::MediaTime pts =
            ts != AV_NOPTS_VALUE ? to_media_time(ts, time_base_) - start_offset_ : next_pts_.value_or(core::MediaTime{0});
        core::MediaTime duration = nominal_duration_;
        if (duration <= core::MediaTime{0} && frame->pkt_duration > 0) {
            duration = to_media_time(frame->pkt_duration, time_base_);
        }
        next_pts_ = pts + duration;
        // Before the seek target: decoded only because decoding starts at a key frame.
        if (seek_target && pts + std::max(duration, core::MediaTime{1}) <= *seek_target) continue;
        // Flushed while it was being decoded: nobody is waiting for it.
        if (packets_->serial() != serial) continue;
        if (!frames_.push(VideoFrame{std::move(frame), pts, duration, serial})) return false;
    }
}

void VideoDecoder::run() {
    std::optional<core::QueueSerial> serial;
    std::optional<core::MediaTime> seek_target;
    for (;;) {
        std::optional<QueuedPacket> queued = packets_->pop();
        if (!queued) return;  // aborted
        if (serial != queued->serial) {
            // A seek: nothing decoded from before it may come out after it.
            if (serial) avcodec_flush_buffers(codec_.get());
            frames_.flush();
            serial = queued->serial;
            seek_target = queued->seek_target;
            next_pts_.reset();
        }
        // A null packet drains the codec at the end of the stream.
        const int sent = avcodec_send_packet(codec_.get(), queued->packet.get());
        if (sent < 0 && sent != AVERROR(EAGAIN) && sent != AVERROR_EOF) {
            report_error("a video packet could not be decoded", sent);
        }
        if (!receive_frames(*serial, seek_target)) return;
        if (queued->end_of_stream()) {
            avcodec_flush_buffers(codec_.get());  // ready to decode again after a seek
            if (!frames_.push(VideoFrame{nullptr, next_pts_.value_or(core::MediaTime{0}), core::MediaTime{0}, *serial})) {
                return;
            }
        }
    }
}

}  // namespace vitrine::media
