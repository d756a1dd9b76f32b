// `vitrine check` on a playlist of clips, run as a curator runs it: every bad clip and caption
// file is an error at its own file:line:column with the reason, and the items that will play are
// still counted. Clips are generated at test time with the ffmpeg CLI.
#include <doctest/doctest.h>

#include "app/run_command.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;
using vitrine::test::Ran;
using vitrine::test::run_command;

namespace {

bool ffmpeg(const std::string& args) {
    return std::system(("ffmpeg -nostdin -y -v error " + args + " >/dev/null 2>&1").c_str()) == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
    for (const auto& l : lines) {
        if (l == line) return true;
    }
    return false;
}

bool has_line_starting(const std::vector<std::string>& lines, const std::string& start) {
    for (const auto& l : lines) {
        if (l.starts_with(start)) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("check names every bad clip and caption file at its line with the reason, and counts what will play") {
    const fs::path dir = fs::temp_directory_path() / ("vitrine-check-clips-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string pic = "-f lavfi -i testsrc2=s=320x240:r=25:d=2 ";
    const std::string h264 = "-c:v libx264 -preset ultrafast -pix_fmt yuv420p ";
    REQUIRE(ffmpeg(pic + "-f lavfi -i sine=d=2 " + h264 + "-c:a aac -shortest '" + (dir / "good.mp4").string() + "'"));
    REQUIRE(ffmpeg(pic + h264 + "'" + (dir / "silent.mp4").string() + "'"));
    REQUIRE(ffmpeg(pic + h264 + "-f mp4 '" + (dir / "picture.m4a").string() + "'"));
    REQUIRE(ffmpeg("-f lavfi -i sine=d=2 -c:a aac '" + (dir / "voice.m4a").string() + "'"));
    // Without faststart the index is at the end: cut in half, the file has none.
    fs::copy_file(dir / "good.mp4", dir / "cut.mp4");
    fs::resize_file(dir / "cut.mp4", fs::file_size(dir / "good.mp4") / 2);
    std::ofstream(dir / "empty.mp4", std::ios::binary).flush();
    std::ofstream(dir / "notes.mp4") << "Notes for the film, not the film.\n";
    std::ofstream(dir / "bad.srt") << "1\n00:00:00,500 --> 00:00:01,500\nHello.\n\n"
                                      "2\n00:00:01,600 --> 00:00:02\nA cue without its end's milliseconds.\n";
    std::ofstream(dir / "latin.srt", std::ios::binary) << "1\n00:00:00,500 --> 00:00:01,500\nCaf\xE9\n";
    const fs::path playlist = dir / "p.toml";
    // Line numbers are in the comments on the right; `file = "` puts every file name at column 8.
    std::ofstream(playlist) << R"([exhibit]
title = "Clips to check"

[[item]]
id = "good"
kind = "video"
file = "good.mp4"
captions = "bad.srt"

[[item]]
id = "silent"
kind = "video"
file = "silent.mp4"
captions = { en = "latin.srt" }

[[item]]
id = "voice"
kind = "audio"
title = "A voice"
file = "voice.m4a"

[[item]]
id = "empty"
kind = "video"
file = "empty.mp4"

[[item]]
id = "cut"
kind = "video"
file = "cut.mp4"

[[item]]
id = "notes"
kind = "video"
file = "notes.mp4"

[[item]]
id = "picture"
kind = "audio"
title = "No sound here"
file = "picture.m4a"

[[item]]
id = "gone"
kind = "video"
file = "interview-2019.mov"

[[item]]
id = "panel"
kind = "text"
text = "Still counted."
)";
    // good.mp4 at 7, bad.srt at 8, latin.srt at 14:19, empty at 25, cut at 30, notes at 35,
    // picture.m4a at 41, interview-2019.mov (missing) at 46.

    const Ran r = run_command("SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy " + std::string(VITRINE_BINARY) + " check " + playlist.string());
    CAPTURE(r.out);
    const auto lines = lines_of(r.out);
    const std::string p = playlist.string();
    CHECK(r.exit_code == 1);

    // The malformed cue: at its own file, line and column; the clip keeps the cue before it.
    CHECK(has_line(lines, (dir / "bad.srt").string() + ":6:18: error: expected a time like 00:01:02,500, got '00:00:02'"));
    // A caption file that is not UTF-8 at all: at the captions key, naming the bad byte's place.
    CHECK(has_line_starting(lines, p + ":14:19: error: captions file \"latin.srt\" cannot be used: " + (dir / "latin.srt").string() +
                                       ":3:4: caption file is not UTF-8"));
    CHECK(has_line(lines, p + ":25:8: error: media file \"empty.mp4\" is empty (0 bytes)"));
    CHECK(has_line(lines, p + ":30:8: error: media file \"cut.mp4\" cannot be played: it is damaged or incomplete: it begins as a "
                              "QuickTime / MOV file but cannot be read (an unfinished copy or export?); copy or export it again"));
    CHECK(has_line(lines, p + ":35:8: error: media file \"notes.mp4\" cannot be played: it holds text, not video or audio "
                              "(a document saved under a media file's name?)"));
    CHECK(has_line(lines, p + ":41:8: error: media file \"picture.m4a\" cannot be played: it holds no sound (only a h264 picture): "
                              "an audio item needs an audio stream"));
    CHECK(has_line(lines, p + ":46:8: error: media file \"interview-2019.mov\" not found (looked for " + (dir / "interview-2019.mov").string() + ")"));

    // Nothing else is an error (a slow machine may warn about speed: that is not under test).
    std::size_t errors = 0;
    for (const auto& l : lines) {
        if (l.find(": error: ") != std::string::npos) ++errors;
    }
    CHECK(errors == 7);
    // The four good items are still counted.
    CHECK(has_line_starting(lines, p + ": 7 error(s)"));
    CHECK(r.out.find("; 4 items (1 audio, 1 text, 2 video) will play\n") != std::string::npos);

    std::error_code ec;
    fs::remove_all(dir, ec);
}
