#include <doctest/doctest.h>

#include "core/av_clock.hpp"

using namespace std::chrono_literals;
using vitrine::core::AvClock;
using vitrine::core::MediaTime;
using vitrine::core::WallTime;

namespace {
const WallTime t0 = WallTime{} + 1000s;  // an arbitrary moment of the monotonic clock
}  // namespace

TEST_CASE("a clock that was never set reads unknown") {
    const AvClock clock;
    CHECK_FALSE(clock.get(t0, 0).has_value());
    CHECK_FALSE(clock.serial().has_value());
}

TEST_CASE("a clock runs on wall time from the pts it was set to") {
    AvClock clock;
    clock.set(5s, 1, t0);
    CHECK(clock.get(t0, 1) == MediaTime{5s});
    CHECK(clock.get(t0 + 250ms, 1) == MediaTime{5250ms});
    CHECK(clock.get(t0 + 10s, 1) == MediaTime{15s});
    CHECK(clock.pts() == MediaTime{5s});
    CHECK(clock.updated_at() == t0);

    SUBCASE("a later set re-anchors it") {
        clock.set(2s, 1, t0 + 1s);
        CHECK(clock.get(t0 + 1500ms, 1) == MediaTime{2500ms});
    }
    SUBCASE("it extrapolates backwards for a moment before its update") {
        CHECK(clock.get(t0 - 100ms, 1) == MediaTime{4900ms});
    }
}

TEST_CASE("a clock set under an old serial reads unknown once its queue is flushed") {
    AvClock clock;
    clock.set(3s, 7, t0);
    REQUIRE(clock.get(t0, 7).has_value());
    CHECK_FALSE(clock.get(t0 + 10ms, 8).has_value());
    CHECK(clock.serial() == 7u);

    SUBCASE("data of the new serial makes it readable again") {
        clock.set(0s, 8, t0 + 20ms);
        CHECK(clock.get(t0 + 30ms, 8) == MediaTime{10ms});
        CHECK_FALSE(clock.get(t0 + 30ms, 7).has_value());
    }
}

TEST_CASE("a paused clock does not advance and resumes where it stopped") {
    AvClock clock;
    clock.set(1s, 1, t0);
    clock.pause(t0 + 400ms);
    CHECK(clock.paused());
    CHECK(clock.get(t0 + 400ms, 1) == MediaTime{1400ms});
    CHECK(clock.get(t0 + 1h, 1) == MediaTime{1400ms});

    SUBCASE("pausing again keeps the first stop") {
        clock.pause(t0 + 900ms);
        CHECK(clock.get(t0 + 2s, 1) == MediaTime{1400ms});
    }
    SUBCASE("resuming runs on from the stop, without a jump") {
        clock.resume(t0 + 5s);
        CHECK_FALSE(clock.paused());
        CHECK(clock.get(t0 + 5s, 1) == MediaTime{1400ms});
        CHECK(clock.get(t0 + 5100ms, 1) == MediaTime{1500ms});
        clock.resume(t0 + 6s);  // already running: no effect
        CHECK(clock.get(t0 + 6s, 1) == MediaTime{2400ms});
    }
    SUBCASE("a set while paused moves the stopped time and stays paused") {
        clock.set(7s, 2, t0 + 1s);
        CHECK(clock.paused());
        CHECK(clock.get(t0 + 3s, 2) == MediaTime{7s});
    }
}

TEST_CASE("a clock with a speed advances that much media time per wall second") {
    AvClock clock;
    clock.set(0s, 1, t0);
    clock.set_speed(1.02, t0);
    CHECK(clock.speed() == doctest::Approx(1.02));
    CHECK(clock.get(t0 + 1s, 1) == MediaTime{1020ms});
    CHECK(clock.get(t0 + 50s, 1) == MediaTime{51s});

    SUBCASE("a change of speed keeps the time already run at the old speed") {
        clock.set_speed(0.5, t0 + 10s);
        CHECK(clock.get(t0 + 10s, 1) == MediaTime{10200ms});
        CHECK(clock.get(t0 + 12s, 1) == MediaTime{11200ms});
    }
    SUBCASE("speed zero stands still without being paused") {
        clock.set_speed(0.0, t0 + 1s);
        CHECK_FALSE(clock.paused());
        CHECK(clock.get(t0 + 9s, 1) == MediaTime{1020ms});
    }
}

TEST_CASE("a clock synced to another takes its time only when it has none or a far one") {
    AvClock video;
    video.set(2s, 4, t0);
    AvClock wall;

    SUBCASE("an unset clock is anchored on the other") {
        CHECK(wall.sync_to(video, 4, t0 + 100ms));
        CHECK(wall.get(t0 + 100ms, 4) == MediaTime{2100ms});
        CHECK(wall.serial() == 4u);
    }
    SUBCASE("a clock within the no-sync threshold keeps its own time") {
        wall.set(2500ms, 4, t0);
        CHECK_FALSE(wall.sync_to(video, 4, t0 + 1s));
        CHECK(wall.get(t0 + 1s, 4) == MediaTime{3500ms});
    }
    SUBCASE("a clock further than the no-sync threshold is re-anchored") {
        wall.set(20s, 4, t0);
        CHECK(wall.sync_to(video, 4, t0 + 1s));
        CHECK(wall.get(t0 + 1s, 4) == MediaTime{3s});
    }
    SUBCASE("a clock of an old serial is re-anchored on the new one") {
        wall.set(2s, 3, t0);
        CHECK(wall.sync_to(video, 4, t0));
        CHECK(wall.serial() == 4u);
    }
    SUBCASE("nothing is taken from a clock that reads unknown") {
        wall.set(9s, 5, t0);
        CHECK_FALSE(wall.sync_to(video, 5, t0 + 1s));
        CHECK(wall.get(t0 + 1s, 5) == MediaTime{10s});
    }
}
