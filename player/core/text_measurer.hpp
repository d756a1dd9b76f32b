#pragma once
// How layout learns the size of text, injected so the pure core lays out without fonts:
// render::FontCache provides one backed by SDL_ttf; tests provide a fake with simple arithmetic.
#include <functional>
#include <string_view>

#include "core/font_role.hpp"

namespace vitrine::core {

// Vertical metrics of a font at a pixel size, in pixels, all positive.
struct FontMetrics {
    int ascent = 0;      // baseline to the top of the tallest glyphs
    int descent = 0;     // baseline to the bottom of the lowest glyphs (positive, below)
    int line_skip = 0;   // the font's recommended baseline-to-baseline distance
    int cap_height = 0;  // height of a capital "H" above the baseline
};

// Both functions must be set, pure for given arguments, and callable from the thread that runs
// the layout. `px` is the font size in pixels (the em); `width` is the advance width in pixels
// of the UTF-8 text set on one line, kerning included.
struct TextMeasurer {
    std::function<int(FontRole role, int px, std::string_view utf8)> width;
    std::function<FontMetrics(FontRole role, int px)> metrics;
};

}  // namespace vitrine::core
