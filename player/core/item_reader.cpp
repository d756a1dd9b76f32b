#include "core/item_reader.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <utility>
#include <vector>

#include "core/did_you_mean.hpp"
#include "core/duration_parser.hpp"
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

std::optional<Clip> ItemReader::read_clip(Section& s, const Exhibit& ex, ClipUse use) {
    Clip clip;
    auto file = files_.read_media(s, "file", MediaKind::clip, true);
    if (file && files_.check_clip(s, pos_of(*s.table.get("file")), trim(s.table.get("file")->as_string()->get()), *file, use)) {
        clip.file = *file;
    }
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
    if (const toml::node* c = s.table.get("captions")) {
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
    }
    if (s.failed) return std::nullopt;
    return clip;
}

bool ItemReader::read_body(Section& s, std::string_view kind, const Exhibit& ex, Item& item) {
    const auto needs = [&](std::string_view key, std::string_view what) {
        reader_.error(s, pos_of(s.table), s.label + " (" + std::string(kind) + ") needs '" + std::string(key) + "': " + std::string(what));
    };
    const auto optional_text = [&](std::string_view key) { return reader_.read_text(s, key).value_or(std::string{}); };
    const auto fit_of = [&]() {
        auto f = reader_.read_choice(s, "fit", kFitNames, "fit");
        return f && *f == "cover" ? Fit::cover : Fit::contain;
    };

    if (kind == "text") {
        TextItem t;
        t.title = optional_text("title");
        if (auto p = reader_.read_paragraphs(s, kind, true)) t.paragraphs = std::move(*p);
        item.body = std::move(t);
    } else if (kind == "excerpt") {
        ExcerptItem e;
        e.heading = optional_text("heading");
        if (auto text = reader_.read_text(s, "text")) {
            e.text = join_paragraphs(split_paragraphs(*text));
            reader_.record_text(e.text, pos_of(*s.table.get("text")));
        } else if (!s.table.contains("text")) {
            needs("text", "the passage to show");
        }
        e.from = optional_text("from");
        e.by = optional_text("by");
        e.published = optional_text("published");
        item.body = std::move(e);
    } else if (kind == "article") {
        ArticleItem a;
        if (auto h = reader_.read_text(s, "headline")) a.headline = *h;
        else if (!s.table.contains("headline")) needs("headline", "the article's title");
        if (auto p = reader_.read_paragraphs(s, kind, true)) a.paragraphs = std::move(*p);
        a.slogan = optional_text("slogan");
        item.body = std::move(a);
    } else if (kind == "statement") {
        StatementItem st;
        if (auto t = reader_.read_text(s, "title")) st.title = *t;
        else if (!s.table.contains("title")) needs("title", "the statement's title");
        if (auto p = reader_.read_paragraphs(s, kind, true)) st.paragraphs = std::move(*p);
        st.signed_by = optional_text("signed");
        item.body = std::move(st);
    } else if (kind == "list") {
        ListItem l;
        if (auto t = reader_.read_text(s, "title")) l.title = *t;
        else if (!s.table.contains("title")) needs("title", "the list's title");
        if (auto entries = reader_.read_string_list(s, "items")) l.entries = std::move(*entries);
        else if (!s.table.contains("items")) needs("items", "the entries, like items = [\"first\", \"second\"]");
        item.body = std::move(l);
    } else if (kind == "image") {
        ImageItem im;
        if (auto f = files_.read_media(s, "file", MediaKind::image, true)) im.file = *f;
        im.fit = fit_of();
        im.caption = optional_text("caption");
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
        item.body = std::move(im);
    } else if (kind == "video") {
        VideoItem v;
        v.fit = fit_of();
        v.title = optional_text("title");
        if (auto c = read_clip(s, ex, ClipUse::video)) v.clip = std::move(*c);
        item.body = std::move(v);
    } else {  // audio
        AudioItem a;
        if (auto b = reader_.read_bool(s, "background")) a.background = *b;
        if (auto t = reader_.read_text(s, "title")) a.title = *t;
        else if (!s.table.contains("title") && !a.background) needs("title", "what the recording is, shown while it plays");
        if (auto im = files_.read_media(s, "image", MediaKind::image, false)) a.image = *im;
        if (auto t = reader_.read_text(s, "transcript")) {
            a.transcript = join_paragraphs(split_paragraphs(*t));
            reader_.record_text(a.transcript, pos_of(*s.table.get("transcript")));
        }
        if (auto c = read_clip(s, ex, ClipUse::audio)) a.clip = std::move(*c);
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
        item.body = std::move(a);
    }
    return !s.failed;
}

void ItemReader::check_reading_time(Section& s, const Item& item, std::string_view kind) {
    if (!is_text_kind(kind) || !item.duration) return;
    const std::size_t words = word_count(item.body);
    const Millis reading(static_cast<long long>(static_cast<double>(words) * 60000.0 / kReadingWordsPerMinute));
    if (reading <= *item.duration) return;
    reader_.warning(s, pos_of(*s.table.get("duration")),
                    s.label + " has " + std::to_string(words) + " words, about " + format_duration(std::chrono::round<std::chrono::seconds>(reading)) +
                        " of reading at 130 words a minute, but 'duration' is " + format_duration(*item.duration) +
                        "; visitors will not finish (leave 'duration' out and the show times the text)");
}

std::optional<Item> ItemReader::read_item(const toml::table& t, const std::string& id, bool id_failed, const Exhibit& ex) {
    Section s{t, "item '" + id + "'", id, id_failed};
    reader_.clear_text_positions();
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
    reader_.check_keys(s, allowed, kind);

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
    read_body(s, kind, ex, item);

    if (is_clip_kind(kind) && item.until_end && !s.failed) {
        const Clip& clip = kind == "video" ? std::get<VideoItem>(item.body).clip : std::get<AudioItem>(item.body).clip;
        const auto* audio = std::get_if<AudioItem>(&item.body);
        if (clip.loop && !(audio && audio->background)) {  // background sound ends with its span
            reader_.warning(s, pos_of(*t.get("loop")),
                            s.label + " loops and has no 'duration', so the show stays on it until someone moves on; "
                                      "give it a duration like \"2m\" to move on by itself");
        }
    }
    glyphs_.check(s, item, ex.theme);  // also for an item already failing: every problem at once
    check_reading_time(s, item, kind);
    if (s.failed) return std::nullopt;
    return item;
}

}  // namespace vitrine::core::detail
