#pragma once
// Internal to the playlist loader (included only by its .cpp files): the check that every
// visitor-visible text can be drawn by the font the theme gives its role.
#include <map>
#include <string>
#include <utility>

#include "core/playlist.hpp"
#include "core/playlist_loader.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// Asks options.has_glyph (when set) about each distinct code point of an item's texts, once per
// font for the whole playlist. `reader` and `options` must outlive it. Not thread-safe.
class GlyphCheck {
public:
    GlyphCheck(TomlReader& reader, const LoadOptions& options) : reader_(reader), options_(options) {}

    // Reports, per text of `item`, the code points its font in `theme` lacks (the first few named,
    // the rest counted), at the place the text was written (reader.text_positions()).
    void check(Section& s, const Item& item, const Theme& theme);

private:
    TomlReader& reader_;
    const LoadOptions& options_;
    std::map<std::pair<std::string, char32_t>, bool> glyph_cache_;  // (font path, code point) → has it
};

}  // namespace vitrine::core::detail
