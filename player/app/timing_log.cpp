#include "app/timing_log.hpp"

namespace vitrine::app {

core::Result<TimingLog> TimingLog::open(const std::filesystem::path& path, Clock::time_point process_start) {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return core::fail("cannot write the timing log " + path.string(), path.string());
    return TimingLog(std::move(out), process_start);
}

long long TimingLog::us(Clock::time_point t) const {
    return std::chrono::duration_cast<std::chrono::microseconds>(t - start_).count();
}

void TimingLog::audio_format(int rate, int channels, bool f32) {
    out_ << "audio-format " << rate << ' ' << channels << ' ' << (f32 ? "f32" : "s16") << '\n';
}

void TimingLog::audio(Clock::time_point at, std::uint64_t frames_before) {
    out_ << "audio " << us(at) << ' ' << frames_before << '\n';
}

void TimingLog::video(Clock::time_point at, std::string_view item, std::chrono::nanoseconds pts) {
    out_ << "video " << us(at) << ' ' << item << ' ' << std::chrono::duration_cast<std::chrono::microseconds>(pts).count()
         << '\n';
}

void TimingLog::av(Clock::time_point at, std::string_view item, std::chrono::nanoseconds offset) {
    out_ << "av " << us(at) << ' ' << item << ' ' << std::chrono::duration_cast<std::chrono::microseconds>(offset).count()
         << '\n';
}

void TimingLog::clip_start(Clock::time_point at, std::string_view item) {
    out_ << "clip-start " << us(at) << ' ' << item << '\n';
}

void TimingLog::clip_end(Clock::time_point at, std::string_view item) {
    out_ << "clip-end " << us(at) << ' ' << item << '\n';
}

}  // namespace vitrine::app
