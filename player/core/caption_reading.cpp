#include "core/caption_reading.hpp"

#include <cstdio>
#include <limits>

#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0' ||
           (c >= U'\u2000' && c <= U'\u200B') || c == U'\u202F' || c == U'\u205F' || c == U'\u3000';
}

// Letters and digits of any script, roughly: everything but ASCII punctuation and the
// punctuation and symbol blocks a caption uses (dashes, quotes, ellipsis, «», ¿¡).
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
    if (c >= 0xA0 && c <= 0xBF) return false;  // Latin-1 punctuation: ¡ « » ¿ ° ...
    if (c == 0xD7 || c == 0xF7) return false;  // × ÷
    if (c >= 0x2000 && c <= 0x206F) return false;  // General Punctuation: – — ‘ ’ “ ” …
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
    if (c == 0xFFFD) return false;
    return true;
}

bool is_combining_mark(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

std::string seconds_text(Millis d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(d.count()) / 1000.0);
    return text;
}

}  // namespace

std::size_t cue_word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;  // inside a run of non-spaces already counted
    for_each_code_point(text, [&](char32_t c) {
        if (is_space(c)) {
            in_word = false;
            return;
        }
        if (is_word_char(c) && !in_word) {
            // The first letter or digit of a run makes it a word: "—Yes" is one, "—" none.
            ++words;
            in_word = true;
        }
    });
    return words;
}

std::size_t cue_line_length(std::string_view line) {
    std::size_t n = 0;
    for_each_code_point(line, [&](char32_t c) { n += is_combining_mark(c) ? 0 : 1; });
    return n;
}

double words_per_minute(const Cue& cue) {
    const auto words = static_cast<double>(cue_word_count(cue.text));
    if (words == 0) return 0.0;
    if (cue.end <= cue.start) return std::numeric_limits<double>::infinity();
    return words * 60000.0 / static_cast<double>((cue.end - cue.start).count());
}

std::vector<Diagnostic> check_caption_reading(const CaptionTrack& track, const std::string& path) {
    std::vector<Diagnostic> found;
    for (const Cue& cue : track.cues) {
        const double rate = words_per_minute(cue);
        if (rate > kCueMaxWordsPerMinute) {
            char rate_text[32];
            std::snprintf(rate_text, sizeof rate_text, "%.0f", rate);
            found.push_back(Diagnostic{Severity::warning, path, cue.line, 1,
                                       "cue is read at " + std::string(rate_text) + " words a minute (" +
                                           std::to_string(cue_word_count(cue.text)) + " words in " +
                                           seconds_text(cue.end - cue.start) + "); over " +
                                           std::to_string(static_cast<int>(kCueMaxWordsPerMinute)) +
                                           " is too fast to read: show it longer or say less",
                                       {}});
        }
        std::size_t line_number = 0;
        for (std::size_t start = 0; start <= cue.text.size();) {
            std::size_t end = cue.text.find('\n', start);
            if (end == std::string::npos) end = cue.text.size();
            ++line_number;
            const std::size_t length = cue_line_length(std::string_view(cue.text).substr(start, end - start));
            if (length > kCueMaxLineChars) {
                found.push_back(Diagnostic{Severity::warning, path, cue.line, 1,
                                           "line " + std::to_string(line_number) + " of the cue is " +
                                               std::to_string(length) + " characters long; a caption line holds at most " +
                                               std::to_string(kCueMaxLineChars),
                                           {}});
            }
            start = end + 1;
        }
    }
    return found;
}

}  // namespace vitrine::core
