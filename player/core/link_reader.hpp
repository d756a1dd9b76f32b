#pragma once
// Internal to the playlist loader (included only by its .cpp files): an item's links
// ([[item.link]]), the buttons and hotspots that take a visitor to another item or section. They
// are read with their item and resolved once every item and section is known. A link with an
// error is reported under its item's id and left out; the item stays.
#include <cstddef>
#include <optional>
#include <vector>

#include <toml++/toml.h>

#include "core/glyph_check.hpp"
#include "core/item_ids.hpp"
#include "core/playlist.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// A link as read, before its target is known.
struct LinkDraft {
    Link link;                                // target and target_kind not set yet
    SourcePos to_pos;                         // where 'to' is written, in toml++'s coordinates
    std::vector<MissingTranslation> missing;  // its label's, listed only if the link is kept
};

// Reads the links of one item after another; findings go to `reader`. `reader` and `glyphs` must
// outlive it. Not thread-safe.
class LinkReader {
public:
    LinkReader(TomlReader& reader, GlyphCheck& glyphs) : reader_(reader), glyphs_(glyphs) {}

    // The links under the 'link' key of the item being read in `item` (whose label and id they
    // report under), in the order written, without those that have an error. Their labels' keys
    // stay recorded in the reader, named "link label" (the item's translations count them).
    // Labels are glyph-checked in the ui font of `theme`.
    std::vector<LinkDraft> read_links(const Section& item, const Theme& theme);

private:
    std::optional<Region> read_region(Section& link, const toml::node& n);

    TomlReader& reader_;
    GlyphCheck& glyphs_;
};

// Sets the target of each of `drafts` (the links of playlist.items[item]) among the items and
// sections of `playlist`, appends the link to that item and its missing translations to the
// playlist's. A 'to' that names nothing, or an item or section left out (`left_out`), is an error
// at the value, and the link is left out.
void resolve_links(Playlist& playlist, std::size_t item, std::vector<LinkDraft>& drafts, const LeftOut& left_out,
                   TomlReader& reader);

}  // namespace vitrine::core::detail
