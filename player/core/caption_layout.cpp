#include "core/caption_layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/text_layout.hpp"
#include "core/typography.hpp"

namespace vitrine::core {
namespace {

constexpr double kPadX = 0.6;  // of caption size: band beyond the text on the left and right
constexpr double kPadY = 0.3;  // of caption size: band above and below the text
constexpr std::string_view kEllipsis = "…";

// The longest prefix of `text` that fits in `max_width` with an ellipsis after it.
std::string ellipsize(std::string_view text, int max_width, const WidthFunction& width) {
    std::string best;
    for (std::size_t i = 0; i < text.size();) {
        i += sequence_length(text, i);
        std::string candidate(text.substr(0, i));
        while (!candidate.empty() && candidate.back() == ' ') candidate.pop_back();
        candidate += kEllipsis;
        if (width(candidate) > max_width) break;
        best = std::move(candidate);
    }
    return best.empty() ? std::string(kEllipsis) : best;
}

}  // namespace

Color caption_band_worst_case() {
    const auto v = static_cast<std::uint8_t>(std::lround(255.0 * (255 - kCaptionBandAlpha) / 255.0));
    return {v, v, v, 255};
}

Color caption_text_color(const Theme& theme) {
    Color text = theme.text;
    text.a = 255;
    if (contrast_ratio(text, caption_band_worst_case()) >= 7.0) return text;
    return {255, 255, 255, 255};
}

CaptionLayout layout_caption(std::string_view text, const Theme& theme, const Display& display,
                             Size screen, const TextMeasurer& measurer) {
    CaptionLayout out;
    const Typography t = compute_typography(display, screen, theme, measurer);
    const std::size_t max_lines = screen.height > screen.width ? 3 : 2;  // 3 on a portrait screen

    std::vector<TextLine> lines;
    int px = t.caption_px;
    int max_width = 1;
    for (;; --px) {
        const int pad_x = static_cast<int>(std::lround(kPadX * px));
        const int safe = static_cast<int>(kCaptionSafeWidth * screen.width) - 2 * pad_x;
        const int by_chars = static_cast<int>(kCaptionMaxChars * average_char_width(FontRole::ui, px, measurer));
        max_width = std::max(1, std::min(safe, by_chars));
        const WidthFunction measure = [&](std::string_view s) { return measurer.width(FontRole::ui, px, s); };
        lines = break_lines_balanced(text, max_width, measure);
        if (lines.size() <= max_lines || px <= t.min_caption_px) break;
    }
    if (lines.empty()) return out;
    const WidthFunction measure = [&](std::string_view s) { return measurer.width(FontRole::ui, px, s); };
    if (lines.size() > max_lines) {
        // Even at the minimum size the caption needs more lines than allowed: the last allowed
        // line takes the rest, cut with an ellipsis. Clipped text would be worse; the linter
        // tells the curator.
        lines = break_lines(text, max_width, measure);
        std::vector<TextLine> rest(lines.begin() + static_cast<std::ptrdiff_t>(max_lines - 1), lines.end());
        std::string remainder = join_lines(rest);
        std::replace(remainder.begin(), remainder.end(), '\n', ' ');
        lines.resize(max_lines - 1);
        TextLine last;
        last.text = ellipsize(remainder, max_width, measure);
        last.width = measure(last.text);
        lines.push_back(std::move(last));
        out.truncated = true;
    }

    out.px = px;
    const FontMetrics fm = measurer.metrics(FontRole::ui, px);
    const int line_height = std::max(fm.line_skip, fm.ascent + fm.descent);
    const int pad_x = static_cast<int>(std::lround(kPadX * px));
    const int pad_y = static_cast<int>(std::lround(kPadY * px));
    int widest = 0;
    for (const auto& l : lines) widest = std::max(widest, l.width);
    out.band_width = std::min(screen.width, widest + 2 * pad_x);
    out.band_height = static_cast<int>(lines.size()) * line_height + 2 * pad_y;
    out.band_x = (screen.width - out.band_width) / 2;
    const int safe_bottom = static_cast<int>(std::lround(screen.height * (1.0 + kCaptionSafeHeight) / 2.0));
    out.band_y = safe_bottom - out.band_height;
    const int inner = (line_height - (fm.ascent + fm.descent)) / 2 + fm.ascent;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const int y = out.band_y + pad_y + static_cast<int>(i) * line_height;
        out.lines.push_back({FontRole::ui, px, ColorRole::text, lines[i].text,
                             (screen.width - lines[i].width) / 2, y, lines[i].width, line_height,
                             y + inner});
    }
    return out;
}

}  // namespace vitrine::core
