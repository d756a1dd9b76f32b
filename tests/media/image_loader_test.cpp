#include <doctest/doctest.h>

#include <SDL.h>
#include <SDL_image.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "media/image_loader.hpp"

using namespace vitrine;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

const fs::path kFixtures = fs::path(VITRINE_FIXTURES) / "images";

// A folder of the test's own under the system's temp folder, removed with what it holds.
class TempDir {
public:
    TempDir()
        : path_(fs::temp_directory_path() /
                ("vitrine-image-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()))) {
        fs::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

struct Rgba {
    int r = 0, g = 0, b = 0, a = 255;
};
std::ostream& operator<<(std::ostream& os, const Rgba& c) {
    return os << "rgba(" << c.r << "," << c.g << "," << c.b << "," << c.a << ")";
}
bool near(Rgba x, Rgba y, int tolerance) {
    return std::abs(x.r - y.r) <= tolerance && std::abs(x.g - y.g) <= tolerance &&
           std::abs(x.b - y.b) <= tolerance && std::abs(x.a - y.a) <= tolerance;
}

constexpr Rgba kRed{230, 20, 20}, kGreen{20, 210, 40}, kBlue{20, 30, 220}, kGrey{128, 128, 128};

platform::SurfacePtr make_surface(int w, int h, Rgba fill) {
    platform::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    REQUIRE(s);
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, Uint8(fill.r), Uint8(fill.g), Uint8(fill.b), Uint8(fill.a)));
    return s;
}

void paint(SDL_Surface* s, SDL_Rect r, Rgba c) {
    SDL_FillRect(s, &r, SDL_MapRGBA(s->format, Uint8(c.r), Uint8(c.g), Uint8(c.b), Uint8(c.a)));
}

// Reads a pixel of an ARGB8888 surface.
Rgba at(const SDL_Surface* s, int x, int y) {
    REQUIRE(s->format->format == SDL_PIXELFORMAT_ARGB8888);
    REQUIRE(x >= 0);
    REQUIRE(y >= 0);
    REQUIRE(x < s->w);
    REQUIRE(y < s->h);
    const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
    const Uint32 p = row[x];
    return {int(p >> 16 & 0xFF), int(p >> 8 & 0xFF), int(p & 0xFF), int(p >> 24)};
}

Bytes read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& p, const Bytes& b) {
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    REQUIRE(out.good());
}

void save_png(SDL_Surface* s, const fs::path& p) { REQUIRE(IMG_SavePNG(s, p.string().c_str()) == 0); }
void save_jpg(SDL_Surface* s, const fs::path& p) { REQUIRE(IMG_SaveJPG(s, p.string().c_str(), 95) == 0); }

// An APP1 segment with EXIF IFD0 = {Orientation}, big-endian as many cameras write it.
Bytes exif_app1(int orientation) {
    Bytes seg{0xFF, 0xE1, 0x00, 34};
    const Bytes payload{'E', 'x', 'i', 'f', 0, 0,  'M', 'M', 0, 42, 0, 0, 0, 8,  // TIFF header
                        0, 1,                                                   // one entry
                        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, std::uint8_t(orientation), 0, 0,
                        0, 0, 0, 0};                                            // no next IFD
    seg.insert(seg.end(), payload.begin(), payload.end());
    return seg;
}

// The JPEG at `p` with an EXIF orientation spliced in right after its start marker.
void add_orientation(const fs::path& p, int orientation) {
    Bytes b = read_bytes(p);
    REQUIRE(b.size() > 2);
    REQUIRE(b[0] == 0xFF);
    REQUIRE(b[1] == 0xD8);
    const Bytes app1 = exif_app1(orientation);
    b.insert(b.begin() + 2, app1.begin(), app1.end());
    write_bytes(p, b);
}

media::ImageLibrary image_library() {
    auto lib = media::ImageLibrary::create();
    REQUIRE(lib);
    return std::move(*lib);
}

}  // namespace

TEST_CASE("a PNG is decoded to ARGB with its pixels and alpha intact") {
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(40, 30, kGrey);
    paint(s.get(), {0, 0, 20, 15}, kRed);
    paint(s.get(), {20, 15, 20, 15}, Rgba{10, 20, 30, 100});
    save_png(s.get(), dir / "a.png");

    auto r = media::load_image(dir / "a.png");
    REQUIRE(r);
    const SDL_Surface* img = r->get();
    CHECK(img->format->format == SDL_PIXELFORMAT_ARGB8888);
    CHECK(img->w == 40);
    CHECK(img->h == 30);
    CHECK(near(at(img, 5, 5), kRed, 0));
    CHECK(near(at(img, 35, 5), kGrey, 0));
    CHECK(near(at(img, 30, 25), Rgba{10, 20, 30, 100}, 0));
}

TEST_CASE("a JPEG is decoded with its colours") {
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(64, 48, kGrey);
    paint(s.get(), {0, 0, 32, 48}, kBlue);
    save_jpg(s.get(), dir / "a.jpg");

    auto r = media::load_image(dir / "a.jpg");
    REQUIRE(r);
    CHECK(r->get()->w == 64);
    CHECK(r->get()->h == 48);
    CHECK(near(at(r->get(), 10, 20), kBlue, 12));
    CHECK(near(at(r->get(), 50, 20), kGrey, 12));
}

TEST_CASE("GIF and WebP are decoded by their own loaders") {
    // The fixtures hold one picture in four formats: red and blue fields over a sand band.
    auto lib = image_library();
    auto png = media::load_image(kFixtures / "valid-64x48.png");
    REQUIRE(png);
    CHECK(near(at(png->get(), 16, 16), Rgba{192, 32, 32}, 8));
    CHECK(near(at(png->get(), 48, 16), Rgba{32, 64, 192}, 8));
    CHECK(near(at(png->get(), 32, 40), Rgba{240, 224, 160}, 8));
    for (const char* name : {"valid-64x48.gif", "valid-64x48.webp", "valid-64x48.jpg"}) {
        const std::string file = name;
        CAPTURE(file);
        auto r = media::load_image(kFixtures / name);
        REQUIRE(r);
        CHECK(r->get()->format->format == SDL_PIXELFORMAT_ARGB8888);
        CHECK(r->get()->w == 64);
        CHECK(r->get()->h == 48);
        for (const auto& [x, y] : {std::pair{16, 16}, std::pair{48, 16}, std::pair{32, 40}}) {
            const Rgba got = at(r->get(), x, y), want = at(png->get(), x, y);
            CAPTURE(got);
            CAPTURE(want);
            CHECK(near(got, want, 12));
        }
    }
}

TEST_CASE("a zero-byte image is refused with a clear message") {
    auto lib = image_library();
    const fs::path file = kFixtures / "zero-byte.png";
    auto r = media::load_image(file);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == file.string() + ": file is empty (0 bytes)");
    CHECK(r.error().path == file.string());
}

TEST_CASE("a file named .png that holds text is refused as not an image") {
    auto lib = image_library();
    const fs::path file = kFixtures / "not-an-image.png";
    auto r = media::load_image(file);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == file.string() + ": not an image: starts with text \"This file is named l...\"");
}

TEST_CASE("a 20000x20000 PNG header is refused by its size, before any decoder runs") {
    auto lib = image_library();
    const fs::path file = kFixtures / "huge-20000.png";
    REQUIRE(fs::file_size(file) == 45);  // signature, IHDR, IEND: nothing a decoder could use
    const std::string expected =
        file.string() + ": image is 20000x20000 pixels; the limit is 16384 on a side and 64 megapixels";
    auto r = media::load_image(file);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == expected);
    CHECK(media::probe_image(file) == expected);
    auto info = media::read_image_info(file);
    REQUIRE_FALSE(info);
    CHECK(info.error().message == expected);
}

TEST_CASE("the limits are checked before the decoder is called") {
    // A PNG whose header is sound and whose pixel data is damaged: decoding it fails. When the
    // limit refuses it, the answer is the size, so the decoder cannot have run first.
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(64, 48, kGrey);
    save_png(s.get(), dir / "ok.png");
    Bytes b = read_bytes(dir / "ok.png");
    const auto idat = std::search(b.begin(), b.end(), std::begin("IDAT"), std::end("IDAT") - 1);
    REQUIRE(idat != b.end());
    REQUIRE(b.end() - idat > 12);
    for (auto it = idat + 4; it != idat + 12; ++it) *it ^= 0x5A;
    write_bytes(dir / "damaged.png", b);

    auto decoded = media::load_image(dir / "damaged.png");
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().message.find("cannot decode the PNG image: ") != std::string::npos);

    media::LoadImageOptions tight;
    tight.limits = core::ImageLimits{32, 1'000'000};
    auto limited = media::load_image(dir / "damaged.png", tight);
    REQUIRE_FALSE(limited);
    CHECK(limited.error().message == (dir / "damaged.png").string() +
                                         ": image is 64x48 pixels; the limit is 32 on a side and 1 megapixels");
}

TEST_CASE("EXIF orientation turns the pixels of a non-square JPEG") {
    // Stored 64x32: a red mark top-left, a green one top-right. For each orientation: the size
    // shown, and the corners where the marks must end up.
    enum Corner { tl, tr, bl, br };
    struct Case {
        int orientation;
        Corner red, green;
    };
    const Case cases[] = {{1, tl, tr}, {2, tr, tl}, {3, br, bl}, {4, bl, br},
                          {5, tl, bl}, {6, tr, br}, {7, br, tr}, {8, bl, tl}};
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(64, 32, kGrey);
    paint(s.get(), {0, 0, 16, 16}, kRed);
    paint(s.get(), {48, 0, 16, 16}, kGreen);
    for (const Case& c : cases) {
        CAPTURE(c.orientation);
        const fs::path file = dir / ("o" + std::to_string(c.orientation) + ".jpg");
        save_jpg(s.get(), file);
        add_orientation(file, c.orientation);
        auto r = media::load_image(file);
        REQUIRE(r);
        const SDL_Surface* img = r->get();
        const bool turned = c.orientation >= 5;
        CHECK(img->w == (turned ? 32 : 64));
        CHECK(img->h == (turned ? 64 : 32));
        auto corner = [&](Corner k) {
            const int x = (k == tl || k == bl) ? 8 : img->w - 9;
            const int y = (k == tl || k == tr) ? 8 : img->h - 9;
            return at(img, x, y);
        };
        CHECK(near(corner(c.red), kRed, 40));
        CHECK(near(corner(c.green), kGreen, 40));
        for (Corner k : {tl, tr, bl, br}) {
            if (k != c.red && k != c.green) CHECK(near(corner(k), kGrey, 40));
        }
    }
}

TEST_CASE("scaling into a box keeps the aspect ratio and only shrinks") {
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(300, 200, kBlue);
    paint(s.get(), {0, 0, 150, 200}, kRed);
    paint(s.get(), {0, 0, 60, 60}, Rgba{0, 0, 0, 0});  // a transparent corner
    save_png(s.get(), dir / "a.png");

    SUBCASE("into a square box: the width decides") {
        media::LoadImageOptions o;
        o.max_width = 150;
        o.max_height = 150;
        auto r = media::load_image(dir / "a.png", o);
        REQUIRE(r);
        CHECK(r->get()->format->format == SDL_PIXELFORMAT_ARGB8888);
        CHECK(r->get()->w == 150);
        CHECK(r->get()->h == 100);
        CHECK(near(at(r->get(), 50, 80), kRed, 3));
        CHECK(near(at(r->get(), 140, 50), kBlue, 3));
        CHECK(at(r->get(), 5, 5).a <= 3);
    }
    SUBCASE("a box larger than the image leaves it as it is") {
        media::LoadImageOptions o;
        o.max_width = 1920;
        o.max_height = 1080;
        auto r = media::load_image(dir / "a.png", o);
        REQUIRE(r);
        CHECK(r->get()->w == 300);
        CHECK(r->get()->h == 200);
    }
    SUBCASE("a bound on the height only") {
        media::LoadImageOptions o;
        o.max_height = 50;
        auto r = media::load_image(dir / "a.png", o);
        REQUIRE(r);
        CHECK(r->get()->w == 75);
        CHECK(r->get()->h == 50);
    }
}

TEST_CASE("shrinking averages the pixels instead of picking some") {
    // A one-pixel checkerboard shrunk 4 times: nearest-neighbour would give pure black or
    // white; a real downscaling filter gives the grey in between.
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(400, 400, Rgba{0, 0, 0});
    for (int y = 0; y < 400; ++y)
        for (int x = (y & 1); x < 400; x += 2) paint(s.get(), {x, y, 1, 1}, Rgba{255, 255, 255});
    save_png(s.get(), dir / "checks.png");
    media::LoadImageOptions o;
    o.max_width = 100;
    o.max_height = 100;
    auto r = media::load_image(dir / "checks.png", o);
    REQUIRE(r);
    REQUIRE(r->get()->w == 100);
    for (const auto& [x, y] : {std::pair{10, 10}, std::pair{50, 50}, std::pair{90, 30}}) {
        CAPTURE(x);
        CAPTURE(y);
        CHECK(near(at(r->get(), x, y), Rgba{128, 128, 128}, 10));
    }
}

TEST_CASE("the box is measured on the picture as shown, after its orientation") {
    auto lib = image_library();
    TempDir dir;
    auto s = make_surface(64, 32, kGrey);
    save_jpg(s.get(), dir / "turned.jpg");
    add_orientation(dir / "turned.jpg", 6);  // shown 32 wide, 64 high
    media::LoadImageOptions o;
    o.max_width = 16;
    o.max_height = 100;
    auto r = media::load_image(dir / "turned.jpg", o);
    REQUIRE(r);
    CHECK(r->get()->w == 16);
    CHECK(r->get()->h == 32);
}

TEST_CASE("a missing file and a folder are refused with the path") {
    auto lib = image_library();
    TempDir dir;
    auto missing = media::load_image(dir / "nope.jpg");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == (dir / "nope.jpg").string() + ": file not found");
    CHECK(missing.error().path == (dir / "nope.jpg").string());
    fs::create_directories(dir / "folder.png");
    auto folder = media::load_image(dir / "folder.png");
    REQUIRE_FALSE(folder);
    CHECK(folder.error().message == (dir / "folder.png").string() + ": is a folder, not an image file");
}

TEST_CASE("probing an image says nothing when it decodes fully, and the reason otherwise") {
    auto lib = image_library();
    TempDir dir;
    for (const char* name : {"valid-64x48.png", "valid-64x48.jpg", "valid-64x48.gif", "valid-64x48.webp"}) {
        CAPTURE(name);
        CHECK(media::probe_image(kFixtures / name) == "");
    }
    CHECK(media::probe_image(kFixtures / "zero-byte.png").find("file is empty (0 bytes)") != std::string::npos);
    CHECK(media::probe_image(kFixtures / "not-an-image.png").find("not an image") != std::string::npos);
    CHECK(media::probe_image(kFixtures / "huge-20000.png").find("20000x20000") != std::string::npos);
    CHECK(media::probe_image(dir / "missing.png") == (dir / "missing.png").string() + ": file not found");

    SUBCASE("a JPEG cut short decodes, but the probe says it ends early") {
        auto s = make_surface(256, 256, kGrey);
        for (int i = 0; i < 256; i += 8) paint(s.get(), {i, 0, 4, 256}, kRed);
        save_jpg(s.get(), dir / "whole.jpg");
        Bytes b = read_bytes(dir / "whole.jpg");
        b.resize(b.size() / 2);
        write_bytes(dir / "cut.jpg", b);
        CHECK(media::probe_image(dir / "whole.jpg") == "");
        CHECK(media::probe_image(dir / "cut.jpg") ==
              (dir / "cut.jpg").string() +
                  ": the JPEG data ends early (no end-of-image marker): part of the picture would be grey");
    }
    SUBCASE("a JPEG named .png is probed as the JPEG it is") {
        fs::copy_file(kFixtures / "valid-64x48.jpg", dir / "photo.png");
        CHECK(media::probe_image(dir / "photo.png") == "");
    }
}

TEST_CASE("images load on several threads at once") {
    auto lib = image_library();
    media::LoadImageOptions o;
    o.max_width = 32;
    o.max_height = 32;
    core::Result<platform::SurfacePtr> a = core::fail("not run"), b = core::fail("not run");
    {
        std::jthread ta([&] { a = media::load_image(kFixtures / "valid-64x48.jpg", o); });
        std::jthread tb([&] { b = media::load_image(kFixtures / "valid-64x48.jpg", o); });
    }
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->get()->w == 32);
    CHECK(a->get()->h == 24);
    for (int y = 0; y < 24; y += 5)
        for (int x = 0; x < 32; x += 5) CHECK(near(at(a->get(), x, y), at(b->get(), x, y), 0));
}
