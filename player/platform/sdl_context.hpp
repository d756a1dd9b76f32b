#pragma once
// RAII for SDL's global subsystems: SDL_Init, TTF_Init and IMG_Init in the constructor, the
// matching quits in the destructor. Exactly one lives in main(), on the main thread, for the
// life of the program; everything that uses SDL is destroyed before it.
#include <string>

#include "core/result.hpp"

namespace vitrine::platform {

class SdlContext {
public:
    enum class Mode { video, headless };  // headless: no display, software surfaces only

    // Returns an error (SDL_GetError text) if a subsystem cannot start.
    static core::Result<SdlContext> create(Mode mode);

    SdlContext(SdlContext&& other) noexcept : active_(other.active_), audio_(other.audio_) { other.active_ = false; }
    SdlContext& operator=(SdlContext&&) = delete;
    SdlContext(const SdlContext&) = delete;
    ~SdlContext();

    bool has_audio() const { return audio_; }

private:
    SdlContext() = default;
    bool active_ = false;
    bool audio_ = false;
};

}  // namespace vitrine::platform
