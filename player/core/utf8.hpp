#pragma once
// UTF-8 for text that comes from outside (playlists): validation with a position a curator can
// find, decoding to code points for the glyph check, and the "U+4E2D" spelling of a code point.
// Pure, allocation only in the returned values; every read is bounds-checked.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::core {

// Where a text stops being valid UTF-8.
struct Utf8Error {
    std::size_t offset = 0;  // byte offset of the first byte of the bad sequence
    int line = 1;            // 1-based
    int column = 1;          // 1-based, counted in code points as toml++ counts them
    std::uint8_t byte = 0;   // the byte at `offset`
};

// The first invalid sequence in `text` (stray continuation byte, truncated sequence, overlong
// form, surrogate, code point above U+10FFFF), or nullopt when all of `text` is valid UTF-8.
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

// Calls `f(char32_t)` for each code point of `text`; an invalid sequence yields U+FFFD and
// decoding resumes at the next byte. Returns nothing; `f` may not throw past it.
template <class F>
void for_each_code_point(std::string_view text, F&& f);

// "U+4E2D", "U+00E9", "U+1F600": the Unicode spelling of a code point (4 to 6 hex digits).
std::string code_point_name(char32_t cp);

// The UTF-8 bytes of `cp` (U+FFFD for values that are not scalar values).
std::string encode_utf8(char32_t cp);

// At most `max_code_points` code points of `text` (valid UTF-8), with "…" appended when cut.
std::string utf8_prefix(std::string_view text, std::size_t max_code_points);

// --- implementation details -----------------------------------------------------------------

// Decodes the sequence starting at text[i]. Returns the code point and its length in bytes,
// or {U+FFFD, 0} when the sequence is invalid.
struct DecodedCodePoint {
    char32_t code_point = 0xFFFD;
    std::size_t length = 0;  // 0 = invalid
};
DecodedCodePoint decode_code_point(std::string_view text, std::size_t i);

template <class F>
void for_each_code_point(std::string_view text, F&& f) {
    std::size_t i = 0;
    while (i < text.size()) {
        const DecodedCodePoint d = decode_code_point(text, i);
        f(d.code_point);
        i += d.length == 0 ? 1 : d.length;
    }
}

}  // namespace vitrine::core
