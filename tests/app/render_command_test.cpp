// `vitrine render` end to end: a playlist on disk, the real fonts, preparation and compositor,
// a PNG read back. What the PNG shows is what `play` shows at that moment (scene_at is checked
// against the Show in tests/core/scene_at_test.cpp).
#include <doctest/doctest.h>

#include <SDL.h>
#include <SDL_image.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/check_command.hpp"
#include "app/logger.hpp"
#include "app/render_command.hpp"
#include "platform/sdl_ptr.hpp"

using namespace vitrine;
namespace fs = std::filesystem;

namespace {

struct Rgb {
    int r, g, b;
};

// A scratch folder with a playlist and pictures, removed afterwards.
struct Scratch {
    fs::path dir;
    Scratch() {
        dir = fs::temp_directory_path() / ("vitrine-render-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return dir / name;
    }
    fs::path picture(const std::string& name, int w, int h, Rgb c) const {
        platform::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
        REQUIRE(s);
        SDL_FillRect(s.get(), nullptr, SDL_MapRGB(s->format, Uint8(c.r), Uint8(c.g), Uint8(c.b)));
        REQUIRE(IMG_SavePNG(s.get(), (dir / name).string().c_str()) == 0);
        return dir / name;
    }
};

constexpr const char* kHeader = R"([exhibit]
title = "Test"
transition = "crossfade"
transition_duration = "1s"
[theme]
background = "#101010"
)";

struct Png {
    platform::SurfacePtr surface;
    Rgb at(int x, int y) const {
        Uint32 v;
        std::memcpy(&v, static_cast<const Uint8*>(surface->pixels) + y * surface->pitch + x * 4, 4);
        Uint8 r, g, b;
        SDL_GetRGB(v, surface->format, &r, &g, &b);
        return {r, g, b};
    }
    // Bounding box of the pixels that differ from `bg` by more than `tolerance` on any channel.
    SDL_Rect ink(Rgb bg, int tolerance = 24) const {
        int x0 = surface->w, y0 = surface->h, x1 = -1, y1 = -1;
        for (int y = 0; y < surface->h; ++y)
            for (int x = 0; x < surface->w; ++x) {
                Rgb p = at(x, y);
                if (std::abs(p.r - bg.r) > tolerance || std::abs(p.g - bg.g) > tolerance || std::abs(p.b - bg.b) > tolerance) {
                    x0 = std::min(x0, x); y0 = std::min(y0, y); x1 = std::max(x1, x); y1 = std::max(y1, y);
                }
            }
        return x1 < 0 ? SDL_Rect{0, 0, 0, 0} : SDL_Rect{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }
};

Png load_png(const fs::path& p) {
    platform::SurfacePtr raw(IMG_Load(p.string().c_str()));
    REQUIRE_MESSAGE(raw, IMG_GetError());
    platform::SurfacePtr s(SDL_ConvertSurfaceFormat(raw.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(s);
    return Png{std::move(s)};
}

int render(const fs::path& playlist, const std::string& item, double at, int w, int h, const fs::path& out) {
    app::RenderOptions o;
    o.playlist = playlist;
    o.item_id = item;
    o.at_seconds = at;
    o.size = {w, h};
    o.output = out;
    app::Logger log(true);
    return app::run_render(o, log);
}

}  // namespace

TEST_CASE("render draws a text panel whose letters all lie inside the margins") {
    Scratch s;
    const auto playlist = s.write("p.toml", std::string(kHeader) + R"(
[[item]]
id = "engels"
kind = "excerpt"
text = "Why do the anti-authoritarians not confine themselves to crying out against political authority, the state? All Socialists are agreed that the political state, and with it political…"
from = "On Authority"
by = "Frederick Engels"
published = "1874, in the Italian Almanacco Republicano"
)");
    struct Case {
        int w, h;
    };
    for (const Case c : {Case{1920, 1080}, Case{1080, 1920}, Case{1280, 720}}) {
        CAPTURE(c.w);
        CAPTURE(c.h);
        const auto out = s.dir / "engels.png";
        REQUIRE(render(playlist, "engels", 5.0, c.w, c.h, out) == 0);
        const Png png = load_png(out);
        REQUIRE(png.surface->w == c.w);
        REQUIRE(png.surface->h == c.h);
        const SDL_Rect ink = png.ink({16, 16, 16});
        const int margin = static_cast<int>(0.06 * std::min(c.w, c.h));
        CHECK(ink.w > c.w / 3);  // there is a real block of text
        CHECK(ink.h > c.h / 5);
        CHECK(ink.x >= margin);
        CHECK(ink.y >= margin);
        CHECK(ink.x + ink.w <= c.w - margin);
        CHECK(ink.y + ink.h <= c.h - margin);
    }
}

TEST_CASE("render draws an image in contain mode with its aspect ratio kept, and its caption on a band") {
    Scratch s;
    s.picture("wide.png", 800, 200, {220, 30, 30});
    const auto playlist = s.write("p.toml", std::string(kHeader) + R"(
[[item]]
id = "wide"
kind = "image"
file = "wide.png"
fit = "contain"
)");
    const auto out = s.dir / "wide-out.png";
    REQUIRE(render(playlist, "wide", 3.0, 1280, 720, out) == 0);
    const Png png = load_png(out);
    const SDL_Rect red = png.ink({16, 16, 16});
    CHECK(red.w == 1280);
    CHECK(red.h == doctest::Approx(320).epsilon(0.01));
    CHECK(red.y == doctest::Approx(200).epsilon(0.01));
    const Rgb middle = png.at(640, 360);
    CHECK(middle.r > 200);
    CHECK(middle.g < 50);
}

TEST_CASE("render at the midpoint of a crossfade mixes both items") {
    Scratch s;
    s.picture("red.png", 320, 180, {255, 0, 0});
    s.picture("blue.png", 320, 180, {0, 0, 255});
    const auto playlist = s.write("p.toml", std::string(kHeader) + R"(
[[item]]
id = "red"
kind = "image"
file = "red.png"
fit = "cover"
duration = "5s"
[[item]]
id = "blue"
kind = "image"
file = "blue.png"
fit = "cover"
duration = "5s"
)");
    const auto out = s.dir / "mid.png";
    REQUIRE(render(playlist, "blue", 0.5, 640, 360, out) == 0);
    const Png png = load_png(out);
    const Rgb p = png.at(320, 180);
    CHECK(p.r == doctest::Approx(128).epsilon(0.05));
    CHECK(p.b == doctest::Approx(128).epsilon(0.05));
    SUBCASE("and after the crossfade only the new item shows") {
        REQUIRE(render(playlist, "blue", 2.0, 640, 360, out) == 0);
        const Rgb q = load_png(out).at(320, 180);
        CHECK(q.b > 250);
        CHECK(q.r < 5);
    }
}

TEST_CASE("with no playable item, render draws the calm notice screen and says why") {
    Scratch s;
    const auto playlist = s.write("p.toml", std::string(kHeader) + R"(
[[item]]
id = "gone"
kind = "image"
file = "missing.png"
)");
    const auto out = s.dir / "notice.png";
    CHECK(render(playlist, "", 0.0, 640, 360, out) == 0);
    const Png png = load_png(out);
    CHECK(png.ink({16, 16, 16}).w > 0);  // the exhibit's title and a line for visitors
    SUBCASE("asking for the dropped item by id fails with a reason") {
        CHECK(render(playlist, "gone", 0.0, 640, 360, out) == 1);
    }
}

TEST_CASE("check reports every bad input of a playlist with its line and column, and exits 1") {
    Scratch s;
    s.write("empty.png", "");
    s.write("text.png", "this is not a picture\n");
    s.picture("good.png", 64, 48, {10, 200, 10});
    fs::copy_file(fs::path(VITRINE_FIXTURES) / "images" / "huge-20000.png", s.dir / "huge.png");
    const auto playlist = s.write("p.toml", std::string(kHeader) + R"(
[[item]]
id = "good"
kind = "image"
file = "good.png"

[[item]]
id = "empty"
kind = "image"
file = "empty.png"

[[item]]
id = "fake"
kind = "image"
file = "text.png"

[[item]]
id = "chinese"
kind = "text"
text = "中文"

[[item]]
id = "huge"
kind = "image"
file = "huge.png"

[[item]]
id = "missing"
kind = "image"
file = "missing.png"
)");
    app::CheckOptions o;
    o.playlists = {playlist};
    std::ostringstream out;
    CHECK(app::run_check(o, out) == 1);
    const std::string report = out.str();
    CAPTURE(report);
    const std::string p = playlist.string();
    // Lines: the header takes 6 lines; good starts at 8, empty at 13, fake at 18, chinese at 23.
    CHECK(report.find(p + ":16:") != std::string::npos);  // file = "empty.png"
    CHECK(report.find("empty") != std::string::npos);
    CHECK(report.find(p + ":21:") != std::string::npos);  // file = "text.png"
    CHECK(report.find("not an image") != std::string::npos);
    CHECK(report.find(p + ":26:") != std::string::npos);  // text = "中文"
    CHECK(report.find("U+4E2D") != std::string::npos);
    CHECK(report.find(p + ":31:") != std::string::npos);  // file = "huge.png", refused before decoding
    CHECK(report.find("20000x20000") != std::string::npos);
    CHECK(report.find(p + ":36:") != std::string::npos);  // file = "missing.png"
    CHECK(report.find("not found") != std::string::npos);
    CHECK(report.find("5 error(s)") != std::string::npos);
    CHECK(report.find("good.png") == std::string::npos);  // nothing said about the good item

    SUBCASE("the demo exhibit passes with a one-line summary") {
        app::CheckOptions demo;
        demo.playlists = {fs::path(VITRINE_SOURCE_DIR) / "playlists" / "demo.toml"};
        std::ostringstream good;
        CHECK(app::run_check(demo, good) == 0);
        CHECK(good.str().find(": ok: 15 items") != std::string::npos);
    }
}

TEST_CASE("render --at shows the video frame at that time and the caption on screen then") {
    Scratch s;
    const fs::path clip = s.dir / "two-colours.mp4";
    // One second of red, then one of blue, 25 fps, no sound.
    const std::string make = "ffmpeg -nostdin -y -v error -f lavfi -i color=c=red:s=320x180:r=25:d=1 -f lavfi -i "
                             "color=c=blue:s=320x180:r=25:d=1 -filter_complex '[0][1]concat=n=2:v=1:a=0' -c:v libx264 "
                             "-pix_fmt yuv420p '" + clip.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(make.c_str()) == 0);
    s.write("two.srt", "1\n00:00:01,200 --> 00:00:01,900\nThe blue second.\n");
    const auto playlist = s.write("p.toml", std::string(kHeader) + R"(
[[item]]
id = "film"
kind = "video"
file = "two-colours.mp4"
captions = "two.srt"
transition = "cut"
)");
    SUBCASE("at 0.5 s the red second, no caption") {
        REQUIRE(render(playlist, "film", 0.5, 640, 360, s.dir / "a.png") == 0);
        const Png png = load_png(s.dir / "a.png");
        const Rgb mid = png.at(320, 100);
        CHECK(mid.r > 200);
        CHECK(mid.b < 60);
        const Rgb low = png.at(320, 330);  // where a caption would be
        CHECK(low.r > 200);
    }
    SUBCASE("at 1.5 s the blue second, with its caption on a band") {
        REQUIRE(render(playlist, "film", 1.5, 640, 360, s.dir / "b.png") == 0);
        const Png png = load_png(s.dir / "b.png");
        const Rgb mid = png.at(320, 100);
        CHECK(mid.b > 200);
        CHECK(mid.r < 60);
        // The caption band: dark pixels and light letters in the lower part of the picture.
        int dark = 0, light = 0;
        for (int y = 240; y < 360; ++y)
            for (int x = 100; x < 540; ++x) {
                const Rgb p = png.at(x, y);
                dark += p.r < 40 && p.g < 40 && p.b < 60 ? 1 : 0;
                light += p.r > 200 && p.g > 200 && p.b > 200 ? 1 : 0;
            }
        CHECK(dark > 1000);
        CHECK(light > 100);
    }
}
