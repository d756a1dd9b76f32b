// Many visitors at once, at random: fingers down anywhere, taps, holds and swipes of any length,
// on the real demo exhibit, for an hour of show time. Whatever they do, the show stays whole (an
// item or the calm screen on screen, indices in range, one language of the exhibit), nothing but
// the PIN leaves, and two minutes after the last touch the attract sequence plays again.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <set>

#include "core/playlist_loader.hpp"
#include "core/visit.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const Playlist> demo() {
    const fs::path repo = (fs::path(VITRINE_FIXTURES) / ".." / "..").lexically_normal();
    LoadOptions options;
    options.fonts_dir = repo / "fonts";
    auto out = load_playlist(repo / "playlists" / "demo.toml", options);
    REQUIRE(out.playlist);
    return std::make_shared<const Playlist>(std::move(*out.playlist));
}

}  // namespace

TEST_CASE("random visitors for an hour leave the show whole, and the attract loop comes back after them") {
    const auto playlist = demo();
    const Exhibit& ex = playlist->exhibit;
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        CAPTURE(w);
        Visit visit(playlist, VisitOptions{{}, w, h});
        std::mt19937 random(20261127u + static_cast<unsigned>(w));
        Millis now{0};
        std::size_t exits = 0, commands = 0;
        std::set<std::size_t> seen;  // items that were on screen
        // The app's part: every Prepare is answered (a clip as a 20 s clip that ends itself).
        auto send = [&](auto&& self, const Event& e) -> void {
            for (const auto& c : visit.handle(e)) {
                ++commands;
                if (std::holds_alternative<Exit>(c)) ++exits;
                if (const auto* p = std::get_if<Prepare>(&c)) {
                    REQUIRE(p->index < playlist->items.size());
                    CHECK(std::find(ex.languages.begin(), ex.languages.end(), p->language) != ex.languages.end());
                    const bool clip = clip_of(playlist->items[p->index].body) != nullptr;
                    self(self, ItemReady{p->generation, p->index, clip ? std::optional<Millis>(20s) : std::nullopt, clip,
                                         1, 0ms});
                }
            }
        };
        auto whole = [&] {
            const Scene& s = visit.scene();
            for (const auto& v : {s.current, s.incoming, s.neighbour}) {
                if (v) CHECK(v->index < playlist->items.size());
            }
            CHECK(s.overlay.language < ex.languages.size());
            CAPTURE(now);
            // From the first item on, something is always on screen (before it, the background).
            if (!seen.empty()) CHECK((s.current.has_value() || s.incoming.has_value() || !s.notice.empty()));
            if (s.current) seen.insert(s.current->index);
            CHECK(s.drag >= -1.0);
            CHECK(s.drag <= 1.0);
        };
        std::uniform_int_distribution<int> x_at(0, w - 1), y_at(0, h - 1), pause_ms(0, 3000), kind(0, 9), steps(1, 12);
        while (now < 60min) {
            now += Millis{pause_ms(random)};
            send(send, Tick{now});
            const double x = x_at(random), y = y_at(random);
            send(send, TouchPoint{TouchPoint::Phase::down, 1, x, y, now});
            const int k = kind(random);
            if (k < 5) {  // a tap
                now += 60ms;
                send(send, TouchPoint{TouchPoint::Phase::up, 1, x, y, now});
            } else if (k < 9) {  // a drag or swipe to a random place
                const double x1 = x_at(random), y1 = y_at(random);
                const int n = steps(random);
                for (int i = 1; i <= n; ++i) {
                    now += 16ms;
                    send(send, Tick{now});
                    send(send, TouchPoint{TouchPoint::Phase::move, 1, x + (x1 - x) * i / n, y + (y1 - y) * i / n, now});
                    whole();
                }
                send(send, TouchPoint{TouchPoint::Phase::up, 1, x1, y1, now});
            } else {  // a hold, long enough for a long press and sometimes the staff keypad
                now += Millis{pause_ms(random) * 2};
                send(send, Tick{now});
                send(send, TouchPoint{TouchPoint::Phase::up, 1, x, y, now});
            }
            whole();
        }
        CHECK(exits == 0);  // random taps never typed the PIN and pressed OK
        CHECK(commands > 2000);
        // The visitors got about: through the menu, links and swipes, most items were shown.
        CHECK(seen.size() * 2 > playlist->items.size());
        // Everyone has gone: the attract sequence, the default language, no controls or panels.
        for (Millis end = now + 2min; now < end; now += 50ms) send(send, Tick{now});
        CHECK_FALSE(visit.engaged());
        CHECK(visit.show().sequence() == ex.attract_section);
        CHECK(visit.scene().language == ex.language);
        CHECK(visit.scene().overlay.controls == 0.0);
        CHECK(visit.scene().overlay.panel == Overlay::Panel::none);
        CHECK(visit.history_size() == 0u);
        whole();
    }
}
