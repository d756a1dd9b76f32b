#pragma once
// Parses an exit key combination such as "Ctrl+Alt+Q" or "ctrl+shift+F12". At least one
// modifier is required: a single key (Escape) could be pressed by a visitor on a keyboard left
// out. The key is an SDL key name; whether SDL knows it is checked where SDL is available.
#include <string>
#include <string_view>

#include "core/playlist.hpp"
#include "core/result.hpp"

namespace vitrine::core {

Result<KeyChord> parse_key_chord(std::string_view text);
std::string to_string(const KeyChord& chord);

}  // namespace vitrine::core
