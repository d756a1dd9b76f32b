#pragma once
// The playlist loader: a curator's TOML file → a validated Playlist with every default filled in,
// plus every finding as a Diagnostic with the exact line and column and "what was expected, what
// was seen". The format is documented for curators in playlists/README.md.
//
// Policy (the show goes on):
//  - The file itself unusable (unreadable, bigger than max_file_bytes, not UTF-8, not TOML, keys
//    nested deeper than kMaxKeyDepth): `playlist` is nullopt, one error says why.
//  - An item with an error is left out of `playlist->items`; its diagnostics carry its id.
//  - A link ([[item.link]]) with an error, or whose 'to' names nothing or something left out, is
//    left out; its item stays (the diagnostics carry the item's id).
//  - A section ([[section]]) with an error is left out (rules in section_reader.hpp); items and
//    sections that name it are told why.
//  - An exhibit-level error ([exhibit], [exhibit.display], [exhibit.language_names],
//    [exhibit.staff_exit], [theme]: a bad colour, exit key, font, PIN) is reported and the default
//    is used; [exhibit] attract naming no section is an error, naming one left out a warning.
//  - No item left: the error "the playlist has no playable items" (the playlist is still returned,
//    empty); a file with no [[item]] at all: "the playlist is empty: add an [[item]]".
//  - Warnings never drop anything (reading time longer than an explicit duration, low contrast, a
//    looping clip that never ends, a start or section item that was left out, a language without
//    a name), except a section all of whose items were left out (for their own errors).
//
// Languages: every visitor-visible text (and a clip's file, an audio item's image) may be a plain
// value, the same in every language, or a table of language → value. Item::body holds the
// default language; Item::translations the body in each other language any of the item's texts
// was written in, the default's values filling in. Playlist::missing_translations lists, by
// language (in Exhibit::languages' order) and then in file order, each table lacking one of the
// exhibit's languages, and "every text" for an item with texts none of which is written per language.
//
// Which font sets which text (the glyph check and the renderer agree through core/font_role.hpp,
// texts_by_role()):
//   heading_font  titles and headlines: text/statement/list/video/audio `title`, excerpt `heading`,
//                 article `headline`
//   body_font     running text: paragraphs, excerpt `text`, list entries, audio `transcript`
//   italic_font   article `slogan`, statement `signed`
//   ui_font       citations (excerpt `from`, `by`, `published`), image `caption`; and the
//                 controls: link labels, section titles on the menu's tiles, language names
//
// Thread: any; the injected functions are called on the calling thread, synchronously.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/playlist.hpp"

namespace vitrine::core {

inline constexpr std::size_t kMaxKeyDepth = 8;  // our deepest key is 4 (item.pan_zoom.from.x); deeper is a mistake or an attack

// What a clip is played as, so that its check knows which stream it needs.
enum class ClipUse { video, audio };

// What `vitrine check` found opening a clip and decoding its first frames.
struct ClipReport {
    std::string error;                  // empty when the clip plays; else why not
    std::vector<std::string> warnings;  // it plays, but: too slow for this machine, damaged...
};

struct LoadOptions {
    // Where the default fonts live (fonts/ in the repo). A theme font name is looked up in the
    // playlist's folder first, then here.
    std::filesystem::path fonts_dir;
    // Injected checks, so the core stays pure. Each returns "" when the file is fine, else the
    // reason ("file is empty (0 bytes)"). Unset = don't check (play mode skips the slow decode).
    // File existence, regular-file-ness and emptiness are always checked here, cheaply.
    std::function<std::string(const std::filesystem::path&)> probe_image;
    std::function<std::string(const std::filesystem::path&)> probe_clip;  // video and audio
    std::function<std::string(const std::filesystem::path&)> probe_font;
    // Check mode: opens a clip and decodes its first frames as `ClipUse` needs (after the file
    // was found non-empty and, when set, probe_clip passed). Unset = don't. An error leaves the
    // item out; error and warnings are reported at the file key's line and column, with the
    // file as the playlist writes it ("media file \"x.mp4\" cannot be played: <error>").
    std::function<ClipReport(const std::filesystem::path&, ClipUse)> check_clip;
    // Check mode: every caption file is read (load_captions) and its problems reported at their
    // own file, line and column; a file that cannot be read at all is an error at the captions
    // key. The item is kept either way: players show the cues that could be read.
    bool check_captions = false;
    // True when the font file has a glyph for the code point. Unset = don't check.
    std::function<bool(const std::filesystem::path& font, char32_t)> has_glyph;
    std::size_t max_file_bytes = 1 << 20;  // playlists bigger than this are refused
};

struct LoadOutcome {
    std::optional<Playlist> playlist;     // nullopt only when the file itself is unusable
    std::vector<Diagnostic> diagnostics;  // every finding, in file order (whole-file ones last)
};

// Reads `file` (at most options.max_file_bytes) and parses it as parse_playlist does. Relative
// paths inside are resolved against file's folder. Diagnostics name `file` as given.
LoadOutcome load_playlist(const std::filesystem::path& file, const LoadOptions& options);

// Parses playlist text as if read from `path` (used for messages and to resolve relative paths).
LoadOutcome parse_playlist(std::string_view toml_text, const std::filesystem::path& path,
                           const LoadOptions& options);

}  // namespace vitrine::core
