// The command line: each mode's options parsed into values, and every mistake a message that
// says what was expected.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/command_line.hpp"

using namespace vitrine;
using app::parse_command_line;

namespace {

app::PlayOptions play(const std::vector<std::string>& args) {
    auto parsed = parse_command_line(args);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed ? std::string{} : parsed.error().message));
    REQUIRE(std::holds_alternative<app::PlayOptions>(*parsed));
    return std::get<app::PlayOptions>(*parsed);
}

app::CheckOptions check(const std::vector<std::string>& args) {
    auto parsed = parse_command_line(args);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed ? std::string{} : parsed.error().message));
    REQUIRE(std::holds_alternative<app::CheckOptions>(*parsed));
    return std::get<app::CheckOptions>(*parsed);
}

std::string error_of(const std::vector<std::string>& args) {
    auto parsed = parse_command_line(args);
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error().message;
}

using Paths = std::vector<std::filesystem::path>;

}  // namespace

TEST_CASE("play with one .toml file plays that playlist, looping, on the automatic renderer") {
    const auto o = play({"play", "exhibit.toml"});
    CHECK(o.playlist == "exhibit.toml");
    CHECK(o.media.empty());
    CHECK_FALSE(o.once);
    CHECK_FALSE(o.timing_log.has_value());
    CHECK(o.renderer == app::RendererChoice::automatic);
    CHECK_FALSE(o.window.has_value());
    CHECK_FALSE(o.quiet);
    SUBCASE("the extension in any case") { CHECK(play({"play", "EXHIBIT.TOML"}).playlist == "EXHIBIT.TOML"); }
}

TEST_CASE("play with media files plays them, in the order given, as an ad-hoc playlist") {
    const auto o = play({"play", "clip.mp4", "photo.jpg", "--once", "talk.opus", "rooms/"});
    CHECK(o.playlist.empty());
    CHECK(o.media == Paths{"clip.mp4", "photo.jpg", "talk.opus", "rooms/"});
    CHECK(o.once);
    SUBCASE("a file of any name is passed on: its kind is judged with a clear message later") {
        CHECK(play({"play", "notes.txt"}).media == Paths{"notes.txt"});
    }
}

TEST_CASE("a playlist and media files together are refused, naming one of each") {
    SUBCASE("playlist first") {
        CHECK(error_of({"play", "exhibit.toml", "clip.mp4"}) ==
              "play takes a playlist (.toml) or media files, not both: got the playlist 'exhibit.toml' and the file "
              "'clip.mp4'; name the file in the playlist, or play the files without it");
    }
    SUBCASE("media first") {
        const std::string e = error_of({"play", "clip.mp4", "photo.jpg", "Exhibit.Toml"});
        CHECK(e.starts_with("play takes a playlist (.toml) or media files, not both: got the playlist 'Exhibit.Toml' and "
                            "the file 'clip.mp4'"));
    }
    SUBCASE("check refuses them too") {
        CHECK(error_of({"check", "a.toml", "clip.mp4"}).starts_with("check takes a playlist (.toml) or media files, not both"));
    }
}

TEST_CASE("play takes one playlist, not several") {
    CHECK(error_of({"play", "a.toml", "b.toml"}) == "play takes one playlist, got 2: 'a.toml' and 'b.toml'; check takes several");
}

TEST_CASE("play without a playlist or files says what it needs") {
    CHECK(error_of({"play"}).starts_with("play needs a playlist or media files\nusage:"));
    CHECK(error_of({"play", "--once"}).starts_with("play needs a playlist or media files"));
}

TEST_CASE("--once asks for one pass") {
    CHECK(play({"play", "--once", "a.toml"}).once);
    CHECK_FALSE(play({"play", "a.toml"}).once);
}

TEST_CASE("--timing-log takes the file to write frame timings into") {
    CHECK(play({"play", "clip.mp4", "--timing-log", "/tmp/frames.log"}).timing_log == std::filesystem::path("/tmp/frames.log"));
    SUBCASE("without a value") {
        CHECK(error_of({"play", "clip.mp4", "--timing-log"}) == "--timing-log needs a value");
    }
    SUBCASE("an option where the file name should be") {
        CHECK(error_of({"play", "clip.mp4", "--timing-log", "--once"}) ==
              "--timing-log needs a file name, got the option '--once'");
    }
}

TEST_CASE("--renderer chooses how the screen is drawn") {
    CHECK(play({"play", "a.toml", "--renderer", "auto"}).renderer == app::RendererChoice::automatic);
    CHECK(play({"play", "a.toml", "--renderer", "gpu"}).renderer == app::RendererChoice::gpu);
    CHECK(play({"play", "a.toml", "--renderer", "software"}).renderer == app::RendererChoice::software);
    SUBCASE("an unknown value names the three") {
        CHECK(error_of({"play", "a.toml", "--renderer", "opengl"}) == "--renderer expects auto, gpu or software, got 'opengl'");
    }
    SUBCASE("without a value") { CHECK(error_of({"play", "a.toml", "--renderer"}) == "--renderer needs a value"); }
}

TEST_CASE("the older play options still work beside the new ones") {
    const auto o = play({"play", "a.mp4", "--window", "800x600", "--exit-keys", "Ctrl+Shift+X", "--quiet", "--stop-after",
                         "2.5", "--renderer", "software", "--once", "--timing-log", "t.log"});
    REQUIRE(o.window.has_value());
    CHECK(o.window->width == 800);
    CHECK(o.window->height == 600);
    REQUIRE(o.exit_keys.has_value());
    CHECK(*o.exit_keys == core::KeyChord{true, false, true, "X"});
    CHECK(o.quiet);
    CHECK(o.stop_after_seconds == 2.5);
    CHECK(o.renderer == app::RendererChoice::software);
    CHECK(o.once);
    CHECK(o.timing_log == std::filesystem::path("t.log"));
    CHECK(o.media == Paths{"a.mp4"});
    SUBCASE("their mistakes are still caught") {
        CHECK(error_of({"play", "a.toml", "--window", "big"}) == "--window: expected a size like 1920x1080, got 'big'");
        CHECK(error_of({"play", "a.toml", "--stop-after", "-1"}) == "--stop-after expects seconds (a number >= 0), got '-1'");
        CHECK(error_of({"play", "a.toml", "--loop"}).starts_with("unknown option '--loop' for play\n"));
    }
}

TEST_CASE("check takes several playlists, or media files as play would take them") {
    const auto playlists = check({"check", "a.toml", "b.TOML", "--quiet"});
    CHECK(playlists.playlists == Paths{"a.toml", "b.TOML"});
    CHECK(playlists.media.empty());
    CHECK(playlists.quiet);
    const auto media = check({"check", "clip.mp4", "photos/"});
    CHECK(media.playlists.empty());
    CHECK(media.media == Paths{"clip.mp4", "photos/"});
    CHECK_FALSE(media.quiet);
    CHECK(error_of({"check"}).starts_with("check needs a playlist or media files\n"));
}

TEST_CASE("the help names the ad-hoc playlist and every new option") {
    auto parsed = parse_command_line({"--help"});
    REQUIRE(parsed.has_value());
    REQUIRE(std::holds_alternative<app::HelpRequest>(*parsed));
    const std::string& text = std::get<app::HelpRequest>(*parsed).text;
    for (const char* part : {"vitrine play FILE|FOLDER...", "--once", "--renderer auto|gpu|software", "--timing-log FILE",
                             "vitrine check PLAYLIST.toml... | FILE|FOLDER..."}) {
        CAPTURE(part);
        CHECK(text.find(part) != std::string::npos);
    }
}

TEST_CASE("render still takes exactly one playlist") {
    auto parsed = parse_command_line({"render", "a.toml", "--item", "x", "--at", "1.5", "-o", "out.png"});
    REQUIRE(parsed.has_value());
    const auto& o = std::get<app::RenderOptions>(*parsed);
    CHECK(o.playlist == "a.toml");
    CHECK(o.item_id == "x");
    CHECK(o.at_seconds == 1.5);
    CHECK(o.output == "out.png");
}
