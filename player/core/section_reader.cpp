#include "core/section_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/did_you_mean.hpp"
#include "core/message_text.hpp"
#include "core/playlist_keys.hpp"
#include "core/value_syntax.hpp"

namespace vitrine::core::detail {
namespace {

// One [[section]] as it is read and then placed in the menu.
struct Draft {
    const toml::table* table = nullptr;
    core::Section section;
    std::string label;             // "section 'documents'" ("section 2" without a usable id)
    bool id_ok = false;            // section.id is its own (well formed, unique)
    bool failed = false;           // left out
    std::string why;               // its first error, "line 3: ..."
    bool items_written = false;    // 'items' is a list with at least one entry
    SourcePos items_pos;           // the value of 'items' (toml++'s coordinates)
    std::string parent_id;         // as written; empty: at the top
    SourcePos parent_pos;
    std::optional<std::size_t> parent;  // index among the drafts, once resolved
    std::vector<LocalKey> keys;    // its title's
};

std::vector<const toml::table*> section_tables(const toml::table& root, TomlReader& reader) {
    std::vector<const toml::table*> tables;
    const toml::node* n = root.get("section");
    if (!n) return tables;
    if (const toml::array* a = n->as_array()) {
        for (const toml::node& e : *a) {
            if (const toml::table* t = e.as_table()) tables.push_back(t);
            else reader.report(Severity::error, pos_of(e), "each section must be a table written [[section]], got " + describe(e));
        }
    } else if (n->is_table()) {
        reader.report(Severity::error, pos_of(*n),
                      "write each section as [[section]] with two brackets; [section] makes a single table, not a list of sections");
    } else {
        reader.report(Severity::error, pos_of(*n), "'section' must be a list of tables, each written [[section]], got " + describe(*n));
    }
    return tables;
}

}  // namespace

SectionsRead SectionReader::read(const toml::table& root, const Playlist& playlist, const ItemIds& item_ids,
                                 const std::map<std::string, std::string>& left_out_items, const Exhibit& ex) {
    SectionsRead out;
    const std::vector<const toml::table*> tables = section_tables(root, reader_);
    if (tables.empty()) return out;

    // Every id written on a section, to tell "that is a section" from "no such item".
    std::set<std::string> section_ids;
    for (const toml::table* t : tables) {
        if (const toml::node* id = t->get("id"); id && id->is_string()) section_ids.insert(id->as_string()->get());
    }
    std::vector<std::string_view> item_id_views;
    for (const auto& [id, index] : item_ids.first_with_id) item_id_views.push_back(id);

    // Each section on its own: its keys, id, title, image, items.
    std::vector<Draft> drafts(tables.size());
    std::map<std::string, int> line_of_id;  // section id → the line of the first section with it
    for (std::size_t i = 0; i < tables.size(); ++i) {
        Draft& d = drafts[i];
        const toml::table& t = *tables[i];
        d.table = &t;
        const std::size_t mark = reader_.diagnostic_count();
        reader_.clear_records();
        const toml::node* id_node = t.get("id");
        d.label = id_node && id_node->is_string() && !id_node->as_string()->get().empty()
                      ? "section '" + id_node->as_string()->get() + "'"
                      : "section " + std::to_string(i + 1);
        Section s{t, d.label, ""};
        reader_.check_keys(s, kSectionKeys);

        if (!id_node) {
            reader_.error(s, pos_of(t), d.label + " needs 'id': a name like id = \"documents\", by which links, 'parent' and [exhibit] attract find it");
        } else if (!id_node->is_string()) {
            reader_.type_error(s, "id", *id_node, "text in quotes like \"documents\" (lowercase letters, digits, '-' and '_')");
        } else {
            const std::string& id = id_node->as_string()->get();
            char bad = 0;
            if (!is_valid_id(id, bad)) {
                reader_.error(s, pos_of(*id_node), id.empty() ? std::string("a section id cannot be empty")
                                                              : "section id " + in_quotes(id) +
                                                                    " may use only lowercase letters a-z, digits, '-' and '_'; it has " +
                                                                    describe_char(bad));
            } else if (auto it = line_of_id.find(id); it != line_of_id.end()) {
                reader_.error(s, pos_of(*id_node), "duplicate section id " + in_quotes(id) + ": the section at line " +
                                                       std::to_string(it->second) + " already has it; ids must be unique");
            } else if (auto item = item_ids.first_with_id.find(id); item != item_ids.first_with_id.end()) {
                reader_.error(s, pos_of(*id_node), "section id " + in_quotes(id) + " is also the id of the item at line " +
                                                       std::to_string(item_ids.lines[item->second]) +
                                                       "; a link's 'to' names one or the other, so they must differ");
            } else {
                d.section.id = id;
                d.id_ok = true;
                line_of_id.emplace(id, reader_.original(pos_of(t)).line);
            }
        }
        d.section.pos = reader_.original(pos_of(t));

        const bool has_title = reader_.for_each_language(
            s, "title", "text",
            [&](const toml::node& n, const std::string& label, const std::string& language) {
                if (auto text = reader_.text_of(s, n, label)) d.section.title[language] = std::move(*text);
            },
            false);
        if (!has_title) {
            reader_.error(s, pos_of(t), d.label + " needs 'title': the words on its tile in the menu, like title = \"Documents\"");
        }
        for (const auto& [language, text] : d.section.title) {  // tiles are titled in the ui font
            Item tile;
            ImageItem captioned;
            captioned.caption = text;
            tile.body = std::move(captioned);
            glyphs_.check(s, tile, ex.theme);
        }
        if (auto image = files_.read_media(s, "image", MediaKind::image, false)) d.section.image = *image;

        if (const toml::node* items = t.get("items")) {
            d.items_pos = pos_of(*items);
            if (const toml::array* a = items->as_array()) {
                d.items_written = !a->empty();
                std::size_t index = 0;
                for (const toml::node& e : *a) {
                    ++index;
                    if (!e.is_string()) {
                        reader_.error(s, pos_of(e), "entry " + std::to_string(index) + " of 'items' must be an item's id in quotes, got " + describe(e));
                        continue;
                    }
                    const std::string& id = e.as_string()->get();
                    if (auto k = find_item(playlist, id)) {
                        if (std::find(d.section.items.begin(), d.section.items.end(), *k) != d.section.items.end()) {
                            reader_.error(s, pos_of(e), "'items' lists " + in_quotes(id) + " twice");
                        } else {
                            d.section.items.push_back(*k);
                        }
                    } else if (auto left = left_out_items.find(id); left != left_out_items.end()) {
                        reader_.warning(s, pos_of(e), "'items' names item " + in_quotes(id) + ", which has errors and is left out" +
                                                          because(left->second) + "; " + d.label + " goes on without it");
                    } else if (section_ids.contains(id)) {
                        reader_.error(s, pos_of(e), "'items' names " + in_quotes(id) + ", which is a section; to show it under " + d.label +
                                                        ", give it parent = " + in_quotes(d.section.id));
                    } else {
                        std::string message = "'items' names " + in_quotes(id) + ", but no item has that id";
                        if (auto suggestion = did_you_mean(id, item_id_views)) message += "; did you mean \"" + *suggestion + "\"?";
                        reader_.error(s, pos_of(e), std::move(message));
                    }
                }
            } else {
                reader_.type_error(s, "items", *items, "a list of item ids like [\"drawing\", \"letter\"]");
            }
        }
        if (auto parent = reader_.read_string(s, "parent", "the id of a section in quotes")) {
            d.parent_id = *parent;
            d.parent_pos = pos_of(*t.get("parent"));
        }
        d.keys = reader_.take_local_keys_from(0);
        d.failed = s.failed;
        d.why = reader_.first_error_since(mark);
    }

    // The menu's shape: parents, one level of nesting, parents without items, leaves with items.
    const auto refuse = [&](Draft& d, SourcePos pos, std::string message) {
        const std::size_t mark = reader_.diagnostic_count();
        reader_.report(Severity::error, pos, std::move(message));
        if (!d.failed) d.why = reader_.first_error_since(mark);
        d.failed = true;
    };
    std::map<std::string, std::size_t> by_id;
    std::vector<std::string_view> section_id_views;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (!drafts[i].id_ok) continue;
        by_id.emplace(drafts[i].section.id, i);
        section_id_views.push_back(drafts[i].section.id);
    }
    for (Draft& d : drafts) {
        if (d.failed || d.parent_id.empty()) continue;
        if (d.parent_id == d.section.id) {
            refuse(d, d.parent_pos, d.label + " cannot be under itself; 'parent' names the section it belongs under");
        } else if (auto it = by_id.find(d.parent_id); it != by_id.end()) {
            d.parent = it->second;
        } else if (item_ids.first_with_id.contains(d.parent_id)) {
            refuse(d, d.parent_pos, "'parent' names " + in_quotes(d.parent_id) + ", which is an item; 'parent' takes the id of a section");
        } else {
            std::string message = "'parent' names section " + in_quotes(d.parent_id) + ", but no section has that id";
            if (auto suggestion = did_you_mean(d.parent_id, section_id_views)) message += "; did you mean \"" + *suggestion + "\"?";
            refuse(d, d.parent_pos, std::move(message));
        }
    }
    for (Draft& d : drafts) {
        if (d.failed || !d.parent || !drafts[*d.parent].failed) continue;
        reader_.report(Severity::warning, d.parent_pos,
                       "'parent' names section " + in_quotes(d.parent_id) + ", which has errors and is left out" +
                           because(drafts[*d.parent].why) + "; " + d.label + " shows at the top of the menu");
        d.parent.reset();
    }
    // Judged on the nesting as written, so that every section deeper than one level is refused
    // (a cycle too), not just the first met.
    std::vector<bool> too_deep(drafts.size(), false);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const Draft& d = drafts[i];
        too_deep[i] = !d.failed && d.parent && drafts[*d.parent].parent.has_value();
    }
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (!too_deep[i]) continue;
        Draft& d = drafts[i];
        const Draft& parent = drafts[*d.parent];
        refuse(d, d.parent_pos, "sections nest one level only: " + d.label + " is under " + parent.label +
                                    ", which is itself under " + drafts[*parent.parent].label);
    }
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        Draft& d = drafts[i];
        if (d.failed) continue;
        std::vector<std::string_view> children;
        for (const Draft& c : drafts) {
            if (!c.failed && c.parent == i) children.push_back(c.section.id);
        }
        if (!children.empty()) {
            if (d.items_written) {
                reader_.report(Severity::error, d.items_pos,
                               d.label + " has sections under it (" + join(children) +
                                   "), so it cannot list items too; put these items in a section of their own under it");
                d.section.items.clear();
            }
        } else if (!d.items_written) {
            refuse(d, pos_of(*d.table), d.label + " lists no items and has no sections under it; add items = [\"…\"], or give other sections parent = " +
                                            in_quotes(d.section.id));
        } else if (d.section.items.empty()) {
            reader_.report(Severity::warning, d.items_pos, d.label + " has no playable items (those it lists are left out), so it is left out");
            d.failed = true;
            d.why = "its items are left out";
        }
    }

    // The sections kept, with their parents as indices among them and their pictures.
    std::vector<std::optional<std::size_t>> index(drafts.size());
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (drafts[i].failed) {
            if (drafts[i].id_ok) out.left_out.emplace(drafts[i].section.id, drafts[i].why);
            continue;
        }
        index[i] = out.sections.size();
        out.sections.push_back(drafts[i].section);
        for (const LocalKey& key : drafts[i].keys) add_missing_translations(out.missing, key, drafts[i].label, ex.languages);
    }
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (index[i] && drafts[i].parent) out.sections[*index[i]].parent = index[*drafts[i].parent];
    }
    for (core::Section& s : out.sections) {  // a section of items: the first picture among them
        if (!s.image.empty()) continue;
        for (std::size_t k : s.items) {
            if (const auto* image = std::get_if<ImageItem>(&playlist.items[k].body)) {
                s.image = image->file;
                break;
            }
        }
    }
    for (std::size_t p = 0; p < out.sections.size(); ++p) {  // a parent: its first child's picture
        if (!out.sections[p].image.empty()) continue;
        for (const core::Section& child : out.sections) {
            if (child.parent == p && !child.image.empty()) {
                out.sections[p].image = child.image;
                break;
            }
        }
    }
    return out;
}

}  // namespace vitrine::core::detail
