#include "core/utf8.hpp"

#include <array>

namespace vitrine::core {

DecodedCodePoint decode_code_point(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) return {b0, 1};
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;  // smallest code point this length may encode (shorter forms are overlong)
    if ((b0 & 0xE0) == 0xC0) {
        length = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        length = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        length = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return {};
    }
    if (i + length > text.size()) return {};
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, length};
}

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) {
    int line = 1;
    int column = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        const DecodedCodePoint d = decode_code_point(text, i);
        if (d.length == 0) {
            return Utf8Error{i, line, column, static_cast<std::uint8_t>(text[i])};
        }
        if (d.code_point == U'\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += d.length;
    }
    return std::nullopt;
}

std::string code_point_name(char32_t cp) {
    static constexpr std::array<char, 16> kHex{'0', '1', '2', '3', '4', '5', '6', '7',
                                               '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string digits;
    auto v = static_cast<std::uint32_t>(cp);
    do {
        digits.insert(digits.begin(), kHex[v & 0xF]);
        v >>= 4;
    } while (v != 0);
    while (digits.size() < 4) digits.insert(digits.begin(), '0');
    return "U+" + digits;
}

std::string encode_utf8(char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

std::string utf8_prefix(std::string_view text, std::size_t max_code_points) {
    std::size_t i = 0;
    std::size_t count = 0;
    while (i < text.size() && count < max_code_points) {
        const DecodedCodePoint d = decode_code_point(text, i);
        i += d.length == 0 ? 1 : d.length;
        ++count;
    }
    if (i >= text.size()) return std::string(text);
    return std::string(text.substr(0, i)) + "…";
}

}  // namespace vitrine::core
