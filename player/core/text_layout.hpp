#pragma once
// Line breaking of UTF-8 text over an injected width function (pure; no fonts).
//
// Rules, for display text set ragged right:
// - lines break at spaces (a run of spaces or tabs becomes one space, and disappears at a break)
//   and after a hyphen or dash inside a word ("well-|known", "371–|372");
// - a dash standing alone between spaces ("Engels — 1874") stays with the word before it, so no
//   line starts with a dash; an initial stays with the word after it ("V. I. Lenin");
// - a no-break space (U+00A0) does not break;
// - "\n" forces a break; an empty line between two "\n" is kept as an empty line;
// - a word wider than the line is cut between code points (never inside a UTF-8 sequence, and
//   never before a combining mark), as many as fit, at least one per line.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrine::core {

// How a line ends: what joins it to the next one when the text is read back.
enum class LineEnd {
    space,        // at a space (read back with one space)
    dash,         // after a hyphen or dash (read back with nothing between)
    inside_word,  // a long word was cut (read back with nothing between)
    newline,      // at an explicit "\n"
    end,          // the last line of the text
};

struct TextLine {
    std::string text;  // UTF-8, no leading or trailing spaces
    int width = 0;     // as measured by the width function
    LineEnd end = LineEnd::end;
};

// Width in pixels of UTF-8 text set on one line.
using WidthFunction = std::function<int(std::string_view utf8)>;

// Breaks `utf8` into lines no wider than `max_width` (except a single code point wider than
// the line, which gets a line of its own). An empty or all-space text gives no lines.
// Invalid UTF-8 bytes are kept and treated as one code point each.
std::vector<TextLine> break_lines(std::string_view utf8, int max_width, const WidthFunction& width);

// Like break_lines, with the narrowest width (not above `max_width`) that gives no more lines
// than break_lines(utf8, max_width): the lines of a wrapped heading or caption come out of
// similar length instead of a long line and a short one.
std::vector<TextLine> break_lines_balanced(std::string_view utf8, int max_width,
                                           const WidthFunction& width);

// Joins lines back into the text they came from (explicit newlines as "\n", spaces collapsed).
std::string join_lines(const std::vector<TextLine>& lines);

// Number of code points in `utf8` (an invalid byte counts as one).
std::size_t count_code_points(std::string_view utf8);

// Length in bytes of the UTF-8 sequence starting at utf8[i] (1 for an invalid or truncated one).
std::size_t sequence_length(std::string_view utf8, std::size_t i);

// The code point starting at utf8[i]; U+FFFD for an invalid or truncated sequence.
char32_t decode_at(std::string_view utf8, std::size_t i);

// The code points of `utf8`, invalid bytes as U+FFFD.
std::u32string decode_utf8(std::string_view utf8);

}  // namespace vitrine::core
