// A visitor's visit as a script: touch points and clock ticks in, and at each moment the items,
// section, language and controls expected. The Visit runs on data time, like the Show: a whole
// visit and its idle return take microseconds.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/visit.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;

namespace {

constexpr int kW = 1920, kH = 1080;

Item text_item(std::string id, std::string title, std::string pt_title = {}) {
    Item item;
    item.id = std::move(id);
    item.body = TextItem{title, {"A short paragraph."}};
    if (!pt_title.empty()) item.translations["pt"] = TextItem{pt_title, {"Um parágrafo curto."}};
    item.duration = 10s;
    return item;
}

// Indices: 0 intro, 1 doc-a (links to 2), 2 doc-full, 3 photo (hotspot to 1), 4 film (clip),
// 5 long (three pages), 6 tail. Sections: 0 highlights [0,3,4], 1 documents (parent),
// 2 soviet [1,2] under 1, 3 others [5,6] under 1, 4 gallery [3].
std::shared_ptr<Playlist> exhibit(bool attract = true) {
    auto p = std::make_shared<Playlist>();
    Exhibit& ex = p->exhibit;
    ex.language = "en";
    ex.languages = {"en", "pt"};
    ex.default_duration = 10s;
    ex.transition = Transition{TransitionKind::crossfade, 1000ms};
    ex.idle_return = 60s;
    ex.idle_warning = 10s;
    ex.controls_timeout = 5s;
    ex.staff_exit = StaffExit{Corner::top_left, 5s, "2468"};
    p->items.push_back(text_item("intro", "Welcome", "Bem-vindo"));
    p->items.push_back(text_item("doc-a", "A short excerpt"));
    p->items.push_back(text_item("doc-full", "The full text"));
    Item photo;
    photo.id = "photo";
    photo.body = ImageItem{"photo.jpg", Fit::contain, "A photograph", std::nullopt};
    photo.duration = 10s;
    p->items.push_back(photo);
    Item film;
    film.id = "film";
    Clip clip;
    clip.file = "film.mp4";
    film.body = VideoItem{clip, Fit::contain, "A film"};
    film.until_end = true;
    p->items.push_back(film);
    p->items.push_back(text_item("long", "A long text"));
    p->items.push_back(text_item("tail", "The last panel"));

    Link read_more;
    read_more.label = {{"en", "Read the full text"}, {"pt", "Ler o texto completo"}};
    read_more.target = 2;
    read_more.target_id = "doc-full";
    p->items[1].links.push_back(read_more);
    Link hotspot;
    hotspot.label = {{"en", "The document"}};
    hotspot.target = 1;
    hotspot.target_id = "doc-a";
    hotspot.region = Region{0.1, 0.2, 0.3, 0.3};
    p->items[3].links.push_back(hotspot);

    auto section = [&](std::string id, std::vector<std::size_t> items, std::optional<std::size_t> parent = {}) {
        Section s;
        s.id = id;
        s.title = {{"en", id}};
        s.items = std::move(items);
        s.parent = parent;
        p->sections.push_back(s);
    };
    section("highlights", {0, 3, 4});
    section("documents", {});
    section("soviet", {1, 2}, 1);
    section("others", {5, 6}, 1);
    section("gallery", {3});
    if (attract) ex.attract_section = 0;
    return p;
}

struct Visitor {
    Visit visit;
    Millis now{0};
    std::vector<Command> log;
    std::vector<Prepare> prepares;
    bool exited = false;

    explicit Visitor(std::shared_ptr<const Playlist> p, int w = kW, int h = kH)
        : visit(std::move(p), VisitOptions{{}, w, h}) {}

    void send(const Event& e) {
        for (auto& c : visit.handle(e)) {
            log.push_back(c);
            if (auto* p = std::get_if<Prepare>(&c)) {
                prepares.push_back(*p);
                const bool clip = p->index == 4;
                send(ItemReady{p->generation, p->index, clip ? std::optional<Millis>(20s) : std::nullopt, clip,
                               p->index == 5 ? 3u : 1u, p->index == 5 ? 4000ms : 0ms});
            } else if (std::holds_alternative<Exit>(c)) {
                exited = true;
            }
        }
    }
    // The clock runs on to `t` in frames of 16 ms.
    void run_to(Millis t) {
        while (now < t) {
            now = std::min(t, now + 16ms);
            send(Tick{now});
        }
    }
    void run_for(Millis d) { run_to(now + d); }
    void point(TouchPoint::Phase phase, double x, double y) { send(TouchPoint{phase, 1, x, y, now}); }
    void tap(double x, double y) {
        point(TouchPoint::Phase::down, x, y);
        run_for(80ms);
        point(TouchPoint::Phase::up, x, y);
    }
    void tap(const Rect& r) { tap(r.x + r.w / 2.0, r.y + r.h / 2.0); }
    // A finger from (x0,y) to (x1,y) in `steps` moves over `duration`, lifted at once.
    void swipe(double x0, double x1, Millis duration, double y = kH / 2.0, int steps = 8) {
        point(TouchPoint::Phase::down, x0, y);
        for (int i = 1; i <= steps; ++i) {
            run_for(duration / steps);
            point(TouchPoint::Phase::move, x0 + (x1 - x0) * i / steps, y);
        }
        point(TouchPoint::Phase::up, x1, y);
    }
    // The item a visitor sees (the incoming one during a transition).
    std::optional<std::size_t> shown() const {
        const Scene& s = visit.scene();
        if (s.incoming) return s.incoming->index;
        if (s.current) return s.current->index;
        return std::nullopt;
    }
    // The item left on screen once transitions end.
    std::size_t settled() {
        run_for(1200ms);
        REQUIRE(visit.scene().current);
        return visit.scene().current->index;
    }
    Target target(Control c, std::size_t index = 0) const {
        const auto& ex = visit.playlist().exhibit;
        auto all = visit.layout().controls(ex.languages.size(), visit.history_size() > 0, true, true);
        const auto m = visit.layout().menu(MenuShape{8, 0, true});
        all.insert(all.end(), m.begin(), m.end());
        const auto pin = visit.layout().pin_pad();
        all.insert(all.end(), pin.begin(), pin.end());
        for (const auto& t : all) {
            if (t.control == c && t.index == index) return t;
        }
        FAIL("no such target");
        return {};
    }
    std::size_t count_logs(std::string_view needle) const {
        return static_cast<std::size_t>(std::count_if(log.begin(), log.end(), [&](const Command& c) {
            auto* l = std::get_if<Log>(&c);
            return l && l->message.find(needle) != std::string::npos;
        }));
    }
};

}  // namespace

TEST_CASE("the exhibit starts in its attract sequence and a tap shows the controls until they time out") {
    Visitor v(exhibit());
    v.run_to(2000ms);
    CHECK(v.shown() == 0u);
    CHECK(v.visit.show().sequence() == 0u);
    CHECK(v.visit.scene().overlay.controls == 0.0);
    CHECK_FALSE(v.visit.engaged());

    v.tap(kW / 2.0, kH / 2.0);
    // The answer is in the scene as soon as the touch is handled: no tick, no frame of delay.
    CHECK(v.visit.scene().overlay.controls >= 0.5);
    CHECK(v.visit.engaged());
    v.run_for(500ms);
    CHECK(v.visit.scene().overlay.controls == 1.0);
    CHECK(v.visit.scene().overlay.menu);
    CHECK(v.visit.scene().overlay.progress.has_value());
    v.run_for(4900ms);  // 5 s after the lift, and the 300 ms fade
    CHECK(v.visit.scene().overlay.controls == 0.0);

    SUBCASE("a second tap hides them at once") {
        v.tap(kW / 2.0, kH / 2.0);
        v.run_for(300ms);
        REQUIRE(v.visit.scene().overlay.controls == 1.0);
        v.tap(kW / 2.0, kH / 2.0);
        v.run_for(400ms);
        CHECK(v.visit.scene().overlay.controls == 0.0);
    }
}

TEST_CASE("a swipe moves to the next item of the sequence, the item following the finger first") {
    Visitor v(exhibit(false));
    v.run_to(3000ms);
    REQUIRE(v.shown() == 0u);
    // The finger goes down and moves left: the item follows it and the next one shows beside it.
    v.point(TouchPoint::Phase::down, 1500, 500);
    v.run_for(50ms);
    v.point(TouchPoint::Phase::move, 1300, 500);
    v.run_for(50ms);
    v.point(TouchPoint::Phase::move, 1100, 500);
    CHECK(v.visit.scene().drag == doctest::Approx(-400.0 / kW));
    REQUIRE(v.visit.scene().neighbour);
    CHECK(v.visit.scene().neighbour->index == 1u);
    v.run_for(30ms);
    v.point(TouchPoint::Phase::move, 900, 500);
    v.point(TouchPoint::Phase::up, 900, 500);
    // Released past the threshold: on the next frame's tick the slide goes on from where the
    // finger left it.
    v.send(Tick{v.now});
    REQUIRE(v.visit.scene().incoming);
    CHECK(v.visit.scene().incoming->index == 1u);
    CHECK(v.visit.scene().progress > 0.25);
    CHECK(v.visit.scene().transition == TransitionKind::slide);
    CHECK(v.settled() == 1u);

    SUBCASE("a swipe right goes back") {
        v.swipe(400, 1400, 200ms);
        CHECK(v.settled() == 0u);
    }
}

TEST_CASE("a swipe shorter than the threshold is a drag that snaps back, not a navigation") {
    Visitor v(exhibit(false));
    v.run_to(3000ms);
    // 150 px (55 mm on a 32-inch panel) slowly, held still before the lift.
    v.point(TouchPoint::Phase::down, 1000, 500);
    for (int i = 1; i <= 10; ++i) {
        v.run_for(100ms);
        v.point(TouchPoint::Phase::move, 1000 - 15.0 * i, 500);
    }
    CHECK(v.visit.scene().drag == doctest::Approx(-150.0 / kW));
    v.run_for(200ms);
    v.point(TouchPoint::Phase::up, 850, 500);
    CHECK_FALSE(v.visit.scene().incoming);
    v.run_for(Show::kSettle);
    CHECK(v.visit.scene().drag == 0.0);
    CHECK(v.settled() == 0u);
    CHECK(v.count_logs("event=navigate") == 0);
}

TEST_CASE("five fast swipes move five items without queuing five transitions") {
    Visitor v(exhibit(false));
    v.run_to(3000ms);
    for (int i = 0; i < 5; ++i) {
        v.swipe(1600, 1000, 120ms, kH / 2.0, 4);
        v.run_for(60ms);
    }
    // Each swipe cut the previous slide short: 5 items on in about a second, not 5 x 450 ms later.
    CHECK(v.shown() == 5u);
    CHECK(v.now < 3000ms + 1000ms);
    CHECK(v.settled() == 5u);
    CHECK(v.count_logs("event=navigate") == 5);
}

TEST_CASE("the menu opens sections; a nested level, navigation inside a section, and back") {
    Visitor v(exhibit());
    v.run_to(2000ms);
    v.tap(kW / 2.0, kH / 2.0);
    v.tap(v.target(Control::menu).rect);
    CHECK(v.visit.scene().overlay.panel == Overlay::Panel::menu);
    v.run_for(400ms);
    CHECK(v.visit.scene().overlay.controls == 0.0);  // the menu replaces them
    // Top level: highlights, documents, gallery (the nested ones are under documents).
    const auto tiles = v.visit.layout().menu(MenuShape{3, 0, false});
    auto tile = [&](const std::vector<Target>& ts, std::size_t i) {
        for (const auto& t : ts) {
            if (t.control == Control::menu_tile && t.index == i) return t.rect;
        }
        FAIL("no tile");
        return Rect{};
    };
    v.tap(tile(tiles, 1));  // documents: a parent
    CHECK(v.visit.scene().overlay.panel == Overlay::Panel::menu);
    CHECK(v.visit.scene().overlay.menu_parent == 1u);
    const auto nested = v.visit.layout().menu(MenuShape{2, 0, true});
    v.tap(tile(nested, 1));  // others: items 5 and 6
    v.run_for(400ms);
    CHECK(v.visit.scene().overlay.panel == Overlay::Panel::none);
    CHECK(v.visit.show().sequence() == 3u);
    CHECK(v.settled() == 5u);
    // Next runs inside the section and wraps within it.
    v.swipe(1600, 1000, 120ms);
    CHECK(v.settled() == 6u);
    v.swipe(1600, 1000, 120ms);
    CHECK(v.settled() == 5u);
    // Back returns to where the visitor came from, in its sequence.
    CHECK(v.visit.history_size() == 1u);
    v.tap(kW / 2.0, kH / 2.0);
    v.tap(v.target(Control::back).rect);
    CHECK(v.settled() == 0u);
    CHECK(v.visit.show().sequence() == 0u);
    CHECK(v.visit.history_size() == 0u);

    SUBCASE("the close button closes the menu and nothing moves") {
        v.tap(kW / 2.0, kH / 2.0);
        v.tap(v.target(Control::menu).rect);
        v.tap(v.target(Control::menu_close).rect);
        v.run_for(400ms);
        CHECK(v.visit.scene().overlay.panel == Overlay::Panel::none);
        CHECK(v.settled() == 0u);
    }
}

TEST_CASE("a link button goes to its item and back returns; a hotspot over an image follows its link") {
    Visitor v(exhibit(false));
    v.run_to(1000ms);
    v.send(GoTo{1, true, true});
    REQUIRE(v.settled() == 1u);
    const auto links = v.visit.layout().links(v.visit.playlist().items[1].links);
    REQUIRE(links.size() == 1);
    v.tap(links[0].rect);
    CHECK(v.settled() == 2u);
    CHECK(v.count_logs("event=link to=doc-full") == 1);
    v.tap(kW / 2.0, kH / 2.0);
    v.tap(v.target(Control::back).rect);
    CHECK(v.settled() == 1u);

    SUBCASE("hotspot") {
        v.send(GoTo{3, true, true});
        REQUIRE(v.settled() == 3u);
        const Rect spot = v.visit.layout().region(Region{0.1, 0.2, 0.3, 0.3});
        v.tap(spot);
        CHECK(v.settled() == 1u);
        // Outside the hotspot a tap only shows the controls.
        v.send(GoTo{3, true, true});
        REQUIRE(v.settled() == 3u);
        v.tap(kW * 0.8, kH * 0.3);
        CHECK(v.settled() == 3u);
        CHECK(v.count_logs("event=link to=doc-a") == 1);
    }
}

TEST_CASE("the language button switches every item at once and the idle return resets it") {
    Visitor v(exhibit());
    v.run_to(2000ms);
    REQUIRE(v.prepares.back().language == "en");
    v.tap(kW / 2.0, kH / 2.0);
    v.prepares.clear();
    v.tap(v.target(Control::language, 1).rect);
    CHECK(v.visit.scene().language == "pt");
    v.run_for(16ms);
    CHECK(v.visit.scene().overlay.language == 1u);
    REQUIRE_FALSE(v.prepares.empty());
    // Everything prepared from now on is in Portuguese, the item on screen first.
    CHECK(std::all_of(v.prepares.begin(), v.prepares.end(), [](const Prepare& p) { return p.language == "pt"; }));
    CHECK(v.prepares.front().index == 0u);
    CHECK(v.settled() == 0u);  // the same item, in the new language
    CHECK(v.visit.scene().current->generation == v.visit.show().generation());

    v.run_for(61s);
    CHECK(v.visit.scene().language == "en");
    CHECK(v.prepares.back().language == "en");
    CHECK(v.count_logs("event=idle-return") == 1);
}

TEST_CASE("idle return: a warning before it, a touch during it keeps the visit, then back to the attract loop") {
    Visitor v(exhibit());
    v.run_to(1000ms);
    v.tap(kW / 2.0, kH / 2.0);
    v.tap(v.target(Control::menu).rect);
    const auto tiles = v.visit.layout().menu(MenuShape{3, 0, false});
    v.tap(std::find_if(tiles.begin(), tiles.end(), [](const Target& t) {
              return t.control == Control::menu_tile && t.index == 2;
          })->rect);  // gallery
    const Millis last_touch = v.now;
    CHECK(v.settled() == 3u);

    v.run_to(last_touch + 49s);
    CHECK_FALSE(v.visit.scene().overlay.idle_left);
    v.run_to(last_touch + 51s);
    REQUIRE(v.visit.scene().overlay.idle_left);
    CHECK(*v.visit.scene().overlay.idle_left == 9000ms);
    // A tap during the warning only keeps the visit going: no controls, no link followed.
    const Rect spot = v.visit.layout().region(Region{0.1, 0.2, 0.3, 0.3});
    v.tap(spot);
    const Millis kept_at = v.now;
    CHECK_FALSE(v.visit.scene().overlay.idle_left);
    CHECK(v.settled() == 3u);
    CHECK(v.visit.scene().overlay.controls == 0.0);
    CHECK(v.count_logs("event=link") == 0);

    v.run_to(kept_at + 59s);
    CHECK(v.visit.engaged());
    v.run_to(v.now + 2s);
    CHECK_FALSE(v.visit.engaged());
    CHECK(v.visit.show().sequence() == 0u);
    CHECK(v.settled() == 0u);
    CHECK(v.visit.history_size() == 0u);
    CHECK(v.visit.scene().overlay.panel == Overlay::Panel::none);
}

TEST_CASE("while a visitor is engaged timed items wait, unless the playlist says they advance") {
    SUBCASE("they wait") {
        Visitor v(exhibit(false));
        v.run_to(1000ms);
        v.tap(kW / 2.0, kH / 2.0);
        v.run_for(30s);
        CHECK(v.shown() == 0u);
        v.run_for(40s);  // idle return (60 s after the tap), then the loop runs again
        CHECK_FALSE(v.visit.engaged());
        const auto at_return = v.shown();
        v.run_for(12s);
        CHECK(v.shown() != at_return);
    }
    SUBCASE("advance_while_engaged") {
        auto p = exhibit(false);
        p->exhibit.advance_while_engaged = true;
        Visitor v(p);
        v.run_to(1000ms);
        v.tap(kW / 2.0, kH / 2.0);
        v.run_for(12s);
        CHECK(v.shown() == 1u);
    }
}

TEST_CASE("a tap on a clip pauses and resumes it; the progress line seeks it") {
    Visitor v(exhibit(false));
    v.run_to(1000ms);
    v.send(GoTo{4, true, true});
    REQUIRE(v.settled() == 4u);
    v.tap(kW / 2.0, kH / 2.0);
    CHECK(v.visit.scene().paused);
    CHECK(v.visit.scene().overlay.controls > 0.0);
    CHECK_FALSE(v.visit.scene().overlay.playing);
    v.tap(kW / 2.0, kH / 2.0);
    CHECK_FALSE(v.visit.scene().paused);

    v.send(MediaProgress{v.visit.show().generation(), 4, 0.25});
    CHECK(v.visit.scene().overlay.progress == doctest::Approx(0.25));
    CHECK(v.visit.scene().overlay.seekable);
    const Rect line = v.visit.layout().progress_line();
    v.log.clear();
    v.tap(line.x + line.w * 0.75, line.y + line.h / 2.0);
    std::vector<SeekMedia> seeks;
    for (const auto& c : v.log) {
        if (auto* s = std::get_if<SeekMedia>(&c)) seeks.push_back(*s);
    }
    REQUIRE_FALSE(seeks.empty());
    CHECK(seeks.back().index == 4u);
    CHECK(seeks.back().fraction == doctest::Approx(0.75).epsilon(0.01));
    CHECK_FALSE(v.visit.scene().paused);  // a seek is no pause

    SUBCASE("dragging along the line seeks as the finger moves") {
        v.log.clear();
        v.point(TouchPoint::Phase::down, line.x + line.w * 0.2, line.y);
        v.run_for(50ms);
        v.point(TouchPoint::Phase::move, line.x + line.w * 0.4, line.y);
        v.run_for(50ms);
        v.point(TouchPoint::Phase::move, line.x + line.w * 0.6, line.y);
        v.point(TouchPoint::Phase::up, line.x + line.w * 0.6, line.y);
        std::vector<double> fractions;
        for (const auto& c : v.log) {
            if (auto* s = std::get_if<SeekMedia>(&c)) fractions.push_back(s->fraction);
        }
        REQUIRE(fractions.size() >= 2);
        CHECK(fractions.back() == doctest::Approx(0.6).epsilon(0.01));
        CHECK(v.settled() == 4u);  // the item did not move with the finger
    }
}

TEST_CASE("a swipe up turns the page of a long text, a swipe down turns it back") {
    Visitor v(exhibit(false));
    v.run_to(1000ms);
    v.send(GoTo{5, true, true});
    REQUIRE(v.settled() == 5u);
    v.point(TouchPoint::Phase::down, kW / 2.0, 800);
    for (int i = 1; i <= 4; ++i) {
        v.run_for(25ms);
        v.point(TouchPoint::Phase::move, kW / 2.0, 800 - 100.0 * i);
    }
    v.point(TouchPoint::Phase::up, kW / 2.0, 400);
    REQUIRE(v.visit.scene().current);
    CHECK(v.visit.scene().current->page == 1u);
    CHECK(v.visit.scene().current->index == 5u);
    v.point(TouchPoint::Phase::down, kW / 2.0, 300);
    for (int i = 1; i <= 4; ++i) {
        v.run_for(25ms);
        v.point(TouchPoint::Phase::move, kW / 2.0, 300 + 100.0 * i);
    }
    v.point(TouchPoint::Phase::up, kW / 2.0, 700);
    CHECK(v.visit.scene().current->page == 0u);
}

TEST_CASE("staff leave by a hold in the corner and the PIN; visitors cannot") {
    Visitor v(exhibit());
    v.run_to(1000ms);
    const Rect corner = v.visit.layout().staff_corner(Corner::top_left);
    auto hold = [&](Millis d) {
        v.point(TouchPoint::Phase::down, corner.x + 10, corner.y + 10);
        v.run_for(d);
        v.point(TouchPoint::Phase::up, corner.x + 10, corner.y + 10);
    };
    SUBCASE("a short hold does nothing") {
        hold(3s);
        CHECK(v.visit.scene().overlay.panel == Overlay::Panel::none);
    }
    SUBCASE("the right PIN exits; a wrong one says so") {
        hold(5200ms);
        REQUIRE(v.visit.scene().overlay.panel == Overlay::Panel::pin);
        for (std::size_t d : {1u, 2u, 3u, 4u}) v.tap(v.target(Control::pin_digit, d).rect);
        CHECK(v.visit.scene().overlay.pin_digits == 4u);
        v.tap(v.target(Control::pin_ok).rect);
        CHECK(v.visit.scene().overlay.pin_wrong);
        CHECK(v.visit.scene().overlay.pin_digits == 0u);
        CHECK_FALSE(v.exited);
        for (std::size_t d : {2u, 4u, 6u, 8u}) v.tap(v.target(Control::pin_digit, d).rect);
        v.tap(v.target(Control::pin_ok).rect);
        CHECK(v.exited);
    }
    SUBCASE("five wrong PINs lock the keypad for a minute") {
        hold(5200ms);
        for (int attempt = 0; attempt < 5; ++attempt) {
            v.tap(v.target(Control::pin_digit, 1).rect);
            v.tap(v.target(Control::pin_ok).rect);
        }
        for (std::size_t d : {2u, 4u, 6u, 8u}) v.tap(v.target(Control::pin_digit, d).rect);
        v.tap(v.target(Control::pin_ok).rect);
        CHECK_FALSE(v.exited);
        CHECK(v.count_logs("event=staff-pin-locked") == 1);
    }
    SUBCASE("an abandoned keypad closes") {
        hold(5200ms);
        v.run_for(Visit::kPinTimeout + 1s);
        CHECK(v.visit.scene().overlay.panel == Overlay::Panel::none);
    }
    SUBCASE("no gesture anywhere else opens it") {
        v.point(TouchPoint::Phase::down, kW / 2.0, kH / 2.0);
        v.run_for(8s);
        v.point(TouchPoint::Phase::up, kW / 2.0, kH / 2.0);
        v.swipe(10, 1900, 300ms, 10);
        v.swipe(1900, 10, 300ms, kH - 10.0);
        CHECK(v.visit.scene().overlay.panel == Overlay::Panel::none);
        CHECK_FALSE(v.exited);
    }
}

TEST_CASE("the controls and the menu fit a portrait screen with targets of at least 15 mm") {
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        CAPTURE(w);
        const TouchLayout layout(w, h, 32.0);
        CHECK(layout.target() >= 15.0 * layout.px_per_mm());
        CHECK(layout.target() >= 44);
        const Rect screen{0, 0, w, h};
        auto inside = [&](const Rect& r) { return r.x >= 0 && r.y >= 0 && r.x + r.w <= screen.w && r.y + r.h <= screen.h; };
        const auto controls = layout.controls(3, true, true, true);
        for (const auto& t : controls) CHECK(inside(t.rect));
        // No two controls overlap: a finger meets one target.
        for (std::size_t i = 0; i < controls.size(); ++i) {
            for (std::size_t j = i + 1; j < controls.size(); ++j) {
                const Rect& a = controls[i].rect;
                const Rect& b = controls[j].rect;
                const bool apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                CHECK(apart);
            }
        }
        for (const auto& t : layout.menu(MenuShape{9, 1, true})) CHECK(inside(t.rect));
        for (const auto& t : layout.pin_pad()) CHECK(inside(t.rect));
    }
}
