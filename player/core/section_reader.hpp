#pragma once
// Internal to the playlist loader (included only by its .cpp files): the menu's sections
// ([[section]]), read after the items so that the items they list are known.
//
// Rules, each an error at its line and column that leaves the section out (unless said otherwise):
//  - id: needed, well formed, unique among sections, not an item's id;
//  - title: needed, localizable; image: optional, checked like an image item's file;
//  - items: item ids, each an item's (an item left out for its errors: a warning, and it is skipped);
//  - parent: a section's id, not its own; sections nest one level only (the deeper one is refused);
//    a parent left out puts its children at the top of the menu (a warning);
//  - a section with sections under it lists no items (an error; it stays, as a parent, without
//    them); a section without any lists at least one (one whose items were all left out is left
//    out with a warning).
#include <map>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/file_reader.hpp"
#include "core/glyph_check.hpp"
#include "core/item_ids.hpp"
#include "core/playlist.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

struct SectionsRead {
    std::vector<core::Section> sections;       // those kept, in the order written; indices among them
    std::map<std::string, std::string> left_out;  // the id of each section left out → why ("line 3: ...")
    std::vector<MissingTranslation> missing;   // of the titles of those kept
};

// Reads [[section]]; findings go to `reader`. `reader`, `files` and `glyphs` must outlive it. Not
// thread-safe.
class SectionReader {
public:
    SectionReader(TomlReader& reader, FileReader& files, GlyphCheck& glyphs)
        : reader_(reader), files_(files), glyphs_(glyphs) {}

    // The sections of `root`. Their items are indices into playlist.items (the items kept);
    // `item_ids` are every item's ids (kept or not), `left_out_items` why some are not kept. Titles
    // are checked against the ui font of `ex.theme`, and their translations against ex.languages.
    SectionsRead read(const toml::table& root, const Playlist& playlist, const ItemIds& item_ids,
                      const std::map<std::string, std::string>& left_out_items, const Exhibit& ex);

private:
    TomlReader& reader_;
    FileReader& files_;
    GlyphCheck& glyphs_;
};

}  // namespace vitrine::core::detail
