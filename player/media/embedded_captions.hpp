#pragma once
// Captions carried inside a clip: text subtitle streams (mov_text in MP4, SubRip, ASS/SSA and
// WebVTT in Matroska/WebM), read whole into a core::CaptionTrack when the clip is prepared.
// Picture subtitles (dvd_subtitle, hdmv_pgs_subtitle, dvb_subtitle) are ignored: they are
// bitmaps, which cannot be set in the exhibit's type and size, and a museum's clips come with
// text captions.
//
// Any thread; no shared state. Opens the file with open_media_file's limits and reads it once,
// with every stream but the chosen subtitle stream discarded.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "core/caption_track.hpp"
#include "core/result.hpp"

namespace vitrine::media {

struct EmbeddedCaptions {
    // Cues on the clip's timeline (the container's start time is 0 ms, as for the demuxer's
    // frames), sorted by start, same starts in stream order. Texts as core::Cue says (valid
    // UTF-8, trimmed lines joined by '\n', markup removed, never empty); `line` is 0: a stream
    // has no source lines.
    core::CaptionTrack track;
    // The stream's language tag: a 2-letter code when it is a known ISO 639-2 code or a 2-letter
    // code ("eng", "EN" -> "en"), else as tagged ("pt-BR", "haw"), "" when untagged or "und".
    std::string language;
    std::string codec;  // FFmpeg's codec name: mov_text, subrip, ass, ssa, webvtt, text
};

inline constexpr std::size_t kMaxEmbeddedCues = 20000;  // a feature film has ~1,500: past this it is not captions
inline constexpr auto kEmbeddedCaptionsDeadline = std::chrono::seconds(10);  // opening and reading; a film's captions take well under a second

// The cues of `clip`'s text subtitle stream in `language` ("en", "pt", "pt-BR": its primary
// subtag is compared with the stream's ISO 639 language tag, "por" or "pt" alike); when no
// stream is in `language` (or `language` is ""), of the default text subtitle stream, else the
// first (`language` in the result says which language it is). Either way a stream marked
// "forced" (it carries only the lines in a foreign language) is taken only when no complete one
// is left to choose from; among equals the first stream wins.
// nullopt when the clip has no text subtitle stream.
// Error (message "cannot open <path>: <FFmpeg's reason>", path set) only when the file cannot
// be opened or its streams cannot be read. A damaged tail, a stream longer than
// kMaxEmbeddedCues or a read that passes kEmbeddedCaptionsDeadline gives the cues read so far.
// Cues whose end the stream does not give end when the next one starts (or at the clip's end).
core::Result<std::optional<EmbeddedCaptions>> read_embedded_captions(const std::filesystem::path& clip,
                                                                    const std::string& language);

// A language tag as EmbeddedCaptions::language spells it: "eng" -> "en", "fre" and "fra" ->
// "fr", "PT" -> "pt", "und" and "" -> "", unknown tags ("pt-BR", "haw") as they are.
std::string two_letter_language(const std::string& tag);

// The words of one subtitle rectangle. `is_ass`: an ASS dialogue line as FFmpeg 5 gives it
// ("ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text"): the text after the 8th
// comma, override blocks {\...} removed, \N and \n as line breaks, \h as a space. Otherwise
// plain text, taken as it is. Either way lines are trimmed, empty lines dropped, joined by '\n',
// and invalid UTF-8 becomes U+FFFD. "" when nothing is left.
std::string caption_text_of(const std::string& ass_or_text, bool is_ass);

}  // namespace vitrine::media
