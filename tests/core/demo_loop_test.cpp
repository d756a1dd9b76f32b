// The demo exhibit run with a scripted clock. Through the Show alone: every item in order, each for
// its duration (or reading time), its own transition, then the loop begins again; pause and
// next/previous on the way. Through the Visit: the attract loop of highlights while nobody is
// there, a visitor's walk through the menu, a swipe, a link, Portuguese and back, the return to
// the attract loop when they leave, and the staff's way out. Runs in milliseconds of test time.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/playlist_loader.hpp"
#include "core/show.hpp"
#include "core/visit.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kRepo = (fs::path(VITRINE_FIXTURES) / ".." / "..").lexically_normal();
constexpr Millis kFrame{10};  // the scripted clock's step: well under a frame at 60 Hz

std::shared_ptr<const Playlist> demo() {
    LoadOptions options;
    options.fonts_dir = kRepo / "fonts";
    auto out = load_playlist(kRepo / "playlists" / "demo.toml", options);
    REQUIRE(out.playlist);
    return std::make_shared<const Playlist>(*out.playlist);
}

std::size_t item_index(const Playlist& p, std::string_view id) {
    const auto i = find_item(p, id);
    REQUIRE_MESSAGE(i.has_value(), "no item ", std::string(id));
    return *i;
}

std::size_t section_index(const Playlist& p, std::string_view id) {
    const auto s = find_section(p, id);
    REQUIRE_MESSAGE(s.has_value(), "no section ", std::string(id));
    return *s;
}

bool is_background(const Item& item) {
    const auto* audio = std::get_if<AudioItem>(&item.body);
    return audio && audio->background;
}

// An item's whole turn on screen: its entry transition and its duration.
Millis turn(const Item& item, const Exhibit& exhibit) {
    const auto t = transition_into(item, exhibit);
    return (t.kind == TransitionKind::cut ? 0ms : t.duration) + item_duration(item, exhibit);
}

struct Shown {
    std::size_t index;
    Millis at;
    TransitionKind transition;
};

// The item coming on screen (the incoming one during a transition), or SIZE_MAX.
std::size_t on_screen(const Scene& s) {
    return s.incoming ? s.incoming->index : (s.current ? s.current->index : SIZE_MAX);
}

// Ticks the show every 10 ms from `from` to `to`, preparing every item at once (clips report the
// length their placeholder would: the exhibit default). Returns each item's entry.
std::vector<Shown> run(Show& show, Millis from, Millis to) {
    std::vector<Shown> shown;
    std::optional<std::size_t> last;
    for (Millis t = from; t <= to; t += kFrame) {
        for (auto& c : show.handle(Tick{t}))
            if (auto* p = std::get_if<Prepare>(&c))
                show.handle(ItemReady{p->generation, p->index, show.playlist().exhibit.default_duration});
        const Scene& s = show.scene();
        const auto on = on_screen(s);
        if (on != SIZE_MAX && on != last) {
            shown.push_back({on, t, s.incoming ? s.transition : TransitionKind::cut});
            last = on;
        }
    }
    return shown;
}

// The demo on a 1920x1080 touch screen: a Visit with a scripted clock and fingers. Every Prepare
// is answered at once and remembered (with its language), as the app's preparation would be.
struct Kiosk {
    std::shared_ptr<const Playlist> playlist = demo();
    Visit visit{playlist};
    Millis now{0};
    std::vector<Prepare> prepared;
    std::vector<Shown> shown;
    bool exited = false;
    Millis last_touch{0};

    const Playlist& p() const { return *playlist; }
    const Scene& scene() const { return visit.scene(); }

    void answer(std::vector<Command> commands) {
        for (std::size_t k = 0; k < commands.size(); ++k) {
            if (const auto* prep = std::get_if<Prepare>(&commands[k])) {
                const Prepare asked = *prep;
                prepared.push_back(asked);
                auto more = visit.handle(ItemReady{asked.generation, asked.index, p().exhibit.default_duration});
                commands.insert(commands.end(), more.begin(), more.end());
            }
            if (std::holds_alternative<Exit>(commands[k])) exited = true;
        }
        const auto on = on_screen(visit.show().scene());
        if (on != SIZE_MAX && (shown.empty() || shown.back().index != on)) {
            const Scene& s = visit.show().scene();
            shown.push_back({on, now, s.incoming ? s.transition : TransitionKind::cut});
        }
    }
    void run_until(Millis t) {
        while (now + kFrame <= t) {
            now += kFrame;
            answer(visit.handle(Tick{now}));
        }
    }
    void wait(Millis d) { run_until(now + d); }
    void touch(TouchPoint::Phase phase, double x, double y) {
        last_touch = now;
        answer(visit.handle(TouchPoint{phase, 1, x, y, now}));
    }

    // A finger down and up at one point, 60 ms apart; then a little time for what it started.
    void tap(double x, double y) {
        touch(TouchPoint::Phase::down, x, y);
        wait(60ms);
        touch(TouchPoint::Phase::up, x, y);
        wait(40ms);
    }
    void tap(const Rect& r) { tap(r.x + r.w / 2.0, r.y + r.h / 2.0); }
    // A quick sweep from right to left across half the screen: next item.
    void swipe_left() {
        double x = 1500;
        touch(TouchPoint::Phase::down, x, 540);
        for (int k = 0; k < 10; ++k) {
            wait(kFrame);
            x -= 100;
            touch(TouchPoint::Phase::move, x, 540);
        }
        touch(TouchPoint::Phase::up, x, 540);
    }

    // The target of `control` (with `index`) among `targets`; fails the test if there is none.
    static Rect find(const std::vector<Target>& targets, Control control, std::size_t index = 0) {
        const auto t = std::find_if(targets.begin(), targets.end(),
                                    [&](const Target& t) { return t.control == control && t.index == index; });
        REQUIRE_MESSAGE(t != targets.end(), "no such target on screen");
        return t->rect;
    }
    // Shows the controls if they are hidden (a tap on the middle of the item), then taps `control`.
    void tap_control(Control control, std::size_t index = 0) {
        if (scene().overlay.controls == 0.0) {
            tap(960, 540);
            wait(200ms);  // faded in
        }
        REQUIRE(scene().overlay.controls == 1.0);
        const Overlay& o = scene().overlay;
        tap(find(visit.layout().controls(p().exhibit.languages.size(), o.back, o.progress.has_value(), o.menu), control,
                 index));
    }
    void tap_tile(std::size_t index) {
        const Overlay& o = scene().overlay;
        REQUIRE(o.panel == Overlay::Panel::menu);
        const MenuShape shape{child_sections(p(), o.menu_parent).size(), o.menu_page, o.menu_parent.has_value()};
        tap(find(visit.layout().menu(shape), Control::menu_tile, index));
    }
    void tap_link(std::size_t index) {
        const auto& links = p().items.at(current()).links;
        tap(find(visit.layout().links(links), Control::link, index));
    }
    std::size_t current() const {
        REQUIRE(scene().current);
        return scene().current->index;
    }
    std::string current_id() const { return p().items.at(current()).id; }
    // The language the latest preparation asked for.
    std::string last_prepared_language() const {
        REQUIRE_FALSE(prepared.empty());
        return prepared.back().language;
    }
};

}  // namespace

TEST_CASE("the whole demo playlist plays every item in order, for its time, with its transition, and loops") {
    const auto p = demo();
    Show show(p);  // no section chosen: the whole playlist, as `vitrine play --once` and the keys walk it
    // The items that come on screen: all but background sound, which plays under others.
    std::vector<std::size_t> screen;
    for (std::size_t i = 0; i < p->items.size(); ++i)
        if (!is_background(p->items[i])) screen.push_back(i);
    const std::size_t n = screen.size();
    REQUIRE(n == p->items.size() - 1);
    // Three whole loops: far more than a visitor sees, in a few milliseconds of test time.
    Millis loop{0};
    for (const std::size_t i : screen) loop += turn(p->items[i], p->exhibit);
    const auto shown = run(show, 0ms, 3 * loop + 5s);
    REQUIRE(shown.size() >= 3 * n);
    for (std::size_t k = 0; k < 3 * n; ++k) {
        CAPTURE(k);
        const std::size_t index = screen[k % n];
        CHECK(shown[k].index == index);
        if (k == 0) continue;  // the first item fades in from the background
        CHECK(shown[k].transition == transition_into(p->items[index], p->exhibit).kind);
        // The previous item stayed its entry transition plus its duration, to within a tick.
        const Millis expected = turn(p->items[screen[(k + n - 1) % n]], p->exhibit);
        CHECK(std::abs((shown[k].at - shown[k - 1].at - expected).count()) <= 10);
    }
}

TEST_CASE("in the demo, pause holds a panel and next/previous move from it") {
    const auto p = demo();
    Show show(p);
    run(show, 0ms, 3s);
    REQUIRE(show.scene().current);
    const std::size_t first = show.scene().current->index;
    REQUIRE(first == item_index(*p, "introduction"));
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

TEST_CASE("in the demo's gallery the background sound plays under every picture and stops after them") {
    const auto p = demo();
    Show show(p);
    const std::size_t ambience = item_index(*p, "gallery-ambience");
    run(show, 0ms, 2s);  // the introduction: no sound under it
    CHECK_FALSE(show.background().has_value());
    show.handle(SetSequence{section_index(*p, "gallery")});
    show.handle(GoTo{item_index(*p, "mandelbrot"), true, true});
    Millis t{2010};
    for (const char* id : {"mandelbrot", "drawing", "portrait", "reading-room"}) {
        CAPTURE(id);
        run(show, t, t + 3s);
        t += 3s + kFrame;
        REQUIRE(show.scene().current);
        CHECK(p->items[show.scene().current->index].id == id);
        CHECK(show.background() == std::optional<std::size_t>{ambience});
        show.handle(Navigate{+1});
    }
    // Past the last picture the gallery begins again: still under the sound.
    run(show, t, t + 3s);
    t += 3s + kFrame;
    CHECK(p->items[show.scene().current->index].id == "mandelbrot");
    CHECK(show.background() == std::optional<std::size_t>{ambience});
    // The films: no background sound.
    show.handle(SetSequence{section_index(*p, "films")});
    show.handle(GoTo{item_index(*p, "demo-clip"), true, true});
    run(show, t, t + 3s);
    CHECK(p->items[show.scene().current->index].id == "demo-clip");
    CHECK_FALSE(show.background().has_value());
}

TEST_CASE("with nobody at the demo, its highlights play in order, in English, and loop") {
    Kiosk k;
    const Playlist& p = k.p();
    const auto highlights = p.sections.at(section_index(p, "highlights")).items;
    const std::size_t n = highlights.size();
    Millis loop{0};
    for (const std::size_t i : highlights) loop += turn(p.items[i], p.exhibit);
    k.run_until(3 * loop + 5s);
    REQUIRE(k.shown.size() >= 3 * n);
    for (std::size_t j = 0; j < 3 * n; ++j) {
        CAPTURE(j);
        CHECK(k.shown[j].index == highlights[j % n]);
        if (j == 0) continue;
        CHECK(k.shown[j].transition == transition_into(p.items[highlights[j % n]], p.exhibit).kind);
        const Millis expected = turn(p.items[highlights[(j + n - 1) % n]], p.exhibit);
        CHECK(std::abs((k.shown[j].at - k.shown[j - 1].at - expected).count()) <= 20);
    }
    CHECK(k.visit.show().sequence() == std::optional<std::size_t>{section_index(p, "highlights")});
    CHECK(k.scene().language == "en");
    CHECK(k.scene().overlay.controls == 0.0);
    for (const Prepare& prep : k.prepared) CHECK(prep.language == "en");
}

TEST_CASE("a visitor at the demo: menu, a nested section, a swipe, a link, Portuguese, back, and the return when they leave") {
    Kiosk k;
    const Playlist& p = k.p();
    k.run_until(5s);
    REQUIRE(k.current_id() == "introduction");

    // The menu: five tiles; Documents opens a second level; Soviet documents opens its first item.
    k.tap_control(Control::menu);
    k.wait(300ms);
    REQUIRE(k.scene().overlay.panel == Overlay::Panel::menu);
    CHECK_FALSE(k.scene().overlay.menu_parent.has_value());
    k.tap_tile(2);
    CHECK(k.scene().overlay.menu_parent == std::optional<std::size_t>{section_index(p, "documents")});
    k.tap_tile(0);
    k.wait(1s);
    CHECK(k.current_id() == "lenin-moscow-soviet");
    CHECK(k.visit.show().sequence() == std::optional<std::size_t>{section_index(p, "soviet-documents")});
    CHECK(k.scene().overlay.panel == Overlay::Panel::none);

    // A visitor reading is not hurried: long past its time, the panel is still there.
    k.wait(40s);
    CHECK(k.current_id() == "lenin-moscow-soviet");

    // A swipe to the left: the next document of the section.
    k.swipe_left();
    k.wait(1s);
    CHECK(k.current_id() == "constitution-article-122");

    // "Read the full text".
    k.tap_link(0);
    k.wait(1s);
    CHECK(k.current_id() == "constitution-article-122-full");
    CHECK(k.visit.history_size() == 2);  // the highlights' introduction, then the passage

    // Português: the same place, prepared again in Portuguese.
    k.tap_control(Control::language, 1);
    k.wait(1s);
    CHECK(k.scene().language == "pt");
    CHECK(k.last_prepared_language() == "pt");
    CHECK(k.current_id() == "constitution-article-122-full");
    CHECK(k.scene().overlay.language == 1);

    // Back: to the passage, still in Portuguese.
    k.tap_control(Control::back);
    k.wait(1s);
    CHECK(k.current_id() == "constitution-article-122");
    CHECK(k.scene().language == "pt");

    // They leave. Ten seconds before the minute is up the warning shows; then the highlights
    // come back from their start, in English, with nothing left of the visit.
    const Millis left_at = k.last_touch;  // the back control's release
    k.run_until(left_at + 49s);
    CHECK_FALSE(k.scene().overlay.idle_left.has_value());
    CHECK(k.current_id() == "constitution-article-122");
    k.run_until(left_at + 51s);
    CHECK(k.scene().overlay.idle_left.has_value());
    k.run_until(left_at + 63s);
    CHECK_FALSE(k.scene().overlay.idle_left.has_value());
    CHECK(k.current_id() == "introduction");
    CHECK(k.visit.show().sequence() == std::optional<std::size_t>{section_index(p, "highlights")});
    CHECK(k.scene().language == "en");
    CHECK(k.last_prepared_language() == "en");
    CHECK(k.scene().overlay.language == 0);
    CHECK(k.visit.history_size() == 0);
    CHECK_FALSE(k.visit.engaged());
    CHECK(k.scene().overlay.controls == 0.0);
    CHECK(k.scene().overlay.panel == Overlay::Panel::none);
}

TEST_CASE("a visitor touching the demo's shelves opens the reading list, and its button opens the Documents menu") {
    Kiosk k;
    const Playlist& p = k.p();
    // The reading room is the highlights' last item: wait for it.
    const std::size_t room = item_index(p, "reading-room");
    while (k.now < 10min && !(k.scene().current && k.scene().current->index == room && !k.scene().incoming)) k.wait(100ms);
    REQUIRE(k.current_id() == "reading-room");
    k.tap(960, 540);  // the middle of the screen: on the hotspot over the shelves
    k.wait(1s);
    CHECK(k.current_id() == "reading-list");
    CHECK(k.visit.show().sequence() == std::optional<std::size_t>{section_index(p, "library")});
    k.tap_link(0);  // "Read passages from these books": a section with sections under it
    k.wait(300ms);
    CHECK(k.scene().overlay.panel == Overlay::Panel::menu);
    CHECK(k.scene().overlay.menu_parent == std::optional<std::size_t>{section_index(p, "documents")});
}

TEST_CASE("staff leave the demo by holding its top-left corner for five seconds and typing 2468") {
    Kiosk k;
    k.run_until(2s);
    const Rect corner = k.visit.layout().staff_corner(Corner::top_left);
    const double x = corner.x + corner.w / 2.0, y = corner.y + corner.h / 2.0;

    SUBCASE("a hold shorter than five seconds opens nothing") {
        k.touch(TouchPoint::Phase::down, x, y);
        k.wait(4800ms);
        k.touch(TouchPoint::Phase::up, x, y);
        k.wait(500ms);
        CHECK(k.scene().overlay.panel == Overlay::Panel::none);
    }
    SUBCASE("the keypad, a wrong PIN, then the right one") {
        k.touch(TouchPoint::Phase::down, x, y);
        k.wait(5100ms);
        k.touch(TouchPoint::Phase::up, x, y);
        k.wait(300ms);
        REQUIRE(k.scene().overlay.panel == Overlay::Panel::pin);
        const auto pad = k.visit.layout().pin_pad();
        for (const std::size_t d : {1, 2, 3, 4}) k.tap(Kiosk::find(pad, Control::pin_digit, d));
        k.tap(Kiosk::find(pad, Control::pin_ok));
        CHECK(k.scene().overlay.pin_wrong);
        CHECK_FALSE(k.exited);
        for (const std::size_t d : {2, 4, 6, 8}) k.tap(Kiosk::find(pad, Control::pin_digit, d));
        CHECK(k.scene().overlay.pin_digits == 4);
        k.tap(Kiosk::find(pad, Control::pin_ok));
        CHECK(k.exited);
    }
}
