#pragma once
// A measurer for layout tests, with simple arithmetic instead of fonts: every code point is
// 0.55 em wide (0.6 em in the bold heading font), and vertical metrics are proportions of the
// size close to DejaVu's. Widths count code points, not bytes, as a real font does.
#include <cmath>
#include <string_view>

#include "core/text_layout.hpp"
#include "core/text_measurer.hpp"

namespace vitrine::testing {

constexpr double kFakeAdvance = 0.55;         // em per code point
constexpr double kFakeHeadingAdvance = 0.60;  // em per code point, heading font
constexpr double kFakeCapHeight = 0.70;       // em

inline double fake_advance(core::FontRole role) {
    return role == core::FontRole::heading ? kFakeHeadingAdvance : kFakeAdvance;
}

inline core::TextMeasurer fake_measurer() {
    core::TextMeasurer m;
    m.width = [](core::FontRole role, int px, std::string_view s) {
        return static_cast<int>(std::lround(double(core::count_code_points(s)) * fake_advance(role) * px));
    };
    m.metrics = [](core::FontRole, int px) {
        core::FontMetrics fm;
        fm.ascent = static_cast<int>(std::lround(0.93 * px));
        fm.descent = static_cast<int>(std::lround(0.24 * px));
        fm.line_skip = static_cast<int>(std::lround(1.17 * px));
        fm.cap_height = static_cast<int>(std::lround(kFakeCapHeight * px));
        return fm;
    };
    return m;
}

}  // namespace vitrine::testing
