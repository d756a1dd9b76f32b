#pragma once
// The command line, parsed into one of the program's modes. Errors are values whose message
// is ready to print after "vitrine: ".
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/playlist.hpp"
#include "core/result.hpp"

namespace vitrine::app {

struct Size {
    int width = 0;
    int height = 0;
};

// How the screen is drawn: `gpu` is SDL's accelerated renderer, `software` SDL's CPU renderer;
// `auto` takes the GPU unless the only one is a software rasterizer (Mesa's llvmpipe), where
// SDL's own software renderer costs less.
enum class RendererChoice { automatic, gpu, software };

// `vitrine play`. Exactly one of `playlist` and `media` is non-empty.
struct PlayOptions {
    std::filesystem::path playlist;            // a .toml playlist; empty when `media` is given
    std::vector<std::filesystem::path> media;  // media files (or folders), in the order given, for
                                               // core::adhoc_playlist; empty with a playlist
    bool once = false;                         // one pass through the items, then exit 0
    std::optional<std::filesystem::path> timing_log;  // one line per frame shown (bench/)
    RendererChoice renderer = RendererChoice::automatic;
    std::optional<Size> window;               // preview in a window instead of fullscreen
    std::optional<core::KeyChord> exit_keys;  // overrides the playlist's
    bool quiet = false;
    std::optional<double> stop_after_seconds;  // leave after this long (tests, benchmarks)
    // Touches played into the event queue (app/touch_script.hpp): walk-throughs and the
    // input-to-frame latency measurement (event=input-latency lines).
    std::optional<std::filesystem::path> touch_script;
};

// `vitrine check`. Exactly one of `playlists` and `media` is non-empty.
struct CheckOptions {
    std::vector<std::filesystem::path> playlists;  // .toml playlists, each checked on its own
    std::vector<std::filesystem::path> media;      // media files (or folders): one ad-hoc playlist
    bool quiet = false;  // only problems, no summary line
};

struct RenderOptions {
    std::filesystem::path playlist;
    std::string item_id;  // empty: the first item
    double at_seconds = 0.0;
    Size size{1920, 1080};
    std::filesystem::path output;
    std::string language;  // one of the exhibit's languages; empty: the default
    // What a visitor's touch would bring up over the item: nothing, the controls, or the menu.
    enum class Overlay { none, controls, menu };
    Overlay overlay = Overlay::none;
};

struct HelpRequest {
    std::string text;
};

using CommandLine = std::variant<PlayOptions, CheckOptions, RenderOptions, HelpRequest>;

// `args` without the program name. A .toml argument (any case) is a playlist; any other
// positional argument a media file or folder; mixing the two is an error naming one of each.
core::Result<CommandLine> parse_command_line(const std::vector<std::string>& args);

// "1920x1080" -> Size; both sides 16..16384.
core::Result<Size> parse_size(std::string_view text);

}  // namespace vitrine::app
