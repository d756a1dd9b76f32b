#include "core/av_clock.hpp"

#include <cassert>
#include <cmath>

namespace vitrine::core {

void AvClock::set(MediaTime pts, QueueSerial serial, WallTime now) {
    pts_ = pts;
    updated_at_ = now;
    serial_ = serial;
}

MediaTime AvClock::time_at(WallTime now) const {
    if (paused_) return pts_;
    const auto elapsed = now - updated_at_;
    if (speed_ == 1.0) return pts_ + std::chrono::duration_cast<MediaTime>(elapsed);
    const double scaled = static_cast<double>(elapsed.count()) * speed_;
    return pts_ + std::chrono::duration_cast<MediaTime>(
                      std::chrono::steady_clock::duration(std::llround(scaled)));
}

std::optional<MediaTime> AvClock::get(WallTime now, QueueSerial queue_serial) const {
    if (serial_ != queue_serial) return std::nullopt;
    return time_at(now);
}

void AvClock::pause(WallTime now) {
    if (paused_) return;
    pts_ = time_at(now);
    updated_at_ = now;
    paused_ = true;
}

void AvClock::resume(WallTime now) {
    if (!paused_) return;
    updated_at_ = now;
    paused_ = false;
}

void AvClock::set_speed(double speed, WallTime now) {
    assert(speed >= 0.0 && std::isfinite(speed));
    // Re-anchor first, so the time already run keeps the old speed.
    pts_ = time_at(now);
    updated_at_ = now;
    speed_ = speed;
}

bool AvClock::sync_to(const AvClock& other, QueueSerial queue_serial, WallTime now) {
    const auto theirs = other.get(now, queue_serial);
    if (!theirs) return false;
    const auto mine = get(now, queue_serial);
    if (mine) {
        const auto gap = *mine > *theirs ? *mine - *theirs : *theirs - *mine;
        if (gap <= kNoSyncThreshold) return false;
    }
    set(*theirs, *other.serial_, now);
    return true;
}

}  // namespace vitrine::core
