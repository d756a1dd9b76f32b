#pragma once
// Captions for video and audio items: SRT and WebVTT files read into timed cues, with every
// problem reported as a Diagnostic at file:line:column in the words a curator can act on.
// Parsing is tolerant the way players are (BOM, CRLF or CR line ends, no blank line at the end,
// extra blank lines, SRT cue numbers missing, ',' or '.' in SRT times, VTT hours optional,
// NOTE/STYLE/REGION blocks, cue settings after the times), and it loses nothing it can keep: a
// malformed cue is skipped and reported, the cues around it are kept.
// Pure (standard C++ only); any bytes in, never a crash (fuzz/caption_fuzzer.cpp).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/playlist.hpp"
#include "core/result.hpp"

namespace vitrine::core {

// The largest caption file load_captions reads: a feature film's SRT is about 100 KiB.
inline constexpr std::size_t kCaptionFileMaxBytes = 4 * 1024 * 1024;

// The most diagnostics one parse reports; a binary file read as captions would give one per
// line. Past it one last diagnostic says how many more were found.
inline constexpr std::size_t kCaptionMaxDiagnostics = 100;

struct Cue {
    Millis start{0};  // shown from here (inclusive)...
    Millis end{0};    // ...until here (exclusive); always after start
    // Valid UTF-8, lines joined with '\n', each trimmed; markup (<i>, <b>, <font>, {\an8}, VTT
    // tags and, in VTT, character references) removed; never empty.
    std::string text;
    int line = 0;  // source line of the cue's timing line, 1-based
};

struct CaptionTrack {
    std::vector<Cue> cues;  // sorted by start; cues with the same start in file order

    // The cues on screen at time `t` (start <= t < end), in start order. Cues may overlap: all
    // of them are returned. Pointers into `cues`, valid while the track is unchanged.
    std::vector<const Cue*> at(Millis t) const;
};

struct CaptionParse {
    CaptionTrack track;
    std::vector<Diagnostic> diagnostics;  // in line order; `path` is the path given to the parser
};

// SubRip: [number] / "00:01:02,500 --> 00:01:04,000 [X1:... ignored]" / text lines / blank line.
// Errors (the cue is skipped): a malformed timing line ("expected a time like 00:01:02,500, got
// '00:01:02'", at the column of the bad time), a cue that ends before it starts or when it
// starts, text that belongs to no cue, a cue number with no timing line after it, invalid
// UTF-8 (one error for the file, at the first bad byte; the bad bytes become U+FFFD and the
// cues are kept). Warnings: a cue with no text (skipped), overlapping cues (kept), a cue that
// follows the text of the previous one without a blank line (kept), a file with no cues.
// Columns count code points from 1 (as the playlist loader does); a UTF-8 BOM is skipped and
// not counted. Line breaks: "\r\n", "\n" or a lone "\r".
CaptionParse parse_srt(std::string_view text, const std::string& path);

// WebVTT: "WEBVTT" header (an error when missing; the cues are read all the same), then blocks:
// NOTE, STYLE and REGION blocks (skipped), cues as "[identifier]" / "[HH:]MM:SS.mmm -->
// [HH:]MM:SS.mmm [settings ignored]" / text lines. The same errors and warnings as parse_srt,
// with VTT times in the messages; a ',' before the milliseconds is read with a warning
// (browsers drop such cues).
CaptionParse parse_vtt(std::string_view text, const std::string& path);

// parse_vtt for a text that begins with the WEBVTT header or a path ending in ".vtt" (any case),
// parse_srt otherwise. A ".srt" file that holds WebVTT is read as WebVTT, with a warning.
CaptionParse parse_captions(std::string_view text, const std::string& path);

// Reads and parses a caption file. The file itself is refused with an Error (message starting
// "<path>: ") when it is missing, not a regular file, unreadable, empty (0 bytes), larger than
// kCaptionFileMaxBytes, UTF-16, or not valid UTF-8 (line and column of the first bad byte).
// Otherwise the parse, whose diagnostics may still hold errors about single cues.
Result<CaptionParse> load_captions(const std::filesystem::path& path);

}  // namespace vitrine::core
