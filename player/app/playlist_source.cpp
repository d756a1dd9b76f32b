#include "app/playlist_source.hpp"

#include <cstdlib>

#include "core/adhoc_playlist.hpp"
#include "media/clip_checker.hpp"
#include "media/image_loader.hpp"

namespace vitrine::app {

core::LoadOptions PlaylistSource::options_for(Depth depth) {
    core::LoadOptions options;
    options.fonts_dir = fonts_dir_;
    options.probe_font = [this](const std::filesystem::path& font) -> std::string {
        auto r = fonts_.probe(font);
        return r ? std::string{} : r.error().message;
    };
    options.has_glyph = [this](const std::filesystem::path& font, char32_t cp) {
        return fonts_.has_glyph(font, cp);
    };
    if (depth == Depth::check) {
        options.probe_image = [](const std::filesystem::path& f) { return media::probe_image(f); };
        // No probe_clip: check_clip opens the clip as the player does and says better why not.
        options.check_clip = [](const std::filesystem::path& f, core::ClipUse use) { return media::check_clip_file(f, use); };
        options.check_captions = true;
    }
    return options;
}

core::LoadOutcome PlaylistSource::load(const std::filesystem::path& playlist, Depth depth) {
    return core::load_playlist(playlist, options_for(depth));
}

core::LoadOutcome PlaylistSource::load_files(const std::vector<std::filesystem::path>& files, Depth depth) {
    return core::adhoc_playlist(files, options_for(depth));
}

void log_diagnostics(Logger& log, const core::LoadOutcome& loaded) {
    for (const auto& d : loaded.diagnostics) {
        log.log(d.severity == core::Severity::error ? core::LogLevel::error : core::LogLevel::warning,
                "event=playlist-problem " + (d.item_id.empty() ? std::string{} : "item=" + d.item_id + " ") +
                    "where=" + app::quoted(d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column)) +
                    " reason=" + app::quoted(d.message));
    }
}

std::filesystem::path default_fonts_dir() {
    if (const char* env = std::getenv("VITRINE_FONTS"); env && *env) return env;
    const std::filesystem::path source = std::filesystem::path(VITRINE_SOURCE_DIR) / "fonts";
    std::error_code ec;
    if (std::filesystem::exists(source / "DejaVuSerif.ttf", ec)) return source;
    return "/usr/share/vitrine/fonts";
}

}  // namespace vitrine::app
