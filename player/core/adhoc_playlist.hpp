#pragma once
// `vitrine play clip.mp4 photo.jpg talk.opus`: media files given on the command line, played in
// order as a playlist of their own with default settings (the quick look a curator wants before
// writing TOML). Pure: it looks at names and the file system only.
#include <filesystem>
#include <vector>

#include "core/playlist_loader.hpp"

namespace vitrine::core {

// Each file becomes an item, by its extension (any case): images (jpg jpeg png gif webp),
// videos (mp4 m4v mov mkv webm mpg mpeg ts m2ts avi ogv), sounds (mp3 opus ogg oga flac wav aac
// m4a). A folder stands for its files in name order (not recursive; other files skipped).
// Ids come from the file names, made unique; clips stay until they end and are titled by
// their file name; captions next to a clip are found by name (talk.srt, talk.vtt for the
// exhibit's language "en"; talk.pt.srt for "pt"). The theme uses the shipped fonts in fonts_dir.
// A missing file or one of an unknown kind is an error naming it; the other files are kept.
LoadOutcome adhoc_playlist(const std::vector<std::filesystem::path>& files, const std::filesystem::path& fonts_dir);

}  // namespace vitrine::core
