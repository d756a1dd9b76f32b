#pragma once
// `vitrine play clip.mp4 photo.jpg talk.opus`: media files given on the command line, played in
// order as a playlist of their own with default settings (the quick look a curator wants before
// writing TOML). Pure: it looks at names and the file system only; the checks that decode are
// injected through LoadOptions, as for a TOML playlist.
#include <filesystem>
#include <optional>
#include <vector>

#include "core/playlist_loader.hpp"

namespace vitrine::core {

// What a file is played as, judged by its extension alone (any case): images jpg jpeg png gif
// webp; videos mp4 m4v mov mkv webm mpg mpeg ts m2ts avi ogv; sounds mp3 opus ogg oga flac wav
// aac m4a wma. nullopt for any other name (captions, playlists, formats Vitrine does not play).
enum class MediaFileKind { image, video, audio };
std::optional<MediaFileKind> media_file_kind(const std::filesystem::path& file);

// The playlist of `files`, in the order given. A folder stands for its files in name order (not
// recursive; files of other kinds in it are skipped silently).
//  - Each file is an item whose id comes from its name (lowercase a-z, digits, '-' and '_';
//    "Talk 1.opus" -> "talk-1"), made unique by a suffix ("talk", "talk-2").
//  - Images stay the exhibit's default duration. Videos and sounds stay until they end, do not
//    loop, and are titled by the file name without its extension.
//  - A clip's captions are found beside it by name: talk.srt or talk.vtt for the exhibit's
//    language ("en"), talk.<language>.srt|vtt for others ("talk.pt-BR.vtt"); .srt before .vtt.
//  - The exhibit is the default one (title "Vitrine"); its theme uses the shipped fonts in
//    options.fonts_dir. `path` stays empty: there is no file to reload.
//  - A missing file, one that is not a regular file, a folder with nothing to play and a file of
//    an unknown kind are errors naming the path as given; the other files are kept.
//  - With options.probe_image / probe_clip / check_clip / check_captions / probe_font set
//    (`vitrine check`), every file, caption file and default font is checked as the playlist
//    loader checks them (an empty file is refused first); a file that fails is left out with an
//    error. Unset (play), files are checked when they are prepared, so an empty one is skipped
//    then, with the show's own log.
// `playlist` is always set (possibly with no items). Thread: any; the injected functions are
// called on the calling thread.
LoadOutcome adhoc_playlist(const std::vector<std::filesystem::path>& files, const LoadOptions& options);

// The same for play: only options.fonts_dir set.
LoadOutcome adhoc_playlist(const std::vector<std::filesystem::path>& files, const std::filesystem::path& fonts_dir);

}  // namespace vitrine::core
