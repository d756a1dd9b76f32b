#include "core/item_reader.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <utility>
#include <vector>

#include "core/did_you_mean.hpp"
#include "core/duration_parser.hpp"
#include "core/font_role.hpp"
#include "core/message_text.hpp"
#include "core/playlist_keys.hpp"
#include "core/value_syntax.hpp"

namespace vitrine::core::detail {
namespace {

namespace fs = std::filesystem;

constexpr double kReadingWordsPerMinute = 130.0;  // slow reading (visitor-experience.md)
constexpr double kMinZoom = 1.0, kMaxZoom = 4.0;  // below 1 shows bars; past 4 a photo turns to mush

}  // namespace

std::optional<Framing> ItemReader::read_framing(Section& parent, const toml::node& n, std::string_view key,
                                            Framing fallback) {
    const toml::table* t = n.as_table();
    if (!t) {
        reader_.type_error(parent, key, n, "a table like { x = 0.5, y = 0.5, zoom = 1.2 }");
        return std::nullopt;
    }
    Section s{*t, "'" + std::string(key) + "' of " + parent.label, parent.item_id};
    reader_.check_keys(s, kFramingKeys);
    Framing f = fallback;
    if (auto x = reader_.read_number(s, "x", 0.0, 1.0, " (0 = left edge, 1 = right edge)")) f.x = *x;
    if (auto y = reader_.read_number(s, "y", 0.0, 1.0, " (0 = top edge, 1 = bottom edge)")) f.y = *y;
    if (auto z = reader_.read_number(s, "zoom", kMinZoom, kMaxZoom, " (1 = the whole picture)")) f.zoom = *z;
    if (s.failed) {
        parent.failed = true;
        return std::nullopt;
    }
    return f;
}

std::optional<Clip> ItemReader::read_clip(Section& s, const Exhibit& ex, ClipUse use, LocalValue<fs::path>& files) {
    Clip clip;
    files = files_.read_local_media(s, "file", MediaKind::clip, true, use);
    clip.file = files.in(ex.language);
    if (auto v = reader_.read_number(s, "volume", 0.0, 1.0, " (0 = silent, 1 = as recorded)")) clip.volume = *v;
    if (auto v = reader_.read_bool(s, "loop")) clip.loop = *v;
    if (auto v = reader_.read_bool(s, "mute")) clip.mute = *v;
    if (auto v = reader_.read_duration(s, "start", true)) clip.start = *v;
    if (auto v = reader_.read_duration(s, "end", false)) {
        if (*v <= clip.start) {
            reader_.error(s, pos_of(*s.table.get("end")), "'end' (" + format_duration(*v) + ") must come after 'start' (" +
                                                              format_duration(clip.start) + ")");
        } else {
            clip.end = *v;
        }
    }
    if (const auto found = s.table.find("captions"); found != s.table.end()) {
        const toml::node* c = &found->second;
        auto add = [&](const std::string& language, const toml::node& value, std::string_view key) {
            if (!value.is_string()) {
                reader_.type_error(s, key, value, "a captions file name in quotes, like \"media/talk.en.srt\"");
                return;
            }
            const std::string written = trim(value.as_string()->get());
            fs::path ext = fs::path(written).extension();
            std::string e = ext.string();
            std::transform(e.begin(), e.end(), e.begin(), [](unsigned char ch) { return std::tolower(ch); });
            if (e != ".srt" && e != ".vtt") {
                reader_.error(s, pos_of(value), "captions must be a .srt or .vtt file, got " + in_quotes(written));
                return;
            }
            const fs::path resolved = files_.resolve(written);
            if (files_.check_media_file(s, pos_of(value), written, resolved, MediaKind::captions)) {
                clip.captions[language] = resolved;
                files_.check_captions(s, pos_of(value), written, resolved);
            }
        };
        if (c->is_string()) {
            add(ex.language, *c, "captions");
        } else if (const toml::table* ct = c->as_table()) {
            for (auto&& [lang, value] : *ct) {
                const std::string language(lang.str());
                if (!is_language_tag(language)) {
                    reader_.error(s, pos_of(lang.source()), "captions language must be a code like \"en\", \"pt\" or \"pt-BR\", got " +
                                                                in_quotes(language));
                    continue;
                }
                add(language, value, "captions." + language);
            }
        } else {
            reader_.type_error(s, "captions", *c, "a file name like \"media/talk.srt\" or a table like { en = \"talk.en.srt\", pt = \"talk.pt.vtt\" }");
        }
        // For the list of missing translations: a table of languages lacks the ones it does not name.
        LocalKey key{"captions", reader_.original(pos_of(found->first.source())), {}, c->is_table(), false};
        if (const toml::table* ct = c->as_table()) {
            for (auto&& [lang, value] : *ct) key.languages.emplace_back(lang.str());
        } else {
            key.languages.push_back(ex.language);
        }
        reader_.record_local_key(std::move(key));
    }
    if (s.failed) return std::nullopt;
    return clip;
}

LocalValue<std::string> ItemReader::read_joined_text(Section& s, std::string_view key) {
    LocalValue<std::string> out{{}, reader_.default_language(), false};
    reader_.for_each_language(s, key, "text", [&](const toml::node& n, const std::string& label, const std::string& language) {
        auto text = reader_.text_of(s, n, label);
        if (!text) return;
        std::string joined = join_paragraphs(split_paragraphs(*text));
        reader_.record_text(joined, pos_of(n));
        out.by_language[language] = std::move(joined);
    });
    out.per_language = s.table.contains(key) && s.table.get(key)->is_table();
    return out;
}

ItemReader::BodyOf ItemReader::read_body(Section& s, std::string_view kind, const Exhibit& ex) {
    const auto needs = [&](std::string_view key, std::string_view what) {
        reader_.error(s, pos_of(s.table), s.label + " (" + std::string(kind) + ") needs '" + std::string(key) + "': " + std::string(what));
    };
    const auto required_text = [&](std::string_view key, std::string_view what) {
        auto text = reader_.read_text(s, key);
        if (!s.table.contains(key)) needs(key, what);
        return text;
    };
    const auto fit_of = [&]() {
        auto f = reader_.read_choice(s, "fit", kFitNames, "fit");
        return f && *f == "cover" ? Fit::cover : Fit::contain;
    };

    if (kind == "text") {
        auto title = reader_.read_text(s, "title");
        auto paragraphs = reader_.read_paragraphs(s, kind, true);
        return [=](const std::string& l) -> ItemBody { return TextItem{title.in(l), paragraphs.in(l)}; };
    }
    if (kind == "excerpt") {
        auto heading = reader_.read_text(s, "heading");
        auto text = read_joined_text(s, "text");
        if (!s.table.contains("text")) needs("text", "the passage to show");
        auto from = reader_.read_text(s, "from");
        auto by = reader_.read_text(s, "by");
        auto published = reader_.read_text(s, "published");
        return [=](const std::string& l) -> ItemBody {
            return ExcerptItem{heading.in(l), text.in(l), from.in(l), by.in(l), published.in(l)};
        };
    }
    if (kind == "article") {
        auto headline = required_text("headline", "the article's title");
        auto paragraphs = reader_.read_paragraphs(s, kind, true);
        auto slogan = reader_.read_text(s, "slogan");
        return [=](const std::string& l) -> ItemBody { return ArticleItem{headline.in(l), paragraphs.in(l), slogan.in(l)}; };
    }
    if (kind == "statement") {
        auto title = required_text("title", "the statement's title");
        auto paragraphs = reader_.read_paragraphs(s, kind, true);
        auto signed_by = reader_.read_text(s, "signed");
        return [=](const std::string& l) -> ItemBody { return StatementItem{title.in(l), paragraphs.in(l), signed_by.in(l)}; };
    }
    if (kind == "list") {
        auto title = required_text("title", "the list's title");
        auto entries = reader_.read_string_list(s, "items");
        if (!s.table.contains("items")) needs("items", "the entries, like items = [\"first\", \"second\"]");
        return [=](const std::string& l) -> ItemBody { return ListItem{title.in(l), entries.in(l)}; };
    }
    if (kind == "image") {
        ImageItem im;
        if (auto f = files_.read_media(s, "file", MediaKind::image, true)) im.file = *f;
        im.fit = fit_of();
        auto caption = reader_.read_text(s, "caption");
        if (const toml::node* pz = s.table.get("pan_zoom")) {
            if (pz->is_boolean()) {
                if (pz->as_boolean()->get()) im.pan_zoom = PanZoom{};
            } else if (const toml::table* pt = pz->as_table()) {
                Section ps{*pt, "'pan_zoom' of " + s.label, s.item_id};
                reader_.check_keys(ps, kPanZoomKeys);
                PanZoom p;
                if (const toml::node* from = pt->get("from")) {
                    if (auto f = read_framing(ps, *from, "from", p.start)) p.start = *f;
                }
                if (const toml::node* to = pt->get("to")) {
                    if (auto f = read_framing(ps, *to, "to", p.end)) p.end = *f;
                }
                if (ps.failed) s.failed = true;
                else im.pan_zoom = p;
            } else {
                reader_.type_error(s, "pan_zoom", *pz,
                                   "true or a table like { from = { x = 0.5, y = 0.5, zoom = 1 }, to = { x = 0.6, y = 0.4, zoom = 1.5 } }");
            }
        }
        return [=](const std::string& l) -> ItemBody {
            ImageItem out = im;
            out.caption = caption.in(l);
            return out;
        };
    }
    if (kind == "video") {
        VideoItem v;
        v.fit = fit_of();
        auto title = reader_.read_text(s, "title");
        LocalValue<fs::path> files;
        if (auto c = read_clip(s, ex, ClipUse::video, files)) v.clip = std::move(*c);
        return [=](const std::string& l) -> ItemBody {
            VideoItem out = v;
            out.title = title.in(l);
            out.clip.file = files.in(l);
            return out;
        };
    }
    // audio
    AudioItem a;
    if (auto b = reader_.read_bool(s, "background")) a.background = *b;
    auto title = reader_.read_text(s, "title");
    if (!s.table.contains("title") && !a.background) needs("title", "what the recording is, shown while it plays");
    auto image = files_.read_local_media(s, "image", MediaKind::image, false);
    auto transcript = read_joined_text(s, "transcript");
    LocalValue<fs::path> files;
    if (auto c = read_clip(s, ex, ClipUse::audio, files)) a.clip = std::move(*c);
    if (s.table.contains("spans")) {
        if (auto n = reader_.read_number(s, "spans", 1.0, 10000.0, " items")) {
            if (*n != static_cast<double>(static_cast<std::size_t>(*n))) {
                reader_.error(s, pos_of(*s.table.get("spans")), "'spans' counts items: a whole number like 3");
            } else if (!a.background) {
                reader_.error(s, pos_of(*s.table.get("spans")),
                              "'spans' is for background sound; add background = true to " + s.label);
            } else {
                a.spans = static_cast<std::size_t>(*n);
            }
        }
    }
    return [=](const std::string& l) -> ItemBody {
        AudioItem out = a;
        out.title = title.in(l);
        out.image = image.in(l);
        out.transcript = transcript.in(l);
        out.clip.file = files.in(l);
        return out;
    };
}

void ItemReader::check_reading_time(Section& s, const Item& item, std::string_view kind) {
    if (!is_text_kind(kind) || !item.duration) return;
    std::size_t words = word_count(item.body);
    std::string longest;  // empty: the default language's text is the longest
    for (const auto& [language, body] : item.translations) {
        if (const std::size_t w = word_count(body); w > words) {
            words = w;
            longest = language;
        }
    }
    const Millis reading(static_cast<long long>(static_cast<double>(words) * 60000.0 / kReadingWordsPerMinute));
    if (reading <= *item.duration) return;
    reader_.warning(s, pos_of(*s.table.get("duration")),
                    s.label + " has " + std::to_string(words) + " words" + (longest.empty() ? std::string{} : " in '" + longest + "'") +
                        ", about " + format_duration(std::chrono::round<std::chrono::seconds>(reading)) +
                        " of reading at 130 words a minute, but 'duration' is " + format_duration(*item.duration) +
                        "; visitors will not finish (leave 'duration' out and the show times the text)");
}

std::vector<std::string> ItemReader::translation_languages(const Exhibit& ex) const {
    std::vector<std::string> out;
    for (std::size_t i = 1; i < ex.languages.size(); ++i) {
        const std::string& language = ex.languages[i];
        for (const LocalKey& key : reader_.local_keys()) {
            if (key.in_body && key.per_language &&
                std::find(key.languages.begin(), key.languages.end(), language) != key.languages.end()) {
                out.push_back(language);
                break;
            }
        }
    }
    return out;
}

std::optional<ItemRead> ItemReader::read_item(const toml::table& t, const std::string& id, bool id_failed, const Exhibit& ex) {
    Section s{t, "item '" + id + "'", id, id_failed};
    reader_.clear_records();
    const std::size_t mark = reader_.diagnostic_count();
    Item item;
    item.id = id;
    item.pos = reader_.original(pos_of(t));  // the model holds the curator's position

    const toml::node* kind_node = t.get("kind");
    const std::string kinds = join(kKinds);
    if (!kind_node) {
        reader_.error(s, pos_of(t), s.label + " has no 'kind'; add a line like kind = \"text\" (the kinds are: " + kinds + ")");
        return std::nullopt;
    }
    if (!kind_node->is_string()) {
        reader_.type_error(s, "kind", *kind_node, "one of " + kinds + " in quotes");
        return std::nullopt;
    }
    const std::string kind = kind_node->as_string()->get();
    if (!contains(kKinds, kind)) {
        std::string message = "unknown kind " + in_quotes(kind) + " in " + s.label;
        if (auto suggestion = did_you_mean(kind, kKinds)) message += "; did you mean \"" + *suggestion + "\"?";
        message += " (the kinds are: " + kinds + ")";
        reader_.error(s, pos_of(*kind_node), std::move(message));
        return std::nullopt;
    }

    std::vector<std::string_view> allowed(kCommonItemKeys.begin(), kCommonItemKeys.end());
    const auto own = keys_of_kind(kind);
    allowed.insert(allowed.end(), own.begin(), own.end());
    reader_.check_keys(s, allowed, kind, kItemTableKeys);

    if (const toml::node* d = t.get("duration")) {
        if (d->is_string() && d->as_string()->get() == "until-end") {
            if (is_clip_kind(kind)) item.until_end = true;
            else reader_.error(s, pos_of(*d), "'until-end' is for video and audio items; give " + s.label + " a duration like \"20s\"");
        } else if (auto v = reader_.read_duration(s, "duration", false)) {
            item.duration = *v;
        }
    } else if (is_clip_kind(kind)) {
        item.until_end = true;
    }
    item.transition = reader_.read_transition(s, ex.transition);
    const BodyOf body_of = read_body(s, kind, ex);
    item.body = body_of(ex.language);
    for (const std::string& language : translation_languages(ex)) item.translations.emplace(language, body_of(language));

    if (is_clip_kind(kind) && item.until_end && !s.failed) {
        const Clip& clip = *clip_of(item.body);
        const auto* audio = std::get_if<AudioItem>(&item.body);
        if (clip.loop && !(audio && audio->background)) {  // background sound ends with its span
            reader_.warning(s, pos_of(*t.get("loop")),
                            s.label + " loops and has no 'duration', so the show stays on it until someone moves on; "
                                      "give it a duration like \"2m\" to move on by itself");
        }
    }
    ItemRead out;
    out.links = links_.read_links(s, ex.theme);
    // Every language's texts, also for an item already failing: every problem at once. A text
    // shared by several languages is one finding (drop_repeats_since).
    glyphs_.check(s, item, ex.theme);
    for (const auto& [language, body] : item.translations) {
        Item translated;
        translated.body = body;
        glyphs_.check(s, translated, ex.theme);
    }
    check_reading_time(s, item, kind);
    reader_.drop_repeats_since(mark);
    if (s.failed) return std::nullopt;

    // What a visitor reading another language meets untranslated. Link labels written per
    // language are listed with their links; they do not make the item's own texts translated.
    const Clip* clip = clip_of(item.body);
    const auto& keys = reader_.local_keys();
    const bool has_text = !texts_by_role(item.body).empty() || (clip && !clip->captions.empty()) ||
                          std::any_of(keys.begin(), keys.end(), [](const LocalKey& k) { return k.field == "link label" && !k.per_language; });
    const bool localized = std::any_of(keys.begin(), keys.end(),
                                       [](const LocalKey& k) { return k.per_language && k.field != "link label"; });
    if (has_text && !localized) {
        for (std::size_t i = 1; i < ex.languages.size(); ++i) {
            out.missing.push_back(MissingTranslation{ex.languages[i], s.label, "every text", item.pos});
        }
    } else {
        for (const LocalKey& key : keys) {
            if (key.field != "link label") add_missing_translations(out.missing, key, s.label, ex.languages);
        }
    }
    out.item = std::move(item);
    return out;
}

}  // namespace vitrine::core::detail
