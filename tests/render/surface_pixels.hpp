#pragma once
// Reading back what a software renderer drew into an ARGB8888 surface, for the render tests.
#include <SDL.h>

#include <cstring>

namespace vitrine::test {

struct Rgb {
    int r, g, b;
};

// The colour at (x, y) of a 32-bit surface; (x, y) must lie inside it.
inline Rgb pixel_at(const SDL_Surface& s, int x, int y) {
    const auto* row = static_cast<const Uint8*>(s.pixels) + y * s.pitch;
    Uint32 v;
    std::memcpy(&v, row + x * 4, 4);
    Uint8 r, g, b;
    SDL_GetRGB(v, s.format, &r, &g, &b);
    return {r, g, b};
}

}  // namespace vitrine::test
