#pragma once
// Internal to the playlist loader (included only by its .cpp files): one [[item]] of any kind →
// an Item, or nullopt with every problem of it reported under its id.
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "core/file_reader.hpp"
#include "core/glyph_check.hpp"
#include "core/playlist.hpp"
#include "core/playlist_loader.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// Reads items one after another; findings go to `reader`. `reader`, `files` and `options` must
// outlive it. Not thread-safe.
class ItemReader {
public:
    ItemReader(TomlReader& reader, FileReader& files, const LoadOptions& options)
        : reader_(reader), files_(files), glyphs_(reader, options) {}

    // The item in table `t`, known by `id` (written or generated; `id_failed` when the written id
    // was wrong and already reported, which leaves the item out). Inherits from `ex` (transition,
    // language, theme for the glyph check). nullopt when it has an error.
    std::optional<Item> read_item(const toml::table& t, const std::string& id, bool id_failed, const Exhibit& ex);

private:
    // The keys of `kind` into item.body; false when one was wrong.
    bool read_body(Section& s, std::string_view kind, const Exhibit& ex, Item& item);
    // The clip of a video or audio item: file, volume, loop, mute, start, end, captions.
    std::optional<Clip> read_clip(Section& s, const Exhibit& ex, ClipUse use);
    // One end of an image's pan_zoom, the node `n` under `key`, over `fallback`.
    std::optional<Framing> read_framing(Section& parent, const toml::node& n, std::string_view key, Framing fallback);
    // Warns when an explicit duration is shorter than the time to read the item's words.
    void check_reading_time(Section& s, const Item& item, std::string_view kind);

    TomlReader& reader_;
    FileReader& files_;
    GlyphCheck glyphs_;
};

}  // namespace vitrine::core::detail
