// Check mode of the playlist loader, with a fake clip check in place of FFmpeg: what the check
// says about a clip becomes a diagnostic at the playlist's `file` key (an error leaves the item
// out, a warning keeps it), and caption files are parsed with their findings at their own lines.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/playlist_loader.hpp"
#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;

namespace {

struct Call {
    fs::path file;
    ClipUse use;
};

const fs::path kClip = (kFixtures / "media" / "clip.mp4").lexically_normal();
const fs::path kCaptions = (fs::path(VITRINE_FIXTURES) / "captions").lexically_normal();

std::vector<const Diagnostic*> warnings_of(const LoadOutcome& out) {
    std::vector<const Diagnostic*> ws;
    for (const auto& d : out.diagnostics) {
        if (d.severity == Severity::warning) ws.push_back(&d);
    }
    return ws;
}

}  // namespace

TEST_CASE("a clip check's warnings become warnings at the file key and the item stays") {
    std::vector<Call> calls;
    LoadOptions o = options();
    o.check_clip = [&calls](const fs::path& f, ClipUse use) {
        calls.push_back({f, use});
        ClipReport r;
        r.warnings = {"decodes at 0.6x real time here (3840x2160 hevc, 2 threads): it will drop pictures on this machine",
                      "damaged near the start: Invalid data found when processing input"};
        return r;
    };
    const auto out = parse(around("\n[[item]]\nid = \"film\"\nkind = \"video\"\nfile = \"media/clip.mp4\"\n"), o);
    CHECK(errors_of(out).empty());
    CHECK(ids_of(out) == std::vector<std::string>{"before", "film", "after"});
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].file == kClip);
    CHECK(calls[0].use == ClipUse::video);
    const auto ws = warnings_of(out);
    REQUIRE(ws.size() == 2);
    for (const Diagnostic* w : ws) {
        CHECK(w->path == kPlaylist.string());
        CHECK(w->line == kMiddle + 4);
        CHECK(w->column == 8);
        CHECK(w->item_id == "film");
    }
    CHECK(ws[0]->message ==
          "media file \"media/clip.mp4\": decodes at 0.6x real time here (3840x2160 hevc, 2 threads): it will drop pictures on this machine");
    CHECK(ws[1]->message == "media file \"media/clip.mp4\": damaged near the start: Invalid data found when processing input");
    CHECK(format(*ws[0]).starts_with(kPlaylist.string() + ":" + std::to_string(kMiddle + 4) + ":8: warning: media file"));
}

TEST_CASE("a clip check's error leaves the item out with the reason at the file key, warnings and all") {
    std::vector<Call> calls;
    LoadOptions o = options();
    o.check_clip = [&calls](const fs::path& f, ClipUse use) {
        calls.push_back({f, use});
        ClipReport r;
        r.error = "it holds no sound (only a h264 picture): an audio item needs an audio stream";
        r.warnings = {"damaged near the start: Invalid data found when processing input"};
        return r;
    };
    const auto out = parse(around("\n[[item]]\nid = \"talk\"\nkind = \"audio\"\ntitle = \"A talk\"\nfile = \"media/clip.mp4\"\n"), o);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].use == ClipUse::audio);
    const Diagnostic& e = only_error(out);
    CHECK(e.line == kMiddle + 5);
    CHECK(e.column == 8);
    CHECK(e.item_id == "talk");
    CHECK(e.message ==
          "media file \"media/clip.mp4\" cannot be played: it holds no sound (only a h264 picture): an audio item needs an audio stream");
    REQUIRE(warnings_of(out).size() == 1);
    CHECK(warnings_of(out)[0]->line == kMiddle + 5);
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("the clip check runs only on a file that is there, not empty and passed its probe") {
    int calls = 0;
    LoadOptions o = options();
    o.check_clip = [&calls](const fs::path&, ClipUse) {
        ++calls;
        return ClipReport{};
    };
    SUBCASE("missing") {
        const auto out = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/nowhere.mp4\"\n"), o);
        CHECK(contains(only_error(out).message, "media file \"media/nowhere.mp4\" not found"));
    }
    SUBCASE("refused by the probe") {
        o.probe_clip = [](const fs::path&) { return std::string("not a media file"); };
        const auto out = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\n"), o);
        CHECK(only_error(out).message == "media file \"media/clip.mp4\" cannot be used: not a media file");
    }
    CHECK(calls == 0);
}

TEST_CASE("check mode reads every caption file: a malformed cue is an error at its own file, line and column") {
    LoadOptions o = options();
    o.check_captions = true;
    const auto out = parse(around("\n[[item]]\nid = \"film\"\nkind = \"video\"\nfile = \"media/clip.mp4\"\n"
                                  "captions = { en = \"media/clip.en.srt\", pt = \"../captions/malformed.srt\" }\n"),
                           o);
    const std::string malformed = (kCaptions / "malformed.srt").string();
    std::vector<std::string> found;
    for (const auto& d : out.diagnostics) {
        CHECK(d.path == malformed);  // the good caption file and the playlist say nothing
        CHECK(d.item_id == "film");
        found.push_back(std::string(d.severity == Severity::error ? "error " : "warning ") + std::to_string(d.line) + ":" +
                        std::to_string(d.column));
    }
    CHECK(found == std::vector<std::string>{"error 6:18", "error 10:18", "warning 14:1"});
    // The item plays, with the cues that could be read.
    CHECK(ids_of(out) == std::vector<std::string>{"before", "film", "after"});
    REQUIRE(out.playlist);
    CHECK(std::get<VideoItem>(out.playlist->items[1].body).clip.captions.size() == 2);

    SUBCASE("outside check mode caption files are not read") {
        const auto play = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\n"
                                       "captions = \"../captions/malformed.srt\"\n"));
        CHECK(play.diagnostics.empty());
    }
}

TEST_CASE("a caption file that cannot be read at all is an error at the captions key, and the clip still plays") {
    LoadOptions o = options();
    o.check_captions = true;
    const auto out = parse(around("\n[[item]]\nid = \"film\"\nkind = \"video\"\nfile = \"media/clip.mp4\"\n"
                                  "captions = { pt = \"../captions/latin1.srt\" }\n"),
                           o);
    const Diagnostic& e = only_error(out);
    CHECK(e.path == kPlaylist.string());
    CHECK(e.line == kMiddle + 5);
    CHECK(e.column == 19);
    CHECK(e.item_id == "film");
    CHECK(e.message.starts_with("captions file \"../captions/latin1.srt\" cannot be used: " + (kCaptions / "latin1.srt").string() +
                                ":3:4: caption file is not UTF-8"));
    CHECK(ids_of(out) == std::vector<std::string>{"before", "film", "after"});
}
