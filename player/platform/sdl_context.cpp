#include "platform/sdl_context.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

namespace vitrine::platform {

core::Result<SdlContext> SdlContext::create(Mode mode) {
    if (mode == Mode::headless) {
        // The software renderer draws into surfaces; no window system is needed or wanted.
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
        return core::fail(std::string("cannot start SDL video: ") + SDL_GetError());
    }
    SdlContext ctx;
    ctx.active_ = true;
    if (mode == Mode::video) {
        // A display without speakers is normal at a venue: carry on without sound.
        ctx.audio_ = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
    }
    if (TTF_Init() != 0) {
        return core::fail(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    }
    const int want = IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP;
    if ((IMG_Init(want) & want) != want) {
        return core::fail(std::string("cannot start SDL_image: ") + IMG_GetError());
    }
    return ctx;
}

SdlContext::~SdlContext() {
    if (!active_) return;
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
}

}  // namespace vitrine::platform
