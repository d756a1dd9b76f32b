#include "app/command_line.hpp"

#include <algorithm>
#include <charconv>

#include "core/key_chord.hpp"

namespace vitrine::app {
namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  vitrine play PLAYLIST.toml [options]\n"
    "  vitrine play FILE|FOLDER... [options]\n"
    "      Run the exhibit fullscreen (or in a window for preview). Leave with the exit keys\n"
    "      (the playlist's exit_keys, default Ctrl+Alt+Q). Media files given directly (images,\n"
    "      videos, sounds; a folder for its files in name order) play in that order as a\n"
    "      playlist of their own with default settings, captions found beside each clip\n"
    "      (talk.srt, talk.pt.vtt). Options:\n"
    "        --once                    one pass through the items, then exit 0 (default: loop)\n"
    "        --window WxH              a preview window instead of fullscreen\n"
    "        --exit-keys CHORD         e.g. Ctrl+Alt+Q; overrides the playlist's\n"
    "        --renderer auto|gpu|software   how the screen is drawn (auto: the GPU unless it\n"
    "                                  draws on the CPU, then SDL's software renderer)\n"
    "        --timing-log FILE         write one line per frame shown (for bench/)\n"
    "        --stop-after SECONDS      leave after this long\n"
    "        --touch-script FILE       play the touches of FILE ('<ms> down|move|up <x> <y>' lines)\n"
    "                                  and log the time from each to the frame showing it\n"
    "        --quiet                   log only problems\n"
    "  vitrine check PLAYLIST.toml... | FILE|FOLDER...\n"
    "      Validate playlists (or media files, as play would take them) without opening a\n"
    "      window: every problem as file:line:column. Exit 0 when all are good, 1 otherwise.\n"
    "  vitrine render PLAYLIST.toml --item ID --at SECONDS [--size WxH] -o OUT.png\n"
    "      Draw what the screen shows SECONDS after item ID begins, without a display.\n"
    "        --language CODE           in one of the exhibit's languages (default: its default)\n"
    "        --overlay controls|menu   with the controls a tap shows, or the menu, over it\n"
    "  vitrine --help | --version\n";

bool is_playlist_name(const std::string& arg) {
    std::string ext = std::filesystem::path(arg).extension().string();
    for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return ext == ".toml";
}

// Playlists (.toml, any case) and media files may not be mixed: the files belong in the
// playlist, or are played without it. The message names one of each.
core::Result<void> refuse_mixed(std::string_view mode, const std::vector<std::string>& positional) {
    const auto toml = std::find_if(positional.begin(), positional.end(), is_playlist_name);
    const auto media = std::find_if_not(positional.begin(), positional.end(), is_playlist_name);
    if (toml == positional.end() || media == positional.end()) return {};
    return core::fail(std::string(mode) + " takes a playlist (.toml) or media files, not both: got the playlist '" + *toml +
                      "' and the file '" + *media + "'; name the file in the playlist, or " + std::string(mode) +
                      " the files without it");
}

core::Result<double> parse_seconds(std::string_view flag, std::string_view text) {
    double v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size() || v < 0) {
        return core::fail(std::string(flag) + " expects seconds (a number >= 0), got '" + std::string(text) + "'");
    }
    return v;
}

}  // namespace

core::Result<Size> parse_size(std::string_view text) {
    const auto x = text.find('x');
    Size s;
    auto num = [](std::string_view t, int& out) {
        auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
        return ec == std::errc{} && p == t.data() + t.size();
    };
    if (x == std::string_view::npos || !num(text.substr(0, x), s.width) || !num(text.substr(x + 1), s.height) ||
        s.width < 16 || s.height < 16 || s.width > 16384 || s.height > 16384) {
        return core::fail("expected a size like 1920x1080, got '" + std::string(text) + "'");
    }
    return s;
}

core::Result<CommandLine> parse_command_line(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        return HelpRequest{kUsage};
    }
    if (args[0] == "--version") return HelpRequest{"vitrine 0.1\n"};
    const std::string& mode = args[0];
    std::vector<std::string> positional;
    auto value_of = [&](std::size_t& i) -> core::Result<std::string> {
        if (i + 1 >= args.size()) return core::fail(args[i] + " needs a value");
        return args[++i];
    };

    if (mode == "play") {
        PlayOptions o;
        for (std::size_t i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--window") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                auto s = parse_size(*v);
                if (!s) return core::fail("--window: " + s.error().message);
                o.window = *s;
            } else if (a == "--exit-keys") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                auto k = core::parse_key_chord(*v);
                if (!k) return core::fail("--exit-keys: " + k.error().message);
                o.exit_keys = *k;
            } else if (a == "--quiet") {
                o.quiet = true;
            } else if (a == "--once") {
                o.once = true;
            } else if (a == "--touch-script") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                if (v->starts_with("-")) return core::fail("--touch-script needs a file name, got the option '" + *v + "'");
                o.touch_script = *v;
            } else if (a == "--timing-log") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                if (v->starts_with("-")) return core::fail("--timing-log needs a file name, got the option '" + *v + "'");
                o.timing_log = *v;
            } else if (a == "--renderer") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                if (*v == "auto") o.renderer = RendererChoice::automatic;
                else if (*v == "gpu") o.renderer = RendererChoice::gpu;
                else if (*v == "software") o.renderer = RendererChoice::software;
                else return core::fail("--renderer expects auto, gpu or software, got '" + *v + "'");
            } else if (a == "--stop-after") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                auto s = parse_seconds(a, *v);
                if (!s) return std::unexpected(s.error());
                o.stop_after_seconds = *s;
            } else if (a.starts_with("-")) {
                return core::fail("unknown option '" + a + "' for play\n" + kUsage);
            } else {
                positional.push_back(a);
            }
        }
        if (positional.empty()) return core::fail(std::string("play needs a playlist or media files\n") + kUsage);
        if (auto mixed = refuse_mixed("play", positional); !mixed) return std::unexpected(mixed.error());
        if (is_playlist_name(positional[0])) {
            if (positional.size() > 1) {
                return core::fail("play takes one playlist, got " + std::to_string(positional.size()) + ": '" + positional[0] +
                                  "' and '" + positional[1] + "'; check takes several");
            }
            o.playlist = positional[0];
        } else {
            o.media.assign(positional.begin(), positional.end());
        }
        return o;
    }
    if (mode == "check") {
        CheckOptions o;
        for (std::size_t i = 1; i < args.size(); ++i) {
            if (args[i] == "--quiet") o.quiet = true;
            else if (args[i].starts_with("-")) return core::fail("unknown option '" + args[i] + "' for check");
            else positional.push_back(args[i]);
        }
        if (positional.empty()) return core::fail(std::string("check needs a playlist or media files\n") + kUsage);
        if (auto mixed = refuse_mixed("check", positional); !mixed) return std::unexpected(mixed.error());
        if (is_playlist_name(positional[0])) {
            o.playlists.assign(positional.begin(), positional.end());
        } else {
            o.media.assign(positional.begin(), positional.end());
        }
        return o;
    }
    if (mode == "render") {
        RenderOptions o;
        bool have_output = false;
        for (std::size_t i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--item") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                o.item_id = *v;
            } else if (a == "--at") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                auto s = parse_seconds(a, *v);
                if (!s) return std::unexpected(s.error());
                o.at_seconds = *s;
            } else if (a == "--size") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                auto s = parse_size(*v);
                if (!s) return core::fail("--size: " + s.error().message);
                o.size = *s;
            } else if (a == "--language") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                o.language = *v;
            } else if (a == "--overlay") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                if (*v == "none") o.overlay = RenderOptions::Overlay::none;
                else if (*v == "controls") o.overlay = RenderOptions::Overlay::controls;
                else if (*v == "menu") o.overlay = RenderOptions::Overlay::menu;
                else return core::fail("--overlay expects none, controls or menu, got '" + *v + "'");
            } else if (a == "-o" || a == "--output") {
                auto v = value_of(i);
                if (!v) return std::unexpected(v.error());
                o.output = *v;
                have_output = true;
            } else if (a.starts_with("-")) {
                return core::fail("unknown option '" + a + "' for render");
            } else {
                positional.push_back(a);
            }
        }
        if (positional.size() != 1) return core::fail(std::string("render takes one playlist\n") + kUsage);
        if (!have_output) return core::fail("render needs -o OUT.png");
        o.playlist = positional[0];
        return o;
    }
    return core::fail("unknown command '" + mode + "'\n" + kUsage);
}

}  // namespace vitrine::app
