#pragma once
// Internal to the playlist loader (included only by its .cpp files): the exhibit-wide tables,
// [exhibit] (with [exhibit.display], [exhibit.language_names], [exhibit.staff_exit]) and [theme].
// An error there is reported and the default kept.
#include <map>
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "core/file_reader.hpp"
#include "core/glyph_check.hpp"
#include "core/playlist.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// Reads [exhibit] and [theme] into an Exhibit; findings go to `reader`. `reader`, `files` and
// `options` must outlive it. Not thread-safe.
class ExhibitReader {
public:
    ExhibitReader(TomlReader& reader, FileReader& files, const LoadOptions& options)
        : reader_(reader), files_(files), options_(options) {}

    // [exhibit] of `root` into `ex` (title, language, languages and their names, durations,
    // transition, exit keys, start, idle return, controls, staff exit, display); absent keys leave
    // `ex` as it is, except ex.languages, always filled ({language} when not written).
    void read_exhibit(const toml::table& root, Exhibit& ex);
    // [theme] of `root` into `theme`: the default fonts from options.fonts_dir, then the curator's
    // colours, margin and fonts; warns when chosen colours are too close to be read.
    void read_theme(const toml::table& root, Theme& theme);
    // After read_theme, when the exhibit offers several languages: each language's name, as its
    // button shows it, can be set in the theme's ui font (else an error at the name or the code).
    void check_language_names(const toml::table& root, const Exhibit& ex, GlyphCheck& glyphs);

    // [exhibit] attract as written (a section id, resolved once the sections are read) and where
    // its value is, in toml++'s coordinates; nullopt when absent or not text.
    struct Named {
        std::string id;
        SourcePos pos;
    };
    const std::optional<Named>& attract() const { return attract_; }

private:
    void read_exhibit_table(const toml::table& root, Exhibit& ex);
    void read_languages(Section& s, const toml::node& n, Exhibit& ex);
    void read_language_names(Section& s, const toml::node& n, Exhibit& ex);
    void read_staff_exit(Section& s, const toml::node& n, Exhibit& ex);

    TomlReader& reader_;
    FileReader& files_;
    const LoadOptions& options_;
    std::optional<Named> attract_;
    std::map<std::string, SourcePos> language_pos_;  // each code of 'languages', where written (toml++'s coordinates)
    std::map<std::string, SourcePos> name_pos_;      // each name of [exhibit.language_names], where written
};

}  // namespace vitrine::core::detail
