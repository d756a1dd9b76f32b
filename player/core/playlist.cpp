#include "core/playlist.hpp"

#include <algorithm>

namespace vitrine::core {
namespace {

constexpr double kReadingWordsPerMinute = 130.0;  // slow reading (visitor-experience.md)
constexpr Millis kReadingLeadIn{2000};  // time to notice a new panel before reading starts

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

std::size_t words_in(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (unsigned char c : s) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

std::size_t words_in(const std::vector<std::string>& v) {
    std::size_t n = 0;
    for (const auto& s : v) n += words_in(s);
    return n;
}

}  // namespace

std::string_view kind_name(const ItemBody& body) {
    return std::visit(Overloaded{
                          [](const TextItem&) { return std::string_view("text"); },
                          [](const ExcerptItem&) { return std::string_view("excerpt"); },
                          [](const ArticleItem&) { return std::string_view("article"); },
                          [](const StatementItem&) { return std::string_view("statement"); },
                          [](const ListItem&) { return std::string_view("list"); },
                          [](const ImageItem&) { return std::string_view("image"); },
                          [](const VideoItem&) { return std::string_view("video"); },
                          [](const AudioItem&) { return std::string_view("audio"); },
                      },
                      body);
}

std::size_t word_count(const ItemBody& body) {
    return std::visit(
        Overloaded{
            [](const TextItem& t) { return words_in(t.title) + words_in(t.paragraphs); },
            [](const ExcerptItem& e) {
                return words_in(e.heading) + words_in(e.text) + words_in(e.from) +
                       words_in(e.by) + words_in(e.published);
            },
            [](const ArticleItem& a) {
                return words_in(a.headline) + words_in(a.paragraphs) + words_in(a.slogan);
            },
            [](const StatementItem& s) {
                return words_in(s.title) + words_in(s.paragraphs) + words_in(s.signed_by);
            },
            [](const ListItem& l) { return words_in(l.title) + words_in(l.entries); },
            [](const ImageItem& i) { return words_in(i.caption); },
            [](const VideoItem& v) { return words_in(v.title); },
            [](const AudioItem& a) { return words_in(a.title); },
        },
        body);
}

Millis item_duration(const Item& item, const Exhibit& exhibit) {
    return item_duration(item, exhibit, exhibit.language);
}

Millis item_duration(const Item& item, const Exhibit& exhibit, std::string_view language) {
    if (item.duration) return *item.duration;
    const auto words = static_cast<double>(word_count(body_in(item, language)));
    const auto reading =
        kReadingLeadIn + Millis(static_cast<long long>(words * 60000.0 / kReadingWordsPerMinute));
    return std::max(exhibit.default_duration, reading);
}

Transition transition_into(const Item& item, const Exhibit& exhibit) {
    return item.transition.value_or(exhibit.transition);
}

const Clip* clip_of(const ItemBody& body) {
    if (const auto* v = std::get_if<VideoItem>(&body)) return &v->clip;
    if (const auto* a = std::get_if<AudioItem>(&body)) return &a->clip;
    return nullptr;
}

std::string caption_language_of(const Exhibit& exhibit) {
    return exhibit.caption_language.empty() ? exhibit.language : exhibit.caption_language;
}

std::filesystem::path caption_file_for(const Clip& clip, const Exhibit& exhibit) {
    if (clip.captions.empty()) return {};
    if (auto it = clip.captions.find(caption_language_of(exhibit)); it != clip.captions.end()) return it->second;
    if (auto it = clip.captions.find(exhibit.language); it != clip.captions.end()) return it->second;
    return clip.captions.begin()->second;
}

std::filesystem::path caption_file_for(const Clip& clip, const Exhibit& exhibit, std::string_view language) {
    if (auto it = clip.captions.find(std::string(language)); it != clip.captions.end()) return it->second;
    return caption_file_for(clip, exhibit);
}

const ItemBody& body_in(const Item& item, std::string_view language) {
    if (auto it = item.translations.find(std::string(language)); it != item.translations.end()) return it->second;
    return item.body;
}

const std::string& text_in(const LocalText& text, std::string_view language, std::string_view fallback) {
    static const std::string kEmpty;  // immutable: a constant, not mutable state
    if (auto it = text.find(std::string(language)); it != text.end()) return it->second;
    if (auto it = text.find(std::string(fallback)); it != text.end()) return it->second;
    return text.empty() ? kEmpty : text.begin()->second;
}

std::vector<std::size_t> child_sections(const Playlist& playlist, std::optional<std::size_t> parent) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < playlist.sections.size(); ++i) {
        if (playlist.sections[i].parent == parent) out.push_back(i);
    }
    return out;
}

std::optional<std::size_t> find_item(const Playlist& playlist, std::string_view id) {
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        if (playlist.items[i].id == id) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> find_section(const Playlist& playlist, std::string_view id) {
    for (std::size_t i = 0; i < playlist.sections.size(); ++i) {
        if (playlist.sections[i].id == id) return i;
    }
    return std::nullopt;
}

std::string language_name(const Exhibit& exhibit, std::string_view code) {
    if (auto it = exhibit.language_names.find(std::string(code)); it != exhibit.language_names.end()) return it->second;
    // Each language in its own words (visitor-experience.md: names, not flags).
    static constexpr std::pair<std::string_view, std::string_view> kOwnNames[] = {
        {"ar", "العربية"}, {"ca", "Català"}, {"cs", "Čeština"}, {"da", "Dansk"}, {"de", "Deutsch"},
        {"el", "Ελληνικά"}, {"en", "English"}, {"es", "Español"}, {"eu", "Euskara"}, {"fi", "Suomi"},
        {"fr", "Français"}, {"gl", "Galego"}, {"he", "עברית"}, {"hu", "Magyar"}, {"it", "Italiano"},
        {"ja", "日本語"}, {"ko", "한국어"}, {"nl", "Nederlands"}, {"no", "Norsk"}, {"pl", "Polski"},
        {"pt", "Português"}, {"pt-BR", "Português"}, {"pt-PT", "Português"}, {"ro", "Română"},
        {"ru", "Русский"}, {"sv", "Svenska"}, {"tr", "Türkçe"}, {"uk", "Українська"}, {"zh", "中文"},
    };
    for (const auto& [c, name] : kOwnNames) {
        if (c == code) return std::string(name);
    }
    return std::string(code);
}

}  // namespace vitrine::core
