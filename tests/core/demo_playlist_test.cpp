#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "core/diagnostic.hpp"
#include "core/playlist_loader.hpp"

using namespace vitrine::core;
namespace fs = std::filesystem;

namespace {
const fs::path kRepo = (fs::path(VITRINE_FIXTURES) / ".." / "..").lexically_normal();
}

TEST_CASE("the demo playlist loads with no error, every item kept and every transition used") {
    const fs::path demo = kRepo / "playlists" / "demo.toml";
    REQUIRE(fs::exists(demo));
    // The demo's media come from scripts/make-demo-media.sh; without them this test cannot judge.
    REQUIRE_MESSAGE(fs::exists(kRepo / "media" / "mandelbrot.jpg"), "run scripts/make-demo-media.sh first");
    LoadOptions options;
    options.fonts_dir = kRepo / "fonts";
    const LoadOutcome out = load_playlist(demo, options);
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    CHECK(out.diagnostics.empty());
    REQUIRE(out.playlist);
    const Playlist& p = *out.playlist;
    CHECK(p.items.size() == 14);
    CHECK(p.exhibit.start_id == "introduction");

    std::set<std::string> kinds;
    std::set<TransitionKind> transitions{p.exhibit.transition.kind};
    for (const Item& item : p.items) {
        kinds.insert(std::string(kind_name(item.body)));
        transitions.insert(transition_into(item, p.exhibit).kind);
    }
    CHECK(kinds == std::set<std::string>{"text", "excerpt", "article", "statement", "list", "image", "video", "audio"});
    CHECK(transitions == std::set<TransitionKind>{TransitionKind::cut, TransitionKind::fade, TransitionKind::crossfade,
                                                  TransitionKind::slide});
    const auto& ambience = std::get<AudioItem>(p.items[5].body);  // background sound under the next two
    CHECK(ambience.background);
    CHECK(ambience.spans == 2);
    const auto& mandelbrot = std::get<ImageItem>(p.items[6].body);
    CHECK(mandelbrot.pan_zoom.has_value());
    CHECK(std::get<ImageItem>(p.items[10].body).fit == Fit::cover);
    const auto& clip = std::get<VideoItem>(p.items[12].body).clip;
    CHECK(clip.captions.size() == 2);  // English and Portuguese
    CHECK(caption_file_for(clip, p.exhibit).filename() == "demo-clip.en.srt");
}
