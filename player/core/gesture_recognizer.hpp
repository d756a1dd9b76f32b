#pragma once
// Timestamped touch points → tap, long press, drag, swipe (core/gesture.hpp). Pure: no clock of
// its own (a held finger becomes a long press on a later point or tick), thresholds in
// millimetres on the actual panel or fractions of the screen, never raw pixels
// (visitor-experience.md, "Touch").
//
// One finger at a time: while one is down, others are ignored; the first finger's gesture
// ends when it lifts. Single-threaded.
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "core/gesture.hpp"

namespace vitrine::core {

struct GestureConfig {
    int width = 1920, height = 1080;  // screen, pixels
    double px_per_mm = 2.7;           // of the actual panel (TouchLayout::px_per_mm)

    // Android's and iOS's defaults, in millimetres (1 dp = 1/160 inch).
    double tap_slop_mm = 2.5;              // 16 dp: a finger on a large panel wobbles more than 8 dp
    Millis long_press{450};                // within 400–500 ms
    double swipe_fraction = 0.15;          // of the screen's width (height for vertical): a deliberate move
    double fling_min_mm = 6.0;             // a quick flick counts from this travel...
    double fling_speed_mm_per_s = 250.0;   // ...at this speed over its last 100 ms
};

class GestureRecognizer {
public:
    explicit GestureRecognizer(GestureConfig config = {});

    // Gestures the point completes, in order (often none).
    std::vector<Gesture> feed(const TouchPoint& point);
    // The clock moved without a point: a finger held still may become a long press.
    std::vector<Gesture> tick(Millis now);

    // The finger down now, if any: where it went down, where it is, since when, and whether it
    // has stayed within the tap slop (for a staff hold in a corner).
    struct Held {
        double x0 = 0, y0 = 0, x = 0, y = 0;
        Millis since{0};
        bool still = true;
    };
    std::optional<Held> held() const;

    void set_config(GestureConfig config) { config_ = config; }
    const GestureConfig& config() const { return config_; }

private:
    // What the tracked finger has become so far. pending: within the slop, before the long-press
    // time (a tap if it lifts now); long_pressed: held still past it (whatever follows is no
    // tap and no drag); dragging: left the slop first, locked to `axis`.
    enum class Stage { pending, long_pressed, dragging };
    struct Sample {
        Millis at{0};
        double x = 0, y = 0;
    };
    struct Tracked {
        std::int64_t finger = 0;
        double x0 = 0, y0 = 0, x = 0, y = 0;
        Millis since{0};
        bool still = true;  // never left the tap slop
        Stage stage = Stage::pending;
        Axis axis = Axis::horizontal;
        // The last 100 ms of points (and one before) for the fling speed; times never decrease.
        std::deque<Sample> samples;
    };

    double slop_px() const;
    bool long_press_due(Millis now) const;
    void check_long_press(Millis now, std::vector<Gesture>& out);
    void move_to(const TouchPoint& point);
    // A cancel or a lost lift: DragCancel for a drag, Lift otherwise; the finger is forgotten.
    void end_without_decision(std::vector<Gesture>& out);
    Drag drag() const;
    Gesture release_drag() const;
    // Along the drag's axis, in the direction of `travel` (negative: it went back), mm/s.
    double fling_speed_mm_per_s(double travel) const;

    GestureConfig config_;
    std::optional<Tracked> tracked_;
};

}  // namespace vitrine::core
