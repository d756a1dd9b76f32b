// Scripted timelines through the Show: the clock is data, so a whole loop of an exhibit runs in
// microseconds. A small Driver plays the app's part: it answers Prepare with ItemReady (or
// ItemFailed for the items told to fail) and records what was shown when.
#include <doctest/doctest.h>

#include <set>

#include "core/show.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;

namespace {

Item text_item(std::string id, Millis duration, TransitionKind t = TransitionKind::crossfade,
               Millis tdur = 1000ms) {
    Item item;
    item.id = std::move(id);
    item.body = TextItem{"Title", {"A short paragraph."}};
    item.duration = duration;
    item.transition = Transition{t, tdur};
    return item;
}

std::shared_ptr<Playlist> playlist_of(std::vector<Item> items) {
    auto p = std::make_shared<Playlist>();
    p->exhibit.default_duration = 10s;
    p->items = std::move(items);
    return p;
}

struct Driver {
    Show show;
    std::set<std::size_t> failing;      // indices whose preparation fails
    bool answer_prepares = true;        // false: leave Prepare unanswered (slow preparation)
    std::vector<Prepare> pending;       // unanswered prepares
    std::vector<Command> log;           // every command, in order
    std::set<std::pair<std::size_t, std::size_t>> prepared;  // (generation, index) held

    explicit Driver(std::shared_ptr<const Playlist> p, ShowOptions options = {}) : show(std::move(p), options) {}

    void send(const Event& e) {
        auto cmds = show.handle(e);
        for (auto& c : cmds) {
            log.push_back(c);
            if (auto* p = std::get_if<Prepare>(&c)) {
                if (answer_prepares) answer(*p); else pending.push_back(*p);
            } else if (auto* r = std::get_if<Release>(&c)) {
                prepared.erase({r->generation, r->index});
            }
        }
    }
    void answer(const Prepare& p) {
        if (failing.count(p.index)) {
            send(ItemFailed{p.generation, p.index, "cannot open media/missing.jpg: \"gone\""});
        } else {
            prepared.insert({p.generation, p.index});
            send(ItemReady{p.generation, p.index, std::nullopt});
        }
    }
    // Starts the show at t=0: the first tick asks for the first item, which this driver
    // prepares at once, so a second tick at the same instant puts it on screen.
    void start() {
        send(Tick{0ms});
        send(Tick{0ms});
    }
    void answer_pending() {
        auto todo = std::move(pending);
        pending.clear();
        for (auto& p : todo) answer(p);
    }
    // Ticks every `step` from `from` to `to` inclusive.
    void run(Millis from, Millis to, Millis step = 10ms) {
        for (Millis t = from; t <= to; t += step) send(Tick{t});
    }
    std::optional<std::size_t> on_screen() const {
        const Scene& s = show.scene();
        if (s.incoming) return s.incoming->index;
        if (s.current) return s.current->index;
        return std::nullopt;
    }
    std::size_t count_logs(std::string_view needle) const {
        std::size_t n = 0;
        for (auto& c : log)
            if (auto* l = std::get_if<Log>(&c); l && l->message.find(needle) != std::string::npos) ++n;
        return n;
    }
};

}  // namespace

TEST_CASE("a show plays its items in order, each for its duration, and loops") {
    Driver d(playlist_of({text_item("a", 5s), text_item("b", 5s), text_item("c", 5s)}));
    d.start();
    // The first item fades in from the background: there is no leaving side.
    REQUIRE(d.show.scene().incoming);
    CHECK_FALSE(d.show.scene().current);
    CHECK(d.show.scene().incoming->index == 0);

    // Entry transition 1 s, then 5 s on screen: item a until 6 s.
    d.run(10ms, 5990ms);
    CHECK(d.on_screen() == 0u);
    CHECK_FALSE(d.show.scene().incoming);
    d.send(Tick{6000ms});
    REQUIRE(d.show.scene().incoming);
    CHECK(d.show.scene().incoming->index == 1);
    CHECK(d.show.scene().current->index == 0);
    CHECK(d.show.scene().transition == TransitionKind::crossfade);

    SUBCASE("the crossfade's midpoint is half way") {
        d.send(Tick{6500ms});
        CHECK(d.show.scene().progress == doctest::Approx(0.5));
    }
    SUBCASE("after a whole loop the first item comes back") {
        // b: 6..12 s, c: 12..18 s, a again from 18 s.
        d.run(6010ms, 12990ms);
        CHECK(d.on_screen() == 2u);
        d.run(13000ms, 18990ms);
        CHECK(d.on_screen() == 0u);
        CHECK(d.show.scene().incoming);
    }
}

TEST_CASE("the screen is never empty between items: a slow preparation holds the current item") {
    Driver d(playlist_of({text_item("a", 2s), text_item("b", 2s)}));
    d.answer_prepares = false;
    d.send(Tick{0ms});
    CHECK_FALSE(d.on_screen());  // nothing prepared yet: nothing to draw, and no notice either
    CHECK(d.show.scene().notice.empty());
    d.answer_pending();
    d.run(0ms, 10000ms, 100ms);  // b's Prepare is left pending from here on
    // a stays: its time is long past, but b is not ready.
    CHECK(d.on_screen() == 0u);
    CHECK_FALSE(d.show.scene().incoming);
    d.answer_pending();
    d.send(Tick{10100ms});
    REQUIRE(d.show.scene().incoming);
    CHECK(d.show.scene().incoming->index == 1);
}

TEST_CASE("an item that fails to prepare is logged with its reason and skipped") {
    Driver d(playlist_of({text_item("a", 2s), text_item("broken", 2s), text_item("c", 2s)}));
    d.failing = {1};
    d.run(0ms, 3000ms);  // a: 1 s entry + 2 s
    d.run(3010ms, 3500ms);
    CHECK(d.on_screen() == 2u);
    CHECK(d.count_logs("event=item-skipped item=broken reason=\"cannot open media/missing.jpg: \\\"gone\\\"\"") == 1);

    SUBCASE("it is not asked for again on the next pass within the retry window") {
        const auto before = d.count_logs("item-skipped");
        d.run(3510ms, 20000ms, 50ms);
        CHECK(d.count_logs("item-skipped") == before);
    }
    SUBCASE("it is tried again after the retry window, and shows once it works") {
        d.failing.clear();
        d.run(3510ms, 3000ms + Show::kRetryFailedAfter + 12000ms, 50ms);
        bool seen = false;
        for (auto& c : d.log)
            if (auto* l = std::get_if<Log>(&c); l && l->message.find("event=show item=broken") != std::string::npos) seen = true;
        CHECK(seen);
    }
}

TEST_CASE("when nothing is playable the scene carries a calm notice instead of an item") {
    SUBCASE("an empty playlist") {
        Driver d(playlist_of({}));
        d.run(0ms, 1000ms);
        CHECK(d.show.scene().notice == "nothing to show");
        CHECK_FALSE(d.on_screen());
    }
    SUBCASE("every item fails") {
        Driver d(playlist_of({text_item("a", 2s), text_item("b", 2s)}));
        d.failing = {0, 1};
        d.run(0ms, 1000ms);
        CHECK(d.show.scene().notice == "nothing to show");
        CHECK(d.count_logs("item-skipped") == 2);
    }
}

TEST_CASE("next and previous move at once with a slide, and bursts are merged") {
    Driver d(playlist_of({text_item("a", 60s), text_item("b", 60s), text_item("c", 60s),
                          text_item("d", 60s), text_item("e", 60s), text_item("f", 60s),
                          text_item("g", 60s)}));
    d.run(0ms, 2000ms);
    REQUIRE(d.on_screen() == 0u);

    SUBCASE("next slides forward") {
        d.send(Navigate{+1});
        d.send(Tick{2010ms});
        REQUIRE(d.show.scene().incoming);
        CHECK(d.show.scene().incoming->index == 1);
        CHECK(d.show.scene().transition == TransitionKind::slide);
        CHECK(d.show.scene().forward);
        d.run(2020ms, 2010ms + Show::kManualTransition);
        CHECK_FALSE(d.show.scene().incoming);
        CHECK(d.on_screen() == 1u);
    }
    SUBCASE("previous from the first item wraps to the last, sliding backward") {
        d.send(Navigate{-1});
        d.send(Tick{2010ms});
        // The last item was prepared ahead as "previous", so it comes in on this very tick.
        REQUIRE(d.show.scene().incoming);
        CHECK(d.show.scene().incoming->index == 6);
        CHECK_FALSE(d.show.scene().forward);
    }
    SUBCASE("five swipes in one frame make one move of five items") {
        for (int i = 0; i < 5; ++i) d.send(Navigate{+1});
        d.run(2010ms, 3000ms);
        CHECK(d.on_screen() == 5u);
        CHECK(d.count_logs("event=navigate moves=5") == 1);
        CHECK(d.count_logs("event=show") == 2);  // a, then f: no stop at b, c, d, e
    }
    SUBCASE("a swipe during a transition finishes it and moves on from the new item") {
        d.send(Navigate{+1});
        d.send(Tick{2010ms});
        d.send(Tick{2100ms});
        REQUIRE(d.show.scene().incoming);
        d.send(Navigate{+1});
        d.send(Tick{2110ms});
        d.run(2120ms, 3000ms);
        CHECK(d.on_screen() == 2u);
    }
}

TEST_CASE("pause freezes the item's clock and its advance; resume continues where it was") {
    Driver d(playlist_of({text_item("a", 5s), text_item("b", 5s)}));
    d.run(0ms, 3000ms);
    const auto elapsed_before = d.show.scene().current->elapsed;
    d.send(TogglePause{});
    d.run(3010ms, 60000ms, 100ms);
    CHECK(d.show.scene().paused);
    CHECK(d.on_screen() == 0u);
    CHECK(d.show.scene().current->elapsed == elapsed_before);
    d.send(TogglePause{});
    d.send(Tick{60010ms});
    d.run(60020ms, 60000ms + (6000ms - elapsed_before) + 10ms);
    CHECK(d.show.scene().incoming);
    CHECK(d.show.scene().incoming->index == 1);
}

TEST_CASE("only the items around the one on screen are kept prepared") {
    std::vector<Item> items;
    for (int i = 0; i < 10; ++i) items.push_back(text_item("i" + std::to_string(i), 3s));
    Driver d(playlist_of(std::move(items)));
    std::size_t most_held = 0;
    for (Millis t = 0ms; t <= 120s; t += 20ms) {
        d.send(Tick{t});
        most_held = std::max(most_held, d.prepared.size());
        // Whatever is drawn is prepared.
        const Scene& s = d.show.scene();
        if (s.current) CHECK(d.prepared.count({s.current->generation, s.current->index}) == 1);
        if (s.incoming) CHECK(d.prepared.count({s.incoming->generation, s.incoming->index}) == 1);
    }
    // previous, current, next, and the one coming in during a transition.
    CHECK(most_held <= 4);
    CHECK(most_held >= 3);
}

TEST_CASE("items without an explicit duration stay long enough to be read slowly") {
    Item long_text;
    long_text.id = "long";
    std::string para;
    for (int i = 0; i < 260; ++i) para += "word ";
    long_text.body = TextItem{"", {para}};
    Exhibit ex;
    ex.default_duration = 10s;
    // 260 words at 130 words a minute: 2 minutes, plus the lead-in.
    CHECK(item_duration(long_text, ex) >= 120s);
    CHECK(item_duration(long_text, ex) <= 125s);
    long_text.body = TextItem{"", {"Four words only here."}};
    CHECK(item_duration(long_text, ex) == 10s);
    long_text.duration = 3s;
    CHECK(item_duration(long_text, ex) == 3s);
}

TEST_CASE("a cut switches on the tick the next item is due, with no transition frame") {
    Driver d(playlist_of({text_item("a", 2s, TransitionKind::cut, 0ms),
                          text_item("b", 2s, TransitionKind::cut, 0ms)}));
    d.start();
    REQUIRE(d.show.scene().current);
    CHECK(d.show.scene().current->index == 0);
    CHECK_FALSE(d.show.scene().incoming);
    d.run(10ms, 1990ms);
    CHECK(d.on_screen() == 0u);
    d.send(Tick{2000ms});
    CHECK(d.show.scene().current->index == 1);
    CHECK_FALSE(d.show.scene().incoming);
}

TEST_CASE("clips that stay until they end advance on MediaEnded, with a watchdog") {
    Item clip;
    clip.id = "film";
    clip.body = VideoItem{};
    clip.until_end = true;
    clip.transition = Transition{TransitionKind::cut, 0ms};
    auto p = playlist_of({clip, text_item("after", 5s, TransitionKind::cut, 0ms)});
    Show show(p);
    auto answer = [&](const std::vector<Command>& cmds, Millis natural) {
        for (auto& c : cmds)
            if (auto* pr = std::get_if<Prepare>(&c))
                show.handle(ItemReady{pr->generation, pr->index, natural, true});
    };
    auto cmds = show.handle(Tick{0ms});
    answer(cmds, 30s);
    cmds = show.handle(Tick{0ms});
    answer(cmds, 30s);
    bool started = false;
    for (auto& c : cmds) started |= std::holds_alternative<StartMedia>(c);
    CHECK(started);
    REQUIRE(show.scene().current->index == 0);

    SUBCASE("the reported end moves on at once") {
        show.handle(Tick{7000ms});
        show.handle(MediaEnded{0, 0});
        cmds = show.handle(Tick{7010ms});
        CHECK(show.scene().current->index == 1);
        bool stopped = false;
        for (auto& c : cmds) stopped |= std::holds_alternative<StopMedia>(c);
        CHECK(stopped);
    }
    SUBCASE("without an end report it moves on after its length plus the grace") {
        show.handle(Tick{30000ms});
        CHECK(show.scene().current->index == 0);
        show.handle(Tick{30000ms + Show::kClipEndGrace});
        CHECK(show.scene().current->index == 1);
    }
}

TEST_CASE("with once, the show stops on the last item when its time is up and says it is finished") {
    Driver d(playlist_of({text_item("a", 5s, TransitionKind::cut, 0ms), text_item("b", 5s, TransitionKind::cut, 0ms),
                          text_item("c", 5s, TransitionKind::cut, 0ms)}),
             ShowOptions{true});
    d.start();
    d.run(10ms, 14990ms);
    CHECK(d.on_screen() == 2u);
    CHECK_FALSE(d.show.finished());
    d.run(15000ms, 20000ms);
    CHECK(d.show.finished());
    CHECK(d.on_screen() == 2u);  // the pass ends on its last item, it does not wrap to the first
    CHECK(d.count_logs("event=show item=a") == 1);
}

TEST_CASE("background sound plays under the items it spans, gives way to a clip, and stops after its span") {
    Item music;
    music.id = "music";
    AudioItem bg;
    bg.background = true;
    bg.spans = 3;
    bg.clip.loop = true;
    music.body = bg;
    Item film;
    film.id = "film";
    film.body = VideoItem{};
    film.duration = 5s;
    film.transition = Transition{TransitionKind::cut, 0ms};
    Driver d(playlist_of({music, text_item("a", 5s, TransitionKind::cut, 0ms), film,
                          text_item("b", 5s, TransitionKind::cut, 0ms), text_item("outside", 5s, TransitionKind::cut, 0ms)}));
    // What happened to the media of each item, in order: "start 0", "pause 0", "stop 0"...
    auto media_log = [&] {
        std::vector<std::string> out;
        for (auto& c : d.log) {
            if (auto* s = std::get_if<StartMedia>(&c)) out.push_back("start " + std::to_string(s->index));
            if (auto* s = std::get_if<StopMedia>(&c)) out.push_back((s->rewind ? "stop " : "pause ") + std::to_string(s->index));
        }
        return out;
    };
    d.start();
    CHECK(d.on_screen() == 1u);  // the background item is never on screen: the show starts on "a"
    CHECK(d.show.background() == 0u);
    CHECK(media_log() == std::vector<std::string>{"start 0"});
    d.run(10ms, 5000ms);  // the film: the music gives way
    CHECK(d.on_screen() == 2u);
    CHECK_FALSE(d.show.background().has_value());
    CHECK(media_log() == std::vector<std::string>{"start 0", "start 2", "pause 0"});
    d.run(5010ms, 10000ms);  // "b": the music resumes where it was
    CHECK(d.on_screen() == 3u);
    CHECK(d.show.background() == 0u);
    CHECK(media_log() == std::vector<std::string>{"start 0", "start 2", "pause 0", "stop 2", "start 0"});
    d.run(10010ms, 15000ms);  // "outside" its span: the music stops
    CHECK(d.on_screen() == 4u);
    CHECK_FALSE(d.show.background().has_value());
    CHECK(media_log().back() == "stop 0");
    d.run(15010ms, 20000ms);  // the loop wraps to "a", skipping the background item: it starts again
    CHECK(d.on_screen() == 1u);
    CHECK(d.show.background() == 0u);
    CHECK(media_log().back() == "start 0");
}

TEST_CASE("a reloaded playlist keeps the visitor's place by item id") {
    Driver d(playlist_of({text_item("a", 5s), text_item("b", 5s), text_item("c", 5s)}));
    d.run(0ms, 7000ms);
    REQUIRE(d.on_screen() == 1u);
    // b moved to the front, and a new item was added.
    d.send(PlaylistLoaded{playlist_of({text_item("b", 5s), text_item("new", 5s), text_item("a", 5s)})});
    d.send(Tick{7010ms});
    // The old b stays on screen until the new one is prepared (here: by the next tick).
    CHECK(d.on_screen() == 1u);
    CHECK(d.show.scene().current->generation == 0);
    d.send(Tick{7020ms});
    REQUIRE(d.show.scene().incoming);
    CHECK(d.show.scene().incoming->generation == 1);
    CHECK(d.show.scene().incoming->index == 0);
    d.run(7020ms, 8100ms);
    // The old generation's resources were all released.
    for (auto& [gen, idx] : d.prepared) CHECK(gen == 1);
}

TEST_CASE("a week of the demo loop runs in well under a second of test time without drift") {
    std::vector<Item> items;
    for (int i = 0; i < 12; ++i) items.push_back(text_item("i" + std::to_string(i), 9s));
    Driver d(playlist_of(std::move(items)));
    // Ticks once a second through seven days.
    std::size_t shows = 0;
    for (Millis t = 0ms; t <= Millis(7LL * 24 * 3600 * 1000); t += 1000ms) {
        auto before = d.log.size();
        d.send(Tick{t});
        for (std::size_t i = before; i < d.log.size(); ++i)
            if (auto* l = std::get_if<Log>(&d.log[i]); l && l->message.rfind("event=show", 0) == 0) ++shows;
        if (d.log.size() > 4096) d.log.clear();
    }
    // Every item takes 1 s entry + 9 s: one show every 10 s.
    CHECK(shows == doctest::Approx(7.0 * 24 * 3600 / 10).epsilon(0.001));
}
