#include "media/audio_resampler.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
#include <libavutil/mathematics.h>
#include <libavutil/samplefmt.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

AVSampleFormat to_av(SampleFormat f) {
    return f == SampleFormat::s16 ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_FLT;
}

}  // namespace

core::MediaTime AudioFormat::duration_of(std::size_t bytes) const {
    const auto frames = static_cast<std::int64_t>(bytes / bytes_per_frame());
    return core::MediaTime{av_rescale(frames, kNanosPerSecond, rate)};
}

AudioResampler::AudioResampler(AudioFormat out) : out_(out) {}

core::Result<void> AudioResampler::configure(const AVFrame& frame) {
    const InputKey key{frame.ch_layout.nb_channels, static_cast<int>(frame.ch_layout.order),
                       frame.ch_layout.order == AV_CHANNEL_ORDER_NATIVE ? frame.ch_layout.u.mask : 0,
                       frame.sample_rate, frame.format};
    if (swr_ && input_ == key) return {};
    if (key.channels <= 0 || key.rate <= 0 || key.format < 0) {
        return core::fail("audio frame without channels, sample rate or sample format");
    }
    // A layout FFmpeg only knows by count (AV_CHANNEL_ORDER_UNSPEC) is given its default one,
    // so that downmixing to the device's channels has positions to work from.
    AVChannelLayout in_layout{};
    if (frame.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
        av_channel_layout_default(&in_layout, key.channels);
    } else if (const int rc = av_channel_layout_copy(&in_layout, &frame.ch_layout); rc < 0) {
        return core::fail("cannot copy the audio channel layout: " + av_error_text(rc));
    }
    AVChannelLayout out_layout{};
    av_channel_layout_default(&out_layout, out_.channels);

    SwrContext* raw = nullptr;
    int rc = swr_alloc_set_opts2(&raw, &out_layout, to_av(out_.format), out_.rate, &in_layout,
                                 static_cast<AVSampleFormat>(key.format), key.rate, 0, nullptr);
    av_channel_layout_uninit(&in_layout);
    av_channel_layout_uninit(&out_layout);
    SwrContextPtr swr(raw);
    if (rc < 0) return core::fail("cannot set up audio conversion: " + av_error_text(rc));
    if (rc = swr_init(swr.get()); rc < 0) {
        return core::fail("cannot convert this audio (" + std::to_string(key.channels) + " channels, " +
                          std::to_string(key.rate) + " Hz, " +
                          (av_get_sample_fmt_name(static_cast<AVSampleFormat>(key.format))
                               ? av_get_sample_fmt_name(static_cast<AVSampleFormat>(key.format))
                               : "unknown format") +
                          "): " + av_error_text(rc));
    }
    swr_ = std::move(swr);
    input_ = key;
    return {};
}

core::Result<ConvertedAudio> AudioResampler::convert(const AVFrame& frame, AVRational time_base) {
    if (auto ok = configure(frame); !ok) return std::unexpected(ok.error());

    ConvertedAudio audio;
    if (frame.pts != AV_NOPTS_VALUE && time_base.num > 0 && time_base.den > 0) {
        const auto frame_pts = av_rescale_q(frame.pts, time_base, AVRational{1, 1'000'000'000});
        // Samples still held from earlier frames come out first: they are older than this pts.
        const auto held = swr_get_delay(swr_.get(), kNanosPerSecond);
        audio.pts = core::MediaTime{frame_pts - held};
    }

    const int capacity = swr_get_out_samples(swr_.get(), frame.nb_samples);
    if (capacity < 0) return core::fail("audio conversion failed: " + av_error_text(capacity));
    audio.bytes.resize(static_cast<std::size_t>(capacity) * out_.bytes_per_frame());
    std::uint8_t* out_planes[1] = {audio.bytes.data()};
    const int got = swr_convert(swr_.get(), out_planes, capacity,
                                const_cast<const std::uint8_t**>(frame.extended_data), frame.nb_samples);
    if (got < 0) return core::fail("audio conversion failed: " + av_error_text(got));
    audio.frames = static_cast<std::size_t>(got);
    audio.bytes.resize(audio.frames * out_.bytes_per_frame());
    apply_gain(audio);
    next_pts_ = audio.pts ? std::optional(*audio.pts + out_.duration_of(audio.bytes.size())) : std::nullopt;
    return audio;
}

core::Result<ConvertedAudio> AudioResampler::drain() {
    ConvertedAudio audio;
    if (!swr_) return audio;
    const int capacity = swr_get_out_samples(swr_.get(), 0);
    if (capacity <= 0) return audio;
    audio.pts = next_pts_;
    audio.bytes.resize(static_cast<std::size_t>(capacity) * out_.bytes_per_frame());
    std::uint8_t* out_planes[1] = {audio.bytes.data()};
    const int got = swr_convert(swr_.get(), out_planes, capacity, nullptr, 0);
    if (got < 0) return core::fail("audio conversion failed: " + av_error_text(got));
    audio.frames = static_cast<std::size_t>(got);
    audio.bytes.resize(audio.frames * out_.bytes_per_frame());
    apply_gain(audio);
    if (next_pts_) next_pts_ = *next_pts_ + out_.duration_of(audio.bytes.size());
    return audio;
}

void AudioResampler::apply_gain(ConvertedAudio& audio) const {
    if (muted_ || volume_ == 0.0) {
        std::fill(audio.bytes.begin(), audio.bytes.end(), std::uint8_t{0});
        return;
    }
    if (volume_ == 1.0) return;
    const std::size_t samples = audio.bytes.size() / out_.bytes_per_sample();
    // memcpy in and out: the byte vector gives no alignment promise for the sample type.
    if (out_.format == SampleFormat::s16) {
        for (std::size_t i = 0; i < samples; ++i) {
            std::int16_t s = 0;
            std::memcpy(&s, audio.bytes.data() + i * 2, 2);
            const double scaled = std::clamp(std::round(s * volume_), double{std::numeric_limits<std::int16_t>::min()},
                                             double{std::numeric_limits<std::int16_t>::max()});
            s = static_cast<std::int16_t>(scaled);
            std::memcpy(audio.bytes.data() + i * 2, &s, 2);
        }
    } else {
        const auto gain = static_cast<float>(volume_);
        for (std::size_t i = 0; i < samples; ++i) {
            float s = 0;
            std::memcpy(&s, audio.bytes.data() + i * 4, 4);
            s *= gain;
            std::memcpy(audio.bytes.data() + i * 4, &s, 4);
        }
    }
}

void AudioResampler::reset() {
    // Remade on the next frame: the simplest way to drop everything the filter holds.
    swr_.reset();
    input_.reset();
    next_pts_.reset();
}

}  // namespace vitrine::media
