// The demo exhibit run through the Show with a scripted clock: every item in order, each for its
// duration (or reading time), its own transition, then the loop begins again; pause and
// next/previous on the way. Runs many loops of the real playlist in milliseconds.
#include <doctest/doctest.h>

#include <filesystem>

#include "core/playlist_loader.hpp"
#include "core/show.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kRepo = (fs::path(VITRINE_FIXTURES) / ".." / "..").lexically_normal();

std::shared_ptr<const Playlist> demo() {
    LoadOptions options;
    options.fonts_dir = kRepo / "fonts";
    auto out = load_playlist(kRepo / "playlists" / "demo.toml", options);
    REQUIRE(out.playlist);
    return std::make_shared<const Playlist>(*out.playlist);
}

struct Shown {
    std::size_t index;
    Millis at;
    TransitionKind transition;
};

// Ticks the show every 10 ms from `from` to `to`, preparing every item at once (clips report the
// length their placeholder would: the exhibit default). Returns each item's entry.
std::vector<Shown> run(Show& show, Millis from, Millis to) {
    std::vector<Shown> shown;
    std::optional<std::size_t> last;
    for (Millis t = from; t <= to; t += 10ms) {
        for (auto& c : show.handle(Tick{t}))
            if (auto* p = std::get_if<Prepare>(&c))
                show.handle(ItemReady{p->generation, p->index, show.playlist().exhibit.default_duration});
        const Scene& s = show.scene();
        const auto on = s.incoming ? s.incoming->index : (s.current ? s.current->index : SIZE_MAX);
        if (on != SIZE_MAX && on != last) {
            shown.push_back({on, t, s.incoming ? s.transition : TransitionKind::cut});
            last = on;
        }
    }
    return shown;
}

}  // namespace

TEST_CASE("the demo exhibit plays every item in order, for its time, with its transition, and loops") {
    const auto p = demo();
    Show show(p);
    // The items that come on screen: all but background sound, which plays under others.
    std::vector<std::size_t> screen;
    for (std::size_t i = 0; i < p->items.size(); ++i) {
        const auto* audio = std::get_if<AudioItem>(&p->items[i].body);
        if (!(audio && audio->background)) screen.push_back(i);
    }
    const std::size_t n = screen.size();
    REQUIRE(n == p->items.size() - 1);
    // Three whole loops: far more than a visitor sees, in a few milliseconds of test time.
    Millis loop{0};
    for (const std::size_t i : screen) {
        const auto t = transition_into(p->items[i], p->exhibit);
        loop += (t.kind == TransitionKind::cut ? 0ms : t.duration) + item_duration(p->items[i], p->exhibit);
    }
    const auto shown = run(show, 0ms, 3 * loop + 5s);
    REQUIRE(shown.size() >= 3 * n);
    for (std::size_t k = 0; k < 3 * n; ++k) {
        CAPTURE(k);
        const std::size_t index = screen[k % n];
        CHECK(shown[k].index == index);
        if (k == 0) continue;  // the first item fades in from the background
        const Item& item = p->items[index];
        const auto t = transition_into(item, p->exhibit);
        CHECK(shown[k].transition == t.kind);
        // The previous item stayed its entry transition plus its duration, to within a tick.
        const Item& prev = p->items[screen[(k + n - 1) % n]];
        const auto prev_t = transition_into(prev, p->exhibit);
        const Millis expected = (prev_t.kind == TransitionKind::cut ? 0ms : prev_t.duration) + item_duration(prev, p->exhibit);
        CHECK(std::abs((shown[k].at - shown[k - 1].at - expected).count()) <= 10);
    }
}

TEST_CASE("in the demo, pause holds a panel and next/previous move from it") {
    const auto p = demo();
    Show show(p);
    run(show, 0ms, 3s);
    REQUIRE(show.scene().current);
    const std::size_t first = show.scene().current->index;
    show.handle(TogglePause{});
    run(show, 3010ms, 600s);  // ten minutes paused: still the same panel
    CHECK(show.scene().current->index == first);
    CHECK_FALSE(show.scene().incoming);
    show.handle(Navigate{+1});
    run(show, 600010ms, 601s);
    CHECK(show.scene().current->index == (first + 1) % p->items.size());
    show.handle(Navigate{-1});
    show.handle(Navigate{-1});
    run(show, 601010ms, 602s);
    CHECK(show.scene().current->index == (first + p->items.size() - 1) % p->items.size());
    CHECK(show.scene().paused);  // moving does not resume: staff pressed pause on purpose
}
