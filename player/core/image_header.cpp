#include "core/image_header.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace vitrine::core {
namespace {

using Bytes = std::span<const std::uint8_t>;

// True when [offset, offset + n) lies inside `b`; written so that no sum can overflow.
bool has(Bytes b, std::size_t offset, std::size_t n) {
    return offset <= b.size() && n <= b.size() - offset;
}

// Readers below are called only after has() vouched for the bytes.
std::uint32_t be16(Bytes b, std::size_t o) { return std::uint32_t(b[o]) << 8 | b[o + 1]; }
std::uint32_t le16(Bytes b, std::size_t o) { return std::uint32_t(b[o + 1]) << 8 | b[o]; }
std::uint32_t le24(Bytes b, std::size_t o) { return le16(b, o) | std::uint32_t(b[o + 2]) << 16; }
std::uint32_t be32(Bytes b, std::size_t o) { return be16(b, o) << 16 | be16(b, o + 2); }
std::uint32_t le32(Bytes b, std::size_t o) { return le16(b, o + 2) << 16 | le16(b, o); }

bool starts_with(Bytes b, std::string_view prefix, std::size_t at = 0) {
    if (!has(b, at, prefix.size())) return false;
    return std::memcmp(b.data() + at, prefix.data(), prefix.size()) == 0;
}

// `b` is shorter than `signature` and agrees with it as far as it goes.
bool is_cut_signature(Bytes b, std::string_view signature) {
    return b.size() < signature.size() && std::memcmp(b.data(), signature.data(), b.size()) == 0;
}

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::string_view kJpegSignature{"\xff\xd8\xff", 3};

std::unexpected<Error> refuse(const std::string& path, const std::string& what) {
    return fail(path + ": " + what, path);
}

std::string hex_bytes(Bytes b) {
    constexpr std::size_t kShown = 8;  // enough to recognise a format in a table of signatures
    constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < std::min(kShown, b.size()); ++i) {
        if (i > 0) out += ' ';
        out += kDigits[b[i] >> 4];
        out += kDigits[b[i] & 0xF];
    }
    if (b.size() > kShown) out += " ...";
    return out;
}

// A four-character code as printable text, for messages.
std::string fourcc(Bytes b, std::size_t at) {
    std::string out;
    for (std::size_t i = at; i < at + 4 && i < b.size(); ++i) {
        out += (b[i] >= 0x20 && b[i] < 0x7F) ? static_cast<char>(b[i]) : '?';
    }
    return out;
}

// Length of the UTF-8 sequence led by `c`; 0 when `c` cannot lead one.
std::size_t utf8_length(std::uint8_t c) {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

constexpr std::size_t kTextWindow = 64;  // bytes looked at to call a file text

// Valid UTF-8 without control characters other than ordinary whitespace, in the first bytes.
bool looks_like_text(Bytes b) {
    const std::size_t n = std::min(b.size(), kTextWindow);
    std::size_t i = starts_with(b, "\xEF\xBB\xBF") ? 3 : 0;
    while (i < n) {
        const std::uint8_t c = b[i];
        const std::size_t len = utf8_length(c);
        if (len == 0) return false;
        if (len == 1) {
            const bool space = c == '\t' || c == '\n' || c == '\r' || c == '\f';
            if ((c < 0x20 && !space) || c == 0x7F) return false;
        }
        // A sequence cut by the end of the window is given the benefit of the doubt.
        for (std::size_t k = 1; k < len && i + k < n; ++k) {
            if ((b[i + k] & 0xC0) != 0x80) return false;
        }
        i += len;
    }
    return true;
}

// The first characters of a text, quoted and escaped for a one-line message.
std::string text_snippet(Bytes b) {
    constexpr std::size_t kShown = 20;  // bytes: enough to recognise a note, a page or a script
    std::size_t i = starts_with(b, "\xEF\xBB\xBF") ? 3 : 0;
    std::string out = "\"";
    while (i < b.size() && i < kShown) {
        const std::size_t len = std::max<std::size_t>(1, utf8_length(b[i]));
        if (i + len > b.size() || i + len > kShown) break;  // never cut a character in half
        const char c = static_cast<char>(b[i]);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c == '"' || c == '\\') (out += '\\') += c;
        else out.append(reinterpret_cast<const char*>(b.data() + i), len);
        i += len;
    }
    if (i < b.size()) out += "...";
    return out + "\"";
}

// Formats other than ours that people are likely to drop into a media folder, for a clearer
// refusal than a row of bytes. Each check looks beyond the first bytes where those alone could
// begin a text.
std::string_view other_format_name(Bytes b) {
    const bool zero_reserved = has(b, 6, 4) && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0;
    if (starts_with(b, "BM") && zero_reserved) return "BMP";
    if (starts_with(b, std::string_view("II*\0", 4)) || starts_with(b, std::string_view("MM\0*", 4))) return "TIFF";
    if (starts_with(b, std::string_view("8BPS\0\1", 6))) return "Photoshop PSD";
    if (starts_with(b, "%PDF-")) return "PDF";
    if (starts_with(b, "\xFF\x0A") ||
        starts_with(b, std::string_view("\0\0\0\x0CJXL \x0D\x0A\x87\x0A", 12))) return "JPEG XL";
    if (starts_with(b, "gimp xcf")) return "GIMP XCF";
    if (starts_with(b, "qoif") && has(b, 4, 1) && b[4] < 0x20) return "QOI";
    if (starts_with(b, std::string_view("\0\0\1\0", 4))) return "ICO";
    if (starts_with(b, "ftyp", 4)) {
        if (starts_with(b, "avif", 8) || starts_with(b, "avis", 8)) return "AVIF";
        if (starts_with(b, "heic", 8) || starts_with(b, "heix", 8) || starts_with(b, "mif1", 8) ||
            starts_with(b, "msf1", 8)) return "HEIF/HEIC";
        return "MP4/QuickTime video";
    }
    if (starts_with(b, "RIFF") && has(b, 8, 4)) {
        if (starts_with(b, "WAVE", 8)) return "WAV audio";
        if (starts_with(b, "AVI ", 8)) return "AVI video";
    }
    if (starts_with(b, std::string_view("OggS\0", 5))) return "Ogg audio/video";
    if (starts_with(b, "\x1A\x45\xDF\xA3")) return "Matroska/WebM video";
    if (starts_with(b, "ID3") && has(b, 3, 1) && b[3] < 0x10) return "MP3 audio";
    if (starts_with(b, "PK\x03\x04")) return "ZIP archive";
    return {};
}

// CRC-32 as PNG computes it (ISO 3309, reflected, polynomial 0xEDB88320).
std::uint32_t crc32(Bytes b) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const std::uint8_t byte : b) {
        crc ^= byte;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

std::string size_text(std::uint64_t w, std::uint64_t h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

Result<ImageInfo> sniff_png(Bytes b, const std::string& path) {
    // Signature (8), IHDR length (4) and type (4), IHDR data (13), CRC (4).
    constexpr std::size_t kHeaderEnd = 8 + 4 + 4 + 13 + 4;
    if (!has(b, 0, kHeaderEnd)) return refuse(path, "truncated PNG header");
    if (be32(b, 8) != 13 || !starts_with(b, "IHDR", 12)) {
        return refuse(path, "damaged PNG header: the first chunk is \"" + fourcc(b, 12) + "\", not IHDR");
    }
    if (crc32(b.subspan(12, 4 + 13)) != be32(b, 29)) {
        return refuse(path, "damaged PNG header: the IHDR checksum does not match");
    }
    const std::uint32_t w = be32(b, 16), h = be32(b, 20);
    constexpr std::uint32_t kPngMax = std::numeric_limits<std::int32_t>::max();  // PNG's own limit
    if (w == 0 || h == 0 || w > kPngMax || h > kPngMax) {
        return refuse(path, "damaged PNG header: impossible size " + size_text(w, h));
    }
    return ImageInfo{ImageFormat::png, static_cast<int>(w), static_cast<int>(h), 1};
}

// The orientation from an APP1 payload (possibly cut short by the end of the head): nullopt
// when the segment is not EXIF (XMP uses APP1 too), 1 when EXIF holds no usable orientation.
std::optional<int> exif_orientation(Bytes seg) {
    if (!starts_with(seg, std::string_view("Exif\0\0", 6))) return std::nullopt;
    const Bytes tiff = seg.subspan(6);
    if (!has(tiff, 0, 8)) return 1;
    bool little;
    if (starts_with(tiff, "II")) little = true;
    else if (starts_with(tiff, "MM")) little = false;
    else return 1;
    auto u16 = [&](std::size_t o) { return little ? le16(tiff, o) : be16(tiff, o); };
    auto u32 = [&](std::size_t o) { return little ? le32(tiff, o) : be32(tiff, o); };
    if (u16(2) != 42) return 1;
    const std::size_t ifd = u32(4);
    if (!has(tiff, ifd, 2)) return 1;
    const std::size_t count = u16(ifd);
    constexpr std::uint32_t kOrientationTag = 0x0112;
    constexpr std::uint32_t kShort = 3, kLong = 4;  // TIFF field types
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t entry = ifd + 2 + 12 * i;
        if (!has(tiff, entry, 12)) break;
        if (u16(entry) != kOrientationTag) continue;
        const std::uint32_t type = u16(entry + 2);
        std::uint32_t value = 0;
        if (type == kShort) value = u16(entry + 8);
        else if (type == kLong) value = u32(entry + 8);
        return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
    }
    return 1;
}

bool is_sof(std::uint8_t marker) {
    // C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Result<ImageInfo> sniff_jpeg(Bytes b, const std::string& path) {
    // Walk the markers the way libjpeg does, so that the frame header found here is the one the
    // decoder will use: garbage before a marker is skipped, fill bytes (FF FF ...) are skipped.
    int orientation = 1;
    bool exif_seen = false;
    std::size_t pos = 2;
    const auto truncated = [&] {
        return refuse(path, "truncated JPEG header: no frame size (SOF marker) in the first " +
                                std::to_string(b.size()) + " bytes");
    };
    for (;;) {
        while (pos < b.size() && b[pos] != 0xFF) ++pos;
        while (pos < b.size() && b[pos] == 0xFF) ++pos;
        if (pos >= b.size()) return truncated();
        const std::size_t marker_at = pos - 1;
        const std::uint8_t marker = b[pos++];
        if (marker == 0x00) continue;                                  // stuffed FF 00 in garbage
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length field
        if (marker == 0xD8) return refuse(path, "damaged JPEG: a second start-of-image marker");
        if (marker == 0xD9) return refuse(path, "damaged JPEG: it ends before its frame header (no SOF marker)");
        if (marker == 0xDA) return refuse(path, "damaged JPEG: scan data before the frame header");
        if (!has(b, pos, 2)) return truncated();
        const std::size_t length = be16(b, pos);  // counts its own two bytes
        if (length < 2) {
            return refuse(path, "damaged JPEG: segment length " + std::to_string(length) + " at byte " +
                                    std::to_string(marker_at));
        }
        if (is_sof(marker)) {
            // length, precision, height, width, component count
            if (!has(b, pos, 8)) return truncated();
            const std::uint32_t h = be16(b, pos + 3), w = be16(b, pos + 5);
            if (h == 0) {
                return refuse(path, "JPEG frame header gives height 0 (set later by a DNL marker), which is not supported");
            }
            if (w == 0) return refuse(path, "damaged JPEG: frame header gives width 0");
            return ImageInfo{ImageFormat::jpeg, static_cast<int>(w), static_cast<int>(h), orientation};
        }
        if (marker == 0xE1 && !exif_seen) {
            const std::size_t end = std::min(b.size(), pos + length);
            if (auto o = exif_orientation(b.subspan(pos + 2, end - (pos + 2)))) {
                orientation = *o;
                exif_seen = true;
            }
        }
        pos += length;
    }
}

Result<ImageInfo> sniff_gif(Bytes b, const std::string& path) {
    // Header (6) and logical screen descriptor (7).
    if (!has(b, 0, 13)) return refuse(path, "truncated GIF header");
    const std::uint8_t flags = b[10];
    std::size_t pos = 13;
    if (flags & 0x80) pos += 3 * (std::size_t{2} << (flags & 0x07));  // global colour table
    const auto truncated = [&] {
        return refuse(path, "truncated GIF header: no frame in the first " + std::to_string(b.size()) + " bytes");
    };
    // SDL_image decodes the first frame at the frame's own size, whatever the logical screen
    // says: that size is the one to check. Like SDL_image, skip bytes that start no block.
    while (pos < b.size()) {
        const std::uint8_t c = b[pos];
        if (c == ',') {
            if (!has(b, pos, 10)) return truncated();
            const std::uint32_t w = le16(b, pos + 5), h = le16(b, pos + 7);
            if (w == 0 || h == 0) return refuse(path, "damaged GIF: its first frame is " + size_text(w, h) + " pixels");
            return ImageInfo{ImageFormat::gif, static_cast<int>(w), static_cast<int>(h), 1};
        }
        if (c == ';') return refuse(path, "damaged GIF: it ends before its first frame");
        if (c != '!') {
            ++pos;
            continue;
        }
        pos += 2;  // introducer and label, then data sub-blocks up to an empty one
        for (;;) {
            if (pos >= b.size()) return truncated();
            const std::size_t n = b[pos++];
            if (n == 0) break;
            pos += n;
        }
    }
    return truncated();
}

Result<ImageInfo> sniff_webp(Bytes b, const std::string& path) {
    // RIFF header (12), then the first chunk: fourcc (4), size (4), data from byte 20.
    const auto truncated = [&] { return refuse(path, "truncated WebP header"); };
    if (!has(b, 12, 8)) return truncated();
    std::uint32_t w = 0, h = 0;
    if (starts_with(b, "VP8 ", 12)) {
        // Lossy: frame tag (3), start code 9D 01 2A, 14-bit width and height (2 scale bits each).
        if (!has(b, 20, 10)) return truncated();
        if ((b[20] & 1) != 0 || !starts_with(b, "\x9D\x01\x2A", 23)) {
            return refuse(path, "damaged WebP: the VP8 key frame header is missing");
        }
        w = le16(b, 26) & 0x3FFF;
        h = le16(b, 28) & 0x3FFF;
    } else if (starts_with(b, "VP8L", 12)) {
        // Lossless: signature 2F, then width-1 and height-1 in 14 bits each, version in 3.
        if (!has(b, 20, 5)) return truncated();
        const std::uint32_t bits = le32(b, 21);
        if (b[20] != 0x2F || (bits >> 29) != 0) return refuse(path, "damaged WebP: bad VP8L header");
        w = (bits & 0x3FFF) + 1;
        h = ((bits >> 14) & 0x3FFF) + 1;
    } else if (starts_with(b, "VP8X", 12)) {
        // Extended: flags (1), reserved (3), canvas width-1 and height-1 in 24 bits each.
        if (!has(b, 20, 10)) return truncated();
        w = le24(b, 24) + 1;
        h = le24(b, 27) + 1;
    } else {
        return refuse(path, "damaged WebP: unknown first chunk \"" + fourcc(b, 12) + "\"");
    }
    if (w == 0 || h == 0) return refuse(path, "damaged WebP: impossible size " + size_text(w, h));
    return ImageInfo{ImageFormat::webp, static_cast<int>(w), static_cast<int>(h), 1};
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<ImageFormat> detect_image_format(std::span<const std::uint8_t> head) {
    if (starts_with(head, kPngSignature)) return ImageFormat::png;
    if (starts_with(head, kJpegSignature)) return ImageFormat::jpeg;
    if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) return ImageFormat::gif;
    if (starts_with(head, "RIFF") && starts_with(head, "WEBP", 8)) return ImageFormat::webp;
    return std::nullopt;
}

Result<ImageInfo> sniff_image(std::span<const std::uint8_t> head, const std::string& path) {
    if (head.empty()) return refuse(path, "file is empty (0 bytes)");
    if (is_cut_signature(head, kPngSignature)) return refuse(path, "truncated PNG header");
    if (is_cut_signature(head, kJpegSignature)) return refuse(path, "truncated JPEG header");
    if (const auto format = detect_image_format(head)) {
        switch (*format) {
            case ImageFormat::png: return sniff_png(head, path);
            case ImageFormat::jpeg: return sniff_jpeg(head, path);
            case ImageFormat::gif: return sniff_gif(head, path);
            case ImageFormat::webp: return sniff_webp(head, path);
        }
    }
    if (starts_with(head, "RIFF") && head.size() < 12) return refuse(path, "truncated WebP header");
    if (const auto name = other_format_name(head); !name.empty()) {
        return refuse(path, "unsupported image format: " + std::string(name) + " (starts with bytes " +
                                hex_bytes(head) + ")");
    }
    if (looks_like_text(head)) return refuse(path, "not an image: starts with text " + text_snippet(head));
    return refuse(path, "unsupported image format (starts with bytes " + hex_bytes(head) + ")");
}

Result<ImageInfo> check_limits(const ImageInfo& info, const ImageLimits& limits, const std::string& path) {
    const std::int64_t pixels = std::int64_t{info.width} * info.height;
    if (info.width > 0 && info.height > 0 && info.width <= limits.max_side && info.height <= limits.max_side &&
        pixels <= limits.max_pixels) {
        return info;
    }
    constexpr std::int64_t kMega = 1'000'000;
    const std::string area = limits.max_pixels % kMega == 0
                                 ? std::to_string(limits.max_pixels / kMega) + " megapixels"
                                 : std::to_string(limits.max_pixels) + " pixels";
    return refuse(path, "image is " + size_text(std::uint64_t(std::max(info.width, 0)), std::uint64_t(std::max(info.height, 0))) +
                            " pixels; the limit is " + std::to_string(limits.max_side) + " on a side and " + area);
}

Size fit_within(Size image, Size box) {
    if (image.width <= 0 || image.height <= 0) return image;
    const std::int64_t w = image.width, h = image.height;
    const std::int64_t bw = box.width > 0 ? box.width : w;
    const std::int64_t bh = box.height > 0 ? box.height : h;
    if (w <= bw && h <= bh) return image;
    // 64-bit products: sides up to INT_MAX cannot overflow; the quotients round to nearest.
    Size out;
    if (w * bh <= h * bw) {
        out.height = static_cast<int>(bh);
        out.width = static_cast<int>((2 * w * bh + h) / (2 * h));
    } else {
        out.width = static_cast<int>(bw);
        out.height = static_cast<int>((2 * h * bw + w) / (2 * w));
    }
    out.width = std::max(out.width, 1);
    out.height = std::max(out.height, 1);
    return out;
}

bool jpeg_has_end_marker(std::span<const std::uint8_t> file) {
    const Bytes b = file;
    if (!starts_with(b, kJpegSignature)) return false;
    std::size_t pos = 2;
    for (;;) {
        while (pos < b.size() && b[pos] != 0xFF) ++pos;
        while (pos < b.size() && b[pos] == 0xFF) ++pos;
        if (pos >= b.size()) return false;
        const std::uint8_t marker = b[pos++];
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
        if (marker == 0xD9) return false;  // ends before any picture data
        if (!has(b, pos, 2) || be16(b, pos) < 2) return false;
        pos += be16(b, pos);
        if (marker == 0xDA) {
            // Entropy-coded data escapes every FF it holds (FF 00), so the first FF D9 from here
            // on is the end marker; the EXIF thumbnail's own FF D9 lies before the first scan.
            for (; pos + 1 < b.size(); ++pos) {
                if (b[pos] == 0xFF && b[pos + 1] == 0xD9) return true;
            }
            return false;
        }
    }
}

std::string_view format_name(ImageFormat format) {
    switch (format) {
        case ImageFormat::png: return "PNG";
        case ImageFormat::jpeg: return "JPEG";
        case ImageFormat::gif: return "GIF";
        case ImageFormat::webp: return "WebP";
    }
    return "image";
}

std::string extension_mismatch(ImageFormat format, std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const std::size_t dot = name.rfind('.');
    std::string ext;
    if (dot != std::string_view::npos && dot > 0) {  // ".png" alone is a hidden file's name
        for (const char c : name.substr(dot)) ext += lower(c);
    }
    std::span<const std::string_view> expected;
    static constexpr std::array<std::string_view, 1> kPng{".png"};
    static constexpr std::array<std::string_view, 4> kJpeg{".jpg", ".jpeg", ".jpe", ".jfif"};
    static constexpr std::array<std::string_view, 1> kGif{".gif"};
    static constexpr std::array<std::string_view, 1> kWebp{".webp"};
    switch (format) {
        case ImageFormat::png: expected = kPng; break;
        case ImageFormat::jpeg: expected = kJpeg; break;
        case ImageFormat::gif: expected = kGif; break;
        case ImageFormat::webp: expected = kWebp; break;
    }
    if (std::find(expected.begin(), expected.end(), ext) != expected.end()) return {};
    std::string hint = std::string(expected[0]);
    if (format == ImageFormat::jpeg) hint += " or .jpeg";
    const std::string named = ext.empty() ? "has no extension" : "is named " + ext;
    return std::string(path) + ": " + named + " but holds a " + std::string(format_name(format)) +
           " image (expected " + hint + ")";
}

}  // namespace vitrine::core
