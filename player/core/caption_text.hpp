#pragma once
// The text-level pieces of the caption parsers (caption_track.hpp): strict UTF-8 checking, the
// cue-time syntax of SRT and WebVTT, and the markup a cue's text may carry. Pure; every function
// takes any bytes (caption files come from outside) and never reads outside its input.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/playlist.hpp"

namespace vitrine::core {

enum class CaptionFormat { srt, vtt };

// How many invalid UTF-8 sequences `text` holds (maximal invalid subparts, each of which
// repair_utf8 turns into one U+FFFD); 0 when it is valid UTF-8. The first one is found by
// find_invalid_utf8 (utf8.hpp).
std::size_t count_invalid_utf8(std::string_view text);

// `text` with each maximal invalid subpart replaced by U+FFFD (as the WHATWG decoder and the
// browsers do); valid text comes back unchanged. Line breaks are never touched.
std::string repair_utf8(std::string_view text);

// Line and column (both 1-based) of byte `offset` of `text`, counting "\r\n", "\n" and a lone
// "\r" each as one line break, and columns in code points (as toml++ and the playlist loader
// count them; an invalid byte counts as one). An offset past the end gives the position just
// after the last byte.
SourcePos position_of(std::string_view text, std::size_t offset);

// The time of one cue-time token, or nullopt when it is not one.
// SRT: H:MM:SS,mmm (hours 1 to 9 digits; ',' or '.' before the milliseconds).
// VTT: [H:]MM:SS.mmm (hours optional, 1 to 9 digits; only '.').
// Minutes and seconds are two digits 00-59, milliseconds exactly three digits.
std::optional<Millis> parse_cue_time(std::string_view token, CaptionFormat format);

// "00:01:02,500" (SRT) or "00:01:02.500" (VTT); hours take as many digits as they need.
std::string format_cue_time(Millis t, CaptionFormat format);

// One line of cue text as a viewer should see it, trimmed of surrounding spaces:
// - tags removed: '<' then a letter, '/' (or, in VTT, a digit: karaoke timestamps) up to the
//   next '>' on the line (<i>, </b>, <font color="red">, <v Roger>, <c.yellow>, <00:01.500>);
//   a '<' with no closing '>' stays as written ("a < b");
// - SRT and VTT alike: ASS override blocks "{\...}" removed ({\an8}, {\i1});
// - VTT only: the character references &amp; &lt; &gt; &quot; &apos; &nbsp; &lrm; &rlm; and
//   &#NNN; / &#xHHH; decoded (unknown or invalid ones stay as written).
std::string strip_cue_markup(std::string_view line, CaptionFormat format);

}  // namespace vitrine::core
