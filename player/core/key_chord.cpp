#include "core/key_chord.hpp"

#include <algorithm>
#include <cctype>

namespace vitrine::core {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace

Result<KeyChord> parse_key_chord(std::string_view text) {
    KeyChord chord;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        // A '+' that is the last character is the key itself ("Ctrl+Alt++" is Ctrl+Alt and '+').
        if (i == text.size() || (text[i] == '+' && i + 1 < text.size() && i > start)) {
            parts.push_back(trim(text.substr(start, i - start)));
            start = i + 1;
        }
    }
    if (parts.empty() || parts.back().empty()) {
        return fail("expected a key combination like \"Ctrl+Alt+Q\", got \"" + std::string(text) + "\"");
    }
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        const std::string m = lower(parts[i]);
        if (m == "ctrl" || m == "control") chord.ctrl = true;
        else if (m == "alt") chord.alt = true;
        else if (m == "shift") chord.shift = true;
        else return fail("unknown modifier \"" + parts[i] + "\" in \"" + std::string(text) +
                         "\"; the modifiers are Ctrl, Alt and Shift");
    }
    chord.key = parts.back();
    if (chord.key.size() == 1) chord.key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(chord.key[0])));
    if (!chord.ctrl && !chord.alt) {
        return fail("the exit keys must include Ctrl or Alt, so that a visitor cannot leave with one key; got \"" +
                    std::string(text) + "\"");
    }
    return chord;
}

std::string to_string(const KeyChord& chord) {
    std::string s;
    if (chord.ctrl) s += "Ctrl+";
    if (chord.alt) s += "Alt+";
    if (chord.shift) s += "Shift+";
    return s + chord.key;
}

}  // namespace vitrine::core
