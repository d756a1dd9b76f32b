#pragma once
// A media clock in ffplay's model: it reads `pts + (now - updated_at) * speed`, stands still while
// paused, and carries the serial of the packet queue it was set under, so that after a flush (a
// seek, a skip, the next clip) a clock set from stale data reads as unknown instead of as a
// wrong time. Time is always passed in; nothing here reads a clock.
//
// An AvClock is a plain value and is not synchronised: its owner guards it (the audio clock is
// written from the audio device callback and read by the video thread, so the media layer keeps
// it under the lock it shares with that callback, or copies it out under that lock).
#include <chrono>
#include <cstddef>
#include <optional>

namespace vitrine::core {

// A position on a clip's timeline (a pts) or a length of media time, in nanoseconds: integers,
// so that scripted timelines compare exactly and no NaN can stand for "unknown".
using MediaTime = std::chrono::nanoseconds;
// A moment on the monotonic wall clock, read by the caller (std::chrono::steady_clock::now()).
using WallTime = std::chrono::steady_clock::time_point;
// The serial of a packet queue (BoundedQueue::serial()); it grows by one at every flush.
using QueueSerial = std::size_t;

// Two clocks further apart than this disagree on the timeline itself (a jump), not by drift.
constexpr auto kNoSyncThreshold = std::chrono::seconds{10};

class AvClock {
public:
    // An unset clock: get() reads unknown until the first set().
    AvClock() = default;

    // The clock reads `pts` at `now` and runs on from there; `serial` is the serial of the
    // packet queue the data behind `pts` came through. Keeps the paused state and speed.
    void set(MediaTime pts, QueueSerial serial, WallTime now);

    // The clock's time at `now`, or nullopt when it was never set or was set under a serial
    // other than `queue_serial` (the current serial of the queue this clock follows: the data
    // that set it has been flushed). While paused, the time it was paused at. `now` may lie
    // before updated_at(): the clock is extrapolated backwards.
    std::optional<MediaTime> get(WallTime now, QueueSerial queue_serial) const;

    // Stops the clock at its time at `now`; no effect when already paused.
    void pause(WallTime now);
    // Runs the clock on from `now`, at the time it was paused at; no effect when running.
    void resume(WallTime now);

    // From `now` on the clock advances `speed` seconds of media time per wall second
    // (1.0 = real time). Precondition: speed >= 0.
    void set_speed(double speed, WallTime now);

    // ffplay's sync_clock_to_slave: takes `other`'s time and serial when `other` reads a time
    // and this clock reads none or one more than kNoSyncThreshold away. Both are read against
    // `queue_serial`. True when this clock was re-anchored.
    bool sync_to(const AvClock& other, QueueSerial queue_serial, WallTime now);

    MediaTime pts() const { return pts_; }            // the time at updated_at()
    WallTime updated_at() const { return updated_at_; }
    double speed() const { return speed_; }
    bool paused() const { return paused_; }
    std::optional<QueueSerial> serial() const { return serial_; }  // nullopt: never set

private:
    // The clock's time at `now`, whatever its serial.
    MediaTime time_at(WallTime now) const;

    MediaTime pts_{0};
    WallTime updated_at_{};
    double speed_ = 1.0;
    bool paused_ = false;
    std::optional<QueueSerial> serial_;
};

}  // namespace vitrine::core
