#pragma once
// Internal to the playlist loader (included only by its .cpp files): how values and places are
// written into a Diagnostic's message, so every reader words them the same way.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "core/playlist.hpp"

namespace vitrine::core::detail {

inline constexpr std::size_t kQuotedCodePoints = 40;  // a message quotes the start of a long value

// True when `s` is one of `list`.
bool contains(std::span<const std::string_view> list, std::string_view s);

// "a, b, c" with `last_separator` before the last one ("a, b or c").
std::string join(std::span<const std::string_view> list, std::string_view last_separator = ", ");

// "an" before a vowel, else "a".
std::string article_for(std::string_view word);

// A value quoted for a message: "…" after kQuotedCodePoints, and line breaks shown as \n.
std::string in_quotes(std::string_view text);

// A number as a curator would write it ("%g": 0.5, 12, 1e+06).
std::string number_text(double v);

// Where a toml++ node or region begins, in toml++'s coordinates (not yet mapped to the curator's).
SourcePos pos_of(const toml::source_region& r);
SourcePos pos_of(const toml::node& n);

// What a value is, for "..., got X": `"fast"`, `the integer 5`, `an integer array`, `a table`.
std::string describe(const toml::node& n);

// One character of a bad id, for a message: "a space", "the capital 'A'", "'!'".
std::string describe_char(char c);

// `s` without leading and trailing blanks (space, tab, CR, LF).
std::string trim(std::string_view s);

}  // namespace vitrine::core::detail
