#include <doctest/doctest.h>

#include <SDL.h>
#include <unistd.h>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
}

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "media/audio_output.hpp"
#include "disk_audio.hpp"
#include "media/audio_resampler.hpp"
#include "media/ffmpeg_ptr.hpp"

using namespace vitrine;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;
using vitrine::test::DiskAudio;

// A 48 kHz stereo interleaved float frame holding `frames` samples of a sine of `hz` at
// `amplitude`, starting at sample index `first` (so consecutive frames join without a click).
media::FramePtr make_float_tone(int frames, double hz, double amplitude, int first, std::int64_t pts) {
    media::FramePtr frame(av_frame_alloc());
    REQUIRE(frame);
    frame->format = AV_SAMPLE_FMT_FLT;
    frame->sample_rate = 48000;
    frame->nb_samples = frames;
    frame->pts = pts;
    const AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    REQUIRE(av_channel_layout_copy(&frame->ch_layout, &stereo) == 0);
    REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
    auto* out = reinterpret_cast<float*>(frame->data[0]);
    for (int i = 0; i < frames; ++i) {
        const auto s = static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * hz * (first + i) / 48000.0));
        out[2 * i] = s;
        out[2 * i + 1] = s;
    }
    return frame;
}

std::vector<std::int16_t> as_s16(const Bytes& bytes) {
    std::vector<std::int16_t> samples(bytes.size() / 2);
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
    return samples;
}

// Upward zero crossings of one channel of interleaved S16, with hysteresis so that dither or
// rounding around zero is not counted.
int upward_crossings(const std::vector<std::int16_t>& interleaved, int channels) {
    constexpr int kThreshold = 1000;  // ~3% of full scale: far above rounding, far below the tones
    int count = 0;
    int state = 0;  // -1 below -threshold, +1 above +threshold
    for (std::size_t i = 0; i < interleaved.size(); i += static_cast<std::size_t>(channels)) {
        const int s = interleaved[i];
        if (s > kThreshold) {
            if (state == -1) ++count;
            state = 1;
        } else if (s < -kThreshold) {
            state = -1;
        }
    }
    return count;
}

int peak(const std::vector<std::int16_t>& samples) {
    int p = 0;
    for (const auto s : samples) p = std::max(p, std::abs(static_cast<int>(s)));
    return p;
}

// Interleaved S16 stereo at 48 kHz: `seconds` of a sine of `hz` at half of full scale.
Bytes s16_tone(double seconds, double hz) {
    const auto frames = static_cast<std::size_t>(seconds * 48000);
    Bytes bytes(frames * 4);
    for (std::size_t i = 0; i < frames; ++i) {
        const auto s = static_cast<std::int16_t>(16000 * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / 48000.0));
        std::memcpy(bytes.data() + i * 4, &s, 2);
        std::memcpy(bytes.data() + i * 4 + 2, &s, 2);
    }
    return bytes;
}

media::AudioOutputConfig s16_stereo_48k() {
    media::AudioOutputConfig config;
    config.wanted = media::AudioFormat{48000, 2, media::SampleFormat::s16};
    config.fifo_length = 100ms;
    return config;
}

}  // namespace

TEST_CASE("the audio resampler turns a 48 kHz stereo float tone into 44.1 kHz S16 of the same length and amplitude") {
    const media::AudioFormat device{44100, 2, media::SampleFormat::s16};
    media::AudioResampler resampler(device);
    constexpr double kAmplitude = 0.8;
    const AVRational tb{1, 48000};

    double volume = 1.0;
    bool muted = false;
    SUBCASE("at full volume") {}
    SUBCASE("at volume 0.5") { volume = 0.5; }
    SUBCASE("muted") { muted = true; }
    resampler.set_volume(volume);
    resampler.set_muted(muted);

    Bytes all;
    std::vector<std::optional<core::MediaTime>> pts;
    for (int part = 0; part < 2; ++part) {
        const auto frame = make_float_tone(24000, 1000.0, kAmplitude, part * 24000, part * 24000);
        auto converted = resampler.convert(*frame, tb);
        REQUIRE(converted.has_value());
        CHECK(converted->bytes.size() == converted->frames * device.bytes_per_frame());
        pts.push_back(converted->pts);
        all.insert(all.end(), converted->bytes.begin(), converted->bytes.end());
    }
    auto rest = resampler.drain();
    REQUIRE(rest.has_value());
    all.insert(all.end(), rest->bytes.begin(), rest->bytes.end());

    const auto frames = all.size() / device.bytes_per_frame();
    CHECK(frames >= 44099);
    CHECK(frames <= 44101);
    REQUIRE(pts[0].has_value());
    REQUIRE(pts[1].has_value());
    CHECK(*pts[0] == 0ns);
    // The second frame starts at 0.5 s; what the filter still held of the first comes before it.
    CHECK(*pts[1] <= 500ms);
    CHECK(*pts[1] >= 495ms);

    const auto samples = as_s16(all);
    const int expected_peak = muted ? 0 : static_cast<int>(std::lround(kAmplitude * volume * 32767));
    CAPTURE(expected_peak);
    if (muted) {
        CHECK(peak(samples) == 0);
    } else {
        CHECK(std::abs(peak(samples) - expected_peak) <= expected_peak / 50);  // within 2 %
        CHECK(upward_crossings(samples, 2) >= 999);
        CHECK(upward_crossings(samples, 2) <= 1001);
    }
}

TEST_CASE("the audio resampler downmixes a 5.1 float frame to stereo and keeps its pts") {
    media::AudioResampler resampler(media::AudioFormat{48000, 2, media::SampleFormat::f32});
    media::FramePtr frame(av_frame_alloc());
    REQUIRE(frame);
    frame->format = AV_SAMPLE_FMT_FLTP;
    frame->sample_rate = 48000;
    frame->nb_samples = 480;
    frame->pts = 90000;  // 1 s in a 90 kHz time base
    const AVChannelLayout surround = AV_CHANNEL_LAYOUT_5POINT1;
    REQUIRE(av_channel_layout_copy(&frame->ch_layout, &surround) == 0);
    REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
    for (int c = 0; c < 6; ++c) std::fill_n(reinterpret_cast<float*>(frame->data[c]), 480, 0.25f);
    const auto converted = resampler.convert(*frame, AVRational{1, 90000});
    REQUIRE(converted.has_value());
    CHECK(converted->frames == 480);  // same rate: nothing held back
    REQUIRE(converted->pts.has_value());
    CHECK(*converted->pts == 1s);
    float left = 0;
    std::memcpy(&left, converted->bytes.data() + 100 * 8, 4);
    CHECK(left > 0.1f);
}

TEST_CASE("a tone pushed through the disk audio driver is written whole and the audio clock follows it") {
    DiskAudio disk;
    constexpr core::QueueSerial kSerial = 1;
    Bytes file;
    {
        auto output = media::AudioOutput::open(s16_stereo_48k());
        REQUIRE_MESSAGE(output.has_value(), output.error().message);
        auto& out = **output;
        REQUIRE(out.format() == media::AudioFormat{48000, 2, media::SampleFormat::s16});
        CHECK(out.has_device());
        CHECK(out.device_id() != 0);
        out.flush(kSerial);
        CHECK_FALSE(out.clock(std::chrono::steady_clock::now(), kSerial).has_value());

        const Bytes tone = s16_tone(0.5, 1000.0);
        constexpr std::size_t kChunk = 960 * 4;  // 20 ms
        std::optional<core::MediaTime> last;
        int readings = 0;
        for (std::size_t at = 0; at < tone.size(); at += kChunk) {
            const auto n = std::min(kChunk, tone.size() - at);
            const auto pts = out.format().duration_of(at);
            REQUIRE(out.push(std::span(tone).subspan(at, n), pts, kSerial) == media::PushResult::queued);
            const auto pushed_until = out.format().duration_of(at + n);
            const auto now = std::chrono::steady_clock::now();
            if (const auto c = out.clock(now, kSerial)) {
                ++readings;
                CAPTURE(c->count());
                CHECK(*c <= pushed_until);
                if (last) CHECK(*c >= *last);
                last = c;
            }
            CHECK_FALSE(out.clock(now, kSerial + 1).has_value());
        }
        REQUIRE(out.wait_until_drained(2s));
        const auto end = out.clock(std::chrono::steady_clock::now(), kSerial);
        REQUIRE(end.has_value());
        if (last) CHECK(*end >= *last);
        // Everything pushed has been handed to SDL; at most the last two buffers are unheard.
        CHECK(*end <= 500ms);
        CHECK(*end >= 500ms - 3 * out.format().duration_of(1024 * 4));
        // The FIFO holds 100 ms: the producer was paced by the device, so the clock was read
        // while playing, not only at the end.
        CHECK(readings >= 10);
    }
    file = disk.written();
    const auto samples = as_s16(file);
    CHECK(samples.size() >= 2 * 24000);
    CHECK(upward_crossings(samples, 2) >= 499);
    CHECK(upward_crossings(samples, 2) <= 501);
    CHECK(peak(samples) == 16000);
}

TEST_CASE("a flush of the audio output to a new serial drops the queued sound and unsets the old clock") {
    DiskAudio disk;
    Bytes file;
    {
        auto config = s16_stereo_48k();
        config.fifo_length = 1000ms;  // all of the old tone fits while the device is paused
        auto output = media::AudioOutput::open(config);
        REQUIRE_MESSAGE(output.has_value(), output.error().message);
        auto& out = **output;
        out.flush(1);
        out.pause();
        const Bytes old_tone = s16_tone(0.3, 1000.0);
        REQUIRE(out.push(old_tone, 0ns, 1) == media::PushResult::queued);
        CHECK(out.queued_bytes() == old_tone.size());

        out.flush(2);
        CHECK(out.queued_bytes() == 0);
        const auto now = std::chrono::steady_clock::now();
        CHECK_FALSE(out.clock(now, 1).has_value());
        CHECK_FALSE(out.clock(now, 2).has_value());
        // A producer still on the old serial is refused.
        CHECK(out.push(old_tone, 0ns, 1) == media::PushResult::stale);
        CHECK(out.queued_bytes() == 0);

        const Bytes new_tone = s16_tone(0.2, 250.0);
        REQUIRE(out.push(new_tone, 10s, 2) == media::PushResult::queued);
        out.resume();
        REQUIRE(out.wait_until_drained(2s));
        const auto c = out.clock(std::chrono::steady_clock::now(), 2);
        REQUIRE(c.has_value());
        CHECK(*c >= 10s - 50ms);
        CHECK(*c <= 10s + 200ms);
        CHECK_FALSE(out.clock(std::chrono::steady_clock::now(), 1).has_value());
    }
    file = disk.written();
    const auto samples = as_s16(file);
    // Only the 250 Hz tone reached the device: 50 periods in 0.2 s, none of the 300 old ones.
    CHECK(upward_crossings(samples, 2) >= 49);
    CHECK(upward_crossings(samples, 2) <= 51);
}

TEST_CASE("a removed audio device makes the clock unknown, drops pushes, and can be reopened") {
    DiskAudio disk;
    auto output = media::AudioOutput::open(s16_stereo_48k());
    REQUIRE_MESSAGE(output.has_value(), output.error().message);
    auto& out = **output;
    out.flush(1);
    const Bytes tone = s16_tone(0.1, 1000.0);
    REQUIRE(out.push(tone, 0ns, 1) == media::PushResult::queued);
    REQUIRE(out.wait_until_drained(2s));
    REQUIRE(out.clock(std::chrono::steady_clock::now(), 1).has_value());

    out.on_device_removed();
    CHECK_FALSE(out.has_device());
    CHECK(out.device_id() == 0);
    CHECK_FALSE(out.clock(std::chrono::steady_clock::now(), 1).has_value());
    // The producer is not blocked by a device that is gone: its chunks are dropped.
    CHECK(out.push(tone, 100ms, 1) == media::PushResult::no_device);
    CHECK(out.queued_bytes() == 0);

    REQUIRE(out.reopen());
    CHECK(out.has_device());
    CHECK(out.device_id() != 0);
    CHECK(out.format() == media::AudioFormat{48000, 2, media::SampleFormat::s16});
    REQUIRE(out.push(tone, 200ms, 1) == media::PushResult::queued);
    REQUIRE(out.wait_until_drained(2s));
    const auto c = out.clock(std::chrono::steady_clock::now(), 1);
    REQUIRE(c.has_value());
    CHECK(*c >= 150ms);
    CHECK(*c <= 300ms);
}

TEST_CASE("without an audio device the output is a clear error, not a crash") {
    SUBCASE("SDL's audio subsystem is not running") {
        REQUIRE(SDL_WasInit(SDL_INIT_AUDIO) == 0);
        const auto output = media::AudioOutput::open(s16_stereo_48k());
        REQUIRE_FALSE(output.has_value());
        CHECK(output.error().message.find("no sound") != std::string::npos);
    }
    SUBCASE("the named device does not exist") {
        // The dummy driver knows only its default device (the disk driver would take the name
        // for a file to write).
        DiskAudio dummy("dummy");
        auto config = s16_stereo_48k();
        config.device_name = "no such loudspeaker";
        const auto output = media::AudioOutput::open(config);
        REQUIRE_FALSE(output.has_value());
        CHECK(output.error().message.find("cannot open the audio device 'no such loudspeaker'") !=
              std::string::npos);
    }
}

TEST_CASE("an aborted audio output refuses pushes at once") {
    DiskAudio disk;
    auto output = media::AudioOutput::open(s16_stereo_48k());
    REQUIRE_MESSAGE(output.has_value(), output.error().message);
    (*output)->abort();
    CHECK((*output)->push(s16_tone(0.05, 1000.0), 0ns, 0) == media::PushResult::aborted);
    CHECK((*output)->queued_bytes() == 0);
}
