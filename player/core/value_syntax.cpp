#include "core/value_syntax.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/message_text.hpp"

namespace vitrine::core::detail {

std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string line = trim(text.substr(start, end - start));
        if (line.empty()) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            if (!current.empty()) current += ' ';
            current += line;
        }
        start = end + 1;
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += '\n';
        out += p;
    }
    return out;
}

bool is_valid_id(std::string_view id, char& bad) {
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            bad = c;
            return false;
        }
    }
    return !id.empty();
}

bool is_language_tag(std::string_view s) {
    std::size_t i = 0;
    std::size_t letters = 0;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i, ++letters;
    if (letters < 2 || letters > 3) return false;
    while (i < s.size()) {
        if (s[i] != '-') return false;
        ++i;
        std::size_t n = 0;
        while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i, ++n;
        if (n < 1 || n > 8) return false;
    }
    return true;
}

std::optional<Color> parse_color(std::string_view s) {
    if (s.size() != 4 && s.size() != 7) return std::nullopt;
    if (s[0] != '#') return std::nullopt;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::array<int, 6> d{};
    const std::size_t n = s.size() - 1;
    for (std::size_t i = 0; i < n; ++i) {
        d[i] = hex(s[i + 1]);
        if (d[i] < 0) return std::nullopt;
    }
    if (n == 3) {
        return Color{static_cast<std::uint8_t>(d[0] * 17), static_cast<std::uint8_t>(d[1] * 17),
                     static_cast<std::uint8_t>(d[2] * 17), 255};
    }
    return Color{static_cast<std::uint8_t>(d[0] * 16 + d[1]), static_cast<std::uint8_t>(d[2] * 16 + d[3]),
                 static_cast<std::uint8_t>(d[4] * 16 + d[5]), 255};
}

std::string color_text(Color c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
    return buf;
}

}  // namespace vitrine::core::detail
