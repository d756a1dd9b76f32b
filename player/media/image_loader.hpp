#pragma once
// Loads a still image (PNG, JPEG, GIF, WebP) as safely as a kiosk needs (reliability.md):
// the file is sized and its header sniffed and checked against limits before any decoder runs;
// only the SDL_image loader of the sniffed format is called (never IMG_Load, which would pick
// any of its loaders from the magic bytes); the result is ARGB8888 (alpha kept), turned as its
// EXIF orientation says, and shrunk with libswscale (bicubic) into a box.
//
// Threads: load_image and probe_image may run on any thread, several at once; they touch no SDL
// video state and no shared state of their own. They need SDL_image's codecs initialised once
// for the process, before the first call and until the last one returns:
// IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG | IMG_INIT_WEBP) (GIF needs none). ImageLibrary does
// that, and so does platform::SdlContext. Without it, SDL_image initialises lazily inside the
// load, which is a race between threads.
#include <SDL_image.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/image_header.hpp"
#include "core/result.hpp"
#include "platform/sdl_ptr.hpp"

namespace vitrine::media {

// Files larger than this are refused unread: no still image a screen needs comes near it.
inline constexpr std::uintmax_t kMaxImageFileBytes = std::uintmax_t{256} << 20;

struct LoadImageOptions {
    core::ImageLimits limits;  // checked on the header, before decoding
    // Box the picture is fitted into, in pixels, measured after orientation (as shown). The
    // aspect ratio is kept and the picture is only ever shrunk; 0 on a side = no bound there,
    // 0x0 = the image's own size.
    int max_width = 0;
    int max_height = 0;
};

// Sizes the file, reads its first bytes and sniffs them, and checks `limits`: the checks
// load_image makes before decoding, for callers that need the size first. Error messages are
// "<path>: <reason>" with Error::path set.
core::Result<core::ImageInfo> read_image_info(const std::filesystem::path& file,
                                              const core::ImageLimits& limits = {});

// Reads, checks, decodes, orients and scales `file`. The surface returned is owned by the
// caller, SDL_PIXELFORMAT_ARGB8888, oriented as the picture is meant to be seen, and fits the
// options' box. Every failure is an Error "<path>: <reason>" with Error::path set, the reason
// including SDL_image's or FFmpeg's words where they have any: file not found, empty, over
// kMaxImageFileBytes, not an image, unsupported format, too large, decode failed.
core::Result<platform::SurfacePtr> load_image(const std::filesystem::path& file,
                                              const LoadImageOptions& options = {});

// For `vitrine check`: "" when the file decodes fully at the default limits, otherwise the
// reason, as load_image words it (and "ends early" for a truncated JPEG, which SDL_image
// would show with its missing part in grey).
std::string probe_image(const std::filesystem::path& file);

// RAII for SDL_image's codecs: IMG_Init(kFlags) on create, IMG_Quit on destruction. IMG_Init
// does not count: IMG_Quit unloads the codecs for the whole process, so keep exactly one alive
// (or rely on platform::SdlContext instead) from before the first load until every thread
// that loads images has stopped. Create and destroy it on the main thread.
class ImageLibrary {
public:
    static constexpr int kFlags = IMG_INIT_PNG | IMG_INIT_JPG | IMG_INIT_WEBP;

    // Fails with IMG_GetError() when a codec cannot be loaded.
    static core::Result<ImageLibrary> create();

    ImageLibrary(ImageLibrary&& other) noexcept : active_(other.active_) { other.active_ = false; }
    ImageLibrary& operator=(ImageLibrary&&) = delete;
    ImageLibrary(const ImageLibrary&) = delete;
    ImageLibrary& operator=(const ImageLibrary&) = delete;
    ~ImageLibrary();

private:
    ImageLibrary() = default;
    bool active_ = false;
};

}  // namespace vitrine::media
