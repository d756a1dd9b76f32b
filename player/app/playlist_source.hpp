#pragma once
// Loads a playlist with the checks that need SDL and FFmpeg plugged into the pure loader:
// fonts (open, glyph coverage), and for `check` also a full decode of every image, the start
// and end of every clip decoded (media/clip_checker) and every caption file parsed. The main
// thread uses it before the show starts, or on reload.
#include <filesystem>
#include <vector>

#include "core/playlist_loader.hpp"
#include "app/logger.hpp"
#include "render/font_cache.hpp"

namespace vitrine::app {

class PlaylistSource {
public:
    enum class Depth { play, check };  // play: fast (media checked when prepared); check: everything

    explicit PlaylistSource(std::filesystem::path fonts_dir) : fonts_dir_(std::move(fonts_dir)) {}

    core::LoadOutcome load(const std::filesystem::path& playlist, Depth depth);
    // Media files given on the command line, as an ad-hoc playlist (core::adhoc_playlist).
    core::LoadOutcome load_files(const std::vector<std::filesystem::path>& files, Depth depth);

private:
    core::LoadOptions options_for(Depth depth);

    std::filesystem::path fonts_dir_;
    render::FontCache fonts_;  // this thread's fonts, for glyph coverage
};

// One log line per finding of the loader: event=playlist-problem item=… where=file:line:column reason=….
void log_diagnostics(Logger& log, const core::LoadOutcome& loaded);

// Where the shipped fonts are: next to the executable's source tree when run from a build,
// else /usr/share/vitrine/fonts; VITRINE_FONTS overrides.
std::filesystem::path default_fonts_dir();

}  // namespace vitrine::app
