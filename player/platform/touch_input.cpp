#include "platform/touch_input.hpp"

#include <algorithm>

namespace vitrine::platform {

using core::TouchPoint;
using Phase = TouchPoint::Phase;

void TouchInput::set_hints() {
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
}

void TouchInput::set_size(int output_w, int output_h, int window_w, int window_h) {
    output_w_ = output_w;
    output_h_ = output_h;
    // A minimized window reports 0 x 0: keep mouse points usable rather than infinite.
    mouse_scale_x_ = window_w > 0 ? static_cast<double>(output_w) / window_w : 1.0;
    mouse_scale_y_ = window_h > 0 ? static_cast<double>(output_h) / window_h : 1.0;
}

bool TouchInput::set_size(SDL_Window* window, SDL_Renderer* renderer) {
    int ow = 0, oh = 0, ww = 0, wh = 0;
    if (SDL_GetRendererOutputSize(renderer, &ow, &oh) != 0) return false;
    SDL_GetWindowSize(window, &ww, &wh);
    set_size(ow, oh, ww, wh);
    return true;
}

std::optional<TouchPoint> TouchInput::translate(const SDL_Event& e, core::Millis now) {
    std::optional<TouchPoint> point;
    switch (e.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: point = finger(e.tfinger, now); break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: point = mouse_button(e.button, now); break;
        case SDL_MOUSEMOTION: point = mouse_motion(e.motion, now); break;
        case SDL_WINDOWEVENT: point = window(e.window, now); break;
        default: break;
    }
    if (point) last_event_ticks_ = e.common.timestamp;
    return point;
}

std::optional<TouchPoint> TouchInput::finger(const SDL_TouchFingerEvent& e, core::Millis now) {
    // A click turned into a touch by SDL: the mouse is already counted as itself.
    if (e.touchId == SDL_MOUSE_TOUCHID) return std::nullopt;
    const std::int64_t id = e.fingerId;
    const double x = e.x * output_w_, y = e.y * output_h_;
    switch (e.type) {
        case SDL_FINGERDOWN:
            // A second down of the same finger (its lift was lost) counts as a new touch.
            forget(id);
            down_.push_back({id, x, y});
            return TouchPoint{Phase::down, id, x, y, now};
        case SDL_FINGERMOTION: {
            const auto it = std::ranges::find(down_, id, &Down::id);
            if (it == down_.end()) return std::nullopt;
            it->x = x;
            it->y = y;
            return TouchPoint{Phase::move, id, x, y, now};
        }
        default:
            if (!is_down(id)) return std::nullopt;
            forget(id);
            return TouchPoint{Phase::up, id, x, y, now};
    }
}

std::optional<TouchPoint> TouchInput::mouse_button(const SDL_MouseButtonEvent& e, core::Millis now) {
    // A touch turned into a click by SDL: the finger is already counted as itself.
    if (e.which == SDL_TOUCH_MOUSEID || e.button != SDL_BUTTON_LEFT) return std::nullopt;
    const double x = e.x * mouse_scale_x_, y = e.y * mouse_scale_y_;
    if (e.type == SDL_MOUSEBUTTONDOWN) {
        forget(kMouseFinger);
        down_.push_back({kMouseFinger, x, y});
        return TouchPoint{Phase::down, kMouseFinger, x, y, now};
    }
    if (!is_down(kMouseFinger)) return std::nullopt;
    forget(kMouseFinger);
    return TouchPoint{Phase::up, kMouseFinger, x, y, now};
}

std::optional<TouchPoint> TouchInput::mouse_motion(const SDL_MouseMotionEvent& e, core::Millis now) {
    if (e.which == SDL_TOUCH_MOUSEID) return std::nullopt;
    const auto it = std::ranges::find(down_, kMouseFinger, &Down::id);
    if (it == down_.end()) return std::nullopt;
    const double x = e.x * mouse_scale_x_, y = e.y * mouse_scale_y_;
    if ((e.state & SDL_BUTTON_LMASK) == 0) {
        // The button went up where we did not hear it (outside the window, uncaptured): the
        // motion is the first news of it, so end the press here.
        forget(kMouseFinger);
        return TouchPoint{Phase::up, kMouseFinger, x, y, now};
    }
    it->x = x;
    it->y = y;
    return TouchPoint{Phase::move, kMouseFinger, x, y, now};
}

std::optional<TouchPoint> TouchInput::window(const SDL_WindowEvent& e, core::Millis now) {
    if (e.event == SDL_WINDOWEVENT_LEAVE) {
        const auto it = std::ranges::find(down_, kMouseFinger, &Down::id);
        if (it == down_.end()) return std::nullopt;
        const TouchPoint cancel{Phase::cancel, kMouseFinger, it->x, it->y, now};
        down_.erase(it);
        return cancel;
    }
    if (e.event == SDL_WINDOWEVENT_FOCUS_LOST && !down_.empty()) {
        // Lifts that happen while another window has the focus may never reach us; the first
        // finger down is the one the recognizer follows, the others it ignores anyway.
        const Down& first = down_.front();
        const TouchPoint cancel{Phase::cancel, first.id, first.x, first.y, now};
        down_.clear();
        return cancel;
    }
    return std::nullopt;
}

bool TouchInput::is_down(std::int64_t id) const { return std::ranges::find(down_, id, &Down::id) != down_.end(); }

void TouchInput::forget(std::int64_t id) { std::erase_if(down_, [id](const Down& d) { return d.id == id; }); }

}  // namespace vitrine::platform
