#pragma once
// Internal to the playlist loader (included only by its .cpp files): the exhibit-wide tables,
// [exhibit] (with [exhibit.display]) and [theme]. An error there is reported and the default kept.
#include <toml++/toml.h>

#include "core/file_reader.hpp"
#include "core/playlist.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// Reads [exhibit] and [theme] into an Exhibit; findings go to `reader`. `reader`, `files` and
// `options` must outlive it. Not thread-safe.
class ExhibitReader {
public:
    ExhibitReader(TomlReader& reader, FileReader& files, const LoadOptions& options)
        : reader_(reader), files_(files), options_(options) {}

    // [exhibit] of `root` into `ex` (title, language, duration, transition, exit keys, start,
    // display); absent keys leave `ex` as it is.
    void read_exhibit(const toml::table& root, Exhibit& ex);
    // [theme] of `root` into `theme`: the default fonts from options.fonts_dir, then the curator's
    // colours, margin and fonts; warns when chosen colours are too close to be read.
    void read_theme(const toml::table& root, Theme& theme);

private:
    TomlReader& reader_;
    FileReader& files_;
    const LoadOptions& options_;
};

}  // namespace vitrine::core::detail
