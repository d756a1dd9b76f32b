// `vitrine check`'s look inside clips: opened as the player opens them, first frames decoded.
// Clips are generated at test time with the ffmpeg CLI.
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
using vitrine::media::check_clip_file;

namespace {

struct CheckClips {
    fs::path dir, good, silent, sound, cut, empty, text;
    bool generated = false;
    CheckClips() {
        dir = fs::temp_directory_path() / ("vitrine_clip_check_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        good = dir / "good.mp4";
        silent = dir / "silent.mp4";
        sound = dir / "voice.m4a";
        cut = dir / "cut.mp4";
        empty = dir / "empty.mp4";
        text = dir / "notes.mp4";
        auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
        const std::string pic = " -f lavfi -i testsrc2=s=320x240:r=25:d=2 ";
        generated = run("ffmpeg -nostdin -y -v error" + pic + "-f lavfi -i sine=d=2 -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest '" +
                        good.string() + "'") &&
                    run("ffmpeg -nostdin -y -v error" + pic + "-c:v libx264 -pix_fmt yuv420p '" + silent.string() + "'") &&
                    run("ffmpeg -nostdin -y -v error -f lavfi -i sine=d=1 -c:a aac '" + sound.string() + "'");
        if (!generated) return;
        // Without faststart the index is at the end: cut in half, the file has no index at all.
        fs::copy_file(good, cut, fs::copy_options::overwrite_existing);
        fs::resize_file(cut, fs::file_size(good) / 2);
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

}  // namespace

TEST_CASE("check passes clips that play as their item needs, without warnings") {
    REQUIRE(clips().generated);
    for (const auto& [file, use] : {std::pair{clips().good, ClipUse::video}, std::pair{clips().silent, ClipUse::video},
                                    std::pair{clips().sound, ClipUse::audio}, std::pair{clips().good, ClipUse::audio}}) {
        CAPTURE(file);
        const auto report = check_clip_file(file, use);
        CHECK(report.error.empty());
        CHECK(report.warnings.empty());  // 320x240 decodes far faster than real time anywhere
    }
}

TEST_CASE("check refuses clips that cannot be played, saying why") {
    REQUIRE(clips().generated);
    struct Case {
        const char* name;
        fs::path file;
        ClipUse use;
        const char* reason;
    };
    for (const Case& c : {Case{"zero bytes", clips().empty, ClipUse::video, "empty"},
                          Case{"text named .mp4", clips().text, ClipUse::video, "Invalid data"},
                          Case{"an MP4 cut in half", clips().cut, ClipUse::video, "cannot open"},
                          Case{"missing", clips().dir / "gone.mp4", ClipUse::video, "gone.mp4"},
                          Case{"sound only, as a video", clips().sound, ClipUse::video, "it holds no picture"},
                          Case{"no sound, as an audio item", clips().silent, ClipUse::audio, "it holds no sound"}}) {
        CAPTURE(c.name);
        const auto report = check_clip_file(c.file, c.use);
        CHECK(report.error.find(c.reason) != std::string::npos);
        CAPTURE(report.error);
    }
}
