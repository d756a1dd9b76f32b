#pragma once
// A pass over playlist text before toml++ 3.3 parses it, for a defect of that version: its
// whitespace test, is_non_ascii_horizontal_whitespace(), reaches __builtin_unreachable() (undefined
// behaviour) for any code point from U+00A1 to U+0499 (accented Latin, Greek, Cyrillic) that it
// is asked about. It is asked about the first character after every run of whitespace outside
// strings, and inside a """multi-line string""" about the first character after a line-ending
// backslash, so both `título = "x"` (invalid) and a continued line that begins with "É" or
// "Проект" (valid TOML) would reach it. Therefore:
//  - a character beyond ASCII outside quotes and comments is refused here, with a message that
//    names it (a curator's usual slip: typographic quotes, a no-break space from a word processor);
//  - a line-ending backslash in a multi-line basic string is applied here (the backslash and the
//    whitespace and line breaks after it are removed, as TOML says), so toml++ never trims after one;
//    a backslash followed by blanks that do not end the line is refused here.
// The text handed to toml++ then differs from the curator's; original() maps toml++'s positions
// back. Iterative, one pass, no recursion; input must be valid UTF-8 (checked before).
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/playlist.hpp"
#include "core/result.hpp"

namespace vitrine::core {

class PreparedToml {
public:
    // The text to give toml++.
    const std::string& text() const { return text_; }
    // The curator's line and column for a line and column of text() (both 1-based, columns in
    // code points as toml++ counts them). Positions that fall outside the text are returned as given.
    SourcePos original(SourcePos in_prepared) const;

private:
    friend Result<PreparedToml> prepare_toml(std::string_view original);
    std::string text_;
    std::string original_;  // kept only when the text changed
    // Where text() and the original line up again after each removal: (offset in text(),
    // offset in the original), ascending. Empty when nothing was removed.
    std::vector<std::pair<std::size_t, std::size_t>> joins_;
};

// The prepared text, or the error (message, line, column of the offending character).
Result<PreparedToml> prepare_toml(std::string_view original);

}  // namespace vitrine::core
