#pragma once
// Internal to the playlist loader (included only by its .cpp files): one [[item]] of any kind →
// an Item (its body in the default language, a translation for each other language it is written
// in, its links still to be resolved), or nullopt with every problem of it reported under its id.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/file_reader.hpp"
#include "core/glyph_check.hpp"
#include "core/link_reader.hpp"
#include "core/local_value.hpp"
#include "core/playlist.hpp"
#include "core/playlist_loader.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// An item as read: the Item without links, its links to resolve, its missing translations.
struct ItemRead {
    Item item;                                // item.links empty: see resolve_links()
    std::vector<LinkDraft> links;             // in the order written
    std::vector<MissingTranslation> missing;  // of its body (each link carries its label's)
};

// Reads items one after another; findings go to `reader`. `reader`, `files`, `glyphs` and
// `options` must outlive it. Not thread-safe.
class ItemReader {
public:
    ItemReader(TomlReader& reader, FileReader& files, GlyphCheck& glyphs)
        : reader_(reader), files_(files), glyphs_(glyphs), links_(reader, glyphs) {}

    // The item in table `t`, known by `id` (written or generated; `id_failed` when the written id
    // was wrong and already reported, which leaves the item out). Inherits from `ex` (transition,
    // languages, theme for the glyph check). nullopt when it has an error.
    std::optional<ItemRead> read_item(const toml::table& t, const std::string& id, bool id_failed, const Exhibit& ex);

private:
    // The body of the item in a language, from the values read (each in every language written).
    using BodyOf = std::function<ItemBody(const std::string& language)>;
    // Reads the keys of `kind`; s.failed when one was wrong.
    BodyOf read_body(Section& s, std::string_view kind, const Exhibit& ex);
    // The clip of a video or audio item: file (one per language, in `files`), volume, loop, mute,
    // start, end, captions. The returned clip holds the default language's file.
    std::optional<Clip> read_clip(Section& s, const Exhibit& ex, ClipUse use, LocalValue<std::filesystem::path>& files);
    // A text that may run over paragraphs, kept as one (an excerpt's passage, a transcript): its
    // paragraphs joined by line breaks, in every language written.
    LocalValue<std::string> read_joined_text(Section& s, std::string_view key);
    // One end of an image's pan_zoom, the node `n` under `key`, over `fallback`.
    std::optional<Framing> read_framing(Section& parent, const toml::node& n, std::string_view key, Framing fallback);
    // Warns when an explicit duration is shorter than the time to read the item's words in its
    // longest language.
    void check_reading_time(Section& s, const Item& item, std::string_view kind);
    // The non-default languages that any key of the item's body was written in, in the exhibit's order.
    std::vector<std::string> translation_languages(const Exhibit& ex) const;

    TomlReader& reader_;
    FileReader& files_;
    GlyphCheck& glyphs_;
    LinkReader links_;
};

}  // namespace vitrine::core::detail
