// The compositor draws scenes with SDL's software renderer into a surface; these tests read the
// pixels back. Items are synthetic (solid colours, marked corners) so that every expectation
// is exact.
#include <doctest/doctest.h>

#include "render/surface_pixels.hpp"

#include <SDL.h>

#include <cstring>
#include <vector>

#include "render/compositor.hpp"

using namespace vitrine;
using namespace std::chrono_literals;
using core::Millis;

namespace {

using Pixel = test::Rgb;

platform::SurfacePtr solid(int w, int h, Uint8 r, Uint8 g, Uint8 b, Uint8 a = 255) {
    platform::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(s);
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, r, g, b, a));
    return s;
}

struct Canvas {
    int w, h;
    platform::SurfacePtr target;
    platform::RendererPtr renderer;
    render::Compositor compositor;
    core::Color bg{10, 20, 30};

    Canvas(int width, int height)
        : w(width),
          h(height),
          target(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888)),
          renderer(SDL_CreateSoftwareRenderer(target.get())),
          compositor(*renderer, width, height) {
        REQUIRE(renderer);
    }
    void draw(const core::Scene& s) {
        compositor.draw(s, bg);
        SDL_RenderPresent(renderer.get());
    }
    Pixel at(int x, int y) const {
        return test::pixel_at(*target, x, y);
    }
    // Bounding box of the pixels close to the colour.
    SDL_Rect find(Pixel c, int tolerance = 8) const {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                Pixel p = at(x, y);
                if (std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance && std::abs(p.b - c.b) <= tolerance) {
                    x0 = std::min(x0, x); y0 = std::min(y0, y); x1 = std::max(x1, x); y1 = std::max(y1, y);
                }
            }
        return x1 < 0 ? SDL_Rect{0, 0, 0, 0} : SDL_Rect{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }
};

render::PreparedItem image_item(std::size_t index, platform::SurfacePtr image, core::Fit fit) {
    render::PreparedItem p;
    p.index = index;
    p.image = std::move(image);
    p.fit = fit;
    return p;
}

render::PreparedItem page_item(std::size_t index, platform::SurfacePtr page) {
    render::PreparedItem p;
    p.index = index;
    p.pages.push_back(std::move(page));
    return p;
}

core::Scene showing(std::size_t index, Millis elapsed = 0ms) {
    core::Scene s;
    s.current = core::ItemView{0, index, elapsed};
    return s;
}

bool near(Pixel p, Pixel q, int tolerance = 6) {
    return std::abs(p.r - q.r) <= tolerance && std::abs(p.g - q.g) <= tolerance && std::abs(p.b - q.b) <= tolerance;
}

}  // namespace

TEST_CASE("an image in contain mode keeps its aspect ratio, letterboxed on the background") {
    Canvas c(320, 240);
    REQUIRE(c.compositor.adopt(image_item(0, solid(400, 200, 255, 0, 0), core::Fit::contain)));
    c.draw(showing(0));
    const SDL_Rect red = c.find({255, 0, 0});
    CHECK(red.w == 320);
    CHECK(red.h == 160);
    CHECK(red.y == 40);
    CHECK(near(c.at(160, 10), {10, 20, 30}));
    CHECK(near(c.at(160, 230), {10, 20, 30}));

    SUBCASE("a portrait picture on a landscape screen is pillarboxed") {
        REQUIRE(c.compositor.adopt(image_item(1, solid(100, 200, 0, 255, 0), core::Fit::contain)));
        c.draw(showing(1));
        const SDL_Rect green = c.find({0, 255, 0});
        CHECK(green.h == 240);
        CHECK(green.w == 120);
        CHECK(green.x == 100);
    }
}

TEST_CASE("an image in cover mode fills the screen, cropped") {
    Canvas c(320, 240);
    REQUIRE(c.compositor.adopt(image_item(0, solid(400, 200, 255, 0, 0), core::Fit::cover)));
    c.draw(showing(0));
    const SDL_Rect red = c.find({255, 0, 0});
    CHECK(red.x == 0);
    CHECK(red.y == 0);
    CHECK(red.w == 320);
    CHECK(red.h == 240);
}

TEST_CASE("transitions mix the leaving and the coming item as their kind says") {
    Canvas c(200, 100);
    REQUIRE(c.compositor.adopt(page_item(0, solid(200, 100, 0, 0, 255))));
    REQUIRE(c.compositor.adopt(image_item(1, solid(200, 100, 255, 0, 0), core::Fit::contain)));
    core::Scene s;
    s.current = core::ItemView{0, 0, 5000ms};
    s.incoming = core::ItemView{0, 1, 400ms};
    s.progress = 0.5;

    SUBCASE("a crossfade at its midpoint is half of each") {
        s.transition = core::TransitionKind::crossfade;
        c.draw(s);
        const Pixel p = c.at(100, 50);
        CHECK(p.r == doctest::Approx(128).epsilon(0.04));
        CHECK(p.b == doctest::Approx(128).epsilon(0.04));
        CHECK(p.g < 8);
    }
    SUBCASE("a crossfade's incoming text panel hides what it replaces as it comes in") {
        // A text layer is transparent around its letters: the incoming side brings its own
        // background, so the old picture does not show through the new text panel at the end.
        REQUIRE(c.compositor.adopt(page_item(2, solid(200, 100, 0, 0, 0, 0))));
        s.current = core::ItemView{0, 1, 5000ms};
        s.incoming = core::ItemView{0, 2, 400ms};
        s.transition = core::TransitionKind::crossfade;
        s.progress = 1.0;
        c.draw(s);
        CHECK(near(c.at(100, 50), {10, 20, 30}));
    }
    SUBCASE("a fade at its midpoint is the background alone") {
        s.transition = core::TransitionKind::fade;
        c.draw(s);
        CHECK(near(c.at(100, 50), {10, 20, 30}));
        s.progress = 0.25;
        c.draw(s);
        const Pixel p = c.at(100, 50);
        CHECK(p.b > 100);
        CHECK(p.r < 20);
    }
    SUBCASE("a slide forward at its midpoint shows the old item on the left, the new on the right") {
        s.transition = core::TransitionKind::slide;
        s.forward = true;
        c.draw(s);
        CHECK(near(c.at(40, 50), {0, 0, 255}));
        CHECK(near(c.at(160, 50), {255, 0, 0}));
        s.forward = false;
        c.draw(s);
        CHECK(near(c.at(40, 50), {255, 0, 0}));
        CHECK(near(c.at(160, 50), {0, 0, 255}));
    }
    SUBCASE("a cut shows only the new item") {
        s.transition = core::TransitionKind::cut;
        c.draw(s);
        CHECK(near(c.at(100, 50), {255, 0, 0}));
    }
}

TEST_CASE("pan-and-zoom moves from the start framing to the end framing over the item's time") {
    Canvas c(200, 100);
    // A 400x200 picture: left half green, right half red.
    auto pic = solid(400, 200, 0, 255, 0);
    SDL_Rect right{200, 0, 200, 200};
    SDL_FillRect(pic.get(), &right, SDL_MapRGB(pic->format, 255, 0, 0));
    auto item = image_item(0, std::move(pic), core::Fit::contain);
    item.pan_zoom = core::PanZoom{{0.25, 0.5, 2.0}, {0.75, 0.5, 2.0}};
    item.motion_duration = 10s;
    REQUIRE(c.compositor.adopt(std::move(item)));

    c.draw(showing(0, 0ms));  // zoomed twice on the left half: all green
    CHECK(near(c.at(5, 50), {0, 255, 0}));
    CHECK(near(c.at(195, 50), {0, 255, 0}));
    c.draw(showing(0, 10s));  // on the right half: all red
    CHECK(near(c.at(5, 50), {255, 0, 0}));
    CHECK(near(c.at(195, 50), {255, 0, 0}));
    c.draw(showing(0, 5s));  // half way: the boundary in the middle of the screen
    CHECK(near(c.at(90, 50), {0, 255, 0}));
    CHECK(near(c.at(110, 50), {255, 0, 0}));
    c.draw(showing(0, 60s));  // after its time the picture rests at the end framing
    CHECK(near(c.at(5, 50), {255, 0, 0}));

    SUBCASE("the frame key changes while the picture moves and rests when it stops") {
        CHECK_FALSE(c.compositor.frame_key(showing(0, 1s)) == c.compositor.frame_key(showing(0, 2s)));
        CHECK(c.compositor.frame_key(showing(0, 11s)) == c.compositor.frame_key(showing(0, 30s)));
    }
}

TEST_CASE("a still text panel has the same frame key whatever its elapsed time, so nothing is redrawn") {
    Canvas c(64, 64);
    REQUIRE(c.compositor.adopt(page_item(0, solid(64, 64, 0, 0, 0, 0))));
    CHECK(c.compositor.frame_key(showing(0, 1s)) == c.compositor.frame_key(showing(0, 9s)));
    core::Scene paused = showing(0, 1s);
    paused.paused = true;
    CHECK_FALSE(c.compositor.frame_key(paused) == c.compositor.frame_key(showing(0, 1s)));
}

TEST_CASE("a long text's pages follow each other over the item's time") {
    Canvas c(64, 64);
    render::PreparedItem p;
    p.pages.push_back(solid(64, 64, 255, 0, 0));
    p.pages.push_back(solid(64, 64, 0, 255, 0));
    p.page_duration = 10s;
    REQUIRE(c.compositor.adopt(std::move(p)));
    c.draw(showing(0, 9s));
    CHECK(near(c.at(32, 32), {255, 0, 0}));
    c.draw(showing(0, 11s));
    CHECK(near(c.at(32, 32), {0, 255, 0}));
    c.draw(showing(0, 99s));  // never past the last page
    CHECK(near(c.at(32, 32), {0, 255, 0}));
}

TEST_CASE("with nothing playable the notice screen is drawn") {
    Canvas c(64, 64);
    REQUIRE(c.compositor.set_notice(page_item(0, solid(64, 64, 200, 200, 200))));
    core::Scene s;
    s.notice = "nothing to show";
    c.draw(s);
    CHECK(near(c.at(32, 32), {200, 200, 200}));
}

TEST_CASE("a released item is no longer held") {
    Canvas c(64, 64);
    REQUIRE(c.compositor.adopt(page_item(3, solid(64, 64, 1, 2, 3))));
    CHECK(c.compositor.holds(0, 3));
    c.compositor.release(0, 3);
    CHECK_FALSE(c.compositor.holds(0, 3));
    c.draw(showing(3));  // drawing a scene whose item is gone shows the background, no crash
    CHECK(near(c.at(32, 32), {10, 20, 30}));
}

namespace {

// A w x h I420 picture of one colour (Y, U, V given), with its own planes.
struct SolidI420 {
    std::vector<Uint8> y, u, v;
    render::VideoPlanes planes;
    SolidI420(int w, int h, Uint8 Y, Uint8 U, Uint8 V)
        : y(static_cast<std::size_t>(w * h), Y), u(static_cast<std::size_t>(w * h / 4), U), v(static_cast<std::size_t>(w * h / 4), V) {
        planes.layout = render::VideoPlanes::Layout::i420;
        planes.width = w;
        planes.height = h;
        planes.planes[0] = y.data();
        planes.planes[1] = u.data();
        planes.planes[2] = v.data();
        planes.pitches[0] = w;
        planes.pitches[1] = w / 2;
        planes.pitches[2] = w / 2;
    }
};

render::PreparedItem clip_item(std::size_t index, core::Fit fit) {
    render::PreparedItem p;
    p.index = index;
    p.fit = fit;
    p.ends_itself = true;
    return p;
}

}  // namespace

TEST_CASE("a video picture uploaded as YUV planes is drawn with its fit, and each new picture is a new frame") {
    Canvas c(320, 240);
    REQUIRE(c.compositor.adopt(clip_item(0, core::Fit::contain)));
    const auto before = c.compositor.frame_key(showing(0));
    const SolidI420 red(64, 36, 81, 90, 240);  // BT.601 limited-range red
    REQUIRE(c.compositor.upload_video(0, 0, red.planes, core::Fit::contain));
    CHECK_FALSE(c.compositor.frame_key(showing(0)) == before);
    c.draw(showing(0));
    CHECK(near(c.at(160, 120), {255, 0, 0}, 16));
    CHECK(near(c.at(160, 10), {10, 20, 30}));  // 16:9 in 4:3: bands of the background above and below
    const SDL_Rect r = c.find({255, 0, 0}, 16);
    CHECK(r.x == 0);
    CHECK(r.w == 320);
    CHECK(r.y == 30);
    CHECK(r.h == 180);
    SUBCASE("cover fills the screen") {
        REQUIRE(c.compositor.upload_video(0, 0, red.planes, core::Fit::cover));
        c.draw(showing(0));
        CHECK(near(c.at(160, 5), {255, 0, 0}, 16));
    }
}

TEST_CASE("on the CPU path a picture is converted into the item's texture at its size on screen and copied as is") {
    Canvas c(320, 240);
    c.compositor.set_video_path(render::Compositor::VideoPath::cpu);
    REQUIRE(c.compositor.adopt(clip_item(0, core::Fit::contain)));
    const SDL_Rect r = c.compositor.video_rect(640, 360, core::Fit::contain);
    CHECK(r.w == 320);
    CHECK(r.h == 180);
    auto lock = c.compositor.lock_video(0, 0, r.w, r.h, core::Fit::contain);
    REQUIRE(lock.has_value());
    for (int y = 0; y < lock->height; ++y) {
        auto* row = reinterpret_cast<Uint32*>(lock->pixels + y * lock->pitch);
        for (int x = 0; x < lock->width; ++x) row[x] = x < lock->width / 2 ? 0x0000FF00u : 0x000000FFu;  // green | blue
    }
    c.compositor.unlock_video(0, 0);
    c.draw(showing(0));
    CHECK(near(c.at(80, 120), {0, 255, 0}));
    CHECK(near(c.at(240, 120), {0, 0, 255}));
    CHECK(near(c.at(160, 20), {10, 20, 30}));
}

TEST_CASE("a clip's caption cue and progress line are drawn over it and change the frame") {
    Canvas c(320, 240);
    render::PreparedItem item = clip_item(0, core::Fit::contain);
    item.progress_rect = SDL_Rect{20, 220, 280, 4};
    item.progress_color = core::Color{200, 160, 60};
    REQUIRE(c.compositor.adopt(std::move(item)));
    auto key = c.compositor.frame_key(showing(0));
    c.compositor.set_progress(0, 0, 0.5);
    CHECK_FALSE(c.compositor.frame_key(showing(0)) == key);
    c.draw(showing(0));
    CHECK(near(c.at(100, 221), {200, 160, 60}));   // played half: full colour up to x = 160
    CHECK_FALSE(near(c.at(250, 221), {200, 160, 60}));
    key = c.compositor.frame_key(showing(0));
    c.compositor.set_progress(0, 0, 0.501);  // less than a pixel: not a new frame
    CHECK(c.compositor.frame_key(showing(0)) == key);

    auto band = solid(100, 20, 0, 0, 0);
    REQUIRE(c.compositor.set_live_caption(0, 0, band.get(), SDL_Rect{110, 180, 100, 20}));
    CHECK_FALSE(c.compositor.frame_key(showing(0)) == key);
    c.draw(showing(0));
    CHECK(near(c.at(160, 190), {0, 0, 0}));
    REQUIRE(c.compositor.set_live_caption(0, 0, nullptr, SDL_Rect{}));
    c.draw(showing(0));
    CHECK(near(c.at(160, 190), {10, 20, 30}));
}
