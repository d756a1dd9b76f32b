// ClipPlayer on small clips generated at test time with the ffmpeg CLI. Without a sound device
// the wall clock is master and every time is passed in, so these timelines are scripted: the
// only real waiting is for the decode threads, bounded by a watchdog.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "disk_audio.hpp"
#include "media/audio_output.hpp"
#include "media/clip_player.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vitrine::core::Clip;
using vitrine::core::MediaTime;
using vitrine::core::WallTime;
using vitrine::media::ClipPlayer;
using vitrine::media::ClipPlayerOptions;

namespace {

constexpr auto kWatchdog = 30s;  // real time a scripted run may take before it counts as a hang

struct Clips {
    fs::path dir, video, with_sound, tone, truncated, empty, text;
    bool generated = false;
    Clips() {
        dir = fs::temp_directory_path() / ("vitrine_clip_player_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        video = dir / "count.mp4";        // 2 s, 25 fps, no sound
        with_sound = dir / "talk.mp4";    // 2 s, 25 fps, 440 Hz sound
        tone = dir / "tone.m4a";          // 1 s of sound only
        truncated = dir / "cut.mp4";
        empty = dir / "empty.mp4";
        text = dir / "notes.mp4";
        auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
        const std::string pic = " -f lavfi -i testsrc2=size=320x240:rate=25:duration=2 ";
        generated = run("ffmpeg -nostdin -y -v error" + pic + "-c:v libx264 -pix_fmt yuv420p -g 25 -movflags +faststart '" +
                        video.string() + "'") &&
                    run("ffmpeg -nostdin -y -v error" + pic +
                        "-f lavfi -i sine=frequency=440:duration=2 -c:v libx264 -pix_fmt yuv420p -g 25 -c:a aac -shortest '" +
                        with_sound.string() + "'") &&
                    run("ffmpeg -nostdin -y -v error -f lavfi -i sine=frequency=1000:duration=1 -c:a aac '" + tone.string() + "'");
        if (!generated) return;
        fs::copy_file(video, truncated, fs::copy_options::overwrite_existing);
        fs::resize_file(truncated, fs::file_size(video) / 2);
        std::ofstream(empty, std::ios::binary).flush();
        std::ofstream(text) << "These are the curator's notes, not a video.\n";
    }
    ~Clips() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Clips& clips() {
    static const Clips instance;
    return instance;
}

Clip clip_of(const fs::path& file) {
    Clip c;
    c.file = file;
    return c;
}

// What a scripted playback saw: each picture's pts in the order shown.
struct Run {
    std::vector<MediaTime> shown;
    bool ended = false;
};

// Starts `player` at a scripted t0 and moves the scripted clock on by `step` per update, waiting
// (for real) for the decoder when the next picture is not decoded yet, until the clip ends or
// `until` scripted time has passed.
Run play(ClipPlayer& player, std::chrono::milliseconds step, std::chrono::milliseconds until) {
    Run run;
    const WallTime t0{};
    player.start(t0);
    run.shown.push_back(player.picture_pts());  // the prerolled picture is on screen from the start
    const auto watchdog = std::chrono::steady_clock::now() + kWatchdog;
    WallTime t = t0;
    std::size_t last_serial = player.picture_serial();
    while (t - t0 <= until && std::chrono::steady_clock::now() < watchdog) {
        if (player.update(t) || player.picture_serial() != last_serial) {
            last_serial = player.picture_serial();
            run.shown.push_back(player.picture_pts());
        }
        if (player.ended(t)) {
            run.ended = true;
            break;
        }
        // A picture is not decoded yet, or due now: give the decoder real time; otherwise move on.
        if (player.starved() || (player.next_due() && *player.next_due() <= t)) {
            std::this_thread::yield();
            continue;
        }
        t += step;
    }
    return run;
}

// Plays `player` on the real clock (sound goes at the device's pace) from now until it ends or
// kRealTimeLimit passes; `each(now)` runs after every update. The pictures shown, prerolled first.
constexpr auto kRealTimeLimit = 10s;
template <class F>
Run play_real_time(ClipPlayer& player, F each) {
    Run run;
    const auto begun = std::chrono::steady_clock::now();
    player.start(begun);
    if (player.picture()) run.shown.push_back(player.picture_pts());
    while (std::chrono::steady_clock::now() - begun < kRealTimeLimit) {
        const auto now = std::chrono::steady_clock::now();
        if (player.update(now)) run.shown.push_back(player.picture_pts());
        each(now);
        if (player.ended(now)) {
            run.ended = true;
            break;
        }
        std::this_thread::yield();
    }
    return run;
}

bool strictly_increasing(const std::vector<MediaTime>& v) {
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i] <= v[i - 1]) return false;
    return true;
}

}  // namespace

TEST_CASE("a clip without sound plays every picture in order at the wall clock and reports its end") {
    REQUIRE(clips().generated);
    ClipPlayerOptions options;  // no audio device: the wall clock is master
    auto opened = ClipPlayer::open(clip_of(clips().video), options);
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    ClipPlayer& player = **opened;
    SUBCASE("prerolled: the first picture is there before start") {
        REQUIRE(player.picture() != nullptr);
        CHECK(player.picture_pts() == 0ms);
        CHECK(player.width() == 320);
        CHECK(player.height() == 240);
        CHECK(player.duration() == 2s);
        CHECK_FALSE(player.has_sound());
        CHECK_FALSE(player.playing());
    }
    SUBCASE("played in 10 ms steps, all 50 pictures are shown once, none dropped") {
        const Run run = play(player, 10ms, 5s);
        CHECK(run.ended);
        CHECK(run.shown.size() == 50);
        CHECK(strictly_increasing(run.shown));
        CHECK(run.shown.front() == 0ms);
        CHECK(run.shown.back() == 1960ms);
        CHECK(player.stats().shown == 50);
        CHECK(player.stats().dropped == 0);
    }
    SUBCASE("when time jumps by 200 ms (a stalled screen), the pictures go on from there in order, none skipped") {
        // The wall clock is anchored on the video itself: with no sound to keep up with, a stall
        // delays the clip rather than cutting pictures out of it.
        const Run run = play(player, 200ms, 20s);
        CHECK(run.ended);
        CHECK(strictly_increasing(run.shown));
        CHECK(run.shown.size() == 50);
        CHECK(player.stats().dropped == 0);
    }
}

TEST_CASE("a clip plays from its start point to its end point") {
    REQUIRE(clips().generated);
    Clip clip = clip_of(clips().video);
    clip.start = 1000ms;
    clip.end = 1500ms;
    auto opened = ClipPlayer::open(clip, {});
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    ClipPlayer& player = **opened;
    CHECK(player.picture_pts() == 1000ms);
    CHECK(player.duration() == 500ms);
    const Run run = play(player, 10ms, 5s);
    CHECK(run.ended);
    REQUIRE_FALSE(run.shown.empty());
    CHECK(run.shown.front() == 1000ms);
    CHECK(run.shown.back() == 1480ms);
    CHECK(run.shown.size() == 13);
}

TEST_CASE("a stopped clip is rewound: started again it shows its first picture") {
    REQUIRE(clips().generated);
    auto opened = ClipPlayer::open(clip_of(clips().video), {});
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    ClipPlayer& player = **opened;
    const Run first = play(player, 10ms, 600ms);
    REQUIRE(first.shown.size() > 10);
    CHECK_FALSE(first.ended);
    player.stop(WallTime{} + 600ms);
    CHECK_FALSE(player.playing());
    // Stopped, it puts its first picture back in place as soon as that is decoded again.
    const auto watchdog = std::chrono::steady_clock::now() + kWatchdog;
    while (player.picture_pts() != 0ms && std::chrono::steady_clock::now() < watchdog) {
        player.update(WallTime{} + 600ms);
        std::this_thread::yield();
    }
    CHECK(player.picture_pts() == 0ms);
    const Run again = play(player, 10ms, 300ms);
    REQUIRE_FALSE(again.shown.empty());
    CHECK(again.shown.front() == 0ms);
    CHECK(strictly_increasing(again.shown));
}

TEST_CASE("a looping clip starts over at its end and never reports one") {
    REQUIRE(clips().generated);
    Clip clip = clip_of(clips().video);
    clip.loop = true;
    auto opened = ClipPlayer::open(clip, {});
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    const Run run = play(**opened, 10ms, 4500ms);
    CHECK_FALSE(run.ended);
    std::size_t restarts = 0;
    for (std::size_t i = 1; i < run.shown.size(); ++i) restarts += run.shown[i] < run.shown[i - 1] ? 1 : 0;
    CHECK(restarts == 2);
    CHECK(run.shown.size() >= 110);
}

TEST_CASE("a truncated clip plays what it holds and then ends") {
    REQUIRE(clips().generated);
    auto opened = ClipPlayer::open(clip_of(clips().truncated), {});
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    const Run run = play(**opened, 10ms, 5s);
    CHECK(run.ended);
    CHECK(run.shown.size() >= 5);
    CHECK(run.shown.size() < 50);
    CHECK(strictly_increasing(run.shown));
}

TEST_CASE("files that cannot be played as the item asks are refused with the path and the reason") {
    REQUIRE(clips().generated);
    ClipPlayerOptions video;
    ClipPlayerOptions sound_only;
    sound_only.video = false;
    struct Case {
        const char* name;
        fs::path file;
        ClipPlayerOptions options;
        const char* reason;
    };
    for (const Case& c : {Case{"zero-byte file", clips().empty, video, ""},
                          Case{"text with a video name", clips().text, video, ""},
                          Case{"missing file", clips().dir / "missing.mp4", video, ""},
                          Case{"a video item on a sound-only file", clips().tone, video, "no video stream"}}) {
        CAPTURE(c.name);
        auto opened = ClipPlayer::open(clip_of(c.file), c.options);
        REQUIRE_FALSE(opened.has_value());
        CHECK(opened.error().message.find(c.file.string()) != std::string::npos);
        CHECK(opened.error().message.find(c.reason) != std::string::npos);
    }
}

TEST_CASE("an audio item plays its sound through the device and ends when the sound has been heard") {
    REQUIRE(clips().generated);
    vitrine::test::DiskAudio disk;
    vitrine::test::Bytes written;
    {
        auto output = vitrine::media::AudioOutput::open({});
        REQUIRE_MESSAGE(output.has_value(), output.error().message);
        ClipPlayerOptions options;
        options.video = false;
        options.audio = output->get();
        SUBCASE("a file with sound") {
            auto opened = ClipPlayer::open(clip_of(clips().tone), options);
            REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
            ClipPlayer& player = **opened;
            CHECK(player.has_sound());
            CHECK(player.picture() == nullptr);
            // Sound runs on the device's real clock: this test waits for it, bounded.
            const auto begun = std::chrono::steady_clock::now();
            player.start(begun);
            CHECK(player.audio_master());
            MediaTime last{0};
            bool ended = false;
            while (std::chrono::steady_clock::now() - begun < 10s) {
                const auto now = std::chrono::steady_clock::now();
                player.update(now);
                const MediaTime at = player.position(now);
                CHECK(at >= last);
                last = at;
                if (player.ended(now)) {
                    ended = true;
                    break;
                }
                std::this_thread::yield();
            }
            CHECK(ended);
            CHECK(last >= 900ms);
            CHECK(std::chrono::steady_clock::now() - begun >= 900ms);  // it took the sound's time
        }
        SUBCASE("a video-only file is refused: an audio item needs sound") {
            auto opened = ClipPlayer::open(clip_of(clips().video), options);
            REQUIRE_FALSE(opened.has_value());
            CHECK(opened.error().message.find("no audio stream") != std::string::npos);
        }
    }
}

TEST_CASE("a clip with sound follows the audio clock and keeps picture and sound together") {
    REQUIRE(clips().generated);
    vitrine::test::DiskAudio disk;
    auto output = vitrine::media::AudioOutput::open({});
    REQUIRE_MESSAGE(output.has_value(), output.error().message);
    ClipPlayerOptions options;
    options.audio = output->get();
    auto opened = ClipPlayer::open(clip_of(clips().with_sound), options);
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    ClipPlayer& player = **opened;
    CHECK(player.has_sound());
    double worst_ms = 0;
    std::size_t pictures = 0;
    const Run run = play_real_time(player, [&](WallTime now) {
        if (player.picture_serial() == pictures) return;
        pictures = player.picture_serial();
        if (auto off = player.av_offset(now); off && pictures > 5) {
            worst_ms = std::max(worst_ms, std::abs(std::chrono::duration<double, std::milli>(*off).count()));
        }
    });
    CHECK(player.audio_master());
    CHECK(run.ended);
    CHECK(strictly_increasing(run.shown));
    CHECK(run.shown.size() + player.stats().dropped == 50);
    // A picture is shown when the sound reaches it: within one frame (40 ms) of the audio clock.
    CHECK(worst_ms <= 40.0);
}

TEST_CASE("when the sound device goes away in the middle of a clip, the picture goes on at the wall clock") {
    REQUIRE(clips().generated);
    vitrine::test::DiskAudio disk;
    auto output = vitrine::media::AudioOutput::open({});
    REQUIRE_MESSAGE(output.has_value(), output.error().message);
    ClipPlayerOptions options;
    options.audio = output->get();
    auto opened = ClipPlayer::open(clip_of(clips().with_sound), options);
    REQUIRE_MESSAGE(opened.has_value(), opened.error().message);
    ClipPlayer& player = **opened;
    const auto begun = std::chrono::steady_clock::now();
    bool removed = false;
    const Run run = play_real_time(player, [&](WallTime now) {
        if (!removed && now - begun > 700ms) {
            (*output)->on_device_removed();  // what the app does on SDL_AUDIODEVICEREMOVED
            removed = true;
        }
    });
    REQUIRE(removed);
    CHECK(run.ended);
    CHECK_FALSE(player.audio_master());  // it switched to the wall clock
    CHECK(strictly_increasing(run.shown));
    CHECK(run.shown.size() + player.stats().dropped == 50);
    CHECK(run.shown.back() == 1960ms);
}
