#include "core/font_role.hpp"

namespace vitrine::core {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

}  // namespace

const std::filesystem::path& font_for(FontRole role, const Theme& theme) {
    switch (role) {
        case FontRole::body: return theme.body_font;
        case FontRole::italic: return theme.italic_font;
        case FontRole::heading: return theme.heading_font;
        case FontRole::ui: return theme.ui_font;
    }
    return theme.body_font;
}

std::string_view role_name(FontRole role) {
    switch (role) {
        case FontRole::body: return "body";
        case FontRole::italic: return "italic";
        case FontRole::heading: return "heading";
        case FontRole::ui: return "ui";
    }
    return "body";
}

std::vector<std::pair<FontRole, std::string_view>> texts_by_role(const ItemBody& body) {
    std::vector<std::pair<FontRole, std::string_view>> out;
    auto add = [&out](FontRole role, std::string_view text) {
        if (!text.empty()) out.emplace_back(role, text);
    };
    auto add_all = [&add](FontRole role, const std::vector<std::string>& texts) {
        for (const auto& t : texts) add(role, t);
    };
    std::visit(Overloaded{
                   [&](const TextItem& t) {
                       add(FontRole::heading, t.title);
                       add_all(FontRole::body, t.paragraphs);
                   },
                   [&](const ExcerptItem& e) {
                       add(FontRole::heading, e.heading);
                       add(FontRole::body, e.text);
                       add(FontRole::ui, e.from);
                       add(FontRole::ui, e.by);
                       add(FontRole::ui, e.published);
                   },
                   [&](const ArticleItem& a) {
                       add(FontRole::heading, a.headline);
                       add(FontRole::italic, a.slogan);
                       add_all(FontRole::body, a.paragraphs);
                   },
                   [&](const StatementItem& s) {
                       add(FontRole::heading, s.title);
                       add_all(FontRole::body, s.paragraphs);
                       add(FontRole::italic, s.signed_by);
                   },
                   [&](const ListItem& l) {
                       add(FontRole::heading, l.title);
                       add_all(FontRole::body, l.entries);
                   },
                   [&](const ImageItem& i) { add(FontRole::ui, i.caption); },
                   [&](const VideoItem& v) { add(FontRole::heading, v.title); },
                   [&](const AudioItem& a) {
                       add(FontRole::heading, a.title);
                       add(FontRole::body, a.transcript);
                   },
               },
               body);
    return out;
}

}  // namespace vitrine::core
