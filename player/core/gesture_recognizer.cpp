#include "core/gesture_recognizer.hpp"

#include <algorithm>
#include <cmath>

namespace vitrine::core {

namespace {

using namespace std::chrono_literals;

constexpr Millis kFlingWindow = 100ms;  // the speed of a fling is its speed over its last 100 ms

double along(Axis axis, double dx, double dy) { return axis == Axis::horizontal ? dx : dy; }

Direction direction_of(Axis axis, double travel) {
    if (axis == Axis::horizontal) return travel < 0 ? Direction::left : Direction::right;
    return travel < 0 ? Direction::up : Direction::down;
}

}  // namespace

GestureRecognizer::GestureRecognizer(GestureConfig config) : config_(config) {}

double GestureRecognizer::slop_px() const { return config_.tap_slop_mm * config_.px_per_mm; }

bool GestureRecognizer::long_press_due(Millis now) const {
    return tracked_ && tracked_->stage == Stage::pending && now - tracked_->since >= config_.long_press;
}

void GestureRecognizer::check_long_press(Millis now, std::vector<Gesture>& out) {
    if (!long_press_due(now)) return;
    // Reported where the finger was held (its latest known point), once.
    tracked_->stage = Stage::long_pressed;
    out.push_back(LongPress{tracked_->x, tracked_->y});
}

std::vector<Gesture> GestureRecognizer::tick(Millis now) {
    std::vector<Gesture> out;
    check_long_press(now, out);
    return out;
}

std::vector<Gesture> GestureRecognizer::feed(const TouchPoint& p) {
    std::vector<Gesture> out;
    using Phase = TouchPoint::Phase;

    // The same finger down again while tracked: its lift was lost (a window that lost focus, a
    // driver hiccup). Start over rather than let a stuck finger block every later touch.
    if (p.phase == Phase::down && tracked_ && tracked_->finger == p.finger) {
        end_without_decision(out);
    }

    if (p.phase == Phase::down) {
        // Time moved for everyone: the tracked finger may have been held long enough.
        check_long_press(p.at, out);
        if (tracked_) return out;  // one finger at a time
        tracked_ = Tracked{.finger = p.finger, .x0 = p.x, .y0 = p.y, .x = p.x, .y = p.y, .since = p.at,
                           .samples = {Sample{p.at, p.x, p.y}}};
        out.push_back(Press{p.x, p.y});
        return out;
    }

    if (!tracked_ || tracked_->finger != p.finger) {
        check_long_press(p.at, out);
        return out;
    }

    if (p.phase == Phase::cancel) {
        // No long press on a cancel: the system took the finger away, nothing was decided.
        end_without_decision(out);
        return out;
    }

    // A move or the release of the tracked finger. A long press is decided at its deadline
    // where the finger was last seen, before this point moved it.
    check_long_press(p.at, out);
    move_to(p);

    Tracked& t = *tracked_;
    const double dx = t.x - t.x0, dy = t.y - t.y0;
    if (t.still && std::hypot(dx, dy) > slop_px()) {
        t.still = false;
        if (t.stage == Stage::pending) {
            t.stage = Stage::dragging;
            t.axis = std::abs(dx) >= std::abs(dy) ? Axis::horizontal : Axis::vertical;
        }
        // after a long press the finger is holding: whatever it does now is no drag
    }

    if (p.phase == Phase::move && t.stage == Stage::dragging) out.push_back(drag());

    if (p.phase == Phase::up) {
        switch (t.stage) {
            case Stage::pending: out.push_back(Tap{p.x, p.y}); break;
            case Stage::long_pressed: out.push_back(Lift{}); break;
            case Stage::dragging: out.push_back(release_drag()); break;
        }
        tracked_.reset();
    }
    return out;
}

std::optional<GestureRecognizer::Held> GestureRecognizer::held() const {
    if (!tracked_) return std::nullopt;
    const Tracked& t = *tracked_;
    return Held{.x0 = t.x0, .y0 = t.y0, .x = t.x, .y = t.y, .since = t.since, .still = t.still};
}

void GestureRecognizer::move_to(const TouchPoint& p) {
    Tracked& t = *tracked_;
    t.x = p.x;
    t.y = p.y;
    // Points out of order (a clock that stepped back) count as simultaneous, never as negative time.
    const Millis at = std::max(p.at, t.samples.back().at);
    t.samples.push_back({at, p.x, p.y});
    // Keep one sample older than the fling window, to interpolate where the window starts.
    while (t.samples.size() > 2 && t.samples[1].at <= at - kFlingWindow) t.samples.pop_front();
}

void GestureRecognizer::end_without_decision(std::vector<Gesture>& out) {
    if (tracked_->stage == Stage::dragging) {
        const Drag d = drag();
        out.push_back(DragCancel{d.axis, d.dx, d.dy});
    } else {
        out.push_back(Lift{});
    }
    tracked_.reset();
}

Drag GestureRecognizer::drag() const {
    const Tracked& t = *tracked_;
    const bool h = t.axis == Axis::horizontal;
    return Drag{t.axis, t.x0, t.y0, h ? t.x - t.x0 : 0.0, h ? 0.0 : t.y - t.y0};
}

Gesture GestureRecognizer::release_drag() const {
    const Tracked& t = *tracked_;
    const Drag d = drag();
    const double travel = along(t.axis, d.dx, d.dy);
    const double distance = std::abs(travel);
    const int extent = t.axis == Axis::horizontal ? config_.width : config_.height;

    bool swipe = distance >= config_.swipe_fraction * extent;
    if (!swipe && distance >= config_.fling_min_mm * config_.px_per_mm) {
        swipe = fling_speed_mm_per_s(travel) >= config_.fling_speed_mm_per_s;
    }
    if (swipe) return Swipe{direction_of(t.axis, travel), d.x0, d.y0, d.dx, d.dy};
    return DragCancel{d.axis, d.dx, d.dy};
}

double GestureRecognizer::fling_speed_mm_per_s(double travel) const {
    const Tracked& t = *tracked_;
    const Sample& last = t.samples.back();
    const Millis start = last.at - kFlingWindow;

    // Where the finger was when the window began: interpolated between the samples around it,
    // or the first sample when the whole gesture is younger than the window.
    Sample from = t.samples.front();
    if (from.at < start) {
        for (std::size_t i = 1; i < t.samples.size(); ++i) {
            const Sample& b = t.samples[i];
            if (b.at < start) continue;
            const Sample& a = t.samples[i - 1];
            const double span = static_cast<double>((b.at - a.at).count());
            const double f = span > 0 ? static_cast<double>((start - a.at).count()) / span : 1.0;
            from = Sample{start, a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f};
            break;
        }
    }
    // A release within the same millisecond as the window's start still has a direction.
    const double seconds = std::max<double>((last.at - from.at).count(), 1.0) / 1000.0;
    const double moved = along(t.axis, last.x - from.x, last.y - from.y);
    // Only movement the way the finger went counts: a flick back at the end is no fling.
    const double toward = travel < 0 ? -moved : moved;
    return toward / config_.px_per_mm / seconds;
}

}  // namespace vitrine::core
