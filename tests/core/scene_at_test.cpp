// `vitrine render --item ID --at S` must draw what `play` shows: scene_at() is checked against
// the Show run straight through with a scripted clock.
#include <doctest/doctest.h>

#include "core/scene_at.hpp"
#include "core/show.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;

namespace {

Item text_item(std::string id, Millis d, TransitionKind k, Millis td) {
    Item i;
    i.id = std::move(id);
    i.body = TextItem{"T", {"p"}};
    i.duration = d;
    i.transition = Transition{k, td};
    return i;
}

}  // namespace

TEST_CASE("the scene at a moment of an item is what a straight run of the show presents") {
    auto p = std::make_shared<Playlist>();
    p->items = {text_item("a", 4s, TransitionKind::fade, 1000ms), text_item("b", 3s, TransitionKind::crossfade, 800ms),
                text_item("c", 5s, TransitionKind::slide, 600ms), text_item("d", 2s, TransitionKind::cut, 0ms)};
    Show show(p);
    // Answer every Prepare at once; the first item starts on the second tick at t=0.
    auto run = [&](Millis t) {
        auto cmds = show.handle(Tick{t});
        for (auto& c : cmds)
            if (auto* pr = std::get_if<Prepare>(&c)) show.handle(ItemReady{pr->generation, pr->index, std::nullopt});
    };
    run(0ms);
    // Item starts in a straight run (after the first pass the loop repeats): a at 0, b at 5 s,
    // c at 5.8 + 3 = 8.8 s, d at 8.8 + 0.6 + 5 = 14.4 s, a again at 16.4 s.
    struct Probe {
        Millis t;
        std::size_t index;
        Millis at;
    };
    const Probe probes[] = {{5400ms, 1, 400ms}, {9100ms, 2, 300ms}, {10000ms, 2, 1200ms},
                            {14400ms, 3, 0ms},  {15000ms, 3, 600ms}, {16900ms, 0, 500ms}};
    Millis t = 0ms;
    for (const auto& probe : probes) {
        CAPTURE(probe.t.count());
        for (; t <= probe.t; t += 10ms) run(t);
        const Scene expected = scene_at(*p, probe.index, probe.at);
        const Scene& actual = show.scene();
        REQUIRE(actual.current.has_value() == expected.current.has_value());
        REQUIRE(actual.incoming.has_value() == expected.incoming.has_value());
        if (expected.current) {
            CHECK(actual.current->index == expected.current->index);
            CHECK(actual.current->elapsed == expected.current->elapsed);
        }
        if (expected.incoming) {
            CHECK(actual.incoming->index == expected.incoming->index);
            CHECK(actual.incoming->elapsed == expected.incoming->elapsed);
            CHECK(actual.transition == expected.transition);
            CHECK(actual.progress == doctest::Approx(expected.progress));
        }
    }
}
