#pragma once
// Touches played into SDL's event queue from a script, for measuring the time from an input
// event to the first frame that shows its effect (`vitrine play --touch-script FILE`) and for
// scripted walk-throughs. Each line: `<ms after start> down|move|up <x> <y>` in screen pixels;
// `#` starts a comment.
//
// Threads: a worker pushes the events at their times (SDL_PushEvent is thread-safe); the render
// thread asks pushed_at() when it reads one. The events are SDL_FINGER* events of the touch
// device kTouchId; their `pressure` carries the line's sequence number (exact in a float).
#include <SDL.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/gesture.hpp"
#include "core/result.hpp"

namespace vitrine::app {

class TouchScript {
public:
    static constexpr SDL_TouchID kTouchId = 0x7e57;  // not a device SDL would number

    struct Step {
        std::chrono::milliseconds at{0};
        core::TouchPoint::Phase phase = core::TouchPoint::Phase::down;
        double x = 0, y = 0;  // pixels
    };

    // The steps of `file`, or an error naming the line that is wrong.
    static core::Result<std::vector<Step>> read(const std::filesystem::path& file);

    // Starts pushing `steps` at their times after `start`, on a screen of width x height pixels.
    TouchScript(std::vector<Step> steps, std::chrono::steady_clock::time_point start, int width, int height);
    ~TouchScript();
    TouchScript(const TouchScript&) = delete;
    TouchScript& operator=(const TouchScript&) = delete;

    // When the event with sequence number `seq` was pushed; nullopt for an event not from here.
    std::optional<std::chrono::steady_clock::time_point> pushed_at(const SDL_Event& e) const;
    // Every step has been pushed.
    bool done() const { return done_; }

private:
    void run();

    std::vector<Step> steps_;
    std::chrono::steady_clock::time_point start_;
    int width_, height_;
    mutable std::mutex mutex_;                               // guards pushed_ and stop_
    std::vector<std::chrono::steady_clock::time_point> pushed_;  // by sequence number
    std::condition_variable wake_;
    bool stop_ = false;
    std::atomic<bool> done_{false};
    std::thread worker_;  // last: started after everything it uses
};

}  // namespace vitrine::app
