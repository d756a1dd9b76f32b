#pragma once
// The audio decode thread of one playing clip (ffplay's audio_thread, in a class): pulls packets
// from the Demuxer's audio queue, decodes them, converts them to the audio device's format with
// an AudioResampler (volume and mute applied) and hands each converted chunk to a sink.
//
// - A serial change (a seek) flushes the codec and the resampler first; samples that end before
//   the seek target are dropped and the first chunk is trimmed to start at the target, so sound
//   starts where the picture does.
// - Samples at or after `end` (the clip's end point) are not delivered: the chunk that crosses it
//   is cut there and an end-of-stream chunk follows at once.
// - A decode error in the middle of a clip is logged at most once per log_interval; decoding
//   goes on. At the end of the stream the codec and resampler are drained and an end-of-stream
//   chunk (no bytes) is delivered; after a seek decoding resumes.
//
// Threads: create() and the destructor on the owner's thread; the sink runs on the decode
// thread and may block (it is how the clip waits for its turn and for room in the device FIFO).
// Teardown: the owner first makes a blocked sink return false (its own abort), then destroys
// the decoder, which aborts the audio packet queue and joins the thread. Destroy it before its
// Demuxer.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/av_clock.hpp"
#include "core/result.hpp"
#include "media/audio_resampler.hpp"
#include "media/demuxer.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {

// Converted sound on its way to the device, with the time and serial of its first sample frame.
struct AudioChunk {
    std::vector<std::uint8_t> bytes;  // interleaved in the device format; empty at end of stream
    core::MediaTime pts{0};           // clip time of bytes[0]; at end of stream, just after the last sample
    core::QueueSerial serial = 0;     // serial of the packet queue it was decoded from
    bool end_of_stream = false;
};

struct AudioDecoderOptions {
    AudioFormat output;        // the device's format (AudioOutput::format())
    double volume = 1.0;       // gain, 0..1
    bool muted = false;
    std::optional<core::MediaTime> end;  // the clip's end point (clip time); nullopt = its end
    // Mid-clip decode errors; called on the decode thread. May be empty.
    std::function<void(const std::string&)> log;
    std::chrono::milliseconds log_interval{1000};
};

class AudioDecoder {
public:
    // Receives each chunk on the decode thread; may block. Returns false to stop the thread.
    using Sink = std::function<bool(AudioChunk&&)>;

    // Opens the decoder of `demuxer`'s audio stream and starts the decode thread. Fails, naming
    // the path, when the clip has no audio stream, no decoder exists for its codec, or the codec
    // does not open. `demuxer` must outlive it.
    static core::Result<std::unique_ptr<AudioDecoder>> create(Demuxer& demuxer, AudioDecoderOptions options, Sink sink);

    AudioDecoder(const AudioDecoder&) = delete;
    AudioDecoder& operator=(const AudioDecoder&) = delete;
    ~AudioDecoder();

    // The current serial of the audio packet queue (changes at each seek). Any thread.
    core::QueueSerial packet_serial() const { return packets_->serial(); }
    std::size_t decode_errors() const { return errors_; }

private:
    AudioDecoder(Demuxer& demuxer, AudioDecoderOptions options, Sink sink);
    void run();  // the decode thread
    // Receives every frame the codec has ready and delivers it; false when the sink said stop.
    bool receive_frames(core::QueueSerial serial, std::optional<core::MediaTime> seek_target);
    // Trims `chunk` to [seek_target, end) and delivers what is left; false when the sink said stop.
    bool deliver(ConvertedAudio&& audio, core::QueueSerial serial, std::optional<core::MediaTime> seek_target);
    void report_error(const std::string& what, int code);

    const AudioDecoderOptions options_;
    const Sink sink_;
    const std::string path_;
    PacketQueue* packets_;  // the Demuxer's, not owned
    AVRational time_base_{0, 1};
    core::MediaTime start_offset_{0};
    CodecContextPtr codec_;
    std::atomic<std::size_t> errors_{0};
    // Decode thread only:
    AudioResampler resampler_;
    bool ended_ = false;  // the end point was reached in this serial: deliver nothing more
    core::MediaTime delivered_until_{0};  // clip time just after the last sample delivered
    std::chrono::steady_clock::time_point last_log_{};
    bool logged_once_ = false;
    std::thread thread_;  // last: joined before anything above is destroyed
};

}  // namespace vitrine::media
