// TouchInput: SDL finger and mouse events, built by hand, turned into the core's touch points in
// renderer output pixels, on the show's clock; synthesized duplicates dropped, a press that
// loses the window cancelled.
#include <doctest/doctest.h>

#include <SDL.h>

#include <cstring>
#include <optional>

#include "core/gesture_recognizer.hpp"
#include "platform/sdl_ptr.hpp"
#include "platform/touch_input.hpp"

using namespace vitrine;
using core::Millis;
using core::TouchPoint;
using platform::TouchInput;
using Phase = TouchPoint::Phase;

namespace {

SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y, Uint32 timestamp = 0) {
    SDL_Event e{};
    e.tfinger.type = type;
    e.tfinger.timestamp = timestamp;
    e.tfinger.touchId = 7;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.pressure = 1.0f;
    return e;
}

SDL_Event button(Uint32 type, int x, int y, Uint8 which_button = SDL_BUTTON_LEFT, Uint32 which = 0) {
    SDL_Event e{};
    e.button.type = type;
    e.button.which = which;
    e.button.button = which_button;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    return e;
}

SDL_Event motion(int x, int y, Uint32 state = SDL_BUTTON_LMASK, Uint32 which = 0) {
    SDL_Event e{};
    e.motion.type = SDL_MOUSEMOTION;
    e.motion.which = which;
    e.motion.state = state;
    e.motion.x = x;
    e.motion.y = y;
    return e;
}

SDL_Event window(Uint8 event) {
    SDL_Event e{};
    e.window.type = SDL_WINDOWEVENT;
    e.window.event = event;
    return e;
}

TouchPoint point(TouchInput& in, const SDL_Event& e, int now_ms) {
    const auto p = in.translate(e, Millis{now_ms});
    REQUIRE(p.has_value());
    return *p;
}

}  // namespace

TEST_CASE("finger events become points in output pixels, on the show's clock, with the finger's id") {
    TouchInput in;
    in.set_size(3840, 2160, 1920, 1080);

    const auto down = point(in, finger(SDL_FINGERDOWN, 42, 0.25f, 0.5f, 123456), 1000);
    CHECK(down.phase == Phase::down);
    CHECK(down.finger == 42);
    CHECK(down.x == doctest::Approx(960));
    CHECK(down.y == doctest::Approx(1080));
    CHECK(down.at == Millis{1000});  // not the SDL timestamp...
    CHECK(in.last_event_ticks() == 123456);  // ...which is kept for latency measurement

    const auto move = point(in, finger(SDL_FINGERMOTION, 42, 0.75f, 0.5f, 123470), 1016);
    CHECK(move.phase == Phase::move);
    CHECK(move.x == doctest::Approx(2880));
    CHECK(move.at == Millis{1016});
    CHECK(in.last_event_ticks() == 123470);

    const auto up = point(in, finger(SDL_FINGERUP, 42, 1.0f, 0.0f), 1032);
    CHECK(up.phase == Phase::up);
    CHECK(up.x == doctest::Approx(3840));
    CHECK(up.y == doctest::Approx(0));

    SUBCASE("a lifted finger's late motion is dropped") {
        CHECK_FALSE(in.translate(finger(SDL_FINGERMOTION, 42, 0.5f, 0.5f), Millis{1040}));
        CHECK_FALSE(in.translate(finger(SDL_FINGERUP, 42, 0.5f, 0.5f), Millis{1050}));
    }
}

TEST_CASE("a finger never seen going down is not followed") {
    TouchInput in;
    in.set_size(1920, 1080, 1920, 1080);
    CHECK_FALSE(in.translate(finger(SDL_FINGERMOTION, 3, 0.5f, 0.5f), Millis{0}));
    CHECK_FALSE(in.translate(finger(SDL_FINGERUP, 3, 0.5f, 0.5f), Millis{10}));
    CHECK(in.last_event_ticks() == 0);
}

TEST_CASE("the mouse's left button is finger -1, scaled from window to output pixels") {
    TouchInput in;
    SUBCASE("high DPI: the output has twice the window's pixels") {
        in.set_size(3840, 2160, 1920, 1080);
        const auto down = point(in, button(SDL_MOUSEBUTTONDOWN, 100, 50), 10);
        CHECK(down.phase == Phase::down);
        CHECK(down.finger == TouchInput::kMouseFinger);
        CHECK(down.finger == -1);
        CHECK(down.x == doctest::Approx(200));
        CHECK(down.y == doctest::Approx(100));
        const auto move = point(in, motion(400, 300), 20);
        CHECK(move.phase == Phase::move);
        CHECK(move.x == doctest::Approx(800));
        CHECK(move.y == doctest::Approx(600));
        CHECK(move.at == Millis{20});
        const auto up = point(in, button(SDL_MOUSEBUTTONUP, 401, 301), 30);
        CHECK(up.phase == Phase::up);
        CHECK(up.x == doctest::Approx(802));
        CHECK(up.y == doctest::Approx(602));
    }
    SUBCASE("a minimized window (0 x 0) scales by 1 rather than dividing by zero") {
        in.set_size(1920, 1080, 0, 0);
        CHECK(point(in, button(SDL_MOUSEBUTTONDOWN, 100, 50), 10).x == doctest::Approx(100));
    }
}

TEST_CASE("the mouse counts only while its left button is held") {
    TouchInput in;
    in.set_size(1920, 1080, 1920, 1080);
    CHECK_FALSE(in.translate(motion(10, 10, 0), Millis{0}));  // hovering
    CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONDOWN, 10, 10, SDL_BUTTON_RIGHT), Millis{5}));
    CHECK_FALSE(in.translate(motion(20, 10, SDL_BUTTON_RMASK), Millis{8}));
    CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONUP, 10, 10, SDL_BUTTON_RIGHT), Millis{9}));
    CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONUP, 10, 10), Millis{10}));  // an up without its down

    SUBCASE("a motion with the button already up ends the press there (its lift was not heard)") {
        point(in, button(SDL_MOUSEBUTTONDOWN, 10, 10), 20);
        const auto up = point(in, motion(300, 40, 0), 30);
        CHECK(up.phase == Phase::up);
        CHECK(up.x == doctest::Approx(300));
        CHECK_FALSE(in.translate(motion(310, 40, 0), Millis{40}));
    }
}

TEST_CASE("events SDL synthesizes from the other device are dropped, so a touch counts once") {
    TouchInput in;
    in.set_size(1920, 1080, 1920, 1080);
    SUBCASE("mouse events made from a touch") {
        CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONDOWN, 10, 10, SDL_BUTTON_LEFT, SDL_TOUCH_MOUSEID), Millis{0}));
        CHECK_FALSE(in.translate(motion(50, 10, SDL_BUTTON_LMASK, SDL_TOUCH_MOUSEID), Millis{5}));
        CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONUP, 50, 10, SDL_BUTTON_LEFT, SDL_TOUCH_MOUSEID), Millis{10}));
    }
    SUBCASE("a motion made from a touch while the real mouse is pressed") {
        point(in, button(SDL_MOUSEBUTTONDOWN, 10, 10), 0);
        CHECK_FALSE(in.translate(motion(500, 10, SDL_BUTTON_LMASK, SDL_TOUCH_MOUSEID), Millis{5}));
        CHECK(point(in, motion(12, 10), 10).x == doctest::Approx(12));
    }
    SUBCASE("touch events made from a mouse") {
        SDL_Event e = finger(SDL_FINGERDOWN, 0, 0.5f, 0.5f);
        e.tfinger.touchId = SDL_MOUSE_TOUCHID;
        CHECK_FALSE(in.translate(e, Millis{0}));
    }
    SUBCASE("a real touch among them still counts") {
        CHECK(point(in, finger(SDL_FINGERDOWN, 0, 0.5f, 0.5f), 0).x == doctest::Approx(960));
        CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONDOWN, 960, 540, SDL_BUTTON_LEFT, SDL_TOUCH_MOUSEID), Millis{0}));
        CHECK(point(in, finger(SDL_FINGERUP, 0, 0.5f, 0.5f), 50).phase == Phase::up);
    }
}

TEST_CASE("the hints that stop SDL synthesizing touch from mouse and mouse from touch are set") {
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "1");
    TouchInput::set_hints();
    REQUIRE(SDL_GetHint(SDL_HINT_TOUCH_MOUSE_EVENTS) != nullptr);
    REQUIRE(SDL_GetHint(SDL_HINT_MOUSE_TOUCH_EVENTS) != nullptr);
    CHECK(std::strcmp(SDL_GetHint(SDL_HINT_TOUCH_MOUSE_EVENTS), "0") == 0);
    CHECK(std::strcmp(SDL_GetHint(SDL_HINT_MOUSE_TOUCH_EVENTS), "0") == 0);
}

TEST_CASE("a press that loses the window is cancelled where it was") {
    TouchInput in;
    in.set_size(1920, 1080, 1920, 1080);
    SUBCASE("the mouse leaves the window") {
        point(in, button(SDL_MOUSEBUTTONDOWN, 100, 100), 0);
        point(in, motion(150, 100), 10);
        const auto c = point(in, window(SDL_WINDOWEVENT_LEAVE), 20);
        CHECK(c.phase == Phase::cancel);
        CHECK(c.finger == -1);
        CHECK(c.x == doctest::Approx(150));
        CHECK(c.at == Millis{20});
        CHECK_FALSE(in.translate(button(SDL_MOUSEBUTTONUP, 150, 100), Millis{30}));  // already ended
    }
    SUBCASE("the window loses the focus with the mouse pressed") {
        point(in, button(SDL_MOUSEBUTTONDOWN, 100, 100), 0);
        const auto c = point(in, window(SDL_WINDOWEVENT_FOCUS_LOST), 20);
        CHECK(c.phase == Phase::cancel);
        CHECK(c.finger == -1);
        CHECK(c.y == doctest::Approx(100));
    }
    SUBCASE("the window loses the focus with fingers down: the first is cancelled, all are forgotten") {
        point(in, finger(SDL_FINGERDOWN, 5, 0.1f, 0.1f), 0);
        point(in, finger(SDL_FINGERDOWN, 6, 0.9f, 0.9f), 5);
        point(in, finger(SDL_FINGERMOTION, 5, 0.2f, 0.1f), 10);
        const auto c = point(in, window(SDL_WINDOWEVENT_FOCUS_LOST), 20);
        CHECK(c.phase == Phase::cancel);
        CHECK(c.finger == 5);
        CHECK(c.x == doctest::Approx(384));
        CHECK_FALSE(in.translate(finger(SDL_FINGERUP, 6, 0.9f, 0.9f), Millis{30}));
        CHECK_FALSE(in.translate(window(SDL_WINDOWEVENT_FOCUS_LOST), Millis{40}));  // nothing left
    }
    SUBCASE("without a press, losing the window means nothing") {
        CHECK_FALSE(in.translate(window(SDL_WINDOWEVENT_LEAVE), Millis{0}));
        CHECK_FALSE(in.translate(window(SDL_WINDOWEVENT_FOCUS_LOST), Millis{0}));
    }
}

TEST_CASE("a mouse drag and a finger flick reach the recognizer as swipes") {
    TouchInput in;
    in.set_size(1920, 1080, 1920, 1080);
    core::GestureRecognizer recognizer{{.width = 1920, .height = 1080, .px_per_mm = 2.7}};
    std::vector<core::Gesture> last;
    auto feed = [&](const SDL_Event& e, int ms) {
        const auto p = in.translate(e, Millis{ms});
        REQUIRE(p.has_value());
        last = recognizer.feed(*p);
    };
    SUBCASE("the mouse, slowly, 400 px left") {
        feed(button(SDL_MOUSEBUTTONDOWN, 1400, 500), 0);
        for (int i = 1; i <= 20; ++i) feed(motion(1400 - 20 * i, 500), 50 * i);
        feed(button(SDL_MOUSEBUTTONUP, 1000, 500), 1050);
        REQUIRE(last.size() == 1);
        REQUIRE(std::holds_alternative<core::Swipe>(last[0]));
        CHECK(std::get<core::Swipe>(last[0]).direction == core::Direction::left);
        CHECK(std::get<core::Swipe>(last[0]).dx == doctest::Approx(-400));
    }
    SUBCASE("a finger, a tenth of the height up in 40 ms") {
        feed(finger(SDL_FINGERDOWN, 1, 0.5f, 0.6f), 0);
        feed(finger(SDL_FINGERMOTION, 1, 0.5f, 0.55f), 20);
        feed(finger(SDL_FINGERUP, 1, 0.5f, 0.5f), 40);
        REQUIRE(last.size() == 1);
        REQUIRE(std::holds_alternative<core::Swipe>(last[0]));
        CHECK(std::get<core::Swipe>(last[0]).direction == core::Direction::up);
        CHECK(std::get<core::Swipe>(last[0]).dy == doctest::Approx(-108));
    }
}

TEST_CASE("the sizes can be read from SDL's window and renderer") {
    REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
    {
        platform::WindowPtr window{SDL_CreateWindow("touch", 0, 0, 640, 360, SDL_WINDOW_HIDDEN)};
        REQUIRE(window);
        platform::RendererPtr renderer{SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE)};
        REQUIRE(renderer);
        TouchInput in;
        REQUIRE(in.set_size(window.get(), renderer.get()));
        const auto p = point(in, finger(SDL_FINGERDOWN, 1, 0.5f, 0.25f), 0);
        CHECK(p.x == doctest::Approx(320));
        CHECK(p.y == doctest::Approx(90));
    }
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
