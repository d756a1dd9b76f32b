#include "core/item_ids.hpp"

#include <string_view>

#include "core/did_you_mean.hpp"
#include "core/message_text.hpp"
#include "core/value_syntax.hpp"

namespace vitrine::core::detail {

ItemIds assign_item_ids(const std::vector<const toml::table*>& tables, TomlReader& reader) {
    // Ids first, all of them: duplicates, and generated ids that must not collide with written ones.
    struct IdEntry {
        std::string id;
        bool written = false;
        bool failed = false;
        SourcePos pos;
    };
    std::vector<IdEntry> ids(tables.size());
    std::set<std::string> written_ids;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (const toml::node* n = tables[i]->get("id")) {
            ids[i].pos = pos_of(*n);
            if (!n->is_string()) {
                ids[i].failed = true;
            } else {
                ids[i].id = n->as_string()->get();
                ids[i].written = true;
                written_ids.insert(ids[i].id);
            }
        }
    }
    std::map<std::string, std::size_t> first_with_id;
    std::vector<std::string> final_ids(tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        std::string generated = "item-" + std::to_string(i + 1);
        for (int n = 2; written_ids.contains(generated) || first_with_id.contains(generated); ++n) {
            generated = "item-" + std::to_string(i + 1) + "-" + std::to_string(n);
        }
        IdEntry& e = ids[i];
        std::string label_id = generated;
        if (e.written) {
            char bad = 0;
            if (!is_valid_id(e.id, bad)) {
                e.failed = true;
                reader.report(Severity::error, e.pos,
                              e.id.empty() ? std::string("an item id cannot be empty; leave 'id' out to have one made (") + generated + ")"
                                           : "item id " + in_quotes(e.id) + " may use only lowercase letters a-z, digits, '-' and '_'; it has " +
                                                 describe_char(bad),
                              generated);
            } else if (auto it = first_with_id.find(e.id); it != first_with_id.end()) {
                e.failed = true;
                reader.report(Severity::error, e.pos,
                              "duplicate id " + in_quotes(e.id) + ": the item at line " +
                                  std::to_string(reader.original(pos_of(*tables[it->second])).line) +
                                  " already has it; ids must be unique",
                              e.id);
                label_id = e.id;
            } else {
                label_id = e.id;
            }
        } else if (e.failed) {
            reader.report(Severity::error, e.pos,
                          "'id' must be text in quotes like \"welcome\" (lowercase letters, digits, '-' and '_'), got " +
                              describe(*tables[i]->get("id")),
                          generated);
        }
        if (!first_with_id.contains(label_id)) first_with_id.emplace(label_id, i);
        final_ids[i] = label_id;
    }
    std::vector<bool> failed(tables.size());
    std::vector<int> lines(tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        failed[i] = ids[i].failed;
        lines[i] = reader.original(pos_of(*tables[i])).line;
    }
    return ItemIds{std::move(final_ids), std::move(failed), std::move(first_with_id), std::move(lines)};
}

std::string because(const std::string& why) {
    return why.empty() ? std::string{} : " (" + why + ")";
}

void check_start_item(const toml::table& root, const ItemIds& ids, const std::set<std::string>& kept, Exhibit& ex,
                      TomlReader& reader) {
    const std::map<std::string, std::size_t>& first_with_id = ids.first_with_id;
    if (!ex.start_id.empty()) {
        const toml::node& start = *root.get("exhibit")->as_table()->get("start");
        if (!first_with_id.contains(ex.start_id)) {
            std::vector<std::string_view> known;
            for (const auto& [id, index] : first_with_id) known.push_back(id);
            std::string message = "'start' names item " + in_quotes(ex.start_id) + ", but no item has that id";
            if (auto s = did_you_mean(ex.start_id, known)) message += "; did you mean \"" + *s + "\"?";
            else message += "; the show starts with the first item";
            reader.report(Severity::error, pos_of(start), std::move(message));
            ex.start_id.clear();
        } else if (!kept.contains(ex.start_id)) {
            reader.report(Severity::warning, pos_of(start),
                          "'start' names item " + in_quotes(ex.start_id) + ", which has errors and is left out; the show starts with the first playable item");
            ex.start_id.clear();
        }
    }
}

}  // namespace vitrine::core::detail
