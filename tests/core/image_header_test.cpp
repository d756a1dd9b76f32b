#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/image_header.hpp"

using namespace vitrine::core;

namespace {

using Bytes = std::vector<std::uint8_t>;

void append(Bytes& b, std::string_view s) { b.insert(b.end(), s.begin(), s.end()); }
void append(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }
void be16(Bytes& b, std::uint32_t v) { b.push_back(std::uint8_t(v >> 8)); b.push_back(std::uint8_t(v)); }
void be32(Bytes& b, std::uint32_t v) { be16(b, v >> 16); be16(b, v & 0xFFFF); }
void le16(Bytes& b, std::uint32_t v) { b.push_back(std::uint8_t(v)); b.push_back(std::uint8_t(v >> 8)); }
void le24(Bytes& b, std::uint32_t v) { le16(b, v & 0xFFFF); b.push_back(std::uint8_t(v >> 16)); }
void le32(Bytes& b, std::uint32_t v) { le16(b, v & 0xFFFF); le16(b, v >> 16); }

std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k) crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

// PNG signature, IHDR (8-bit RGBA) with its CRC, and an IEND: a header without pixels.
Bytes png_header(std::uint32_t w, std::uint32_t h) {
    Bytes b;
    append(b, std::string_view("\x89PNG\r\n\x1a\n", 8));
    be32(b, 13);
    const std::size_t type_at = b.size();
    append(b, "IHDR");
    be32(b, w);
    be32(b, h);
    append(b, Bytes{8, 6, 0, 0, 0});
    be32(b, crc32(b.data() + type_at, b.size() - type_at));
    be32(b, 0);
    append(b, "IEND");
    be32(b, 0xAE426082);
    return b;
}

Bytes segment(std::uint8_t marker, const Bytes& payload) {
    Bytes b{0xFF, marker};
    be16(b, std::uint32_t(payload.size() + 2));
    append(b, payload);
    return b;
}

Bytes sof(std::uint8_t marker, int w, int h) {
    Bytes p{8};
    be16(p, std::uint32_t(h));
    be16(p, std::uint32_t(w));
    append(p, Bytes{3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
    return segment(marker, p);
}

// An APP1 EXIF payload with IFD0 = {Make, Orientation}, in either byte order.
Bytes exif_payload(int orientation, bool little) {
    Bytes p;
    append(p, std::string_view("Exif\0\0", 6));
    auto u16 = [&](std::uint32_t v) { little ? le16(p, v) : be16(p, v); };
    auto u32 = [&](std::uint32_t v) { little ? le32(p, v) : be32(p, v); };
    append(p, little ? "II" : "MM");
    u16(42);
    u32(8);
    u16(2);  // entries
    u16(0x010F); u16(2); u32(4); append(p, std::string_view("Cam\0", 4));  // Make, ASCII, inline
    u16(0x0112); u16(3); u32(1); u16(std::uint32_t(orientation)); u16(0);  // Orientation, SHORT
    u32(0);  // no next IFD
    return p;
}

Bytes jpeg_header(int w, int h, const std::vector<Bytes>& before_sof = {}, std::uint8_t sof_marker = 0xC0) {
    Bytes b{0xFF, 0xD8};
    for (const auto& s : before_sof) append(b, s);
    append(b, sof(sof_marker, w, h));
    return b;
}

Bytes jfif() {
    Bytes p;
    append(p, std::string_view("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
    return segment(0xE0, p);
}

Bytes gif_header(int screen_w, int screen_h, int frame_w, int frame_h, bool with_extension) {
    Bytes b;
    append(b, "GIF89a");
    le16(b, std::uint32_t(screen_w));
    le16(b, std::uint32_t(screen_h));
    b.push_back(0x81);  // global colour table of 4 entries
    b.push_back(0);
    b.push_back(0);
    append(b, Bytes(12, 0x7F));
    if (with_extension) append(b, Bytes{0x21, 0xF9, 4, 0x01, 0, 0, 0, 0});  // graphic control
    b.push_back(',');
    le16(b, 0);
    le16(b, 0);
    le16(b, std::uint32_t(frame_w));
    le16(b, std::uint32_t(frame_h));
    b.push_back(0);
    return b;
}

Bytes riff(std::string_view chunk, const Bytes& data) {
    Bytes b;
    append(b, "RIFF");
    le32(b, std::uint32_t(4 + 8 + data.size()));
    append(b, "WEBP");
    append(b, chunk);
    le32(b, std::uint32_t(data.size()));
    append(b, data);
    return b;
}

Bytes webp_vp8(int w, int h) {
    Bytes d{0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A};  // key frame tag, start code
    le16(d, std::uint32_t(w));
    le16(d, std::uint32_t(h));
    append(d, Bytes(8, 0));
    return riff("VP8 ", d);
}

Bytes webp_vp8l(int w, int h) {
    Bytes d{0x2F};
    le32(d, std::uint32_t(w - 1) | std::uint32_t(h - 1) << 14);
    append(d, Bytes(4, 0));
    return riff("VP8L", d);
}

Bytes webp_vp8x(int w, int h) {
    Bytes d{0x10, 0, 0, 0};  // alpha flag
    le24(d, std::uint32_t(w - 1));
    le24(d, std::uint32_t(h - 1));
    return riff("VP8X", d);
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace

TEST_CASE("a PNG header gives its size") {
    auto info = sniff_image(png_header(640, 480), "a.png");
    REQUIRE(info);
    CHECK(info->format == ImageFormat::png);
    CHECK(info->width == 640);
    CHECK(info->height == 480);
    CHECK(info->orientation == 1);
}

TEST_CASE("a damaged PNG header is refused") {
    SUBCASE("a checksum that does not match") {
        Bytes b = png_header(640, 480);
        b[19] ^= 0x01;  // width changed, CRC kept
        auto r = sniff_image(b, "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: damaged PNG header: the IHDR checksum does not match");
        CHECK(r.error().path == "a.png");
    }
    SUBCASE("a first chunk that is not IHDR") {
        Bytes b = png_header(640, 480);
        b[12] = 'X';
        auto r = sniff_image(b, "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: damaged PNG header: the first chunk is \"XHDR\", not IHDR");
    }
    SUBCASE("a size of zero") {
        auto r = sniff_image(png_header(0, 480), "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: damaged PNG header: impossible size 0x480");
    }
    SUBCASE("a size beyond what PNG allows") {
        auto r = sniff_image(png_header(0x80000000u, 1), "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: damaged PNG header: impossible size 2147483648x1");
    }
}

TEST_CASE("a 20000x20000 PNG is refused with its size named") {
    auto info = sniff_image(png_header(20000, 20000), "media/huge.png");
    REQUIRE(info);
    auto r = check_limits(*info, ImageLimits{}, "media/huge.png");
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "media/huge.png: image is 20000x20000 pixels; the limit is 16384 on a side and 64 megapixels");
    CHECK(r.error().path == "media/huge.png");
}

TEST_CASE("the limits count both the longest side and the pixels") {
    const ImageLimits limits;
    SUBCASE("exactly at both limits passes") {
        CHECK(check_limits({ImageFormat::png, 16384, 100, 1}, limits, "a"));
        CHECK(check_limits({ImageFormat::png, 8000, 8000, 1}, limits, "a"));
    }
    SUBCASE("one pixel over the side") {
        auto r = check_limits({ImageFormat::png, 16385, 100, 1}, limits, "a");
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("16385x100") != std::string::npos);
    }
    SUBCASE("under the side but over the pixels") {
        auto r = check_limits({ImageFormat::jpeg, 10000, 10000, 1}, limits, "a");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a: image is 10000x10000 pixels; the limit is 16384 on a side and 64 megapixels");
    }
    SUBCASE("a limit that is not whole megapixels is given in pixels") {
        auto r = check_limits({ImageFormat::png, 2000, 2000, 1}, ImageLimits{4096, 2'500'000}, "a");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a: image is 2000x2000 pixels; the limit is 4096 on a side and 2500000 pixels");
    }
    SUBCASE("the info passes through unchanged") {
        auto r = check_limits({ImageFormat::jpeg, 300, 200, 6}, limits, "a");
        REQUIRE(r);
        CHECK(r->orientation == 6);
        CHECK(r->width == 300);
    }
}

TEST_CASE("a JPEG header gives the size of its first frame") {
    SUBCASE("baseline after JFIF and a quantisation table") {
        auto info = sniff_image(jpeg_header(1200, 1800, {jfif(), segment(0xDB, Bytes(65, 1))}), "a.jpg");
        REQUIRE(info);
        CHECK(info->format == ImageFormat::jpeg);
        CHECK(info->width == 1200);
        CHECK(info->height == 1800);
        CHECK(info->orientation == 1);
    }
    SUBCASE("progressive") {
        auto info = sniff_image(jpeg_header(3840, 2160, {jfif()}, 0xC2), "a.jpg");
        REQUIRE(info);
        CHECK(info->width == 3840);
        CHECK(info->height == 2160);
    }
    SUBCASE("fill bytes and a huffman table (C4, not a frame) before the frame") {
        Bytes b{0xFF, 0xD8, 0xFF, 0xFF};
        append(b, segment(0xC4, Bytes{0, 0, 0, 0x30, 0xC0, 0x00, 0x10}));  // holds C0 bytes as data
        append(b, sof(0xC1, 77, 66));
        auto info = sniff_image(b, "a.jpg");
        REQUIRE(info);
        CHECK(info->width == 77);
        CHECK(info->height == 66);
    }
}

TEST_CASE("the EXIF orientation is read in both byte orders") {
    for (const bool little : {true, false}) {
        for (int o = 1; o <= 8; ++o) {
            CAPTURE(little);
            CAPTURE(o);
            auto info = sniff_image(jpeg_header(400, 300, {segment(0xE1, exif_payload(o, little))}), "a.jpg");
            REQUIRE(info);
            CHECK(info->orientation == o);
            CHECK(info->width == 400);  // the stored size: orientation is applied by the loader
        }
    }
}

TEST_CASE("EXIF orientation: other APP1 segments, odd values and damaged blocks") {
    SUBCASE("an XMP APP1 before the EXIF one is skipped") {
        Bytes xmp;
        append(xmp, std::string_view("http://ns.adobe.com/xap/1.0/\0<x/>", 33));
        auto info = sniff_image(jpeg_header(10, 10, {segment(0xE1, xmp), segment(0xE1, exif_payload(8, false))}), "a.jpg");
        REQUIRE(info);
        CHECK(info->orientation == 8);
    }
    SUBCASE("only the first EXIF block counts") {
        auto info = sniff_image(
            jpeg_header(10, 10, {segment(0xE1, exif_payload(3, true)), segment(0xE1, exif_payload(6, true))}), "a.jpg");
        REQUIRE(info);
        CHECK(info->orientation == 3);
    }
    SUBCASE("a value outside 1..8 means as stored") {
        auto info = sniff_image(jpeg_header(10, 10, {segment(0xE1, exif_payload(9, true))}), "a.jpg");
        REQUIRE(info);
        CHECK(info->orientation == 1);
    }
    SUBCASE("an IFD offset pointing past the block") {
        Bytes p = exif_payload(6, true);
        p[10] = 0xF0;  // IFD0 offset low byte
        p[13] = 0x7F;  // and high byte: far away
        auto info = sniff_image(jpeg_header(10, 10, {segment(0xE1, p)}), "a.jpg");
        REQUIRE(info);
        CHECK(info->orientation == 1);
    }
    SUBCASE("an entry count larger than the block") {
        Bytes p = exif_payload(6, false);
        p[14] = 0xFF;
        p[15] = 0xFF;  // 65535 entries, big-endian; the orientation entry is still the second
        auto info = sniff_image(jpeg_header(10, 10, {segment(0xE1, p)}), "a.jpg");
        REQUIRE(info);
        CHECK(info->orientation == 6);
    }
}

TEST_CASE("a JPEG without a readable frame header is refused with the reason") {
    SUBCASE("the head ends before the frame header") {
        Bytes b{0xFF, 0xD8};
        append(b, segment(0xE1, Bytes(2000, 0)));
        b.resize(1000);
        auto r = sniff_image(b, "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.jpg: truncated JPEG header: no frame size (SOF marker) in the first 1000 bytes");
    }
    SUBCASE("scan data before the frame header") {
        Bytes b{0xFF, 0xD8};
        append(b, segment(0xDA, Bytes(10, 0)));
        auto r = sniff_image(b, "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.jpg: damaged JPEG: scan data before the frame header");
    }
    SUBCASE("the end marker before the frame header") {
        auto r = sniff_image(Bytes{0xFF, 0xD8, 0xFF, 0xD9}, "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.jpg: damaged JPEG: it ends before its frame header (no SOF marker)");
    }
    SUBCASE("a segment length below 2") {
        auto r = sniff_image(Bytes{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xC0}, "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.jpg: damaged JPEG: segment length 1 at byte 2");
    }
    SUBCASE("a height left to a DNL marker") {
        auto r = sniff_image(jpeg_header(100, 0), "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("height 0") != std::string::npos);
    }
}

TEST_CASE("a GIF header gives the size of its first frame") {
    SUBCASE("frame and screen agree, after a graphic control extension") {
        auto info = sniff_image(gif_header(320, 200, 320, 200, true), "a.gif");
        REQUIRE(info);
        CHECK(info->format == ImageFormat::gif);
        CHECK(info->width == 320);
        CHECK(info->height == 200);
    }
    SUBCASE("a frame larger than a tiny screen is what gets checked") {
        auto info = sniff_image(gif_header(1, 1, 60000, 60000, false), "a.gif");
        REQUIRE(info);
        CHECK(info->width == 60000);
        CHECK_FALSE(check_limits(*info, ImageLimits{}, "a.gif"));
    }
    SUBCASE("a trailer before any frame") {
        Bytes b = gif_header(10, 10, 10, 10, false);
        b.resize(25);  // header, screen, colour table
        b.push_back(';');
        auto r = sniff_image(b, "a.gif");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.gif: damaged GIF: it ends before its first frame");
    }
    SUBCASE("a frame of zero width") {
        auto r = sniff_image(gif_header(10, 10, 0, 10, false), "a.gif");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.gif: damaged GIF: its first frame is 0x10 pixels");
    }
}

TEST_CASE("WebP headers of all three kinds give their size") {
    SUBCASE("lossy VP8") {
        auto info = sniff_image(webp_vp8(1024, 768), "a.webp");
        REQUIRE(info);
        CHECK(info->format == ImageFormat::webp);
        CHECK(info->width == 1024);
        CHECK(info->height == 768);
    }
    SUBCASE("lossless VP8L") {
        auto info = sniff_image(webp_vp8l(16383, 5), "a.webp");
        REQUIRE(info);
        CHECK(info->width == 16383);
        CHECK(info->height == 5);
    }
    SUBCASE("extended VP8X with a canvas larger than the limits") {
        auto info = sniff_image(webp_vp8x(30000, 20000), "a.webp");
        REQUIRE(info);
        CHECK(info->width == 30000);
        CHECK(info->height == 20000);
        CHECK_FALSE(check_limits(*info, ImageLimits{}, "a.webp"));
    }
    SUBCASE("a VP8 chunk without its start code") {
        Bytes b = webp_vp8(10, 10);
        b[24] = 0x00;
        auto r = sniff_image(b, "a.webp");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.webp: damaged WebP: the VP8 key frame header is missing");
    }
    SUBCASE("an unknown first chunk") {
        auto r = sniff_image(riff("ALPH", Bytes(10, 0)), "a.webp");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.webp: damaged WebP: unknown first chunk \"ALPH\"");
    }
}

TEST_CASE("an empty file is refused with a clear message") {
    auto r = sniff_image({}, "media/zero.png");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "media/zero.png: file is empty (0 bytes)");
    CHECK(r.error().path == "media/zero.png");
}

TEST_CASE("a text file is refused and its first words are shown") {
    SUBCASE("a long note") {
        auto r = sniff_image(text("hello world, this is not a picture at all"), "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: not an image: starts with text \"hello world, this is...\"");
    }
    SUBCASE("a short one, with a newline, shown whole") {
        auto r = sniff_image(text("hi\n"), "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: not an image: starts with text \"hi\\n\"");
    }
    SUBCASE("UTF-8 text is text, and is never cut inside a character") {
        auto r = sniff_image(text("Проект Конституции СССР"), "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.jpg: not an image: starts with text \"Проект Кон...\"");
    }
    SUBCASE("an HTML page saved under an image's name") {
        auto r = sniff_image(text("<!DOCTYPE html><html>"), "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.jpg: not an image: starts with text \"<!DOCTYPE html><html...\"");
    }
}

TEST_CASE("formats we do not show are refused with their first bytes") {
    SUBCASE("BMP is named") {
        Bytes b{'B', 'M', 0x36, 0x00, 0x0C, 0x00, 0, 0, 0, 0, 0x36, 0, 0, 0};
        auto r = sniff_image(b, "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: unsupported image format: BMP (starts with bytes 42 4D 36 00 0C 00 00 00 ...)");
    }
    SUBCASE("an MP4 video is named") {
        Bytes b{0, 0, 0, 0x20};
        append(b, "ftypisom");
        auto r = sniff_image(b, "a.jpg");
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("unsupported image format: MP4/QuickTime video") != std::string::npos);
    }
    SUBCASE("unknown binary bytes") {
        auto r = sniff_image(Bytes{0x42, 0x4D, 0x01, 0x02}, "a.png");
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "a.png: unsupported image format (starts with bytes 42 4D 01 02)");
    }
}

TEST_CASE("every truncation of a valid header is refused, never read past") {
    const std::vector<std::pair<const char*, Bytes>> headers = {
        {"png", png_header(100, 50)},
        {"jpeg", jpeg_header(100, 50, {jfif(), segment(0xE1, exif_payload(6, true))})},
        {"gif", gif_header(100, 50, 100, 50, true)},
        {"vp8", webp_vp8(100, 50)},
        {"vp8l", webp_vp8l(100, 50)},
        {"vp8x", webp_vp8x(100, 50)},
    };
    for (const auto& [name, full] : headers) {
        const std::string n_ = name;
        CAPTURE(n_);
        REQUIRE(sniff_image(full, "f"));
        // Bytes the header needs: the PNG's IEND, the rest of the JPEG's frame header (its
        // component table) and the WebP's padding come after.
        const std::size_t needed = n_ == "png"    ? 33
                                   : n_ == "jpeg" ? full.size() - 9
                                   : n_ == "vp8"  ? 30
                                   : n_ == "vp8l" ? 25
                                                  : full.size();
        CHECK(sniff_image(Bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(needed)), "f"));
        for (std::size_t n = 1; n < needed; ++n) {
            CAPTURE(n);
            // A copy of exactly n bytes, so a read past the end is caught by sanitizers.
            const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            auto r = sniff_image(cut, "f");
            CHECK_FALSE(r);
            if (!r) CHECK(r.error().message.rfind("f: ", 0) == 0);
        }
    }
    SUBCASE("the messages say which header was cut") {
        CHECK(sniff_image(Bytes{0x89, 'P', 'N'}, "f").error().message == "f: truncated PNG header");
        CHECK(sniff_image(png_header(1, 1), "f").has_value());
        CHECK(sniff_image(Bytes{0xFF, 0xD8}, "f").error().message == "f: truncated JPEG header");
        CHECK(sniff_image(text("GIF89a\x01"), "f").error().message == "f: truncated GIF header");
        CHECK(sniff_image(text(std::string_view("RIFF\x10\0\0\0WEBPVP8 ", 16)), "f").error().message ==
              "f: truncated WebP header");
    }
}

TEST_CASE("garbage and damaged headers never crash the parser") {
    std::mt19937 rng(20240611);  // fixed seed: the same inputs every run
    std::uniform_int_distribution<int> byte(0, 255);
    const std::vector<Bytes> seeds = {
        png_header(100, 50),
        jpeg_header(100, 50, {jfif(), segment(0xE1, exif_payload(6, true)), segment(0xE1, exif_payload(3, false))}),
        gif_header(100, 50, 100, 50, true),
        webp_vp8(100, 50),
        webp_vp8l(100, 50),
        webp_vp8x(100, 50),
    };
    int accepted = 0, refused = 0;
    auto check_one = [&](const Bytes& b) {
        auto r = sniff_image(b, "g");
        if (r) {
            ++accepted;
            CHECK(r->width > 0);
            CHECK(r->height > 0);
            CHECK(r->orientation >= 1);
            CHECK(r->orientation <= 8);
        } else {
            ++refused;
            CHECK(r.error().message.rfind("g: ", 0) == 0);
        }
        (void)jpeg_has_end_marker(b);
    };
    for (int i = 0; i < 3000; ++i) {
        // Mutations of valid headers: a few bytes changed, and a random length.
        Bytes b = seeds[static_cast<std::size_t>(i) % seeds.size()];
        const int flips = 1 + i % 4;
        for (int k = 0; k < flips; ++k) b[static_cast<std::size_t>(byte(rng)) % b.size()] = std::uint8_t(byte(rng));
        b.resize(1 + static_cast<std::size_t>(byte(rng)) % b.size());
        check_one(b);
    }
    for (int i = 0; i < 1000; ++i) {
        Bytes b(static_cast<std::size_t>(1 + byte(rng)));
        for (auto& c : b) c = std::uint8_t(byte(rng));
        if (i % 4 == 0 && b.size() > 1) {  // make the JPEG marker walk run over random bytes
            b[0] = 0xFF;
            b[1] = 0xD8;
        }
        check_one(b);
    }
    CHECK(accepted > 0);
    CHECK(refused > 0);
}

TEST_CASE("a file extension that disagrees with the content is worth a warning") {
    CHECK(extension_mismatch(ImageFormat::jpeg, "media/photo.JPG").empty());
    CHECK(extension_mismatch(ImageFormat::jpeg, "media/photo.jpeg").empty());
    CHECK(extension_mismatch(ImageFormat::png, "a.b/c.png").empty());
    CHECK(extension_mismatch(ImageFormat::webp, "x.WebP").empty());
    CHECK(extension_mismatch(ImageFormat::jpeg, "media/photo.png") ==
          "media/photo.png: is named .png but holds a JPEG image (expected .jpg or .jpeg)");
    CHECK(extension_mismatch(ImageFormat::gif, "media.d/scan") ==
          "media.d/scan: has no extension but holds a GIF image (expected .gif)");
}

TEST_CASE("fitting into a box keeps the aspect ratio and only shrinks") {
    CHECK(fit_within({6000, 4000}, {2496, 1404}) == Size{2106, 1404});
    CHECK(fit_within({4000, 6000}, {2496, 1404}) == Size{936, 1404});
    CHECK(fit_within({6000, 1000}, {2496, 1404}) == Size{2496, 416});
    CHECK(fit_within({800, 600}, {1920, 1080}) == Size{800, 600});  // never enlarged
    CHECK(fit_within({800, 600}, {0, 0}) == Size{800, 600});        // no box
    CHECK(fit_within({800, 600}, {400, 0}) == Size{400, 300});      // width only
    CHECK(fit_within({10000, 2}, {100, 100}) == Size{100, 1});      // never below one pixel
}

TEST_CASE("a JPEG's end marker is found after its scan, not in its thumbnail") {
    Bytes thumbnail_app1;
    append(thumbnail_app1, std::string_view("Exif\0\0", 6));
    append(thumbnail_app1, Bytes{0xFF, 0xD8, 0xFF, 0xD9});  // a thumbnail's own end marker
    Bytes b = jpeg_header(8, 8, {segment(0xE1, thumbnail_app1)});
    append(b, segment(0xDA, Bytes{1, 1, 0, 0, 63, 0}));
    append(b, Bytes{0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56});  // coded data, a stuffed FF, a restart
    CHECK_FALSE(jpeg_has_end_marker(b));
    append(b, Bytes{0xFF, 0xD9});
    CHECK(jpeg_has_end_marker(b));
    CHECK_FALSE(jpeg_has_end_marker(png_header(1, 1)));
}
