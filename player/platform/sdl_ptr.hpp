#pragma once
// One owner per SDL handle: each lives in exactly one of these unique_ptrs. Creation is
// checked where the C call happens (a null pointer plus SDL_GetError()); these only free.
#include <SDL.h>
#include <SDL_ttf.h>

#include <memory>

namespace vitrine::platform {

struct SdlDeleter {
    void operator()(SDL_Window* p) const noexcept { SDL_DestroyWindow(p); }
    void operator()(SDL_Renderer* p) const noexcept { SDL_DestroyRenderer(p); }
    void operator()(SDL_Texture* p) const noexcept { SDL_DestroyTexture(p); }
    void operator()(SDL_Surface* p) const noexcept { SDL_FreeSurface(p); }
    void operator()(SDL_RWops* p) const noexcept { SDL_RWclose(p); }
    void operator()(TTF_Font* p) const noexcept { TTF_CloseFont(p); }
};

using WindowPtr = std::unique_ptr<SDL_Window, SdlDeleter>;
using RendererPtr = std::unique_ptr<SDL_Renderer, SdlDeleter>;
using TexturePtr = std::unique_ptr<SDL_Texture, SdlDeleter>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SdlDeleter>;
using RWopsPtr = std::unique_ptr<SDL_RWops, SdlDeleter>;
using FontPtr = std::unique_ptr<TTF_Font, SdlDeleter>;

}  // namespace vitrine::platform
