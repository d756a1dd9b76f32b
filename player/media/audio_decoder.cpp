#include "media/audio_decoder.hpp"

#include <algorithm>
#include <utility>

namespace vitrine::media {
namespace {

// Whole sample frames of `format` that last `t` (rounded down; never negative).
std::size_t frames_in(const AudioFormat& format, core::MediaTime t) {
    if (t <= core::MediaTime{0}) return 0;
    return static_cast<std::size_t>(av_rescale(t.count(), format.rate, 1'000'000'000));
}

}  // namespace

AudioDecoder::AudioDecoder(Demuxer& demuxer, AudioDecoderOptions options, Sink sink)
    : options_(std::move(options)),
      sink_(std::move(sink)),
      path_(demuxer.path().string()),
      packets_(demuxer.audio_packets()),
      resampler_(options_.output) {
    resampler_.set_volume(options_.volume);
    resampler_.set_muted(options_.muted);
}

core::Result<std::unique_ptr<AudioDecoder>> AudioDecoder::create(Demuxer& demuxer, AudioDecoderOptions options,
                                                                 Sink sink) {
    const std::string path = demuxer.path().string();
    const StreamInfo* stream = demuxer.audio_stream();
    if (!stream || !demuxer.audio_packets()) return core::fail("no audio stream in " + path, path);
    const AVCodecParameters* par = stream->parameters.get();
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (!codec) {
        return core::fail(std::string("no decoder for the audio codec ") + avcodec_get_name(par->codec_id) + " of " + path,
                          path);
    }
    std::unique_ptr<AudioDecoder> d(new AudioDecoder(demuxer, std::move(options), std::move(sink)));
    d->codec_.reset(avcodec_alloc_context3(codec));
    if (!d->codec_) return core::fail("out of memory opening the audio decoder of " + path, path);
    if (const int r = avcodec_parameters_to_context(d->codec_.get(), par); r < 0) {
        return core::fail("cannot set up the audio decoder of " + path + ": " + av_error_text(r), path);
    }
    d->codec_->pkt_timebase = stream->time_base;
    if (const int r = avcodec_open2(d->codec_.get(), codec, nullptr); r < 0) {
        return core::fail("cannot open the " + std::string(codec->name) + " decoder for " + path + ": " + av_error_text(r),
                          path);
    }
    d->time_base_ = stream->time_base;
    d->start_offset_ = stream->start_offset;
    d->thread_ = std::thread([raw = d.get()] { raw->run(); });
    return d;
}

AudioDecoder::~AudioDecoder() {
    packets_->abort();
    if (thread_.joinable()) thread_.join();
}

void AudioDecoder::report_error(const std::string& what, int code) {
    ++errors_;
    if (!options_.log) return;
    const auto now = std::chrono::steady_clock::now();
    if (logged_once_ && now - last_log_ < options_.log_interval) return;
    logged_once_ = true;
    last_log_ = now;
    options_.log(what + " in " + path_ + ": " + av_error_text(code) + "; decoding goes on");
}

bool AudioDecoder::deliver(ConvertedAudio&& audio, core::QueueSerial serial,
                           std::optional<core::MediaTime> seek_target) {
    if (ended_ || audio.bytes.empty()) return true;
    const AudioFormat& format = options_.output;
    core::MediaTime pts = audio.pts.value_or(core::MediaTime{0}) - start_offset_;
    std::size_t first = 0;
    std::size_t count = audio.frames;
    // Before the seek target: decoded only because decoding starts at a packet before it.
    if (seek_target && pts < *seek_target) {
        const std::size_t skip = frames_in(format, *seek_target - pts);
        if (skip >= count) return true;
        first = skip;
        count -= skip;
        pts += format.duration_of(skip * format.bytes_per_frame());
    }
    bool reached_end = false;
    if (options_.end) {
        const core::MediaTime left = *options_.end - pts;
        const std::size_t room = frames_in(format, left);
        if (room < count) {
            count = room;
            reached_end = true;
        }
    }
    if (count > 0) {
        AudioChunk chunk;
        const std::size_t bpf = format.bytes_per_frame();
        if (first == 0 && count == audio.frames) {
            chunk.bytes = std::move(audio.bytes);
        } else {
            chunk.bytes.assign(audio.bytes.begin() + static_cast<std::ptrdiff_t>(first * bpf),
                               audio.bytes.begin() + static_cast<std::ptrdiff_t>((first + count) * bpf));
        }
        chunk.pts = pts;
        chunk.serial = serial;
        delivered_until_ = pts + format.duration_of(count * bpf);
        if (!sink_(std::move(chunk))) return false;
    }
    if (reached_end) {
        ended_ = true;
        return sink_(AudioChunk{{}, delivered_until_, serial, true});
    }
    return true;
}

bool AudioDecoder::receive_frames(core::QueueSerial serial, std::optional<core::MediaTime> seek_target) {
    for (;;) {
        FramePtr frame(av_frame_alloc());
        if (!frame) return true;
        const int r = avcodec_receive_frame(codec_.get(), frame.get());
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return true;
        if (r < 0) {
            report_error("audio could not be decoded", r);
            return true;
        }
        if (packets_->serial() != serial) continue;  // flushed while decoding: nobody wants it
        frame->pts = frame->best_effort_timestamp;
        auto converted = resampler_.convert(*frame, time_base_);
        if (!converted) {
            report_error(converted.error().message, AVERROR(EINVAL));
            continue;
        }
        if (!deliver(std::move(*converted), serial, seek_target)) return false;
    }
}

void AudioDecoder::run() {
    std::optional<core::QueueSerial> serial;
    std::optional<core::MediaTime> seek_target;
    for (;;) {
        std::optional<QueuedPacket> queued = packets_->pop();
        if (!queued) return;  // aborted
        if (serial != queued->serial) {
            if (serial) avcodec_flush_buffers(codec_.get());
            resampler_.reset();
            serial = queued->serial;
            seek_target = queued->seek_target;
            ended_ = false;
            delivered_until_ = seek_target.value_or(core::MediaTime{0});
        }
        if (ended_ && !queued->end_of_stream()) continue;  // past the end point: wait for a seek
        const int sent = avcodec_send_packet(codec_.get(), queued->packet.get());
        if (sent < 0 && sent != AVERROR(EAGAIN) && sent != AVERROR_EOF) {
            report_error("an audio packet could not be decoded", sent);
        }
        if (!receive_frames(*serial, seek_target)) return;
        if (queued->end_of_stream()) {
            if (!ended_) {
                auto rest = resampler_.drain();
                if (rest && !rest->bytes.empty() && !deliver(std::move(*rest), *serial, seek_target)) return;
            }
            avcodec_flush_buffers(codec_.get());
            if (!ended_) {
                ended_ = true;
                // deliver() may have just ended it at the end point; only one end marker per serial.
                if (!sink_(AudioChunk{{}, delivered_until_, *serial, true})) return;
            }
        }
    }
}

}  // namespace vitrine::media
