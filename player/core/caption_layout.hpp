#pragma once
// Layout of an image caption: white text on a dark band at the bottom of the picture
// (visitor-experience.md, after the BBC and Netflix subtitle guides): at most 2 lines (3 on a
// portrait screen), at most about 42 characters a line, lines balanced, centred, inside the
// central 90 % of the height and 75 % of the width.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/panel_page.hpp"
#include "core/contrast.hpp"
#include "core/playlist.hpp"
#include "core/size.hpp"
#include "core/text_measurer.hpp"

namespace vitrine::core {

constexpr double kCaptionMaxChars = 42.0;        // a caption line never holds more on average
constexpr double kCaptionSafeWidth = 0.75;       // central share of the width captions stay in
constexpr double kCaptionSafeHeight = 0.90;      // central share of the height captions stay in
constexpr std::uint8_t kCaptionBandAlpha = 217;  // 85 % black: white text keeps 7:1 even over white

struct CaptionLayout {
    int px = 0;                  // font size (ui font)
    std::vector<PanelRun> lines; // screen coordinates; colour role `text` (see caption_text_color)
    int band_x = 0;              // the band, in screen pixels
    int band_y = 0;
    int band_width = 0;
    int band_height = 0;
    bool truncated = false;      // the text did not fit in the lines allowed even at the minimum
                                 // size; the last line ends in "…" (the linter warns of this)
};

// The caption's layout on a screen of `screen` pixels. An empty text gives no lines and an
// empty band. Sizes shrink from Typography::caption_px down to min_caption_px to keep within
// the line limit.
CaptionLayout layout_caption(std::string_view text, const Theme& theme, const Display& display,
                             Size screen, const TextMeasurer& measurer);

// The band seen over the worst picture behind it (white), as an opaque colour.
Color caption_band_worst_case();

// The caption text colour: the theme's text colour if it keeps 7:1 against the band's worst
// case, else white.
Color caption_text_color(const Theme& theme);

}  // namespace vitrine::core
