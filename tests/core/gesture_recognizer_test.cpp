// The gesture recognizer: scripted timelines of touch points and clock ticks, and the gestures
// each moment produces. Default panel: 1920x1080 at 2.7 px/mm, so the tap slop is 6.75 px, a
// slow swipe needs 288 px sideways (162 px vertically), a fling 16.2 px at 675 px/s.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "core/gesture_recognizer.hpp"

using namespace vitrine::core;
using Phase = TouchPoint::Phase;

namespace {

// One finger's timeline, fed point by point; the last call's gestures are returned.
struct Finger {
    GestureRecognizer& r;
    std::int64_t id = 1;

    std::vector<Gesture> down(double x, double y, int ms) { return r.feed({Phase::down, id, x, y, Millis{ms}}); }
    std::vector<Gesture> move(double x, double y, int ms) { return r.feed({Phase::move, id, x, y, Millis{ms}}); }
    std::vector<Gesture> up(double x, double y, int ms) { return r.feed({Phase::up, id, x, y, Millis{ms}}); }
    std::vector<Gesture> cancel(double x, double y, int ms) { return r.feed({Phase::cancel, id, x, y, Millis{ms}}); }
};

// The one gesture of `gs`, which must be a G.
template <class G>
G only(const std::vector<Gesture>& gs) {
    REQUIRE(gs.size() == 1);
    REQUIRE(std::holds_alternative<G>(gs[0]));
    return std::get<G>(gs[0]);
}

template <class G>
G at(const std::vector<Gesture>& gs, std::size_t i) {
    REQUIRE(gs.size() > i);
    REQUIRE(std::holds_alternative<G>(gs[i]));
    return std::get<G>(gs[i]);
}

// Moves the finger from (x0, y0) to (x1, y1) in `steps` equal steps between t0 and t1 (ms),
// then lifts it at t_up; returns the gestures of the lift. Every move must have been a Drag.
std::vector<Gesture> stroke(GestureRecognizer& r, double x0, double y0, double x1, double y1, int t0, int t1,
                            int steps, int t_up) {
    Finger f{r};
    only<Press>(f.down(x0, y0, t0));
    for (int i = 1; i <= steps; ++i) {
        const double k = static_cast<double>(i) / steps;
        const auto gs = f.move(x0 + (x1 - x0) * k, y0 + (y1 - y0) * k, t0 + (t1 - t0) * i / steps);
        if (!gs.empty()) CHECK(std::holds_alternative<Drag>(gs.back()));
    }
    return f.up(x1, y1, t_up);
}

}  // namespace

TEST_CASE("a quick touch and release is a press, then a tap at the release point") {
    GestureRecognizer r;
    Finger f{r};
    const auto press = only<Press>(f.down(100, 200, 1000));
    CHECK(press.x == 100);
    CHECK(press.y == 200);
    REQUIRE(r.held());
    CHECK(r.held()->since == Millis{1000});
    CHECK(r.tick(Millis{1200}).empty());
    const auto tap = only<Tap>(f.up(103, 198, 1250));
    CHECK(tap.x == 103);
    CHECK(tap.y == 198);
    CHECK_FALSE(r.held());
}

TEST_CASE("a slow press is a long press, once, and its release is no tap") {
    GestureRecognizer r;
    Finger f{r};
    only<Press>(f.down(500, 400, 0));

    SUBCASE("noticed by a tick") {
        CHECK(r.tick(Millis{449}).empty());
        const auto lp = only<LongPress>(r.tick(Millis{450}));
        CHECK(lp.x == 500);
        CHECK(lp.y == 400);
        CHECK(r.tick(Millis{800}).empty());
        CHECK(f.move(502, 401, 900).empty());
        only<Lift>(f.up(502, 401, 1000));
    }
    SUBCASE("noticed by a move within the slop, reported where the finger was held") {
        CHECK(f.move(501, 400, 300).empty());
        const auto lp = only<LongPress>(f.move(503, 402, 460));
        CHECK(lp.x == 501);
        CHECK(lp.y == 400);
        only<Lift>(f.up(503, 402, 700));
    }
    SUBCASE("noticed only at the release, when no tick came in between") {
        const auto gs = f.up(500, 400, 470);
        REQUIRE(gs.size() == 2);
        CHECK(at<LongPress>(gs, 0).x == 500);
        at<Lift>(gs, 1);
    }
    SUBCASE("a drag after the long press is the finger holding, not a drag") {
        only<LongPress>(r.tick(Millis{500}));
        CHECK(f.move(700, 400, 600).empty());
        CHECK(f.move(900, 400, 650).empty());
        REQUIRE(r.held());
        CHECK_FALSE(r.held()->still);
        CHECK(r.held()->x == 900);
        only<Lift>(f.up(900, 400, 700));
    }
    SUBCASE("one millisecond short of the long-press time is still a tap") {
        only<Tap>(f.up(500, 400, 449));
    }
}

TEST_CASE("jitter within the tap slop is still a tap; a move just past it is a drag") {
    GestureRecognizer r;
    Finger f{r};
    only<Press>(f.down(800, 600, 0));
    // 6.75 px slop: every point below stays within it of the down point.
    CHECK(f.move(805, 602, 30).empty());
    CHECK(f.move(796, 597, 60).empty());
    CHECK(f.move(804, 604, 90).empty());
    REQUIRE(r.held());
    CHECK(r.held()->still);
    CHECK(r.held()->x == 804);

    SUBCASE("released within the slop") {
        const auto tap = only<Tap>(f.up(803, 603, 150));
        CHECK(tap.x == 803);
    }
    SUBCASE("moved 7 px away") {
        const auto d = only<Drag>(f.move(807, 600, 120));
        CHECK(d.axis == Axis::horizontal);
        CHECK(d.dx == 7);
        CHECK_FALSE(r.held()->still);
        const auto c = only<DragCancel>(f.up(807, 600, 400));
        CHECK(c.dx == 7);
    }
}

TEST_CASE("a drag is locked to the axis that dominated when it left the slop") {
    GestureRecognizer r;
    Finger f{r};
    only<Press>(f.down(1000, 500, 0));
    const auto first = only<Drag>(f.move(1012, 505, 20));
    CHECK(first.axis == Axis::horizontal);
    CHECK(first.x0 == 1000);
    CHECK(first.y0 == 500);
    CHECK(first.dx == 12);
    CHECK(first.dy == 0);
    // The finger drifts mostly downwards afterwards: still a horizontal drag, dy stays 0.
    const auto later = only<Drag>(f.move(1030, 600, 200));
    CHECK(later.axis == Axis::horizontal);
    CHECK(later.dx == 30);
    CHECK(later.dy == 0);
    // A move to the same place still reports the drag (the renderer follows every point).
    CHECK(only<Drag>(f.move(1030, 600, 220)).dx == 30);
}

TEST_CASE("a drag shorter than a swipe and slow is a DragCancel: the item snaps back") {
    GestureRecognizer r;
    // 200 px = 74 mm right over a second (74 mm/s), released where it stopped.
    const auto gs = stroke(r, 600, 500, 800, 500, 0, 1000, 20, 1000);
    const auto c = only<DragCancel>(gs);
    CHECK(c.axis == Axis::horizontal);
    CHECK(c.dx == 200);
    CHECK(c.dy == 0);
    CHECK_FALSE(r.held());
}

TEST_CASE("a long slow swipe moves on, in the direction the finger went") {
    GestureRecognizer r;
    // 400 px left (more than 15 % of 1920) over two seconds: slow, but far.
    const auto gs = stroke(r, 1400, 540, 1000, 540, 0, 2000, 40, 2100);
    const auto s = only<Swipe>(gs);
    CHECK(s.direction == Direction::left);
    CHECK(s.x0 == 1400);
    CHECK(s.y0 == 540);
    CHECK(s.dx == -400);
    CHECK(s.dy == 0);

    SUBCASE("exactly 15 % of the width is enough, one pixel less is not") {
        CHECK(only<Swipe>(stroke(r, 100, 540, 388, 540, 0, 3000, 30, 3300)).direction == Direction::right);
        only<DragCancel>(stroke(r, 100, 540, 387, 540, 0, 3000, 30, 3300));
    }
}

TEST_CASE("a short fast fling moves on; the same travel slowly, or stopped before the lift, does not") {
    GestureRecognizer r;
    SUBCASE("60 px (22 mm) in 60 ms") {
        const auto s = only<Swipe>(stroke(r, 900, 540, 960, 540, 0, 60, 6, 70));
        CHECK(s.direction == Direction::right);
        CHECK(s.dx == 60);
    }
    SUBCASE("60 px in a second") {
        only<DragCancel>(stroke(r, 900, 540, 960, 540, 0, 1000, 10, 1000));
    }
    SUBCASE("60 px in 60 ms, then held still for 200 ms before the lift") {
        only<DragCancel>(stroke(r, 900, 540, 960, 540, 0, 60, 6, 260));
    }
    SUBCASE("a slow drag that ends in a flick: only the last 100 ms count") {
        Finger f{r};
        only<Press>(f.down(900, 540, 0));
        only<Drag>(f.move(910, 540, 50));
        for (int i = 1; i <= 10; ++i) only<Drag>(f.move(910 + 3 * i, 540, 50 + 100 * i));  // 30 px in a second
        only<Drag>(f.move(960, 540, 1100));
        const auto s = only<Swipe>(f.up(1040, 540, 1130));  // about 100 px in the last 100 ms
        CHECK(s.direction == Direction::right);
        CHECK(s.dx == 140);
    }
    SUBCASE("a flick back at the end of a drag is no fling the way it went") {
        Finger f{r};
        only<Press>(f.down(900, 540, 0));
        only<Drag>(f.move(920, 540, 50));
        only<Drag>(f.move(1100, 540, 1000));
        only<DragCancel>(f.up(1000, 540, 1050));  // +100 px in all, but back 90 px in the last 100 ms
    }
    SUBCASE("14 px (5.2 mm) in 10 ms is fast but shorter than a fling") {
        only<DragCancel>(stroke(r, 900, 540, 914, 540, 0, 10, 1, 10));
    }
}

TEST_CASE("vertical swipes go up and down; the off-axis wobble is dropped") {
    GestureRecognizer r;
    SUBCASE("up") {
        const auto s = only<Swipe>(stroke(r, 960, 800, 970, 600, 0, 500, 10, 500));
        CHECK(s.direction == Direction::up);
        CHECK(s.dx == 0);
        CHECK(s.dy == -200);  // more than 15 % of 1080
    }
    SUBCASE("down") {
        const auto s = only<Swipe>(stroke(r, 960, 200, 950, 400, 0, 500, 10, 500));
        CHECK(s.direction == Direction::down);
        CHECK(s.dy == 200);
    }
    SUBCASE("150 px down slowly is short of 15 % of the height") {
        const auto c = only<DragCancel>(stroke(r, 960, 200, 960, 350, 0, 1500, 15, 1500));
        CHECK(c.axis == Axis::vertical);
        CHECK(c.dy == 150);
    }
}

TEST_CASE("a second finger is ignored while the first is down") {
    GestureRecognizer r;
    Finger first{r, 1};
    Finger second{r, 2};
    only<Press>(first.down(300, 300, 0));
    CHECK(second.down(1500, 300, 20).empty());
    CHECK(second.move(1000, 300, 60).empty());  // far and fast: would be a swipe on its own
    CHECK(second.up(800, 300, 90).empty());
    REQUIRE(r.held());
    CHECK(r.held()->x0 == 300);
    CHECK(only<Tap>(first.up(301, 300, 120)).x == 301);

    SUBCASE("a finger that went down meanwhile stays ignored after the first lifts") {
        Finger third{r, 3};
        only<Press>(first.down(300, 300, 200));
        CHECK(third.down(600, 600, 210).empty());
        only<Tap>(first.up(300, 300, 250));
        CHECK(third.move(900, 600, 260).empty());
        CHECK(third.up(900, 600, 270).empty());
        CHECK_FALSE(r.held());
        CHECK(only<Press>(third.down(600, 600, 300)).x == 600);
    }
    SUBCASE("another finger's point still tells the time: the held first finger becomes a long press") {
        only<Press>(first.down(300, 300, 1000));
        const auto lp = only<LongPress>(second.down(900, 300, 1500));
        CHECK(lp.x == 300);
    }
}

TEST_CASE("thresholds scale with the panel's density: the same travel in mm gives the same result") {
    // The same 711 x 400 mm panel at full HD and at 4K.
    const GestureConfig hd{.width = 1920, .height = 1080, .px_per_mm = 2.7};
    const GestureConfig uhd{.width = 3840, .height = 2160, .px_per_mm = 5.4};
    for (const GestureConfig& c : {hd, uhd}) {
        CAPTURE(c.width);
        const double mm = c.px_per_mm;
        {
            INFO("a 2 mm wobble is a tap (10.8 px at 4K)");
            GestureRecognizer r{c};
            Finger f{r};
            only<Press>(f.down(100 * mm, 100 * mm, 0));
            CHECK(f.move(102 * mm, 100 * mm, 50).empty());
            only<Tap>(f.up(102 * mm, 100 * mm, 100));
        }
        {
            INFO("a 3 mm move is a drag (8.1 px at full HD)");
            GestureRecognizer r{c};
            Finger f{r};
            only<Press>(f.down(100 * mm, 100 * mm, 0));
            CHECK(only<Drag>(f.move(103 * mm, 100 * mm, 50)).dx == doctest::Approx(3 * mm));
        }
        GestureRecognizer r{c};
        {
            INFO("a 10 mm flick in 30 ms is a swipe");
            only<Swipe>(stroke(r, 100 * mm, 100 * mm, 110 * mm, 100 * mm, 0, 30, 3, 30));
        }
        {
            INFO("a 5 mm flick in 10 ms is short of a fling");
            only<DragCancel>(stroke(r, 100 * mm, 100 * mm, 105 * mm, 100 * mm, 0, 10, 1, 10));
        }
        {
            INFO("40 mm in 200 ms (200 mm/s) is too slow for a fling");
            only<DragCancel>(stroke(r, 100 * mm, 100 * mm, 140 * mm, 100 * mm, 0, 200, 4, 200));
        }
        {
            INFO("110 mm slowly is more than 15 % of the width");
            only<Swipe>(stroke(r, 100 * mm, 100 * mm, 210 * mm, 100 * mm, 0, 3000, 30, 3000));
        }
    }
}

TEST_CASE("a cancel ends the gesture without a decision") {
    GestureRecognizer r;
    Finger f{r};
    SUBCASE("a press becomes a lift, not a tap") {
        only<Press>(f.down(100, 100, 0));
        only<Lift>(f.cancel(100, 100, 50));
        CHECK_FALSE(r.held());
        CHECK(r.tick(Millis{1000}).empty());  // no long press of a finger that is gone
    }
    SUBCASE("a drag is cancelled where it was, even one far enough to be a swipe") {
        only<Press>(f.down(100, 100, 0));
        only<Drag>(f.move(600, 100, 100));
        const auto c = only<DragCancel>(f.cancel(600, 100, 110));
        CHECK(c.axis == Axis::horizontal);
        CHECK(c.dx == 500);
        CHECK_FALSE(r.held());
    }
    SUBCASE("a held press is not turned into a long press by its cancel") {
        only<Press>(f.down(100, 100, 0));
        only<Lift>(f.cancel(100, 100, 2000));
    }
    SUBCASE("the next touch starts afresh") {
        only<Press>(f.down(100, 100, 0));
        only<Lift>(f.cancel(100, 100, 50));
        CHECK(f.up(100, 100, 60).empty());  // a late lift of the cancelled finger means nothing
        only<Press>(f.down(200, 200, 100));
        CHECK(only<Tap>(f.up(200, 200, 150)).x == 200);
    }
}

TEST_CASE("the same finger down again while tracked ends its lost gesture and starts a new one") {
    GestureRecognizer r;
    Finger f{r};
    only<Press>(f.down(100, 100, 0));
    only<Drag>(f.move(300, 100, 100));
    const auto gs = f.down(900, 500, 5000);
    REQUIRE(gs.size() == 2);
    CHECK(at<DragCancel>(gs, 0).dx == 200);
    CHECK(at<Press>(gs, 1).x == 900);
    REQUIRE(r.held());
    CHECK(r.held()->since == Millis{5000});
}

TEST_CASE("a release beyond the slop with no move before it is a drag released") {
    GestureRecognizer r;
    Finger f{r};
    only<Press>(f.down(100, 100, 0));
    SUBCASE("far: a swipe") {
        const auto s = only<Swipe>(f.up(500, 110, 40));
        CHECK(s.direction == Direction::right);
        CHECK(s.dx == 400);
        CHECK(s.dy == 0);
    }
    SUBCASE("near and slow: a drag cancelled") {
        const auto c = only<DragCancel>(f.up(100, 140, 300));
        CHECK(c.axis == Axis::vertical);
        CHECK(c.dy == 40);
    }
}
