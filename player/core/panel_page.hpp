#pragma once
// One page of a laid-out text panel, in screen pixels: positioned runs of text and decorative
// rules, each with a colour role that the painter looks up in the Theme.
#include <string>
#include <vector>

#include "core/font_role.hpp"
#include "core/playlist.hpp"

namespace vitrine::core {

enum class ColorRole { text, heading, accent, muted };

// The theme colour for `role`.
Color color_of(ColorRole role, const Theme& theme);

// One line (or part of a line) of text, set in one font at one size.
struct PanelRun {
    FontRole role = FontRole::body;
    int px = 0;  // font size
    ColorRole color = ColorRole::text;
    std::string text;  // UTF-8, one line
    int x = 0;         // left edge of the text
    int y = 0;         // top of the line box
    int width = 0;     // advance width as measured
    int height = 0;    // line box height; the glyphs sit inside it
    int baseline = 0;  // y of the baseline (y < baseline < y + height)
};

// A filled rectangle: accent rules, list bullets.
struct PanelRule {
    ColorRole color = ColorRole::accent;
    int x = 0, y = 0, width = 0, height = 0;
};

struct PanelPage {
    std::vector<PanelRun> runs;
    std::vector<PanelRule> rules;
    int body_px = 0;     // the body size the panel was set at (the same on every page)
    int number = 1;      // 1-based
    int page_count = 1;
};

}  // namespace vitrine::core
