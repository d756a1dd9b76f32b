#pragma once
// Internal to the playlist loader (included only by its .cpp files): the checks on item ids that
// run across all items: every item gets a unique id (written, or generated as "item-<n>"), and
// [exhibit] start must name one of them.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/playlist.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

// The id of each [[item]] table, by the table's index.
struct ItemIds {
    std::vector<std::string> ids;                       // the id each item is known by
    std::vector<bool> failed;                           // its written id was wrong (reported; the item is left out)
    std::map<std::string, std::size_t> first_with_id;  // id → index of the first table known by it
    std::vector<int> lines;                             // the line each table starts on (the curator's)
};

// Items and sections that were written but are not in the playlist, because they have errors:
// id → why, as "line 14: <its first error>" ("" when that cannot be told).
struct LeftOut {
    std::map<std::string, std::string> items;
    std::map<std::string, std::string> sections;
};

// " (<why>)", or "" when `why` is empty: appended to a message about something left out.
std::string because(const std::string& why);

// Assigns the ids of `tables` (in file order) and reports wrong and duplicate ones to `reader`.
// Generated ids never collide with written ones.
ItemIds assign_item_ids(const std::vector<const toml::table*>& tables, TomlReader& reader);

// Checks ex.start_id (from [exhibit] start of `root`) against `ids`: an unknown id is an error, an
// item left out (not in `kept`) a warning; either way ex.start_id is cleared.
void check_start_item(const toml::table& root, const ItemIds& ids, const std::set<std::string>& kept, Exhibit& ex,
                      TomlReader& reader);

}  // namespace vitrine::core::detail
