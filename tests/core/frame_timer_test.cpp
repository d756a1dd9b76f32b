#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "core/frame_timer.hpp"

using namespace std::chrono_literals;
using vitrine::core::AvClock;
using vitrine::core::FrameAction;
using vitrine::core::FrameDecision;
using vitrine::core::FrameTimer;
using vitrine::core::FrameTiming;
using vitrine::core::MediaTime;
using vitrine::core::QueueSerial;
using vitrine::core::SyncMaster;
using vitrine::core::WallTime;

namespace {

const WallTime t0 = WallTime{} + 1000s;           // an arbitrary moment of the monotonic clock
constexpr MediaTime kFrame30{33'333'333};         // one frame at 30 fps
constexpr MediaTime kTolerance = 1us;             // rounding of 1/30 s to whole nanoseconds

// Frame `index` of a 30 fps clip.
FrameTiming frame(long long index, QueueSerial serial = 1) {
    return FrameTiming{MediaTime{index * 1'000'000'000LL / 30}, kFrame30, serial};
}

bool near(MediaTime a, MediaTime b, MediaTime tolerance = kTolerance) {
    return std::chrono::abs(a - b) <= tolerance;
}
bool near(WallTime a, WallTime b, MediaTime tolerance = kTolerance) {
    return std::chrono::abs(a - b) <= tolerance;
}

MediaTime delay_with(MediaTime nominal, std::optional<MediaTime> diff) {
    return FrameTimer::target_delay(nominal, diff);
}

// What a presentation loop saw while playing `count` frames of serial 1 from `start`.
struct Playback {
    std::vector<WallTime> shown_at;
    std::vector<MediaTime> delays;             // of each shown frame
    std::vector<MediaTime> offsets;            // of each shown frame, where the master was known
    std::vector<long long> dropped;            // indices of frames dropped late
};

// A presentation loop on a scripted clock: waits exactly as told, spends `render_cost` per
// shown frame, and finds frame i available at `ready_at(i)` (the decoder's pace). The queue
// holds every decoded frame, so a frame behind the next one is there once it is decoded.
Playback play(FrameTimer& timer, long long count, WallTime start,
              const std::function<std::optional<MediaTime>(WallTime)>& audio,
              MediaTime render_cost = 0ms,
              const std::function<WallTime(long long)>& ready_at = {}) {
    Playback out;
    WallTime now = start;
    long long i = 0;
    int guard = 0;
    while (i < count && ++guard < 100'000) {
        if (ready_at && now < ready_at(i)) {
            now = ready_at(i);
            continue;
        }
        std::optional<FrameTiming> after;
        if (i + 1 < count && (!ready_at || ready_at(i + 1) <= now)) after = frame(i + 1);
        const FrameDecision d = timer.decide(frame(i), after, audio(now), 1, now);
        switch (d.action) {
            case FrameAction::wait:
                REQUIRE(d.until > now);
                now = d.until;
                break;
            case FrameAction::show:
                out.shown_at.push_back(now);
                out.delays.push_back(d.delay);
                if (d.av_offset) out.offsets.push_back(*d.av_offset);
                now += render_cost;
                ++i;
                break;
            case FrameAction::drop_late:
                out.dropped.push_back(i);
                ++i;
                break;
            case FrameAction::drop_stale:
            case FrameAction::hold:
                FAIL("no stale frame and no pause in this playback");
                break;
        }
    }
    REQUIRE(i == count);
    return out;
}

MediaTime worst(const std::vector<MediaTime>& values) {
    MediaTime w{0};
    for (const auto v : values) w = std::max(w, std::chrono::abs(v));
    return w;
}

}  // namespace

TEST_CASE("the target delay follows ffplay's thresholds, and corrects a small drift gradually") {
    SUBCASE("an unknown A/V difference leaves the nominal delay") {
        CHECK(delay_with(kFrame30, std::nullopt) == kFrame30);
    }
    SUBCASE("a small drift is corrected by a quarter per frame") {
        CHECK(delay_with(kFrame30, -8ms) == kFrame30 - 2ms);
        CHECK(delay_with(kFrame30, 4ms) == kFrame30 + 1ms);
    }
    SUBCASE("a larger drift inside the threshold changes the delay by at most a tenth") {
        CHECK(delay_with(kFrame30, -30ms) == MediaTime{30'000'000});
        CHECK(delay_with(kFrame30, 39ms) == MediaTime{36'666'666});
    }
    SUBCASE("video behind by the threshold or more catches up at once, never below zero") {
        CHECK(delay_with(kFrame30, -40ms) == 0ms);
        CHECK(delay_with(kFrame30, -2s) == 0ms);
        CHECK(delay_with(200ms, -150ms) == 50ms);
    }
    SUBCASE("video ahead with a short frame holds the picture twice as long") {
        CHECK(delay_with(kFrame30, 50ms) == 2 * kFrame30);
        CHECK(delay_with(kFrame30, 3s) == 2 * kFrame30);
    }
    SUBCASE("video ahead with a long frame waits out the whole difference") {
        CHECK(delay_with(200ms, 150ms) == 350ms);
    }
    SUBCASE("the threshold grows with the frame's duration, between 40 and 100 ms") {
        // 60 ms behind is drift for an 80 ms frame, a catch-up for a 33 ms one.
        CHECK(delay_with(80ms, -60ms) == 72ms);
        CHECK(delay_with(kFrame30, -60ms) == 0ms);
        // The threshold is capped at 100 ms, however long the frame.
        CHECK(delay_with(500ms, -100ms) == 400ms);
        CHECK(delay_with(500ms, -99ms) == MediaTime{475'250'000});
    }
    SUBCASE("a difference beyond the longest frame duration is a jump and is left alone") {
        CHECK(delay_with(kFrame30, -11s) == kFrame30);
        CHECK(delay_with(kFrame30, 10s) == kFrame30);
        CHECK(FrameTimer::target_delay(kFrame30, -2s, 1s) == kFrame30);
    }
}

TEST_CASE("the first frame is shown at once and an early frame is waited for") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;
    audio.set(0s, 1, t0);

    const auto first = timer.decide(frame(0), frame(1), audio.get(t0, 1), 1, t0);
    CHECK(first.action == FrameAction::show);
    CHECK(first.delay == 0ms);
    CHECK(first.av_offset == MediaTime{0});

    const auto early = timer.decide(frame(1), frame(2), audio.get(t0 + 5ms, 1), 1, t0 + 5ms);
    CHECK(early.action == FrameAction::wait);
    CHECK(near(early.until, t0 + kFrame30));
    CHECK(near(early.delay, kFrame30));

    const auto due = timer.decide(frame(1), frame(2), audio.get(early.until, 1), 1, early.until);
    CHECK(due.action == FrameAction::show);
    REQUIRE(due.av_offset.has_value());
    CHECK(near(*due.av_offset, 0ms));
    CHECK(timer.stats().shown == 2);
    CHECK(timer.stats().dropped_late == 0);
}

TEST_CASE("a late frame is dropped when a later one can take its place") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;
    audio.set(0s, 1, t0);
    REQUIRE(timer.decide(frame(0), frame(1), audio.get(t0, 1), 1, t0).action == FrameAction::show);

    // The presentation thread was held up for 80 ms: frames 1 (33 ms) and 2 (67 ms) are
    // past, frame 3 (100 ms) is the one to show.
    const WallTime now = t0 + 80ms;

    SUBCASE("with frames queued behind it, each late frame is dropped unseen") {
        const auto d1 = timer.decide(frame(1), frame(2), audio.get(now, 1), 1, now);
        CHECK(d1.action == FrameAction::drop_late);
        const auto d2 = timer.decide(frame(2), frame(3), audio.get(now, 1), 1, now);
        CHECK(d2.action == FrameAction::drop_late);
        CHECK(d2.delay == 0ms);  // 47 ms behind the audio: catch up at once
        const auto d3 = timer.decide(frame(3), frame(4), audio.get(now, 1), 1, now);
        CHECK(d3.action == FrameAction::show);
        REQUIRE(d3.av_offset.has_value());
        CHECK(near(*d3.av_offset, 20ms));
        CHECK(timer.stats().dropped_late == 2);
        CHECK(timer.stats().shown == 2);
        CHECK(timer.video_clock().get(now, 1) == frame(3).pts);
    }
    SUBCASE("the last frame available is shown however late") {
        const auto d1 = timer.decide(frame(1), std::nullopt, audio.get(now, 1), 1, now);
        CHECK(d1.action == FrameAction::show);
        CHECK(timer.stats().dropped_late == 0);
    }
    SUBCASE("a frame behind it from an older serial does not make it droppable") {
        const auto d1 = timer.decide(frame(1), frame(2, 0), audio.get(now, 1), 1, now);
        CHECK(d1.action == FrameAction::show);
    }
}

TEST_CASE("a serial change discards the stale frames and starts the new serial at once") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;
    audio.set(0s, 1, t0);
    REQUIRE(timer.decide(frame(0), frame(1), audio.get(t0, 1), 1, t0).action == FrameAction::show);

    // A seek to 10 s at t0 + 20 ms flushes the queues: their serial becomes 2. The audio clock
    // is still set from serial 1, so it reads unknown against the new serial.
    const WallTime now = t0 + 20ms;
    CHECK(timer.decide(frame(1), frame(2), audio.get(now, 2), 2, now).action == FrameAction::drop_stale);
    CHECK(timer.decide(frame(2), frame(300, 2), audio.get(now, 2), 2, now).action ==
          FrameAction::drop_stale);
    CHECK(timer.stats().dropped_stale == 2);
    CHECK_FALSE(timer.video_clock().get(now, 2).has_value());

    const auto landed = timer.decide(frame(300, 2), frame(301, 2), audio.get(now, 2), 2, now);
    CHECK(landed.action == FrameAction::show);
    CHECK(landed.delay == 0ms);
    CHECK_FALSE(landed.av_offset.has_value());
    CHECK(timer.video_clock().get(now, 2) == MediaTime{10s});

    // The new serial is timed from the frame it landed on.
    audio.set(10s, 2, now);
    const auto next = timer.decide(frame(301, 2), frame(302, 2), audio.get(now + 1ms, 2), 2, now + 1ms);
    CHECK(next.action == FrameAction::wait);
    CHECK(near(next.until, now + kFrame30));
}

TEST_CASE("a paused timer holds the picture and resumes without rushing") {
    FrameTimer timer(SyncMaster::wall);
    REQUIRE(timer.decide(frame(0), frame(1), std::nullopt, 1, t0).action == FrameAction::show);
    timer.pause(t0 + 10ms);
    CHECK(timer.paused());

    CHECK(timer.decide(frame(1), frame(2), std::nullopt, 1, t0 + 500ms).action == FrameAction::hold);
    CHECK(timer.video_clock().get(t0 + 5s, 1) == MediaTime{10ms});
    CHECK(timer.stats().shown == 1);

    timer.resume(t0 + 1010ms);
    const auto d = timer.decide(frame(1), frame(2), std::nullopt, 1, t0 + 1010ms);
    CHECK(d.action == FrameAction::wait);
    // 10 ms of frame 0 had been shown before the pause; the remaining 23.3 ms follow it.
    CHECK(near(d.until, t0 + 1000ms + kFrame30));
    CHECK(timer.decide(frame(1), frame(2), std::nullopt, 1, d.until).action == FrameAction::show);
    CHECK(timer.stats().dropped_late == 0);

    SUBCASE("a seek while paused shows the frame it lands on, then holds") {
        timer.pause(t0 + 2s);
        const auto landed = timer.decide(frame(90, 2), frame(91, 2), std::nullopt, 2, t0 + 2100ms);
        CHECK(landed.action == FrameAction::show);
        CHECK(timer.decide(frame(91, 2), frame(92, 2), std::nullopt, 2, t0 + 3s).action ==
              FrameAction::hold);
        CHECK(timer.video_clock().get(t0 + 3s, 2) == frame(90).pts);
    }
}

TEST_CASE("with no audio the wall clock is master and every frame falls due on time") {
    FrameTimer timer(SyncMaster::wall);
    // An audio reading passed by mistake is ignored when the wall clock is master.
    const auto p = play(timer, 90, t0, [](WallTime) { return std::optional<MediaTime>{5s}; });

    REQUIRE(p.shown_at.size() == 90);
    CHECK(p.dropped.empty());
    for (std::size_t i = 0; i < p.shown_at.size(); ++i) {
        CAPTURE(i);
        CHECK(near(p.shown_at[i], t0 + frame(static_cast<long long>(i)).pts));
    }
    CHECK(worst(p.offsets) <= kTolerance);
}

TEST_CASE("with no audio a stalled decoder is caught up with the wall clock by dropping") {
    FrameTimer timer(SyncMaster::wall);
    // Frames 0 to 29 arrive in time; then the decoder stalls and frames 30 to 40 all arrive
    // 150 ms after frame 40 was due, together; after that it keeps pace again. Each present
    // takes a 60 Hz vsync.
    const auto ready_at = [](long long i) {
        const WallTime nominal = t0 + frame(i).pts;
        if (i < 30) return nominal;
        return std::max(nominal, t0 + frame(40).pts + 150ms);
    };
    const auto p = play(timer, 120, t0, [](WallTime) { return std::nullopt; }, 16'667us, ready_at);

    // The stall lost 483 ms, some 14 frames: about that many are dropped, all after the stall.
    CAPTURE(p.dropped.size());
    CHECK(p.dropped.size() >= 10);
    CHECK(p.dropped.size() <= 16);
    CHECK(p.dropped.front() > 30);
    // Once caught up the picture is back on the wall clock's time.
    const auto tail = std::vector<MediaTime>(p.offsets.end() - 30, p.offsets.end());
    CHECK(worst(tail) <= 20ms);
    CHECK(timer.stats().dropped_late == p.dropped.size());
    CHECK(timer.stats().shown + timer.stats().dropped_late == 120);
}

TEST_CASE("a 30 fps clip against an audio clock running 2% fast shows every frame, sooner") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;
    audio.set(0s, 1, t0);
    audio.set_speed(1.02, t0);
    const auto p = play(timer, 300, t0, [&](WallTime now) { return audio.get(now, 1); });

    CHECK(p.dropped.empty());
    REQUIRE(p.delays.size() == 300);
    // Every frame is on screen for a real share of its time: no frame shown for no time.
    const auto shortest = *std::min_element(p.delays.begin() + 1, p.delays.end());
    const auto longest = *std::max_element(p.delays.begin() + 1, p.delays.end());
    CHECK(shortest >= kFrame30 * 9 / 10);
    CHECK(longest <= kFrame30);
    // The picture keeps pace with the sound: 300 frames in 300 / 30 / 1.02 s of wall time.
    const auto span = p.shown_at.back() - p.shown_at.front();
    CHECK(near(span, MediaTime{299 * 1'000'000'000LL / 30 * 100 / 102}, 10ms));
    CHECK(worst(p.offsets) < 5ms);
    CHECK(timer.stats().shown == 300);
}

TEST_CASE("an audio-master drift inside the threshold is corrected gradually") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;

    SUBCASE("sound 30 ms ahead of the picture") {
        audio.set(30ms, 1, t0);
        const auto p = play(timer, 60, t0, [&](WallTime now) { return audio.get(now, 1); });
        CHECK(p.dropped.empty());
        REQUIRE(p.offsets.size() == 60);
        CHECK(near(p.offsets[0], -30ms));
        // Each step shortens a frame by at most a tenth, and the offset shrinks every frame.
        for (std::size_t i = 1; i < 12; ++i) {
            CAPTURE(i);
            CHECK(p.delays[i] >= kFrame30 * 9 / 10 - kTolerance);
            CHECK(p.delays[i] < kFrame30);
            CHECK(std::chrono::abs(p.offsets[i]) < std::chrono::abs(p.offsets[i - 1]));
        }
        CHECK(worst(std::vector<MediaTime>(p.offsets.begin() + 30, p.offsets.end())) < 1ms);
    }
    SUBCASE("sound 30 ms behind the picture") {
        audio.set(-30ms, 1, t0);
        const auto p = play(timer, 60, t0, [&](WallTime now) { return audio.get(now, 1); });
        CHECK(p.dropped.empty());
        for (std::size_t i = 1; i < 10; ++i) {
            CAPTURE(i);
            CHECK(p.delays[i] > kFrame30);
            CHECK(p.delays[i] <= kFrame30 * 11 / 10 + kTolerance);
        }
        CHECK(worst(std::vector<MediaTime>(p.offsets.begin() + 30, p.offsets.end())) < 1ms);
    }
}

TEST_CASE("an audio clock far behind the picture holds each short frame twice as long") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;
    audio.set(-80ms, 1, t0);  // sound starts 80 ms behind the picture
    const auto p = play(timer, 20, t0, [&](WallTime now) { return audio.get(now, 1); });
    CHECK(p.dropped.empty());
    REQUIRE(p.delays.size() == 20);
    CHECK(near(p.delays[1], 2 * kFrame30));
    CHECK(worst(std::vector<MediaTime>(p.offsets.end() - 5, p.offsets.end())) < 5ms);
}

TEST_CASE("timestamps that repeat or jump fall back to the frame's own duration") {
    FrameTimer timer(SyncMaster::wall);
    REQUIRE(timer.decide(frame(0), frame(1), std::nullopt, 1, t0).action == FrameAction::show);

    SUBCASE("a repeated pts") {
        const auto d = timer.decide(FrameTiming{0ms, kFrame30, 1}, std::nullopt, std::nullopt, 1, t0);
        CHECK(d.action == FrameAction::wait);
        CHECK(d.delay == kFrame30);
    }
    SUBCASE("a jump of a minute") {
        const auto d = timer.decide(FrameTiming{60s, kFrame30, 1}, std::nullopt, std::nullopt, 1, t0);
        CHECK(d.action == FrameAction::wait);
        CHECK(d.delay == kFrame30);
    }
}

TEST_CASE("switching to the wall clock mid-clip goes on without a jump") {
    FrameTimer timer(SyncMaster::audio);
    AvClock audio;
    audio.set(0s, 1, t0);
    REQUIRE(timer.decide(frame(0), frame(1), audio.get(t0, 1), 1, t0).action == FrameAction::show);
    const WallTime due = t0 + frame(1).pts;
    REQUIRE(timer.decide(frame(1), frame(2), audio.get(due, 1), 1, due).action == FrameAction::show);

    // The audio device is lost 10 ms later: the sound stops, the picture goes on.
    timer.set_master(SyncMaster::wall, due + 10ms);
    CHECK(timer.master() == SyncMaster::wall);
    const auto d = timer.decide(frame(2), frame(3), std::nullopt, 1, due + 10ms);
    CHECK(d.action == FrameAction::wait);
    CHECK(near(d.until, t0 + frame(2).pts));
    const auto shown = timer.decide(frame(2), frame(3), std::nullopt, 1, d.until);
    CHECK(shown.action == FrameAction::show);
    REQUIRE(shown.av_offset.has_value());
    CHECK(near(*shown.av_offset, 0ms));
}
