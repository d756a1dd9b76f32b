#pragma once
// Type sizes and spacing for a screen, from its physical size and viewing distance
// (visitor-experience.md): body capitals about 20′ of arc, never below 16′; about 55 characters
// a line, never over 80; line spacing 1.5× the size; paragraphs further apart than lines.
// Pure: fonts are known only through the injected TextMeasurer.
#include "core/playlist.hpp"
#include "core/size.hpp"
#include "core/text_measurer.hpp"

namespace vitrine::core {

constexpr double kBodyCapArcmin = 20.0;      // ISO 9241-3's preferred character height
constexpr double kMinBodyCapArcmin = 16.0;   // ISO 9241-3's minimum: body never smaller
constexpr double kSecondaryCapArcmin = 14.0; // citations and page markers: set apart, still legible
constexpr double kMaxGrowth = 1.5;           // a short text grows up to this × the target to fill the panel
constexpr double kMeasureChars = 55.0;       // average characters a body line aims for
constexpr double kMaxMeasureChars = 80.0;    // WCAG 1.4.8: never more a line
constexpr double kMinGrowMeasureChars = 40.0;// growing a short text stops before lines get shorter than this
constexpr double kMaxColumnShare = 0.78;     // landscape: the column leaves ≥ 11 % of the width clear each side
constexpr double kLineSpacing = 1.5;         // WCAG 1.4.8: line box ≥ 1.5 × the font size
constexpr double kCaptionLineFraction = 0.07;// BBC: caption line height 7–8 % of the picture height
constexpr double kCaptionMinChars = 32.0;    // a caption line holds at least this many characters

// A representative sentence of exhibit prose, for the average character width of a font.
inline constexpr std::string_view kMeasureSample =
    "Through printed information, educational events, and visual and audio media we hope to "
    "serve as a virtual library and museum.";

// Sizes for one screen. All sizes are font sizes in pixels (the em); `*_cap_px` are capital
// heights. Content is the screen minus the theme's margin on every edge.
struct Typography {
    double px_per_mm = 0.0;   // diagonal in px / diagonal in mm
    int target_cap_px = 0;    // 20′ of arc at the viewing distance
    int min_cap_px = 0;       // 16′
    int body_px = 0;          // body size whose capitals reach target_cap_px
    int min_body_px = 0;      // smallest body size whose capitals reach min_cap_px
    int max_body_px = 0;      // largest body size a short text may grow to (>= body_px)
    int secondary_min_px = 0; // smallest size of ui text (capitals reach 14′)
    int caption_px = 0;       // image caption size (ui font)
    int min_caption_px = 0;   // a long caption shrinks down to this, no further
    int margin_px = 0;        // clear band on every edge
    int content_x = 0;        // content area: the screen minus the margins
    int content_y = 0;
    int content_width = 0;
    int content_height = 0;
    int max_column_px = 0;    // widest column: the content width, or kMaxColumnShare of a landscape screen
};

// The hierarchy of a panel set at one body size.
struct TypeScale {
    int body_px = 0;
    int heading_px = 0;     // titles, headlines (heading font)
    int slogan_px = 0;      // slogans, signatures (italic font)
    int citation_px = 0;    // citation lines, page markers (ui font)
    int body_line = 0;      // line box heights (baseline to baseline), >= 1.5 × size for text
    int heading_line = 0;
    int slogan_line = 0;
    int citation_line = 0;
    int paragraph_gap = 0;  // extra space between paragraphs, on top of body_line
    int heading_gap = 0;    // extra space between a heading and what follows
    int column_px = 0;      // measure: ≈ kMeasureChars average body characters, ≤ max_column_px
    double avg_char_px = 0; // average body character width at body_px
};

// Font size (px) of `role` whose capital height is at least `cap_px`.
int px_for_cap_height(FontRole role, int cap_px, const TextMeasurer& measurer);

// Average width in pixels of a character of `role` at `px`, over kMeasureSample.
double average_char_width(FontRole role, int px, const TextMeasurer& measurer);

// Capital height in millimetres that subtends `arcmin` minutes of arc at `distance_m`.
double cap_height_mm(double arcmin, double distance_m);

// Sizes for a screen of `screen` pixels on `display`. Requires a positive screen size.
Typography compute_typography(const Display& display, Size screen, const Theme& theme,
                              const TextMeasurer& measurer);

// The scale of a panel whose body is set at `body_px`.
TypeScale type_scale(const Typography& typography, int body_px, const TextMeasurer& measurer);

}  // namespace vitrine::core
