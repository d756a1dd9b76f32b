// `vitrine check`'s look inside clips: opened as the player opens them, the first second
// decoded, a moment near the end too. Clips are generated at test time with the ffmpeg CLI.
// Decoding speed varies from machine to machine: the tests turn its warning off
// (real_time_margin = 0) or force it (a margin no decoder reaches), never depend on it.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "media/clip_checker.hpp"

namespace fs = std::filesystem;
using vitrine::core::ClipUse;
using vitrine::media::check_clip;
using vitrine::media::check_clip_file;
using vitrine::media::ClipCheckOptions;

namespace {

struct CheckClips {
    fs::path dir, good, silent, sound, picture_m4a, cut, fast_cut, empty, text, huge;
    bool generated = false;
    CheckClips() {
        dir = fs::temp_directory_path() / ("vitrine_clip_check_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        good = dir / "good.mp4";
        silent = dir / "silent.mp4";
        sound = dir / "voice.m4a";
        picture_m4a = dir / "picture.m4a";
        cut = dir / "cut.mp4";
        fast_cut = dir / "fast-cut.mp4";
        empty = dir / "empty.mp4";
        text = dir / "notes.mp4";
        huge = dir / "huge.mkv";
        const fs::path fast = dir / "fast.mp4";
        auto run = [](const std::string& cmd) { return std::system(("ffmpeg -nostdin -y -v error " + cmd + " >/dev/null 2>&1").c_str()) == 0; };
        const std::string pic = "-f lavfi -i testsrc2=s=320x240:r=25:d=4 ";
        const std::string h264 = "-c:v libx264 -preset ultrafast -pix_fmt yuv420p ";
        generated = run(pic + "-f lavfi -i sine=d=4 " + h264 + "-c:a aac -shortest '" + good.string() + "'") &&
                    run(pic + "-f lavfi -i sine=d=4 " + h264 + "-c:a aac -shortest -movflags +faststart '" + fast.string() + "'") &&
                    run(pic + h264 + "'" + silent.string() + "'") &&
                    run(pic + h264 + "-f mp4 '" + picture_m4a.string() + "'") &&
                    run("-f lavfi -i sine=d=2 -c:a aac '" + sound.string() + "'") &&
                    // 8192x4352 = 35.7 million pixels, over kMaxVideoPixels (7680x4320 = 33.2 million).
                    run("-f lavfi -i color=c=gray:s=8192x4352:r=1:d=1 -frames:v 1 -c:v mjpeg -pix_fmt yuvj420p '" + huge.string() + "'");
        if (!generated) return;
        // Without faststart the index (moov) is at the end: cut in half, the file has none.
        fs::copy_file(good, cut, fs::copy_options::overwrite_existing);
        fs::resize_file(cut, fs::file_size(good) / 2);
        // With faststart the index comes first: cut in half, it opens and plays its first half.
        fs::copy_file(fast, fast_cut, fs::copy_options::overwrite_existing);
        fs::resize_file(fast_cut, fs::file_size(fast) / 2);
        std::ofstream(empty, std::ios::binary).flush();
        std::ofstream(text) << "These are the curator's notes, not a video.\n";
    }
    ~CheckClips() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const CheckClips& clips() {
    static const CheckClips instance;
    return instance;
}

ClipCheckOptions as(ClipUse use) {
    ClipCheckOptions o;
    o.use = use;
    o.real_time_margin = 0;  // no speed warning: this machine's speed is not under test
    return o;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a good H.264 and AAC clip passes with what it holds, its first second decoded and timed") {
    REQUIRE(clips().generated);
    const auto report = check_clip(clips().good, as(ClipUse::video));
    REQUIRE(report.has_value());
    CHECK(report->info.has_video);
    CHECK(report->info.has_audio);
    CHECK(report->info.width == 320);
    CHECK(report->info.height == 240);
    CHECK(report->info.video_codec == "h264");
    CHECK(report->info.audio_codec == "aac");
    CHECK(report->info.duration >= std::chrono::milliseconds(3900));
    CHECK(report->info.duration <= std::chrono::milliseconds(4100));
    CHECK(report->frame_rate == doctest::Approx(25.0));
    CHECK(report->pictures_decoded == 25);  // one second at 25 per second
    CHECK(report->sound_decoded >= std::chrono::milliseconds(500));
    CHECK(report->decode_speed > 0);  // measured, whatever it is
    CHECK(report->threads >= 1);
    CHECK(report->warnings.empty());

    SUBCASE("as an audio item it passes too: only its sound is decoded") {
        const auto sound = check_clip(clips().good, as(ClipUse::audio));
        REQUIRE(sound.has_value());
        CHECK(sound->pictures_decoded == 0);
        CHECK(sound->sound_decoded >= std::chrono::milliseconds(500));
        CHECK(sound->decode_speed == 0);
        CHECK(sound->warnings.empty());
    }
}

TEST_CASE("a clip without a sound track and a sound file as an audio item pass without warnings") {
    REQUIRE(clips().generated);
    const auto silent = check_clip(clips().silent, as(ClipUse::video));
    REQUIRE(silent.has_value());
    CHECK(silent->info.has_video);
    CHECK_FALSE(silent->info.has_audio);
    CHECK(silent->sound_decoded == std::chrono::nanoseconds{0});
    CHECK(silent->warnings.empty());

    const auto voice = check_clip(clips().sound, as(ClipUse::audio));
    REQUIRE(voice.has_value());
    CHECK_FALSE(voice->info.has_video);
    CHECK(voice->info.audio_codec == "aac");
    CHECK(voice->warnings.empty());
}

TEST_CASE("a clip that decodes slower than the margin asks is warned about with the measured speed") {
    REQUIRE(clips().generated);
    ClipCheckOptions o = as(ClipUse::video);
    o.real_time_margin = 1e9;  // no decoder is this fast: the warning is certain
    o.threads = 1;
    const auto report = check_clip(clips().good, o);
    REQUIRE(report.has_value());
    REQUIRE(report->warnings.size() == 1);
    const std::string& w = report->warnings.front();
    CAPTURE(w);
    CHECK(w.starts_with("decodes at "));
    CHECK(contains(w, "x real time here (320x240 h264, 1 thread): it "));
    CHECK(contains(w, " drop pictures on this machine; re-encode it at a lower resolution or frame rate"));
}

TEST_CASE("check refuses clips that cannot be played as their item needs, naming the file and saying why") {
    REQUIRE(clips().generated);
    struct Case {
        const char* name;
        fs::path file;
        ClipUse use;
        const char* reason;  // the whole reason, after "<path>: "
    };
    for (const Case& c : {
             Case{"missing", clips().dir / "gone.mp4", ClipUse::video, "it is not there (file not found)"},
             Case{"zero bytes", clips().empty, ClipUse::video, "it is empty (0 bytes): copy it again"},
             Case{"text named .mp4", clips().text, ClipUse::video,
                  "it holds text, not video or audio (a document saved under a media file's name?)"},
             Case{"an MP4 cut in half, its index lost", clips().cut, ClipUse::video,
                  "it is damaged or incomplete: it begins as a QuickTime / MOV file but cannot be read (an unfinished copy or "
                  "export?); copy or export it again"},
             Case{"a folder", clips().dir, ClipUse::video, "it is a folder, not a media file"},
             Case{"sound only, as a video item", clips().sound, ClipUse::video,
                  "it holds sound only (aac), no picture: a video item needs a video stream; make it an audio item"},
             Case{"an .m4a with only a picture, as an audio item", clips().picture_m4a, ClipUse::audio,
                  "it holds no sound (only a h264 picture): an audio item needs an audio stream"},
             Case{"a picture larger than 7680x4320", clips().huge, ClipUse::video,
                  "its picture is 8192x4352, larger than the 7680x4320 Vitrine plays; re-encode it smaller"},
         }) {
        CAPTURE(c.name);
        const auto report = check_clip(c.file, as(c.use));
        REQUIRE_FALSE(report.has_value());
        CHECK(report.error().path == c.file.string());
        CHECK(report.error().message == c.file.string() + ": " + c.reason);
        // The loader's hook gives the reason alone: the playlist names the file as written.
        CHECK(check_clip_file(c.file, c.use).error == c.reason);
    }
}

TEST_CASE("an MP4 cut short after its index plays its first second but is warned about at its end") {
    REQUIRE(clips().generated);
    const auto report = check_clip(clips().fast_cut, as(ClipUse::video));
    REQUIRE(report.has_value());
    CHECK(report->pictures_decoded == 25);
    REQUIRE(report->warnings.size() == 1);
    CAPTURE(report->warnings.front());
    CHECK(report->warnings.front().starts_with("nothing decodes near its end (at 3s of the 4s it states"));
    CHECK(contains(report->warnings.front(), "it is cut short, probably an unfinished copy, and will end early"));

    SUBCASE("without the check of the end it passes") {
        ClipCheckOptions o = as(ClipUse::video);
        o.check_end = false;
        const auto start_only = check_clip(clips().fast_cut, o);
        REQUIRE(start_only.has_value());
        CHECK(start_only->warnings.empty());
    }
    SUBCASE("as an audio item its sound is missing near the end too") {
        const auto sound = check_clip(clips().fast_cut, as(ClipUse::audio));
        REQUIRE(sound.has_value());
        REQUIRE(sound->warnings.size() == 1);
        CHECK(sound->warnings.front().starts_with("nothing decodes near its end (at 3s of the 4s it states"));
    }
}
