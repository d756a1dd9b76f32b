// Seeking in a clip (a tap or a drag on its progress line), on small clips generated at test
// time with the ffmpeg CLI. Without a sound device the wall clock is master and every time is
// passed in, so these timelines are scripted: the only real waiting is for the decode threads,
// bounded by a watchdog. The sound test plays on the disk audio driver, in real time.
#include <doctest/doctest.h>

#include <SDL.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "app/clip_deck.hpp"
#include "app/logger.hpp"
#include "disk_audio.hpp"
#include "media/audio_output.hpp"
#include "media/clip_player.hpp"
#include "render/compositor.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vitrine::core::Clip;
using vitrine::core::MediaTime;
using vitrine::core::WallTime;
using vitrine::media::ClipPlayer;
using vitrine::media::ClipPlayerOptions;

namespace {

constexpr auto kWatchdog = 30s;     // real time a scripted run may take before it counts as a hang
constexpr MediaTime kFrame = 40ms;  // the generated clips run at 25 fps

struct SeekClips {
    fs::path dir, video, changing;
    bool generated = false;
    SeekClips() {
        dir = fs::temp_directory_path() / ("vitrine_clip_seek_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        video = dir / "count.mp4";      // 2 s, 25 fps, no sound
        changing = dir / "change.mp4";  // 3 s, 25 fps; its sound is 440 Hz before 1.5 s, 1000 Hz after
        auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
        generated =
            run("ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=size=320x240:rate=25:duration=2 "
                "-c:v libx264 -pix_fmt yuv420p -g 25 -movflags +faststart '" + video.string() + "'") &&
            run("ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=size=320x240:rate=25:duration=3 "
                "-f lavfi -i \"aevalsrc=exprs='0.5*sin(2*PI*if(lt(t,1.5),440,1000)*t)':s=48000:d=3\" "
                "-c:v libx264 -pix_fmt yuv420p -g 25 -c:a aac -b:a 128k -t 3 '" + changing.string() + "'");
    }
    ~SeekClips() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const SeekClips& clips() {
    static const SeekClips instance;
    return instance;
}

Clip clip_of(const fs::path& file) {
    Clip c;
    c.file = file;
    return c;
}

std::unique_ptr<ClipPlayer> open_clip(const Clip& clip, ClipPlayerOptions options = {}) {
    auto opened = ClipPlayer::open(clip, std::move(options));
    REQUIRE_MESSAGE(opened.has_value(), (opened ? std::string() : opened.error().message));
    return std::move(*opened);
}

// The frame showing at `target` on the clip's timeline: it starts at or before it, and lasts past it.
bool shows(MediaTime pts, MediaTime target) { return pts <= target && target < pts + kFrame; }

// Plays on from scripted time `t` (moved on in place) in `step`s for `span`, waiting (for real)
// whenever the next picture is not decoded yet or is due now, until the clip ends. `update`
// moves the clip on (the player's own update, or a ClipDeck's). The pictures shown, in order.
struct Run {
    std::vector<MediaTime> shown;
    bool ended = false;
};
template <class Update>
Run play_on(ClipPlayer& player, WallTime& t, std::chrono::milliseconds step, std::chrono::milliseconds span,
            Update update) {
    Run run;
    const WallTime until = t + span;
    const auto watchdog = std::chrono::steady_clock::now() + kWatchdog;
    std::size_t last_serial = player.picture_serial();
    while (t <= until && std::chrono::steady_clock::now() < watchdog) {
        update(t);
        if (player.picture_serial() != last_serial) {
            last_serial = player.picture_serial();
            run.shown.push_back(player.picture_pts());
        }
        if (player.ended(t)) {
            run.ended = true;
            break;
        }
        if (player.starved() || (player.next_due() && *player.next_due() <= t)) {
            std::this_thread::yield();
            continue;
        }
        t += step;
    }
    return run;
}
Run play_on(ClipPlayer& player, WallTime& t, std::chrono::milliseconds step, std::chrono::milliseconds span) {
    return play_on(player, t, step, span, [&](WallTime now) { player.update(now); });
}

// Calls update(t) at a standing scripted time until the picture changes (the picture of a seek
// is decoded). True when it did before the watchdog.
bool await_picture(ClipPlayer& player, WallTime t) {
    const std::size_t before = player.picture_serial();
    const auto watchdog = std::chrono::steady_clock::now() + kWatchdog;
    while (std::chrono::steady_clock::now() < watchdog) {
        const bool changed = player.update(t);
        if (player.picture_serial() != before) return changed;
        std::this_thread::yield();
    }
    return false;
}

bool strictly_increasing(const std::vector<MediaTime>& v) {
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i] <= v[i - 1]) return false;
    return true;
}

long long ms(MediaTime t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t).count(); }

}  // namespace

TEST_CASE("a seek to the middle of a playing clip shows the picture there at once and plays on from it") {
    REQUIRE(clips().generated);
    auto player = open_clip(clip_of(clips().video));
    WallTime t{};
    player->start(t);
    const Run before = play_on(*player, t, 10ms, 300ms);
    REQUIRE(before.shown.size() >= 5);
    REQUIRE(player->picture_pts() < 400ms);

    MediaTime target{};
    SUBCASE("on a frame's own time") { target = 1000ms; }
    SUBCASE("between two frames") { target = 1010ms; }
    CAPTURE(ms(target));
    CHECK(player->seek(target, t) == target);
    // At once: the clip stands at the new place before any picture of it is decoded.
    CHECK(player->position(t) == target);
    REQUIRE(player->next_due().has_value());
    CHECK(*player->next_due() <= t);
    CHECK(player->playing());

    REQUIRE(await_picture(*player, t));
    CAPTURE(ms(player->picture_pts()));
    CHECK(shows(player->picture_pts(), target));
    const MediaTime first = player->picture_pts();

    const WallTime sought_at = t;
    const Run after = play_on(*player, t, 10ms, 400ms);
    REQUIRE(after.shown.size() >= 8);
    CHECK(strictly_increasing(after.shown));
    CHECK(after.shown.front() == first + kFrame);  // the next picture, none skipped, none from before the seek
    // The position runs on from the new place with the clock.
    const MediaTime expected = first + (t - sought_at);
    CAPTURE(ms(player->position(t)));
    CHECK(std::chrono::abs(player->position(t) - expected) <= kFrame);

    // ...to the clip's end, which it still reports.
    const Run rest = play_on(*player, t, 10ms, 5s);
    CHECK(rest.ended);
    REQUIRE_FALSE(rest.shown.empty());
    CHECK(rest.shown.back() == 1960ms);
    CHECK(strictly_increasing(rest.shown));
}

TEST_CASE("a seek while paused shows the picture of the new place and the clip stays paused") {
    REQUIRE(clips().generated);
    auto player = open_clip(clip_of(clips().video));
    WallTime t{};
    player->start(t);
    (void)play_on(*player, t, 10ms, 200ms);
    player->pause(t);
    REQUIRE(player->paused());

    CHECK(player->seek(1500ms, t) == 1500ms);
    // Paused, it still asks to be updated until the picture is there.
    REQUIRE(player->next_due().has_value());
    REQUIRE(await_picture(*player, t));
    CHECK(player->picture_pts() == 1480ms);  // 1480..1520 ms is on screen at 1500 ms
    CHECK(player->paused());
    CHECK(player->playing());
    CHECK(player->position(t) == 1500ms);

    // Half a second later it has not moved: no new picture, the same position, nothing due.
    const std::size_t serial = player->picture_serial();
    for (int i = 0; i < 50; ++i) {
        t += 10ms;
        CHECK_FALSE(player->update(t));
    }
    CHECK(player->picture_serial() == serial);
    CHECK(player->picture_pts() == 1480ms);
    CHECK(player->position(t) == 1500ms);
    CHECK_FALSE(player->next_due().has_value());

    // Resumed, it plays on from there.
    player->resume(t);
    const WallTime resumed_at = t;
    const Run run = play_on(*player, t, 10ms, 200ms);
    REQUIRE(run.shown.size() >= 3);
    CHECK(run.shown.front() == 1520ms);
    CHECK(strictly_increasing(run.shown));
    CAPTURE(ms(player->position(t)));
    CHECK(std::chrono::abs(player->position(t) - (1480ms + (t - resumed_at))) <= kFrame);
}

TEST_CASE("a seek while stopped shows the picture there and the next start plays from it") {
    REQUIRE(clips().generated);
    auto player = open_clip(clip_of(clips().video));
    WallTime t{};
    player->start(t);
    (void)play_on(*player, t, 10ms, 300ms);
    player->stop(t);  // rewound to the start point
    CHECK(player->seek(800ms, t) == 800ms);
    CHECK_FALSE(player->playing());
    CHECK(player->position(t) == 800ms);
    // The start point's picture of the rewind is not shown on the way: only the sought one.
    REQUIRE(await_picture(*player, t));
    CHECK(player->picture_pts() == 800ms);

    t += 1s;
    player->start(t);
    const WallTime started = t;
    const Run run = play_on(*player, t, 10ms, 300ms);
    REQUIRE(run.shown.size() >= 5);
    CHECK(run.shown.front() == 840ms);
    CHECK(strictly_increasing(run.shown));
    CHECK(std::chrono::abs(player->position(t) - (800ms + (t - started))) <= kFrame);
}

TEST_CASE("seeks in quick succession do not pile up: the clip lands where the last one asked") {
    REQUIRE(clips().generated);
    auto player = open_clip(clip_of(clips().video));
    WallTime t{};
    player->start(t);
    (void)play_on(*player, t, 10ms, 100ms);

    SUBCASE("three seeks in a row") {
        player->seek(500ms, t);
        player->seek(1200ms, t);
        CHECK(player->seek(300ms, t) == 300ms);
        REQUIRE(await_picture(*player, t));
        // The first picture after them is the last one's: nothing of the first two was shown.
        CHECK(player->picture_pts() == 280ms);
        CHECK(player->position(t) == 300ms);
    }
    SUBCASE("a finger dragging along the line, one seek per frame drawn") {
        for (int i = 0; i < 10; ++i) {
            player->seek(200ms + i * 150ms, t);
            player->update(t);
            t += 16ms;
        }
        // The last seek went to 1550 ms: whatever came on the way, the clip settles there.
        const auto watchdog = std::chrono::steady_clock::now() + kWatchdog;
        while (!shows(player->picture_pts(), 1550ms) && std::chrono::steady_clock::now() < watchdog) {
            player->update(t);
            std::this_thread::yield();
        }
        CHECK(player->picture_pts() == 1520ms);
    }
    const MediaTime landed = player->picture_pts();
    const Run run = play_on(*player, t, 10ms, 200ms);
    REQUIRE(run.shown.size() >= 3);
    CHECK(run.shown.front() == landed + kFrame);
    CHECK(strictly_increasing(run.shown));
}

TEST_CASE("a seek beyond the end is clamped to the end point and the clip ends there") {
    REQUIRE(clips().generated);
    SUBCASE("the file's end") {
        auto player = open_clip(clip_of(clips().video));
        WallTime t{};
        player->start(t);
        (void)play_on(*player, t, 10ms, 100ms);
        CHECK(player->seek(5s, t) == 2000ms);
        CHECK(player->position(t) == 2000ms);
        const Run run = play_on(*player, t, 10ms, 1s);
        CHECK(run.ended);
        CHECK(player->position(t) == 2000ms);
        // It ended at once, not after playing the second and more that was left.
        CHECK(t < WallTime{} + 300ms);
    }
    SUBCASE("the clip's own start and end points") {
        Clip clip = clip_of(clips().video);
        clip.start = 500ms;
        clip.end = 1500ms;
        auto player = open_clip(clip);
        WallTime t{};
        player->start(t);
        (void)play_on(*player, t, 10ms, 100ms);
        CHECK(player->seek(0ms, t) == 500ms);  // before the start point: the start point
        REQUIRE(await_picture(*player, t));
        CHECK(player->picture_pts() == 480ms);  // 480..520 ms is on screen at 500 ms
        CHECK(player->seek(3s, t) == 1500ms);
        CHECK(player->position(t) == 1500ms);
        const Run run = play_on(*player, t, 10ms, 1s);
        CHECK(run.ended);
        // Nothing past the end point is shown.
        for (MediaTime pts : run.shown) CHECK(pts < 1500ms);
    }
    SUBCASE("a looping clip starts over") {
        Clip clip = clip_of(clips().video);
        clip.loop = true;
        auto player = open_clip(clip);
        WallTime t{};
        player->start(t);
        (void)play_on(*player, t, 10ms, 100ms);
        CHECK(player->seek(1800ms, t) == 1800ms);
        REQUIRE(await_picture(*player, t));
        const Run run = play_on(*player, t, 10ms, 500ms);
        CHECK_FALSE(run.ended);
        REQUIRE(run.shown.size() >= 8);
        // 1840 .. 1960, then the start again.
        const auto restart = std::find(run.shown.begin(), run.shown.end(), 0ms);
        REQUIRE(restart != run.shown.end());
        CHECK(std::vector<MediaTime>(run.shown.begin(), restart) ==
              std::vector<MediaTime>{1840ms, 1880ms, 1920ms, 1960ms});
        CHECK(strictly_increasing(std::vector<MediaTime>(restart, run.shown.end())));
    }
}

TEST_CASE("after a seek the sound comes from the new place and the old sound is not heard") {
    REQUIRE(clips().generated);
    vitrine::test::DiskAudio disk;
    vitrine::test::Bytes written;
    vitrine::media::AudioFormat format;
    MediaTime at_seek{0}, first_after{0}, lowest_after{1h};
    std::chrono::steady_clock::duration seek_to_end{};
    bool ended = false;
    {
        auto output = vitrine::media::AudioOutput::open({});
        REQUIRE_MESSAGE(output.has_value(), (output ? std::string() : output.error().message));
        format = (*output)->format();
        ClipPlayerOptions options;
        options.audio = output->get();
        auto player = open_clip(clip_of(clips().changing), options);
        REQUIRE(player->has_sound());

        // The sound runs on the device's real clock: this test waits for it, bounded.
        const auto begun = std::chrono::steady_clock::now();
        player->start(begun);
        REQUIRE(player->audio_master());
        std::optional<WallTime> sought;
        while (std::chrono::steady_clock::now() - begun < 10s) {
            const auto now = std::chrono::steady_clock::now();
            player->update(now);
            const MediaTime at = player->position(now);
            if (!sought && at >= 300ms) {
                at_seek = at;
                REQUIRE(player->seek(2000ms, now) == 2000ms);
                sought = now;
                first_after = player->position(now);
            } else if (sought) {
                lowest_after = std::min(lowest_after, at);
            }
            if (player->ended(now)) {
                ended = true;
                if (sought) seek_to_end = now - *sought;
                break;
            }
            std::this_thread::yield();
        }
        REQUIRE(sought.has_value());
    }
    CHECK(ended);
    // From the seek on, the clip reads no time from before the place it was sought to (give or
    // take the device buffer the audio clock counts back from the first sound written).
    CHECK(first_after == 2000ms);
    CAPTURE(ms(lowest_after));
    CHECK(lowest_after >= 2000ms - 30ms);
    // It played the last second of the clip, not the 2.7 s left where it was.
    CAPTURE(std::chrono::duration_cast<std::chrono::milliseconds>(seek_to_end).count());
    CHECK(seek_to_end >= 900ms);
    CHECK(seek_to_end <= 1700ms);

    // What the device played, in 20 ms windows: 440 Hz (from before 1.5 s) or 1000 Hz (after).
    written = disk.written();
    REQUIRE(format.format == vitrine::media::SampleFormat::f32);
    std::vector<float> left(written.size() / format.bytes_per_frame());
    for (std::size_t i = 0; i < left.size(); ++i) {
        std::memcpy(&left[i], written.data() + i * format.bytes_per_frame(), sizeof(float));
    }
    const std::size_t window = static_cast<std::size_t>(format.rate) / 50;
    int low = 0, high = 0, low_after_high = 0;
    for (std::size_t from = 0; from + window <= left.size(); from += window) {
        // Upward zero crossings with hysteresis; the mean distance between them is the period.
        std::vector<std::size_t> ups;
        bool below = false;
        float peak = 0;
        for (std::size_t i = from; i < from + window; ++i) {
            peak = std::max(peak, std::abs(left[i]));
            if (left[i] < -0.05f) below = true;
            if (below && left[i] > 0.05f) {
                ups.push_back(i);
                below = false;
            }
        }
        if (peak < 0.2f || ups.size() < 3) continue;  // silence, or the edge of the sound
        const double period = static_cast<double>(ups.back() - ups.front()) / static_cast<double>(ups.size() - 1);
        const double hz = format.rate / period;
        if (hz < 700) {
            ++low;
            if (high > 0) ++low_after_high;
        } else {
            ++high;
        }
    }
    CAPTURE(low);
    CAPTURE(high);
    CAPTURE(ms(at_seek));
    // The 440 Hz heard until the seek and the device's buffers then (two of ~21 ms), and no more:
    // the ~200 ms queued for the device at the seek were dropped.
    const int heard = static_cast<int>(at_seek / 20ms);
    CHECK(low >= heard - 2);
    CHECK(low <= heard + 4);
    // Then the last second of the clip: 1000 Hz.
    CHECK(high >= 44);
    CHECK(high <= 53);
    CHECK(low_after_high == 0);
}

TEST_CASE("a clip deck seeks a clip by a fraction of its length and reads its progress from 0 to 1") {
    REQUIRE(clips().generated);
    vitrine::platform::SurfacePtr target(SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(target);
    vitrine::platform::RendererPtr renderer(SDL_CreateSoftwareRenderer(target.get()));
    REQUIRE(renderer);
    vitrine::render::Compositor compositor(*renderer, 640, 360);
    vitrine::render::PreparedItem prepared;
    prepared.generation = 1;
    prepared.index = 0;
    prepared.progress_rect = SDL_Rect{0, 350, 640, 4};
    REQUIRE(compositor.adopt(std::move(prepared)).has_value());

    vitrine::app::Logger log(true);
    vitrine::app::ClipDeck deck(log, nullptr);
    const vitrine::app::ClipDeck::Key key{1, 0};
    const vitrine::app::ClipDeck::Key unknown{1, 7};
    auto owned = open_clip(clip_of(clips().video));
    ClipPlayer& player = *owned;
    vitrine::app::ClipItem item;
    item.id = "count";
    deck.adopt(key, std::move(owned), std::move(item), compositor);

    WallTime t{};
    CHECK_FALSE(deck.progress(unknown, t).has_value());
    CHECK_FALSE(deck.seek(unknown, 0.5, t));
    REQUIRE(deck.progress(key, t).has_value());
    CHECK(*deck.progress(key, t) == 0.0);

    deck.start(key, t);
    auto update = [&](WallTime now) {
        for (const auto& ended : deck.update(compositor, now)) CHECK(ended == key);
    };
    (void)play_on(player, t, 10ms, 1000ms, update);
    CAPTURE(*deck.progress(key, t));
    CHECK(*deck.progress(key, t) == doctest::Approx(0.5).epsilon(0.03));

    SUBCASE("seeking back to a quarter") {
        REQUIRE(deck.seek(key, 0.25, t));
        CHECK(*deck.progress(key, t) == 0.25);
        REQUIRE(await_picture(player, t));
        CHECK(player.picture_pts() == 480ms);  // 480..520 ms is on screen at 500 ms
        (void)play_on(player, t, 10ms, 500ms, update);
        CHECK(*deck.progress(key, t) == doctest::Approx(0.5).epsilon(0.03));
    }
    SUBCASE("seeking past the end, then to the end: each time the clip ends with its progress at 1") {
        for (double fraction : {1.7, 1.0}) {
            CAPTURE(fraction);
            REQUIRE(deck.seek(key, fraction, t));
            CHECK(*deck.progress(key, t) == 1.0);
            // The deck reports the end again, also after it reported it once.
            bool ended = false;
            const auto watchdog = std::chrono::steady_clock::now() + kWatchdog;
            while (!ended && std::chrono::steady_clock::now() < watchdog) {
                for (const auto& k : deck.update(compositor, t)) ended = ended || k == key;
                std::this_thread::yield();
                t += 1ms;
            }
            CHECK(ended);
            CHECK(*deck.progress(key, t) == 1.0);
        }
    }
}
