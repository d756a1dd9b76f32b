#include "core/link_reader.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "core/did_you_mean.hpp"
#include "core/message_text.hpp"
#include "core/playlist_keys.hpp"

namespace vitrine::core::detail {
namespace {

constexpr double kEdgeSlack = 1e-9;  // x + w = 1 written as 0.7 + 0.3 must not read as past the edge

}  // namespace

std::vector<LinkDraft> LinkReader::read_links(const Section& item, const Theme& theme) {
    std::vector<LinkDraft> out;
    const toml::node* n = item.table.get("link");
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) {
        reader_.report(Severity::error, pos_of(*n),
                       n->is_table() ? "write each link as [[item.link]] with two brackets, or link = [{ label = \"…\", to = \"…\" }]; "
                                       "a single table is not a list of links"
                                     : "'link' must be a list of links, each written [[item.link]], got " + describe(*n),
                       item.item_id);
        return out;
    }
    std::size_t number = 0;
    for (const toml::node& e : *a) {
        ++number;
        const toml::table* t = e.as_table();
        if (!t) {
            reader_.report(Severity::error, pos_of(e), "each link must be a table written [[item.link]], got " + describe(e),
                           item.item_id);
            continue;
        }
        Section ls{*t, "link " + std::to_string(number) + " of " + item.label, item.item_id};
        const std::size_t keys_mark = reader_.local_keys().size();
        LinkDraft draft;
        draft.link.pos = reader_.original(pos_of(*t));
        reader_.check_keys(ls, kLinkKeys);

        const bool has_label = reader_.for_each_language(
            ls, "label", "text",
            [&](const toml::node& value, const std::string& label, const std::string& language) {
                if (auto text = reader_.text_of(ls, value, label)) draft.link.label[language] = std::move(*text);
            },
            false);
        if (!has_label) {
            reader_.error(ls, pos_of(*t), ls.label + " needs 'label': the words on its button, like label = \"Read the full text\"");
        }
        if (const toml::node* to = t->get("to")) {
            if (to->is_string()) {
                draft.link.target_id = to->as_string()->get();
                draft.to_pos = pos_of(*to);
            } else {
                reader_.type_error(ls, "to", *to, "the id of an item or section in quotes, like to = \"documents\"");
            }
        } else {
            reader_.error(ls, pos_of(*t), ls.label + " needs 'to': the id of the item or section it goes to, like to = \"documents\"");
        }
        if (const toml::node* r = t->get("region")) draft.link.region = read_region(ls, *r);

        // Labels are drawn on buttons, in the controls' font.
        for (const auto& [language, text] : draft.link.label) {
            Item button;
            ImageItem captioned;
            captioned.caption = text;
            button.body = std::move(captioned);
            glyphs_.check(ls, button, theme);
        }

        std::vector<LocalKey> keys = reader_.take_local_keys_from(keys_mark);
        if (ls.failed) continue;
        for (LocalKey& key : keys) {
            key.field = "link label";
            add_missing_translations(draft.missing, key, item.label, reader_.languages());
            reader_.record_local_key(std::move(key));
        }
        out.push_back(std::move(draft));
    }
    return out;
}

std::optional<Region> LinkReader::read_region(Section& link, const toml::node& n) {
    const toml::table* t = n.as_table();
    if (!t) {
        reader_.type_error(link, "region", n, "a table like { x = 0.1, y = 0.2, w = 0.3, h = 0.4 } (fractions of the screen)");
        return std::nullopt;
    }
    Section rs{*t, "'region' of " + link.label, link.item_id};
    reader_.check_keys(rs, kRegionKeys);
    const auto x = reader_.read_number(rs, "x", 0.0, 1.0, " (0 = left edge, 1 = right edge)");
    const auto y = reader_.read_number(rs, "y", 0.0, 1.0, " (0 = top edge, 1 = bottom edge)");
    const auto w = reader_.read_number(rs, "w", 0.0, 1.0, " (a fraction of the screen's width)");
    const auto h = reader_.read_number(rs, "h", 0.0, 1.0, " (a fraction of the screen's height)");
    std::vector<std::string_view> absent;
    for (std::string_view key : kRegionKeys) {
        if (!t->contains(key)) absent.push_back(key);
    }
    if (!absent.empty()) {
        std::vector<std::string> quoted;
        for (std::string_view key : absent) quoted.push_back("'" + std::string(key) + "'");
        std::vector<std::string_view> views(quoted.begin(), quoted.end());
        reader_.error(rs, pos_of(*t), rs.label + " needs x, y, w and h; " + join(views, " and ") +
                                          (absent.size() == 1 ? " is" : " are") + " missing");
    }
    if (w && *w == 0.0) reader_.error(rs, pos_of(*t->get("w")), "'w' must be more than 0: the region's width, a fraction of the screen's width");
    if (h && *h == 0.0) reader_.error(rs, pos_of(*t->get("h")), "'h' must be more than 0: the region's height, a fraction of the screen's height");
    if (x && w && *x + *w > 1.0 + kEdgeSlack) {
        reader_.error(rs, pos_of(*t->get("w")), "the region runs past the right edge of the screen: x + w is " + number_text(*x + *w) +
                                                    "; it must be at most 1");
    }
    if (y && h && *y + *h > 1.0 + kEdgeSlack) {
        reader_.error(rs, pos_of(*t->get("h")), "the region runs past the bottom edge of the screen: y + h is " + number_text(*y + *h) +
                                                    "; it must be at most 1");
    }
    if (rs.failed) {
        link.failed = true;
        return std::nullopt;
    }
    return Region{*x, *y, *w, *h};
}

void resolve_links(Playlist& playlist, std::size_t item, std::vector<LinkDraft>& drafts, const LeftOut& left_out,
                   TomlReader& reader) {
    for (LinkDraft& draft : drafts) {
        Link& link = draft.link;
        const std::string& id = link.target_id;
        std::string message;
        if (auto i = find_item(playlist, id)) {
            link.target_kind = Link::Target::item;
            link.target = *i;
        } else if (auto s = find_section(playlist, id)) {
            link.target_kind = Link::Target::section;
            link.target = *s;
        } else if (auto it = left_out.items.find(id); it != left_out.items.end()) {
            message = "link 'to' names item " + in_quotes(id) + ", which has errors and is left out" + because(it->second);
        } else if (auto it = left_out.sections.find(id); it != left_out.sections.end()) {
            message = "link 'to' names section " + in_quotes(id) + ", which has errors and is left out" + because(it->second);
        } else {
            message = "link 'to' names " + in_quotes(id) + ", but no item or section has that id";
            std::vector<std::string_view> known;
            for (const Item& i : playlist.items) known.push_back(i.id);
            for (const core::Section& s : playlist.sections) known.push_back(s.id);
            for (const auto& [other, why] : left_out.items) known.push_back(other);
            for (const auto& [other, why] : left_out.sections) known.push_back(other);
            if (auto suggestion = did_you_mean(id, known)) message += "; did you mean \"" + *suggestion + "\"?";
        }
        if (!message.empty()) {
            reader.report(Severity::error, draft.to_pos, std::move(message), playlist.items[item].id);
            continue;
        }
        playlist.items[item].links.push_back(std::move(link));
        for (MissingTranslation& m : draft.missing) playlist.missing_translations.push_back(std::move(m));
    }
}

}  // namespace vitrine::core::detail
