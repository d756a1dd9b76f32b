#pragma once
// `vitrine play --timing-log FILE`: one line per timed event, for bench/ to measure what the
// player did (frame presentation, audio device callbacks, clip boundaries) from the outside.
// Times are microseconds since the process started, on the monotonic clock:
//   audio-format <rate> <channels> <f32|s16>
//   audio <wall_us> <sample_frames_before>       one per audio device callback
//   video <wall_us> <item_id> <pts_us>            one per presented video picture
//   av <wall_us> <item_id> <offset_us>            its pts minus the audio clock then (clips with sound)
//   clip-start <wall_us> <item_id> / clip-end <wall_us> <item_id>
// Thread: the render thread only. Writes are buffered; the file is flushed at destruction.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "core/result.hpp"

namespace vitrine::app {

class TimingLog {
public:
    using Clock = std::chrono::steady_clock;

    // Error naming the path when the file cannot be created.
    static core::Result<TimingLog> open(const std::filesystem::path& path, Clock::time_point process_start);

    void audio_format(int rate, int channels, bool f32);
    void audio(Clock::time_point at, std::uint64_t frames_before);
    void video(Clock::time_point at, std::string_view item, std::chrono::nanoseconds pts);
    void av(Clock::time_point at, std::string_view item, std::chrono::nanoseconds offset);
    void clip_start(Clock::time_point at, std::string_view item);
    void clip_end(Clock::time_point at, std::string_view item);

private:
    TimingLog(std::ofstream out, Clock::time_point start) : out_(std::move(out)), start_(start) {}
    long long us(Clock::time_point t) const;

    std::ofstream out_;
    Clock::time_point start_;
};

}  // namespace vitrine::app
