#pragma once
// Internal to the playlist loader (included only by its .cpp files): the syntax of the values a
// curator writes as text (paragraphs, ids, language codes, colours), without toml++ or messages.
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "core/playlist.hpp"

namespace vitrine::core::detail {

// Paragraphs of a curator's text: a blank line separates paragraphs; the lines of one paragraph
// are joined with a space, since the text is re-flowed to fit the screen anyway.
std::vector<std::string> split_paragraphs(std::string_view text);

// The paragraphs joined with '\n' (one line per paragraph).
std::string join_paragraphs(const std::vector<std::string>& paragraphs);

// True for a non-empty id of a-z, 0-9, '-' and '_'; else false, and `bad` is the first other
// character (untouched for an empty id).
bool is_valid_id(std::string_view id, char& bad);

// BCP 47 in the shape curators meet: "en", "pt", "pt-BR", "zh-Hans".
bool is_language_tag(std::string_view s);

// "#RRGGBB" or "#RGB" (hex digits in either case) → an opaque colour; nullopt for anything else.
std::optional<Color> parse_color(std::string_view s);

// "#RRGGBB", upper case, for messages.
std::string color_text(Color c);

}  // namespace vitrine::core::detail
