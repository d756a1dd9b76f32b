#pragma once
// Captions carried inside a clip: text subtitle streams (mov_text in MP4, SubRip, ASS/SSA and
// WebVTT in Matroska/WebM), read whole into a core::CaptionTrack when the clip is prepared.
// Picture subtitles (DVD, Blu-ray PGS) are not read: they cannot be set in the exhibit's type
// and size, and a museum's clips come with text captions.
//
// Any thread; no shared state. Reads the file once, with every other stream discarded.
#include <filesystem>
#include <optional>
#include <string>

#include "core/caption_track.hpp"
#include "core/result.hpp"

namespace vitrine::media {

struct EmbeddedCaptions {
    core::CaptionTrack track;
    std::string language;  // as a 2-letter code when known ("en"), else as tagged, else ""
    std::string codec;     // FFmpeg's name: mov_text, subrip, ass, webvtt
};

inline constexpr std::size_t kMaxEmbeddedCues = 20000;  // a feature film has ~1,500

// The cues of `clip`'s text subtitle stream in `language` ("en", "pt-BR": matched on its first
// part against the stream's ISO 639 tag), else of its default or first text subtitle stream.
// nullopt when the clip has none. Error (with the path and the reason) when it cannot be read.
core::Result<std::optional<EmbeddedCaptions>> read_embedded_captions(const std::filesystem::path& clip,
                                                                    const std::string& language);

// "eng" -> "en", "por" -> "pt", "pt" -> "pt"; unknown tags come back as they are.
std::string two_letter_language(const std::string& tag);

// ASS dialogue ("ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text") or plain
// subtitle text -> the words shown: override blocks {\...} removed, \N and \n as line breaks,
// \h as a space, lines trimmed, empty lines dropped.
std::string caption_text_of(const std::string& ass_or_text, bool is_ass);

}  // namespace vitrine::media
