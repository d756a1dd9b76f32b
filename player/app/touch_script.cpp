#include "app/touch_script.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

namespace vitrine::app {

core::Result<std::vector<TouchScript::Step>> TouchScript::read(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return core::fail("cannot read the touch script " + file.string());
    std::vector<Step> steps;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        long long ms = 0;
        std::string phase;
        double x = 0, y = 0;
        if (!(words >> ms)) continue;  // blank or comment
        if (!(words >> phase >> x >> y) || ms < 0) {
            return core::fail(file.string() + ":" + std::to_string(n) + ": expected '<ms> down|move|up <x> <y>'");
        }
        Step s{std::chrono::milliseconds(ms), core::TouchPoint::Phase::down, x, y};
        if (phase == "down") s.phase = core::TouchPoint::Phase::down;
        else if (phase == "move") s.phase = core::TouchPoint::Phase::move;
        else if (phase == "up") s.phase = core::TouchPoint::Phase::up;
        else return core::fail(file.string() + ":" + std::to_string(n) + ": unknown phase '" + phase + "'");
        if (!steps.empty() && s.at < steps.back().at) {
            return core::fail(file.string() + ":" + std::to_string(n) + ": times must not go back");
        }
        steps.push_back(s);
    }
    return steps;
}

TouchScript::TouchScript(std::vector<Step> steps, std::chrono::steady_clock::time_point start, int width, int height)
    : steps_(std::move(steps)), start_(start), width_(std::max(width, 1)), height_(std::max(height, 1)),
      worker_([this] { run(); }) {}

TouchScript::~TouchScript() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    worker_.join();
}

void TouchScript::run() {
    for (std::size_t i = 0; i < steps_.size(); ++i) {
        const Step& s = steps_[i];
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_until(lock, start_ + s.at, [this] { return stop_; })) return;
        }
        SDL_Event e{};
        e.type = s.phase == core::TouchPoint::Phase::down ? SDL_FINGERDOWN
                 : s.phase == core::TouchPoint::Phase::move ? SDL_FINGERMOTION
                                                              : SDL_FINGERUP;
        e.tfinger.touchId = kTouchId;
        e.tfinger.fingerId = 1;
        e.tfinger.x = static_cast<float>(s.x / width_);
        e.tfinger.y = static_cast<float>(s.y / height_);
        e.tfinger.pressure = static_cast<float>(i);
        e.tfinger.timestamp = SDL_GetTicks();
        {
            std::lock_guard lock(mutex_);
            pushed_.push_back(std::chrono::steady_clock::now());
        }
        SDL_PushEvent(&e);
    }
    done_ = true;
}

std::optional<std::chrono::steady_clock::time_point> TouchScript::pushed_at(const SDL_Event& e) const {
    if (e.type != SDL_FINGERDOWN && e.type != SDL_FINGERMOTION && e.type != SDL_FINGERUP) return std::nullopt;
    if (e.tfinger.touchId != kTouchId) return std::nullopt;
    const auto seq = static_cast<std::size_t>(std::lround(e.tfinger.pressure));
    std::lock_guard lock(mutex_);
    if (seq >= pushed_.size()) return std::nullopt;
    return pushed_[seq];
}

}  // namespace vitrine::app
