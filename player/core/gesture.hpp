#pragma once
// Touch input as the core sees it: timestamped points in, gestures out (GestureRecognizer).
// Coordinates are screen pixels (0,0 top-left); times are the show's clock (core::Millis), so a
// scripted visit runs at any speed.
#include <cstdint>
#include <variant>

#include "core/playlist.hpp"

namespace vitrine::core {

// One finger (or the mouse button, which staff use to test) touching, moving or lifting.
struct TouchPoint {
    enum class Phase { down, move, up, cancel };
    Phase phase = Phase::down;
    std::int64_t finger = 0;  // stable while the finger is down; the mouse is one finger
    double x = 0, y = 0;      // pixels
    Millis at{0};
};

enum class Axis { horizontal, vertical };
enum class Direction { left, right, up, down };  // where the finger went

// A finger went down (feedback: the target under it may light up). Not a decision yet.
struct Press {
    double x = 0, y = 0;
};
// Down and up, still and quick: act on it at (x, y) (the release point, inside the target).
struct Tap {
    double x = 0, y = 0;
};
// Held still past the long-press time; the release that follows is no tap.
struct LongPress {
    double x = 0, y = 0;
};
// The finger moves beyond the tap slop, locked to one axis: the item follows it.
// dx, dy: from where it went down (pixels; the one off the axis is 0).
struct Drag {
    Axis axis = Axis::horizontal;
    double x0 = 0, y0 = 0;
    double dx = 0, dy = 0;
};
// A drag released far enough (or fast enough) to mean "move on".
struct Swipe {
    Direction direction = Direction::left;
    double x0 = 0, y0 = 0;
    double dx = 0, dy = 0;
};
// A drag released short of a swipe: whatever followed the finger settles back.
struct DragCancel {
    Axis axis = Axis::horizontal;
    double dx = 0, dy = 0;
};
// The finger went away without a decision (a cancel from the system, a drag of a held press).
struct Lift {};

using Gesture = std::variant<Press, Tap, LongPress, Drag, Swipe, DragCancel, Lift>;

}  // namespace vitrine::core
