#include "app/check_command.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "app/playlist_source.hpp"
#include "platform/sdl_context.hpp"

namespace vitrine::app {
namespace {

// For each language but the default, what a visitor reading it meets in the default language
// instead: "translations: pt: 2 missing (shown in en instead)" and one line per text, at the
// place it is written; or "translations: pt: complete". Nothing for a one-language exhibit.
void print_missing_translations(const core::Playlist& playlist, const std::string& name, std::ostream& out) {
    const core::Exhibit& ex = playlist.exhibit;
    for (std::size_t i = 1; i < ex.languages.size(); ++i) {
        const std::string& language = ex.languages[i];
        std::vector<const core::MissingTranslation*> missing;
        for (const auto& m : playlist.missing_translations) {
            if (m.language == language) missing.push_back(&m);
        }
        if (missing.empty()) {
            out << "translations: " << language << ": complete\n";
            continue;
        }
        out << "translations: " << language << ": " << missing.size() << " missing (shown in " << ex.language
            << " instead)\n";
        for (const auto* m : missing) {
            out << "  " << name << ":" << m->pos.line << ":" << m->pos.column << ": " << m->owner << ": " << m->field << "\n";
        }
    }
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out) {
    auto sdl = platform::SdlContext::create(platform::SdlContext::Mode::headless);
    if (!sdl) {
        out << "vitrine: " << sdl.error().message << "\n";
        return 2;
    }
    PlaylistSource source(default_fonts_dir());
    bool all_good = true;
    // Each playlist on its own; media files given directly are checked as one ad-hoc playlist.
    std::vector<std::filesystem::path> inputs = options.playlists;
    if (!options.media.empty()) inputs.emplace_back();  // the empty path stands for the files
    for (const auto& path : inputs) {
        const auto outcome = path.empty() ? source.load_files(options.media, PlaylistSource::Depth::check)
                                          : source.load(path, PlaylistSource::Depth::check);
        const std::string name = path.empty() ? std::string("(files given)") : path.string();
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : outcome.diagnostics) {
            out << core::format(d) << "\n";
            (d.severity == core::Severity::error ? errors : warnings)++;
        }
        if (errors > 0) all_good = false;
        if (options.quiet) continue;
        if (outcome.playlist) print_missing_translations(*outcome.playlist, name, out);
        // "3 items (1 text, 2 video)": what will play, also when some items were left out.
        std::string items;
        if (outcome.playlist) {
            std::map<std::string, int> kinds;
            for (const auto& item : outcome.playlist->items) kinds[std::string(core::kind_name(item.body))]++;
            std::string summary;
            for (const auto& [kind, n] : kinds) summary += (summary.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
            items = std::to_string(outcome.playlist->items.size()) + " items" + (summary.empty() ? "" : " (" + summary + ")");
        }
        if (errors == 0) {
            out << name << ": ok: " << items
                << (warnings ? ", " + std::to_string(warnings) + " warning(s)" : std::string{}) << "\n";
        } else {
            out << name << ": " << errors << " error(s)"
                << (warnings ? ", " + std::to_string(warnings) + " warning(s)" : std::string{})
                << (outcome.playlist ? "; " + items + " will play" : std::string{}) << "\n";
        }
    }
    return all_good ? 0 : 1;
}

}  // namespace vitrine::app
