// A visitor's finger on the items: a dragged item with its neighbour beside it, a page of a long
// text chosen by a swipe, captions moving clear of the controls, and the frame key that tells the
// app when any of this needs a new frame. Software renderer into a surface, solid colours.
#include <doctest/doctest.h>

#include "render/surface_pixels.hpp"

#include <SDL.h>

#include <cstring>
#include <memory>

#include "core/touch_layout.hpp"
#include "render/compositor.hpp"

using namespace vitrine;
using namespace std::chrono_literals;
using core::Millis;

namespace {

using Px = test::Rgb;

bool near(Px p, Px q, int tolerance = 2) {
    return std::abs(p.r - q.r) <= tolerance && std::abs(p.g - q.g) <= tolerance && std::abs(p.b - q.b) <= tolerance;
}

constexpr Px kCurrent{0, 0, 255};
constexpr Px kNeighbour{255, 0, 0};
constexpr Px kBackground{10, 20, 30};

platform::SurfacePtr solid(int w, int h, Px c) {
    platform::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(s);
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, static_cast<Uint8>(c.r), static_cast<Uint8>(c.g),
                                               static_cast<Uint8>(c.b), 255));
    return s;
}

struct Canvas {
    int w, h;
    platform::SurfacePtr target;
    platform::RendererPtr renderer;
    render::Compositor compositor;

    Canvas(int width, int height)
        : w(width),
          h(height),
          target(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888)),
          renderer(SDL_CreateSoftwareRenderer(target.get())),
          compositor(*renderer, width, height) {
        REQUIRE(renderer);
    }
    void adopt_image(std::size_t index, Px c) {
        render::PreparedItem p;
        p.index = index;
        p.image = solid(w, h, c);
        p.fit = core::Fit::cover;
        REQUIRE(compositor.adopt(std::move(p)));
    }
    void draw(const core::Scene& s) {
        compositor.draw(s, core::Color{10, 20, 30});
        SDL_RenderPresent(renderer.get());
    }
    Px at(int x, int y) const {
        return test::pixel_at(*target, x, y);
    }
    // Columns [x0, x1) of row y all near `c`.
    bool row_is(int y, int x0, int x1, Px c) const {
        for (int x = x0; x < x1; ++x)
            if (!near(at(x, y), c)) return false;
        return true;
    }
};

core::Scene dragged(double drag, std::optional<std::size_t> neighbour) {
    core::Scene s;
    s.current = core::ItemView{0, 0, 2000ms, std::nullopt};
    s.drag = drag;
    if (neighbour) s.neighbour = core::ItemView{0, *neighbour, 0ms, std::nullopt};
    return s;
}

template <class F>
void on_both_screens(F&& body) {
    SUBCASE("1920x1080") { body(1920, 1080); }
    SUBCASE("1080x1920") { body(1080, 1920); }
}

}  // namespace

TEST_CASE("a dragged item follows the finger with its neighbour coming in beside it") {
    on_both_screens([](int w, int h) {
        Canvas c(w, h);
        c.adopt_image(0, kCurrent);
        c.adopt_image(1, kNeighbour);
        const int quarter = w / 4;

        SUBCASE("a drag to the left shows the current item on the left three quarters and the next on the right quarter") {
            c.draw(dragged(-0.25, 1));
            for (int y : {0, h / 2, h - 1}) {
                CHECK(c.row_is(y, 0, w - quarter, kCurrent));
                CHECK(c.row_is(y, w - quarter, w, kNeighbour));
            }
        }
        SUBCASE("a drag to the right brings the previous item in from the left") {
            c.draw(dragged(0.25, 1));
            for (int y : {0, h / 2, h - 1}) {
                CHECK(c.row_is(y, 0, quarter, kNeighbour));
                CHECK(c.row_is(y, quarter, w, kCurrent));
            }
        }
        SUBCASE("without a neighbour (the first or last item) the background shows beside it") {
            c.draw(dragged(-0.25, std::nullopt));
            CHECK(c.row_is(h / 2, 0, w - quarter, kCurrent));
            CHECK(c.row_is(h / 2, w - quarter, w, kBackground));
        }
        SUBCASE("with no drag the neighbour is not drawn") {
            c.draw(dragged(0.0, 1));
            CHECK(c.row_is(h / 2, 0, w, kCurrent));
        }
        SUBCASE("during a transition the drag is not applied") {
            core::Scene s = dragged(-0.25, 1);
            s.incoming = core::ItemView{0, 1, 0ms, std::nullopt};
            s.transition = core::TransitionKind::cut;
            c.draw(s);
            CHECK(c.row_is(h / 2, 0, w, kNeighbour));
        }
    });
}

TEST_CASE("the page a visitor turned to overrides the page the time gives, within the pages there are") {
    Canvas c(320, 240);
    render::PreparedItem p;
    p.pages.push_back(solid(320, 240, {255, 0, 0}));
    p.pages.push_back(solid(320, 240, {0, 255, 0}));
    p.pages.push_back(solid(320, 240, {0, 0, 255}));
    p.page_duration = 1000ms;
    REQUIRE(c.compositor.adopt(std::move(p)));
    core::Scene s;
    s.current = core::ItemView{0, 0, 1500ms, std::nullopt};
    c.draw(s);
    CHECK(near(c.at(160, 120), {0, 255, 0}));  // by time: the second page
    const auto by_time = c.compositor.frame_key(s);

    s.current->page = 2;
    c.draw(s);
    CHECK(near(c.at(160, 120), {0, 0, 255}));
    CHECK(c.compositor.frame_key(s).current_page == 2);
    CHECK(c.compositor.frame_key(s) != by_time);

    s.current->page = 1;  // the page time gives anyway: the same frame
    CHECK(c.compositor.frame_key(s) == by_time);

    s.current->page = 0;
    c.draw(s);
    CHECK(near(c.at(160, 120), {255, 0, 0}));

    s.current->page = 9;  // more than there are: the last
    c.draw(s);
    CHECK(near(c.at(160, 120), {0, 0, 255}));
    CHECK(c.compositor.frame_key(s).current_page == 2);
}

TEST_CASE("the frame key changes with the overlay, the drag, the neighbour and the page, and not otherwise") {
    Canvas c(1920, 1080);
    c.adopt_image(0, kCurrent);
    c.adopt_image(1, kNeighbour);
    auto playlist = std::make_shared<core::Playlist>();
    playlist->exhibit.languages = {"en", "pt"};
    c.compositor.set_playlist(playlist, 0);

    core::Scene base;
    base.current = core::ItemView{0, 0, 2000ms, std::nullopt};
    base.language = "en";
    const render::FrameKey key = c.compositor.frame_key(base);
    CHECK(c.compositor.frame_key(base) == key);

    SUBCASE("what changes the picture changes the key") {
        auto differs = [&](auto change) {
            core::Scene s = base;
            change(s);
            return c.compositor.frame_key(s) != key;
        };
        CHECK(differs([](core::Scene& s) { s.drag = -0.1; }));
        CHECK(differs([](core::Scene& s) { s.language = "pt"; }));
        CHECK(differs([](core::Scene& s) { s.overlay.controls = 1.0; }));
        CHECK(differs([](core::Scene& s) { s.overlay.controls = 0.5; }));
        CHECK(differs([](core::Scene& s) { s.overlay.panel = core::Overlay::Panel::menu; }));
        CHECK(differs([](core::Scene& s) { s.overlay.panel_opacity = 0.3; }));
        CHECK(differs([](core::Scene& s) { s.overlay.menu_page = 1; }));
        CHECK(differs([](core::Scene& s) { s.overlay.pin_digits = 3; }));
        CHECK(differs([](core::Scene& s) { s.overlay.pin_wrong = true; }));
        CHECK(differs([](core::Scene& s) { s.overlay.language = 1; }));
        CHECK(differs([](core::Scene& s) { s.overlay.idle_left = Millis{9000}; }));
        CHECK(differs([](core::Scene& s) { s.overlay.pressed = core::Target{core::Control::next, 0, {}}; }));
        CHECK(differs([](core::Scene& s) {
            s.drag = -0.1;
            s.neighbour = core::ItemView{0, 1, 0ms, std::nullopt};
        }) );
        // The neighbour itself counts once something is dragged.
        core::Scene dragged_only = base;
        dragged_only.drag = -0.1;
        core::Scene with_neighbour = dragged_only;
        with_neighbour.neighbour = core::ItemView{0, 1, 0ms, std::nullopt};
        CHECK(c.compositor.frame_key(with_neighbour) != c.compositor.frame_key(dragged_only));
        // The progress line moves by whole pixels while the controls show.
        core::Scene shown = base;
        shown.overlay.controls = 1.0;
        shown.overlay.progress = 0.25;
        core::Scene further = shown;
        further.overlay.progress = 0.5;
        CHECK(c.compositor.frame_key(further) != c.compositor.frame_key(shown));
        // A new playlist or new menu pictures change the overlay's picture.
        c.compositor.set_playlist(playlist, 1);
        CHECK(c.compositor.frame_key(base) != key);
    }
    SUBCASE("what does not show does not change the key") {
        auto same = [&](auto change) {
            core::Scene s = base;
            change(s);
            return c.compositor.frame_key(s) == key;
        };
        CHECK(same([](core::Scene& s) { s.overlay.progress = 0.7; }));  // the controls are hidden
        CHECK(same([](core::Scene& s) { s.drag = 0.0001; }));            // under a pixel
        CHECK(same([](core::Scene& s) { s.neighbour = core::ItemView{0, 1, 0ms, std::nullopt}; }));  // nothing dragged
        CHECK(same([](core::Scene& s) { s.overlay.controls = 0.0001; }));             // under 1/255
        CHECK(same([](core::Scene& s) { s.current->page = 1; }));  // an image has no pages to turn
        core::Scene shown = base;
        shown.overlay.controls = 1.0;
        shown.overlay.progress = 0.25;
        core::Scene tiny = shown;
        tiny.overlay.progress = 0.25 + 1e-6;  // well under a pixel of the line
        CHECK(c.compositor.frame_key(tiny) == c.compositor.frame_key(shown));
        core::Scene idle = base;
        idle.overlay.idle_left = Millis{4100};
        core::Scene idle_later = base;
        idle_later.overlay.idle_left = Millis{4900};
        CHECK(c.compositor.frame_key(idle) == c.compositor.frame_key(idle_later));  // both read "5 s"
    }
}

TEST_CASE("while the controls show, a caption moves up clear of the bottom band") {
    on_both_screens([](int w, int h) {
        Canvas c(w, h);
        render::PreparedItem p;
        p.image = solid(w, h, kCurrent);
        p.fit = core::Fit::cover;
        // A green band low on the screen, where the bottom controls go.
        const SDL_Rect dest{0, h - h / 8, w, h / 10};
        p.caption = solid(dest.w, dest.h, {0, 255, 0});
        p.caption_dest = dest;
        REQUIRE(c.compositor.adopt(std::move(p)));
        auto playlist = std::make_shared<core::Playlist>();
        c.compositor.set_playlist(playlist, 0);
        const core::TouchLayout layout(w, h, playlist->exhibit.display.diagonal_inches);
        const int limit = layout.bottom_band().y - layout.gap();
        REQUIRE(dest.y + dest.h > limit);

        // The lowest row of the caption along the left edge: green, darkened or not by the scrim
        // (no control is drawn at x = 1).
        auto caption_bottom = [&] {
            int bottom = -1;
            for (int y = 0; y < h; ++y) {
                const Px p = c.at(1, y);
                if (p.g > 100 && p.r < 10 && p.b < 10) bottom = y;
            }
            return bottom;
        };
        core::Scene s;
        s.current = core::ItemView{0, 0, 0ms, std::nullopt};
        c.draw(s);
        CHECK(caption_bottom() == dest.y + dest.h - 1);

        s.overlay.controls = 1.0;
        c.draw(s);
        CHECK(caption_bottom() == limit - 1);

        s.overlay.controls = 0.5;  // fading: half the way
        c.draw(s);
        CHECK(caption_bottom() == dest.y + dest.h - 1 - (dest.y + dest.h - limit + 1) / 2);
    });
}
