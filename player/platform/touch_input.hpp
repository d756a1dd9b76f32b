#pragma once
// SDL finger and mouse events → core::TouchPoint, for the GestureRecognizer. A touch screen sends
// finger events; a mouse (how staff test an exhibit at a desk) is one more finger, id
// kMouseFinger, while its left button is held.
//
// Points are in renderer output pixels, (0,0) top-left: the pixels the core lays out and
// hit-tests in, which on a high-DPI display are more than the window's (SDL_WINDOW_ALLOW_HIGHDPI).
// Time is the show's clock, given by the caller; SDL's event timestamps are kept apart for
// latency measurement only.
//
// Every finger sequence it emits starts with a down: motion or a lift of a finger it has not seen
// go down (one that touched before the window had focus, or one already cancelled) is dropped.
// Not thread-safe: one instance, on the thread that polls SDL events.
#include <SDL.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/gesture.hpp"

namespace vitrine::platform {

class TouchInput {
public:
    // The finger id the mouse's left button gets (SDL finger ids of touch screens are >= 0).
    static constexpr std::int64_t kMouseFinger = -1;

    // Call before SDL_Init(SDL_INIT_VIDEO). Stops SDL from turning each touch into mouse events
    // too (SDL_HINT_TOUCH_MOUSE_EVENTS) and each mouse click into touch events
    // (SDL_HINT_MOUSE_TOUCH_EVENTS), so that one touch is one gesture, never two. translate()
    // drops such synthesized events anyway, should a platform send them regardless.
    static void set_hints();

    // The renderer's output size and the window's size (SDL_GetRendererOutputSize,
    // SDL_GetWindowSize), both in pixels as SDL reports them; call again on every resize.
    // Finger positions (0..1 of the window) are scaled to the output size; mouse positions
    // (window coordinates) by output/window. A non-positive window size scales the mouse by 1.
    void set_size(int output_w, int output_h, int window_w, int window_h);
    // The same, asking SDL. False (and nothing changed) when SDL cannot tell the output size.
    bool set_size(SDL_Window* window, SDL_Renderer* renderer);

    // The touch point `event` means, at `now` on the show's clock, or nullopt for any other
    // event (or one dropped as above). FOCUS_LOST cancels the first finger (or mouse) still
    // down and forgets the others; the mouse leaving the window while pressed cancels it.
    std::optional<core::TouchPoint> translate(const SDL_Event& event, core::Millis now);

    // SDL's timestamp (ms since SDL_Init, SDL_GetTicks) of the event behind the last point
    // translate() returned; 0 before the first. For measuring input-to-frame latency.
    Uint32 last_event_ticks() const { return last_event_ticks_; }

private:
    std::optional<core::TouchPoint> finger(const SDL_TouchFingerEvent& e, core::Millis now);
    std::optional<core::TouchPoint> mouse_button(const SDL_MouseButtonEvent& e, core::Millis now);
    std::optional<core::TouchPoint> mouse_motion(const SDL_MouseMotionEvent& e, core::Millis now);
    std::optional<core::TouchPoint> window(const SDL_WindowEvent& e, core::Millis now);
    bool is_down(std::int64_t id) const;
    void forget(std::int64_t id);

    double output_w_ = 0, output_h_ = 0;
    double mouse_scale_x_ = 1, mouse_scale_y_ = 1;
    // Fingers (and the mouse) down now, in the order they went down, with their last position:
    // the first is the one the recognizer follows.
    struct Down {
        std::int64_t id = 0;
        double x = 0, y = 0;
    };
    std::vector<Down> down_;
    Uint32 last_event_ticks_ = 0;
};

}  // namespace vitrine::platform
