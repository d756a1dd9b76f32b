#pragma once
// AudioResampler: decoded AVFrames of any channel layout, sample rate and sample format →
// interleaved samples in the audio device's format, with the item's volume and mute applied.
//
// Thread: one owner (the audio decode thread); not synchronised.
extern "C" {
#include <libswresample/swresample.h>
}

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/av_clock.hpp"
#include "core/result.hpp"

struct AVFrame;

namespace vitrine::media {

struct SwrContextDeleter {
    void operator()(SwrContext* p) const noexcept { swr_free(&p); }
};
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;

// The two interleaved sample formats the device is driven with.
enum class SampleFormat { s16, f32 };

// What the audio device plays: interleaved samples of `format`, `channels` per frame.
struct AudioFormat {
    int rate = 48000;     // sample frames per second
    int channels = 2;     // 1..8
    SampleFormat format = SampleFormat::f32;

    std::size_t bytes_per_sample() const { return format == SampleFormat::s16 ? 2 : 4; }
    std::size_t bytes_per_frame() const { return bytes_per_sample() * static_cast<std::size_t>(channels); }
    // The media time that `bytes` of this format last when played.
    core::MediaTime duration_of(std::size_t bytes) const;
    bool operator==(const AudioFormat&) const = default;
};

// One converted piece of sound, ready for AudioOutput::push.
struct ConvertedAudio {
    std::vector<std::uint8_t> bytes;     // interleaved, `frames` * bytes_per_frame()
    std::size_t frames = 0;              // sample frames in `bytes`
    // The pts of the first sample frame in `bytes` (the frame's pts less what the resampler
    // still held from earlier frames); nullopt when the input frame carried no pts.
    std::optional<core::MediaTime> pts;
};

class AudioResampler {
public:
    // Converts to `out`. The SwrContext is made on the first frame and remade whenever the
    // input's layout, rate or format changes.
    explicit AudioResampler(AudioFormat out);

    // Converts `frame` (whose pts counts in `time_base`, seconds per tick) and applies volume
    // and mute. May return fewer or more frames than went in (the resampler keeps a few for
    // its filter). Error (with FFmpeg's reason) when the input format cannot be converted.
    core::Result<ConvertedAudio> convert(const AVFrame& frame, AVRational time_base);

    // At the end of a clip: the samples the resampler still holds, converted (empty when none).
    // Their pts follows the last converted frame's.
    core::Result<ConvertedAudio> drain();

    // Gain applied to every sample, 0.0..1.0 and above (S16 clips at full scale); default 1.
    void set_volume(double volume) { volume_ = volume < 0.0 ? 0.0 : volume; }
    // Muted: samples come out as silence of the right length (the clock keeps running).
    void set_muted(bool muted) { muted_ = muted; }
    double volume() const { return volume_; }
    bool muted() const { return muted_; }

    // Drops what the resampler holds (after a flush: those samples belong to the old serial).
    void reset();

    const AudioFormat& output_format() const { return out_; }

private:
    // What identifies an input format; a custom channel order counts by its channel count.
    struct InputKey {
        int channels = 0;
        int order = 0;            // AVChannelOrder
        std::uint64_t mask = 0;   // for the native order
        int rate = 0;
        int format = -1;          // AVSampleFormat
        bool operator==(const InputKey&) const = default;
    };
    core::Result<void> configure(const AVFrame& frame);
    void apply_gain(ConvertedAudio& audio) const;

    AudioFormat out_;
    double volume_ = 1.0;
    bool muted_ = false;
    std::optional<InputKey> input_;  // what swr_ is set up for; nullopt before the first frame
    SwrContextPtr swr_;
    std::optional<core::MediaTime> next_pts_;  // just after the last sample converted
};

}  // namespace vitrine::media
