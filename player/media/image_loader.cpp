#include "media/image_loader.hpp"

extern "C" {
#include <libavutil/pixfmt.h>
}

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>
#include <vector>

#include "media/ffmpeg_ptr.hpp"
#include "media/sws_ptr.hpp"

namespace vitrine::media {
namespace {

using platform::SurfacePtr;

// SDL's ARGB8888 is a 32-bit word per pixel; in memory that is FFmpeg's native-endian ARGB.
constexpr Uint32 kSdlFormat = SDL_PIXELFORMAT_ARGB8888;
constexpr AVPixelFormat kSwsFormat = AV_PIX_FMT_NE(ARGB, BGRA);
// Bicubic shrinks with a filter widened to the scale factor (no aliasing); the full-chroma
// flags keep swscale's internal YUV from halving colour detail; accurate rounding keeps flat
// colours flat.
constexpr int kSwsFlags = SWS_BICUBIC | SWS_FULL_CHR_H_INT | SWS_FULL_CHR_H_INP | SWS_ACCURATE_RND;

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::unexpected<core::Error> refuse(const std::string& path, const std::string& what) {
    return core::fail(path + ": " + what, path);
}

std::string sdl_reason(const char* text) {
    return text && *text ? std::string(text) : std::string("no reason given");
}

// The bytes of an image file, read once: the decoder sees the very bytes that were checked, so
// a file replaced on disk in the meantime cannot slip past the checks.
struct CheckedFile {
    std::vector<std::uint8_t> bytes;  // the head only, or the whole file
    core::ImageInfo info;
};

// Reads from `f` until end of file, appending to `bytes`; fails past kMaxImageFileBytes (a file
// that grew while being read).
core::Result<bool> read_rest(std::FILE* f, std::vector<std::uint8_t>& bytes, const std::string& path) {
    constexpr std::size_t kChunk = std::size_t{1} << 20;  // 1 MiB per read call
    for (;;) {
        const std::size_t have = bytes.size();
        if (have > kMaxImageFileBytes) {
            return refuse(path, "file grew past the limit of " + std::to_string(kMaxImageFileBytes >> 20) +
                                    " MiB while it was read");
        }
        bytes.resize(have + kChunk);
        const std::size_t got = std::fread(bytes.data() + have, 1, kChunk, f);
        bytes.resize(have + got);
        if (got < kChunk) break;
    }
    if (std::ferror(f)) return refuse(path, "cannot read the file");
    return true;
}

// Sizes, opens and sniffs `file` and checks `limits`; with `whole`, also reads the rest.
core::Result<CheckedFile> read_checked(const std::filesystem::path& file, const core::ImageLimits& limits,
                                       bool whole) {
    const std::string path = file.string();
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) return refuse(path, "file not found");
    if (std::filesystem::is_directory(status)) return refuse(path, "is a folder, not an image file");
    if (!std::filesystem::is_regular_file(status)) return refuse(path, "is not a regular file");
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) return refuse(path, "cannot read the file size: " + ec.message());
    if (size == 0) return refuse(path, "file is empty (0 bytes)");
    if (size > kMaxImageFileBytes) {
        return refuse(path, "file is " + std::to_string(size >> 20) + " MiB; the limit for an image file is " +
                                std::to_string(kMaxImageFileBytes >> 20) + " MiB");
    }

    FilePtr f(std::fopen(path.c_str(), "rb"));
    if (!f) return refuse(path, "cannot open the file: " + std::generic_category().message(errno));
    CheckedFile out;
    out.bytes.reserve(whole ? static_cast<std::size_t>(size) : core::kImageHeadBytes);
    out.bytes.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(size, core::kImageHeadBytes)));
    out.bytes.resize(std::fread(out.bytes.data(), 1, out.bytes.size(), f.get()));
    if (std::ferror(f.get())) return refuse(path, "cannot read the file");
    bool at_end = out.bytes.size() < core::kImageHeadBytes;

    auto info = core::sniff_image(out.bytes, path);
    if (!info && !at_end && core::detect_image_format(out.bytes) == core::ImageFormat::jpeg) {
        // Unusually large APPn segments push the frame header further: look at the whole file.
        if (auto r = read_rest(f.get(), out.bytes, path); !r) return std::unexpected(r.error());
        at_end = true;
        info = core::sniff_image(out.bytes, path);
    }
    if (!info) return std::unexpected(info.error());
    auto checked = core::check_limits(*info, limits, path);
    if (!checked) return std::unexpected(checked.error());
    out.info = *checked;

    if (whole && !at_end) {
        if (auto r = read_rest(f.get(), out.bytes, path); !r) return std::unexpected(r.error());
    }
    return out;
}

// Decodes with the one loader of the sniffed format, from the checked bytes.
core::Result<SurfacePtr> decode(const CheckedFile& file, const std::string& path) {
    platform::RWopsPtr rw(SDL_RWFromConstMem(file.bytes.data(), static_cast<int>(file.bytes.size())));
    if (!rw) return refuse(path, "cannot read the image from memory: " + sdl_reason(SDL_GetError()));
    // No SDL_ClearError() here: on a thread SDL did not create, the first touch of SDL's error
    // text allocates per-thread storage that is never freed. SDL_image sets a reason on failure.
    SDL_Surface* raw = nullptr;
    switch (file.info.format) {
        case core::ImageFormat::png: raw = IMG_LoadPNG_RW(rw.get()); break;
        case core::ImageFormat::jpeg: raw = IMG_LoadJPG_RW(rw.get()); break;
        case core::ImageFormat::gif: raw = IMG_LoadGIF_RW(rw.get()); break;
        case core::ImageFormat::webp: raw = IMG_LoadWEBP_RW(rw.get()); break;
    }
    SurfacePtr surface(raw);
    const std::string format(core::format_name(file.info.format));
    if (!surface) return refuse(path, "cannot decode the " + format + " image: " + sdl_reason(IMG_GetError()));
    if (surface->w != file.info.width || surface->h != file.info.height) {
        return refuse(path, "the " + format + " decoder produced " + std::to_string(surface->w) + "x" +
                                std::to_string(surface->h) + " pixels but the header says " +
                                std::to_string(file.info.width) + "x" + std::to_string(file.info.height));
    }
    return surface;
}

core::Result<SurfacePtr> to_argb(SurfacePtr surface, const std::string& path) {
    if (surface->format->format == kSdlFormat) return surface;
    // A colour key (GIF, palette PNG) becomes transparent alpha in the conversion.
    SurfacePtr out(SDL_ConvertSurfaceFormat(surface.get(), kSdlFormat, 0));
    if (!out) return refuse(path, "cannot convert the image to ARGB: " + sdl_reason(SDL_GetError()));
    return out;
}

SurfacePtr make_argb(int width, int height) {
    return SurfacePtr(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, kSdlFormat));
}

core::Result<SurfacePtr> scale(SurfacePtr surface, core::Size to, const std::string& path) {
    if (surface->w == to.width && surface->h == to.height) return surface;
    const std::string sizes = std::to_string(surface->w) + "x" + std::to_string(surface->h) + " to " +
                              std::to_string(to.width) + "x" + std::to_string(to.height);
    SwsContextPtr sws(sws_getContext(surface->w, surface->h, kSwsFormat, to.width, to.height, kSwsFormat,
                                     kSwsFlags, nullptr, nullptr, nullptr));
    if (!sws) return refuse(path, "cannot set up scaling from " + sizes);
    SurfacePtr out = make_argb(to.width, to.height);
    if (!out) return refuse(path, "cannot make a " + sizes + " surface: " + sdl_reason(SDL_GetError()));
    const std::uint8_t* const src[4] = {static_cast<const std::uint8_t*>(surface->pixels), nullptr, nullptr, nullptr};
    const int src_stride[4] = {surface->pitch, 0, 0, 0};
    std::uint8_t* const dst[4] = {static_cast<std::uint8_t*>(out->pixels), nullptr, nullptr, nullptr};
    const int dst_stride[4] = {out->pitch, 0, 0, 0};
    const int rows = sws_scale(sws.get(), src, src_stride, 0, surface->h, dst, dst_stride);
    if (rows < 0) return refuse(path, "cannot scale from " + sizes + ": " + av_error_text(rows));
    if (rows != to.height) return refuse(path, "scaling from " + sizes + " produced " + std::to_string(rows) + " rows");
    return out;
}

// Turns and mirrors the pixels as EXIF orientation 1..8 says; 5..8 swap width and height.
core::Result<SurfacePtr> orient(SurfacePtr surface, int orientation, const std::string& path) {
    if (orientation < 2 || orientation > 8) return surface;
    const int w = surface->w, h = surface->h;
    const bool turn = orientation >= 5;
    SurfacePtr out = make_argb(turn ? h : w, turn ? w : h);
    if (!out) return refuse(path, "cannot make a surface to orient the image: " + sdl_reason(SDL_GetError()));
    // Source pixel (x, y) goes to out[origin + x * dx + y * dy], in pixels; p is out's row length.
    const std::ptrdiff_t p = out->pitch / 4;
    const std::ptrdiff_t wl = w - 1, hl = h - 1;
    std::ptrdiff_t origin = 0, dx = 1, dy = p;
    switch (orientation) {
        case 2: origin = wl; dx = -1; dy = p; break;                // mirrored left-right
        case 3: origin = hl * p + wl; dx = -1; dy = -p; break;      // upside down
        case 4: origin = hl * p; dx = 1; dy = -p; break;            // mirrored top-bottom
        case 5: origin = 0; dx = p; dy = 1; break;                  // transposed
        case 6: origin = hl; dx = p; dy = -1; break;                // needs a quarter turn clockwise
        case 7: origin = wl * p + hl; dx = -p; dy = -1; break;      // transversed
        case 8: origin = wl * p; dx = -p; dy = 1; break;            // needs a quarter turn anticlockwise
        default: break;
    }
    auto* const to = static_cast<Uint32*>(out->pixels);
    for (int y = 0; y < h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const std::uint8_t*>(surface->pixels) +
                                                          std::ptrdiff_t{y} * surface->pitch);
        Uint32* dest = to + origin + y * dy;
        for (int x = 0; x < w; ++x, dest += dx) *dest = row[x];
    }
    return out;
}

}  // namespace

core::Result<core::ImageInfo> read_image_info(const std::filesystem::path& file, const core::ImageLimits& limits) {
    auto checked = read_checked(file, limits, false);
    if (!checked) return std::unexpected(checked.error());
    return checked->info;
}

core::Result<SurfacePtr> load_image(const std::filesystem::path& file, const LoadImageOptions& options) {
    const std::string path = file.string();
    auto checked = read_checked(file, options.limits, true);
    if (!checked) return std::unexpected(checked.error());
    const core::ImageInfo info = checked->info;

    auto decoded = decode(*checked, path);
    checked->bytes = {};  // the file's bytes are not needed past here; free them early
    if (!decoded) return std::unexpected(decoded.error());
    auto argb = to_argb(std::move(*decoded), path);
    if (!argb) return std::unexpected(argb.error());

    // Scale before orienting (fewer pixels to turn): the box, as stored, is the box turned back.
    const bool turn = info.orientation >= 5;
    const core::Size box = turn ? core::Size{options.max_height, options.max_width}
                                : core::Size{options.max_width, options.max_height};
    const core::Size target = core::fit_within({info.width, info.height}, box);
    auto scaled = scale(std::move(*argb), target, path);
    if (!scaled) return std::unexpected(scaled.error());
    return orient(std::move(*scaled), info.orientation, path);
}

std::string probe_image(const std::filesystem::path& file) {
    const std::string path = file.string();
    auto checked = read_checked(file, core::ImageLimits{}, true);
    if (!checked) return checked.error().message;
    auto decoded = decode(*checked, path);
    if (!decoded) return decoded.error().message;
    if (checked->info.format == core::ImageFormat::jpeg && !core::jpeg_has_end_marker(checked->bytes)) {
        return path + ": the JPEG data ends early (no end-of-image marker): part of the picture would be grey";
    }
    return {};
}

core::Result<ImageLibrary> ImageLibrary::create() {
    if ((IMG_Init(kFlags) & kFlags) != kFlags) {
        return core::fail(std::string("cannot start SDL_image's PNG, JPEG and WebP codecs: ") +
                          sdl_reason(IMG_GetError()));
    }
    ImageLibrary library;
    library.active_ = true;
    return library;
}

ImageLibrary::~ImageLibrary() {
    if (active_) IMG_Quit();
}

}  // namespace vitrine::media
