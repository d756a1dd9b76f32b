// `vitrine play` driven by touches through SDL's event queue (--touch-script), on the dummy video
// driver: a visitor taps, picks a language, and staff leave by the corner hold and the PIN. The
// same script measures the time from each touch to the frame that shows it.
#include <doctest/doctest.h>

#include "app/run_command.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/touch_layout.hpp"

namespace fs = std::filesystem;
using vitrine::test::output_of;
using vitrine::core::Control;
using vitrine::core::Rect;
using vitrine::core::TouchLayout;

namespace {

std::size_t count(const std::string& haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

// A tap in the middle of `r` at `ms`: down, then up 60 ms later.
void tap(std::ostream& script, int ms, const Rect& r) {
    script << ms << " down " << r.x + r.w / 2 << ' ' << r.y + r.h / 2 << '\n';
    script << ms + 60 << " up " << r.x + r.w / 2 << ' ' << r.y + r.h / 2 << '\n';
}

}  // namespace

TEST_CASE("a scripted visit: a tap shows the controls, a language is chosen, staff leave with the PIN") {
    const fs::path dir = fs::temp_directory_path() / ("vitrine-touch-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "p.toml") << R"([exhibit]
title = "Touch"
languages = ["en", "pt"]
duration = "20s"
[exhibit.staff_exit]
corner = "top-left"
hold = "2s"
pin = "2468"
[[item]]
id = "hello"
kind = "text"
title = { en = "Hello", pt = "Olá" }
text = { en = "A panel a visitor reads.", pt = "Um painel que um visitante lê." }
)";
    const int w = 960, h = 540;
    const TouchLayout layout(w, h, 32.0);
    auto target = [&](Control c, std::size_t index) {
        auto all = layout.controls(2, false, true, false);
        const auto pin = layout.pin_pad();
        all.insert(all.end(), pin.begin(), pin.end());
        for (const auto& t : all) {
            if (t.control == c && t.index == index) return t.rect;
        }
        FAIL("no target");
        return Rect{};
    };
    std::ostringstream script;
    tap(script, 800, Rect{w / 2 - 5, h / 2 - 5, 10, 10});  // shows the controls
    tap(script, 1400, target(Control::language, 1));      // Português
    const Rect corner = layout.staff_corner(vitrine::core::Corner::top_left);
    script << 2200 << " down " << corner.x + 5 << ' ' << corner.y + 5 << '\n';
    script << 4500 << " up " << corner.x + 5 << ' ' << corner.y + 5 << '\n';
    int at = 5000;
    for (std::size_t d : {2u, 4u, 6u, 8u}) {
        tap(script, at, target(Control::pin_digit, d));
        at += 300;
    }
    tap(script, at, target(Control::pin_ok, 0));
    std::ofstream(dir / "touches.txt") << script.str();

    const std::string out = output_of("SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy " + std::string(VITRINE_BINARY) + " play " +
                                (dir / "p.toml").string() + " --window 960x540 --stop-after 20 --touch-script " +
                                (dir / "touches.txt").string());
    CAPTURE(out);
    CHECK(count(out, "event=visit-start") == 1);
    CHECK(count(out, "event=language language=pt") == 1);
    CHECK(count(out, "event=staff-keypad") == 1);
    CHECK(count(out, "event=staff-exit") == 1);
    CHECK(count(out, "event=staff-pin-wrong") == 0);
    // It left by the PIN, long before --stop-after: the exit line sums up the measured touches.
    CHECK(out.find("event=exit") != std::string::npos);
    CHECK(out.find("inputs_measured=") != std::string::npos);
    CHECK(count(out, "event=input-latency") >= 6);

    SUBCASE("a wrong PIN keeps the exhibit running") {
        std::ostringstream wrong;
        wrong << 500 << " down " << corner.x + 5 << ' ' << corner.y + 5 << '\n';
        wrong << 2800 << " up " << corner.x + 5 << ' ' << corner.y + 5 << '\n';
        tap(wrong, 3200, target(Control::pin_digit, 1));
        tap(wrong, 3500, target(Control::pin_ok, 0));
        std::ofstream(dir / "wrong.txt") << wrong.str();
        const std::string kept = output_of("SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy " + std::string(VITRINE_BINARY) +
                                     " play " + (dir / "p.toml").string() +
                                     " --window 960x540 --stop-after 5 --touch-script " + (dir / "wrong.txt").string());
        CAPTURE(kept);
        CHECK(count(kept, "event=staff-pin-wrong") == 1);
        CHECK(count(kept, "event=staff-exit") == 0);
        CHECK(kept.find("event=exit") != std::string::npos);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
}
