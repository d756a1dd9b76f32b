// `vitrine play` as a venue runs it, on SDL's dummy video driver (no display needed): bad items
// are logged with their path and reason and skipped, and the show goes on.
#include <doctest/doctest.h>

#include "app/run_command.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace fs = std::filesystem;
using vitrine::test::output_of;

TEST_CASE("play logs a bad item with its path and reason, skips it, and shows the rest") {
    const fs::path dir = fs::temp_directory_path() / ("vitrine-play-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "fake.png") << "this is not an image";
    std::ofstream(dir / "p.toml") << R"([exhibit]
title = "Bad things happen"
duration = "3s"
[[item]]
id = "fake"
kind = "image"
file = "fake.png"
[[item]]
id = "hello"
kind = "text"
title = "Still here"
text = "The show goes on."
[[item]]
kind = "sculpture"
)";
    const std::string out = output_of("SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy " + std::string(VITRINE_BINARY) +
                                " play " + (dir / "p.toml").string() + " --stop-after 1.5");
    CAPTURE(out);
    CHECK(out.find("event=playlist-problem item=item-3 where=" + (dir / "p.toml").string() + ":14:8") != std::string::npos);
    CHECK(out.find("unknown kind \\\"sculpture\\\"") != std::string::npos);
    CHECK(out.find("event=item-skipped item=fake reason=\"" + (dir / "fake.png").string() + ": not an image") != std::string::npos);
    CHECK(out.find("event=show item=hello kind=text") != std::string::npos);
    CHECK(out.find("event=first-frame") != std::string::npos);
    CHECK(out.find("event=exit") != std::string::npos);

    SUBCASE("a file that is not TOML at all still shows the calm screen instead of exiting") {
        std::ofstream(dir / "broken.toml") << "not = toml = at all";
        const std::string broken = output_of("SDL_VIDEODRIVER=dummy " + std::string(VITRINE_BINARY) + " play " +
                                       (dir / "broken.toml").string() + " --stop-after 1");
        CAPTURE(broken);
        CHECK(broken.find("event=nothing-to-show") != std::string::npos);
        CHECK(broken.find("broken.toml:1:") != std::string::npos);
        CHECK(broken.find("event=first-frame") != std::string::npos);
        CHECK(broken.find("event=notice-failed") == std::string::npos);
        CHECK(broken.find("event=exit") != std::string::npos);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
}

TEST_CASE("play takes media files as an ad-hoc playlist, plays them once, skips a bad one and sums up at exit") {
    const fs::path dir = fs::temp_directory_path() / ("vitrine-play-files-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path clip = dir / "film.mp4";
    REQUIRE(std::system(("ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=s=320x180:r=25:d=1 -f lavfi -i "
                         "sine=f=440:d=1 -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest '" + clip.string() +
                         "' >/dev/null 2>&1").c_str()) == 0);
    std::ofstream(dir / "broken.mp4", std::ios::binary).flush();  // zero bytes
    const std::string out = output_of("(SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout 60 " + std::string(VITRINE_BINARY) +
                                " play '" + (dir / "broken.mp4").string() + "' '" + clip.string() + "' --once 2>&1; echo rc=$?)");
    CAPTURE(out);
    CHECK(out.find("event=item-skipped item=broken reason=\"file is empty (0 bytes): " + (dir / "broken.mp4").string()) !=
          std::string::npos);
    CHECK(out.find("event=show item=film kind=video") != std::string::npos);
    CHECK(out.find("event=clip-end item=film") != std::string::npos);
    CHECK(out.find("event=pass-complete") != std::string::npos);
    // One summary line: pictures shown (25 in the clip; a few may be dropped on a busy machine).
    const auto at = out.find("video_frames_shown=");
    REQUIRE(at != std::string::npos);
    const int shown = std::stoi(out.substr(at + 19));
    const auto dropped_at = out.find("video_frames_dropped=");
    REQUIRE(dropped_at != std::string::npos);
    const int dropped = std::stoi(out.substr(dropped_at + 21));
    CHECK(shown + dropped == 25);
    CHECK(shown >= 20);
    CHECK(out.find("av_offset_mean_ms=") != std::string::npos);
    CHECK(out.find("rc=0") != std::string::npos);
    std::error_code ec;
    fs::remove_all(dir, ec);
}

TEST_CASE("check takes media files too: each bad one named with its reason, the good ones counted") {
    const fs::path dir = fs::temp_directory_path() / ("vitrine-check-files-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path clip = dir / "film.mp4";
    REQUIRE(std::system(("ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=s=320x180:r=25:d=1 -c:v libx264 -pix_fmt yuv420p '" +
                         clip.string() + "' >/dev/null 2>&1").c_str()) == 0);
    std::ofstream(dir / "notes.mp4") << "not a film";
    const std::string out = output_of("(" + std::string(VITRINE_BINARY) + " check '" + clip.string() + "' '" + (dir / "notes.mp4").string() +
                                "' 2>&1; echo rc=$?)");
    CAPTURE(out);
    CHECK(out.find((dir / "notes.mp4").string() + ": error: cannot be played: it holds text") != std::string::npos);
    CHECK(out.find("(files given): 1 error(s); 1 items (1 video) will play") != std::string::npos);
    CHECK(out.find("rc=1") != std::string::npos);
    std::error_code ec;
    fs::remove_all(dir, ec);
}
