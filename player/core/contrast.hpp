#pragma once
// WCAG 2 contrast between two colours (1..21), for the theme checks and the caption band.
#include "core/playlist.hpp"

namespace vitrine::core {

// Relative luminance of an sRGB colour, 0 (black) .. 1 (white); alpha is ignored.
double relative_luminance(Color c);
double contrast_ratio(Color a, Color b);

}  // namespace vitrine::core
