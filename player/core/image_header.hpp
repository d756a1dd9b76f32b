#pragma once
// Image headers read without decoding: the format, the size in pixels and the EXIF orientation,
// from the first bytes of a file. This is the gate in front of the decoders (reliability.md):
// an image is sized and refused here before any library allocates memory for its pixels.
// Pure (standard C++ only). Every read is bounds-checked: the bytes come from outside.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/size.hpp"

namespace vitrine::core {

enum class ImageFormat { png, jpeg, gif, webp };

struct ImageInfo {
    ImageFormat format = ImageFormat::png;
    // Size of the pixels the decoder will produce, as stored (before orientation). For a GIF,
    // the first frame's size: that is what SDL_image allocates and returns.
    int width = 0;
    int height = 0;
    // EXIF orientation, 1..8 (1 = as stored; 5..8 turn the picture a quarter, so the shown
    // width is `height`). Read for JPEG only; 1 when absent or out of range.
    int orientation = 1;
};

struct ImageLimits {
    int max_side = 16384;                  // pixels on a side: larger than any screen needs
    std::int64_t max_pixels = 64'000'000;  // 64 MP = 256 MB as ARGB, the most one decode may cost
};

// How many leading bytes to hand to sniff_image: a JPEG's APPn segments (EXIF with its thumbnail,
// ICC profile, Photoshop data) come before its frame header and can each be up to 64 KiB.
inline constexpr std::size_t kImageHeadBytes = 256 * 1024;

// The format from the magic bytes alone (no sizes checked); nullopt for anything else.
std::optional<ImageFormat> detect_image_format(std::span<const std::uint8_t> head);

// Reads the format and dimensions from the first bytes of a file (pass at least the first
// 64 KiB, better kImageHeadBytes, or the whole file if smaller) without decoding: PNG IHDR
// (with its CRC), JPEG markers up to the first SOFn (and the EXIF orientation from the first
// APP1 "Exif" segment, either byte order), the GIF logical screen and first frame descriptor,
// WebP VP8 / VP8L / VP8X. Errors carry `path` and a message "<path>: <what was seen>", e.g.
// "file is empty (0 bytes)", "not an image: starts with text \"hello wor...\"",
// "unsupported image format (starts with bytes 42 4D ...)", "truncated PNG header".
// Never reads outside `head`; any input returns a value or an error.
Result<ImageInfo> sniff_image(std::span<const std::uint8_t> head, const std::string& path);

// Returns `info` unchanged when it is within `limits`, otherwise an error naming the size:
// "<path>: image is 20000x20000 pixels; the limit is 16384 on a side and 64 megapixels".
Result<ImageInfo> check_limits(const ImageInfo& info, const ImageLimits& limits, const std::string& path);

// The size `image` is shown at inside `box`: the aspect ratio kept (rounded to whole pixels,
// never under 1x1), only ever shrunk. A box side of 0 or less leaves that axis unbounded; a box
// of 0x0 gives the image's own size. Example: 6000x4000 into 2496x1404 gives 2106x1404.
Size fit_within(Size image, Size box);

// For a JPEG file held whole in `file`: true when an end-of-image marker (FF D9) follows the
// first scan. libjpeg shows a truncated file with its missing part in grey and no error, so
// this is how a checker tells that a JPEG will not show fully.
bool jpeg_has_end_marker(std::span<const std::uint8_t> file);

// "PNG", "JPEG", "GIF", "WebP".
std::string_view format_name(ImageFormat format);

// For a warning, not an error (the sniffed format is what counts): "" when the file name's
// extension is one of the format's (case-insensitive: .png; .jpg .jpeg .jpe .jfif; .gif;
// .webp), otherwise e.g. "media/a.png: named .png but holds a JPEG image (expected .jpg or .jpeg)".
std::string extension_mismatch(ImageFormat format, std::string_view path);

}  // namespace vitrine::core
