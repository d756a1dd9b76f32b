#include "core/typography.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/text_layout.hpp"

namespace vitrine::core {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr int kReferencePx = 100;        // size at which a font's proportions are first measured
constexpr double kHeadingRatio = 1.4;    // heading size over body size: a clear step, one level
constexpr double kSloganRatio = 1.0;     // slogans and signatures: body size, set apart by style
constexpr double kCitationRatio = 0.72;  // citation over body: visibly secondary
constexpr double kHeadingLeading = 1.2;  // headings are few lines, set tighter than text
constexpr double kParagraphGap = 0.75;   // of body size: paragraphs read apart (2.25 em baseline step)
constexpr double kHeadingGap = 0.8;      // of body size, below the heading

int line_box(FontRole role, int px, double spacing, const TextMeasurer& m) {
    const FontMetrics fm = m.metrics(role, px);
    return std::max(static_cast<int>(std::ceil(spacing * px)), fm.ascent + fm.descent);
}

}  // namespace

double cap_height_mm(double arcmin, double distance_m) {
    const double radians = arcmin / 60.0 * std::numbers::pi / 180.0;
    return 2.0 * distance_m * 1000.0 * std::tan(radians / 2.0);
}

int px_for_cap_height(FontRole role, int cap_px, const TextMeasurer& measurer) {
    const int ref_cap = std::max(1, measurer.metrics(role, kReferencePx).cap_height);
    int px = std::max(1, static_cast<int>(std::ceil(double(cap_px) * kReferencePx / ref_cap)));
    // Hinting rounds capital heights; settle on the smallest size that reaches cap_px.
    while (px > 1 && measurer.metrics(role, px - 1).cap_height >= cap_px) --px;
    while (measurer.metrics(role, px).cap_height < cap_px && px < cap_px * 4) ++px;
    return px;
}

double average_char_width(FontRole role, int px, const TextMeasurer& measurer) {
    return double(measurer.width(role, px, kMeasureSample)) / double(count_code_points(kMeasureSample));
}

Typography compute_typography(const Display& display, Size screen, const Theme& theme,
                              const TextMeasurer& measurer) {
    Typography t;
    screen.width = std::max(1, screen.width);
    screen.height = std::max(1, screen.height);
    // The loader refuses non-positive sizes; should one get here anyway, assume the default panel.
    const Display d = display.diagonal_inches > 0 && display.viewing_distance_m > 0 ? display : Display{};
    const double diagonal_px = std::hypot(double(screen.width), double(screen.height));
    t.px_per_mm = diagonal_px / (d.diagonal_inches * kMmPerInch);
    // A capital taller than an eighth of the screen leaves no panel to speak of (an absurd
    // distance for the panel): cap there.
    const double cap_limit = screen.height / 8.0;
    auto cap_px = [&](double arcmin) {
        return std::clamp(cap_height_mm(arcmin, d.viewing_distance_m) * t.px_per_mm, 1.0, cap_limit);
    };
    t.target_cap_px = std::max(1, static_cast<int>(std::lround(cap_px(kBodyCapArcmin))));
    t.min_cap_px = std::max(1, static_cast<int>(std::ceil(cap_px(kMinBodyCapArcmin))));
    const int secondary_cap = std::max(1, static_cast<int>(std::ceil(cap_px(kSecondaryCapArcmin))));

    t.body_px = px_for_cap_height(FontRole::body, t.target_cap_px, measurer);
    t.min_body_px = std::min(t.body_px, px_for_cap_height(FontRole::body, t.min_cap_px, measurer));
    t.secondary_min_px = px_for_cap_height(FontRole::ui, secondary_cap, measurer);

    t.margin_px = static_cast<int>(std::lround(theme.margin * std::min(screen.width, screen.height)));
    t.content_x = t.margin_px;
    t.content_y = t.margin_px;
    t.content_width = std::max(1, screen.width - 2 * t.margin_px);
    t.content_height = std::max(1, screen.height - 2 * t.margin_px);

    // A landscape panel read from afar looks calm with wide empty sides, not text edge to edge.
    t.max_column_px = t.content_width;
    if (screen.width > screen.height)
        t.max_column_px = std::min(t.content_width, static_cast<int>(std::lround(kMaxColumnShare * screen.width)));

    // Growth stops at 1.5× the target, or where the widest column would hold fewer than
    // kMinGrowMeasureChars characters, whichever comes first.
    const double char_ratio = average_char_width(FontRole::body, kReferencePx, measurer) / kReferencePx;
    const int narrow_limit = static_cast<int>(t.max_column_px / (kMinGrowMeasureChars * char_ratio));
    t.max_body_px = std::max(t.body_px, std::min(static_cast<int>(std::lround(kMaxGrowth * t.body_px)), narrow_limit));

    // Captions: a line about 7 % of the shorter side high, narrow enough for kCaptionMinChars
    // characters in the safe width (75 %), and never smaller than body text's minimum.
    const FontMetrics ui_ref = measurer.metrics(FontRole::ui, kReferencePx);
    const double skip_ratio = double(std::max(1, ui_ref.line_skip)) / kReferencePx;
    const int by_height = static_cast<int>(kCaptionLineFraction * std::min(screen.width, screen.height) / skip_ratio);
    const double ui_char_ratio = average_char_width(FontRole::ui, kReferencePx, measurer) / kReferencePx;
    const int by_width = static_cast<int>(0.75 * screen.width / (kCaptionMinChars * ui_char_ratio));
    t.min_caption_px = px_for_cap_height(FontRole::ui, t.min_cap_px, measurer);
    t.caption_px = std::max(t.min_caption_px, std::min(by_height, by_width));
    return t;
}

TypeScale type_scale(const Typography& t, int body_px, const TextMeasurer& m) {
    TypeScale s;
    s.body_px = body_px;
    s.heading_px = static_cast<int>(std::lround(kHeadingRatio * body_px));
    s.slogan_px = static_cast<int>(std::lround(kSloganRatio * body_px));
    s.citation_px = std::min(body_px, std::max(t.secondary_min_px, static_cast<int>(std::lround(kCitationRatio * body_px))));
    s.body_line = line_box(FontRole::body, s.body_px, kLineSpacing, m);
    s.heading_line = line_box(FontRole::heading, s.heading_px, kHeadingLeading, m);
    s.slogan_line = line_box(FontRole::italic, s.slogan_px, kLineSpacing, m);
    s.citation_line = line_box(FontRole::ui, s.citation_px, kLineSpacing, m);
    s.paragraph_gap = static_cast<int>(std::lround(kParagraphGap * body_px));
    s.heading_gap = static_cast<int>(std::lround(kHeadingGap * body_px));
    s.avg_char_px = average_char_width(FontRole::body, body_px, m);
    const int measure = static_cast<int>(std::lround(kMeasureChars * s.avg_char_px));
    const int hard_limit = static_cast<int>(std::floor(kMaxMeasureChars * s.avg_char_px));
    s.column_px = std::max(1, std::min({measure, hard_limit, t.max_column_px}));
    return s;
}

}  // namespace vitrine::core
