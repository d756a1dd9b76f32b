#pragma once
// Reading checks of caption cues for the linter (visitor-experience.md, after the BBC Subtitle
// Guidelines): a cue read faster than 200 words a minute, or with a line over 42 characters, is
// a warning. Pure; the cues come from caption_track.hpp.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/caption_layout.hpp"
#include "core/caption_track.hpp"
#include "core/diagnostic.hpp"

namespace vitrine::core {

constexpr double kCueMaxWordsPerMinute = 200.0;  // BBC: 160-180 is comfortable, over 200 too fast
// BBC and Netflix: never over 42 characters on a caption line (the layout's own limit).
constexpr auto kCueMaxLineChars = static_cast<std::size_t>(kCaptionMaxChars);

// Words in `text`: runs between spaces (ASCII, no-break and the Unicode spaces) that hold at
// least one letter or digit, so a lone dash or "..." is not a word. Any script counts.
std::size_t cue_word_count(std::string_view text);

// Characters on one line as a viewer counts them: code points, combining marks not counted.
std::size_t cue_line_length(std::string_view line);

// The reading rate the cue asks for: its words over its duration, in words a minute. 0 for a
// cue without words; +infinity for words with no duration (end <= start).
double words_per_minute(const Cue& cue);

// One warning per cue read faster than kCueMaxWordsPerMinute and one per line longer than
// kCueMaxLineChars, at the cue's timing line (column 1), with the numbers in the message.
std::vector<Diagnostic> check_caption_reading(const CaptionTrack& track, const std::string& path);

}  // namespace vitrine::core
