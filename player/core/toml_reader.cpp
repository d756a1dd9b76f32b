#include "core/toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/did_you_mean.hpp"
#include "core/duration_parser.hpp"
#include "core/message_text.hpp"
#include "core/playlist_keys.hpp"
#include "core/value_syntax.hpp"

namespace vitrine::core::detail {
namespace {

using namespace std::chrono_literals;

constexpr Millis kDefaultTransitionDuration{800};  // Transition's default, for kinds that need one

}  // namespace

// --- reporting --------------------------------------------------------------------------------

void TomlReader::report(Severity severity, SourcePos pos, std::string message, std::string item_id) {
    pos = prepared_.original(pos);
    diagnostics_.push_back(Diagnostic{severity, path_text_, pos.line, pos.column, std::move(message),
                                      std::move(item_id)});
}

void TomlReader::error(Section& s, SourcePos pos, std::string message) {
    s.failed = true;
    report(Severity::error, pos, std::move(message), s.item_id);
}

void TomlReader::warning(Section& s, SourcePos pos, std::string message) {
    report(Severity::warning, pos, std::move(message), s.item_id);
}

void TomlReader::type_error(Section& s, std::string_view key, const toml::node& n, std::string_view expected) {
    error(s, pos_of(n), "'" + std::string(key) + "' must be " + std::string(expected) + ", got " + describe(n));
}

void TomlReader::drop_repeats_since(std::size_t mark) {
    if (mark >= diagnostics_.size()) return;
    std::vector<Diagnostic> kept(diagnostics_.begin(), diagnostics_.begin() + static_cast<std::ptrdiff_t>(mark));
    for (std::size_t i = mark; i < diagnostics_.size(); ++i) {
        const Diagnostic& d = diagnostics_[i];
        const bool repeat = std::any_of(kept.begin() + static_cast<std::ptrdiff_t>(mark), kept.end(), [&](const Diagnostic& k) {
            return k.severity == d.severity && k.path == d.path && k.line == d.line && k.column == d.column &&
                   k.message == d.message;
        });
        if (!repeat) kept.push_back(d);
    }
    diagnostics_ = std::move(kept);
}

namespace {

std::string line_and_message(const Diagnostic& d) {
    return (d.line > 0 ? "line " + std::to_string(d.line) + ": " : std::string{}) + d.message;
}

}  // namespace

std::string TomlReader::first_error_since(std::size_t mark) const {
    for (std::size_t i = mark; i < diagnostics_.size(); ++i) {
        if (diagnostics_[i].severity == Severity::error) return line_and_message(diagnostics_[i]);
    }
    return {};
}

std::string TomlReader::first_error_about(std::string_view item_id) const {
    for (const Diagnostic& d : diagnostics_) {
        if (d.severity == Severity::error && d.item_id == item_id) return line_and_message(d);
    }
    return {};
}

// --- languages ----------------------------------------------------------------------------------

void TomlReader::set_languages(std::string default_language, std::vector<std::string> languages) {
    default_language_ = std::move(default_language);
    languages_ = std::move(languages);
}

std::string TomlReader::languages_text() const {
    std::vector<std::string_view> views(languages_.begin(), languages_.end());
    return join(views);
}

bool TomlReader::for_each_language(Section& s, std::string_view key, std::string_view what, const ReadLocal& read,
                                   bool in_body) {
    const auto it = s.table.find(key);
    if (it == s.table.end()) return false;
    const toml::node& n = it->second;
    const SourcePos key_pos = pos_of(it->first.source());
    LocalKey record{std::string(key), prepared_.original(key_pos), {}, false, in_body};
    const toml::table* t = n.as_table();
    if (!t) {
        read(n, std::string(key), default_language_);
        record.languages.push_back(default_language_);
        local_keys_.push_back(std::move(record));
        return true;
    }
    record.per_language = true;
    const std::vector<std::string_view> known(languages_.begin(), languages_.end());
    for (auto&& [code, value] : *t) {
        const std::string language(code.str());
        if (!contains(known, language)) {
            std::string message = "'" + std::string(key) + "' is written in " + in_quotes(language) +
                                  ", which is not one of the exhibit's languages (" + languages_text() + ")";
            if (auto suggestion = did_you_mean(language, known)) message += "; did you mean \"" + *suggestion + "\"?";
            else message += "; add it to 'languages' in [exhibit]";
            error(s, pos_of(code.source()), std::move(message));
            continue;
        }
        read(value, std::string(key) + "." + language, language);
        record.languages.push_back(language);
    }
    if (!t->contains(default_language_)) {
        error(s, key_pos, "'" + std::string(key) + "' has no " + std::string(what) + " in the default language '" +
                              default_language_ + "'");
    }
    local_keys_.push_back(std::move(record));
    return true;
}

std::vector<LocalKey> TomlReader::take_local_keys_from(std::size_t mark) {
    std::vector<LocalKey> out;
    if (mark >= local_keys_.size()) return out;
    out.assign(std::make_move_iterator(local_keys_.begin() + static_cast<std::ptrdiff_t>(mark)),
               std::make_move_iterator(local_keys_.end()));
    local_keys_.resize(mark);
    return out;
}

void add_missing_translations(std::vector<MissingTranslation>& out, const LocalKey& key, const std::string& owner,
                              const std::vector<std::string>& languages) {
    if (!key.per_language) return;
    for (std::size_t i = 1; i < languages.size(); ++i) {
        if (std::find(key.languages.begin(), key.languages.end(), languages[i]) != key.languages.end()) continue;
        out.push_back(MissingTranslation{languages[i], owner, key.field, key.pos});
    }
}

// --- keys -------------------------------------------------------------------------------------

void TomlReader::check_keys(Section& s, std::span<const std::string_view> allowed, std::string_view kind,
                            std::span<const std::string_view> unlisted) {
    std::vector<std::string_view> suggestible(allowed.begin(), allowed.end());
    suggestible.insert(suggestible.end(), unlisted.begin(), unlisted.end());
    for (auto&& [key, value] : s.table) {
        const std::string_view name = key.str();
        if (contains(allowed, name) || contains(unlisted, name)) continue;
        std::string message = "unknown key '" + std::string(name) + "' in " + s.label;
        if (auto suggestion = did_you_mean(name, suggestible)) {
            message += "; did you mean '" + *suggestion + "'?";
        } else if (!kind.empty()) {
            std::vector<std::string_view> owners;
            for (std::string_view other : kKinds) {
                if (other != kind && contains(keys_of_kind(other), name)) owners.push_back(other);
            }
            if (!owners.empty()) {
                message += ": " + std::string(kind) + " items have no '" + std::string(name) + "' (" + join(owners, " and ") +
                           " items do)";
            } else {
                message += "; " + article_for(kind) + " " + std::string(kind) + " item has: " + join(allowed);
            }
        } else {
            message += "; expected one of: " + join(allowed);
        }
        error(s, pos_of(key.source()), std::move(message));
    }
}

// --- typed values -----------------------------------------------------------------------------

std::optional<std::string> TomlReader::read_string(Section& s, std::string_view key, std::string_view expected) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        type_error(s, key, *n, expected);
        return std::nullopt;
    }
    return n->as_string()->get();
}

LocalValue<std::string> TomlReader::read_text(Section& s, std::string_view key) {
    LocalValue<std::string> out{{}, default_language_, false};
    for_each_language(s, key, "text", [&](const toml::node& n, const std::string& label, const std::string& language) {
        if (auto text = text_of(s, n, label)) out.by_language[language] = std::move(*text);
    });
    out.per_language = s.table.contains(key) && s.table.get(key)->is_table();
    return out;
}

std::optional<std::string> TomlReader::text_of(Section& s, const toml::node& n, std::string_view label) {
    if (!n.is_string()) {
        type_error(s, label, n, "text in quotes");
        return std::nullopt;
    }
    std::string text = trim(n.as_string()->get());
    if (text.empty()) {
        error(s, pos_of(n), "'" + std::string(label) + "' is empty: write the text between the quotes, or leave the key out");
        return std::nullopt;
    }
    text_positions_.emplace_back(text, pos_of(n));
    return text;
}

std::optional<bool> TomlReader::read_bool(Section& s, std::string_view key) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        type_error(s, key, *n, "true or false (without quotes)");
        return std::nullopt;
    }
    return n->as_boolean()->get();
}

std::optional<double> TomlReader::read_number(Section& s, std::string_view key, double lo, double hi,
                                          std::string_view unit) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    double v = 0;
    if (n->is_integer()) {
        v = static_cast<double>(n->as_integer()->get());
    } else if (n->is_floating_point()) {
        v = n->as_floating_point()->get();
    } else {
        type_error(s, key, *n, "a number from " + number_text(lo) + " to " + number_text(hi) + std::string(unit));
        return std::nullopt;
    }
    if (!std::isfinite(v) || v < lo || v > hi) {
        error(s, pos_of(*n), "'" + std::string(key) + "' must be from " + number_text(lo) + " to " + number_text(hi) +
                                 std::string(unit) + ", got " + number_text(v));
        return std::nullopt;
    }
    return v;
}

std::optional<Millis> TomlReader::read_duration(Section& s, std::string_view key, bool allow_zero) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    Result<Millis> d = fail("");
    std::string seen;
    if (n->is_string()) {
        seen = in_quotes(n->as_string()->get());
        d = parse_duration(n->as_string()->get());
        if (!d) {
            error(s, pos_of(*n), "'" + std::string(key) + "': " + d.error().message);
            return std::nullopt;
        }
    } else if (n->is_integer() || n->is_floating_point()) {
        const double seconds = n->is_integer() ? static_cast<double>(n->as_integer()->get())
                                               : n->as_floating_point()->get();
        seen = number_text(seconds);
        d = duration_from_seconds(seconds);
        if (!d) {
            error(s, pos_of(*n), "'" + std::string(key) + "': " + d.error().message);
            return std::nullopt;
        }
    } else {
        type_error(s, key, *n, "a duration like \"12s\"");
        return std::nullopt;
    }
    if (*d < Millis{0} || (*d == Millis{0} && !allow_zero)) {
        error(s, pos_of(*n), "'" + std::string(key) + "' must be " + (allow_zero ? "zero or more" : "longer than zero") +
                                 ", got " + seen);
        return std::nullopt;
    }
    return *d;
}

std::optional<Millis> TomlReader::read_duration_between(Section& s, std::string_view key, Millis lo,
                                                      std::optional<Millis> hi, std::string_view why) {
    const auto d = read_duration(s, key, false);
    if (!d) return std::nullopt;
    if (*d < lo || (hi && *d > *hi)) {
        const std::string range = hi ? "from " + format_duration(lo) + " to " + format_duration(*hi) : "at least " + format_duration(lo);
        error(s, pos_of(*s.table.get(key)),
              "'" + std::string(key) + "' must be " + range + std::string(why) + ", got " + format_duration(*d));
        return std::nullopt;
    }
    return d;
}

std::optional<std::string> TomlReader::read_choice(Section& s, std::string_view key,
                                               std::span<const std::string_view> choices, std::string_view what) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        type_error(s, key, *n, "one of " + join(choices, " or ") + " in quotes");
        return std::nullopt;
    }
    const std::string& v = n->as_string()->get();
    if (contains(choices, v)) return v;
    std::string message = "unknown " + std::string(what) + " " + in_quotes(v);
    if (auto suggestion = did_you_mean(v, choices)) message += "; did you mean \"" + *suggestion + "\"?";
    message += " (expected " + join(choices, " or ") + ")";
    error(s, pos_of(*n), std::move(message));
    return std::nullopt;
}

std::optional<Color> TomlReader::read_color(Section& s, std::string_view key) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        type_error(s, key, *n, "a colour like \"#E3B35A\" or \"#EB5\"");
        return std::nullopt;
    }
    auto c = parse_color(trim(n->as_string()->get()));
    if (!c) {
        error(s, pos_of(*n), "'" + std::string(key) + "' must be a colour like \"#E3B35A\" or \"#EB5\" (# and 6 or 3 hex digits), got " +
                                 in_quotes(n->as_string()->get()));
    }
    return c;
}

std::optional<std::string> TomlReader::read_language(Section& s, const toml::node& n, std::string_view key) {
    if (!n.is_string()) {
        type_error(s, key, n, "a language code like \"en\" or \"pt-BR\"");
        return std::nullopt;
    }
    const std::string& v = n.as_string()->get();
    if (!is_language_tag(v)) {
        error(s, pos_of(n), "'" + std::string(key) + "' must be a language code like \"en\", \"pt\" or \"pt-BR\", got " + in_quotes(v));
        return std::nullopt;
    }
    return v;
}

std::optional<std::vector<std::pair<std::string, SourcePos>>> TomlReader::list_entries(Section& s, const toml::node& n,
                                                                                      std::string_view label) {
    const toml::array* a = n.as_array();
    if (!a) {
        type_error(s, label, n, "a list of texts like [\"first\", \"second\"]");
        return std::nullopt;
    }
    std::vector<std::pair<std::string, SourcePos>> out;
    bool ok = true;
    std::size_t index = 0;
    for (const toml::node& e : *a) {
        ++index;
        if (!e.is_string()) {
            error(s, pos_of(e), "'" + std::string(label) + "' must be a list of texts in quotes; entry " + std::to_string(index) +
                                    " is " + describe(e));
            ok = false;
            continue;
        }
        std::string text = trim(e.as_string()->get());
        if (text.empty()) {
            error(s, pos_of(e), "entry " + std::to_string(index) + " of '" + std::string(label) + "' is empty");
            ok = false;
            continue;
        }
        text_positions_.emplace_back(text, pos_of(e));
        out.emplace_back(std::move(text), pos_of(e));
    }
    if (!ok) return std::nullopt;
    if (out.empty()) {
        error(s, pos_of(n), "'" + std::string(label) + "' is an empty list: add at least one text");
        return std::nullopt;
    }
    return out;
}

LocalValue<std::vector<std::string>> TomlReader::read_string_list(Section& s, std::string_view key) {
    LocalValue<std::vector<std::string>> out{{}, default_language_, false};
    for_each_language(s, key, "entries", [&](const toml::node& n, const std::string& label, const std::string& language) {
        if (auto entries = list_entries(s, n, label)) {
            std::vector<std::string> texts;
            for (auto& [text, pos] : *entries) texts.push_back(std::move(text));
            out.by_language[language] = std::move(texts);
        }
    });
    out.per_language = s.table.contains(key) && s.table.get(key)->is_table();
    return out;
}

LocalValue<std::vector<std::string>> TomlReader::read_paragraphs(Section& s, std::string_view kind, bool required) {
    LocalValue<std::vector<std::string>> out{{}, default_language_, false};
    const toml::node* text = s.table.get("text");
    const toml::node* paragraphs = s.table.get("paragraphs");
    if (text && paragraphs) {
        const toml::node& later = pos_of(*text).line > pos_of(*paragraphs).line ? *text : *paragraphs;
        error(s, pos_of(later), "give either 'text' or 'paragraphs', not both");
        return out;
    }
    if (paragraphs) {
        for_each_language(s, "paragraphs", "text", [&](const toml::node& n, const std::string& label, const std::string& language) {
            auto entries = list_entries(s, n, label);
            if (!entries) return;
            std::vector<std::string> split;
            for (const auto& [entry, pos] : *entries) {
                // A blank line inside one entry starts another paragraph there too.
                for (auto& p : split_paragraphs(entry)) {
                    text_positions_.emplace_back(p, pos);
                    split.push_back(std::move(p));
                }
            }
            out.by_language[language] = std::move(split);
        });
        out.per_language = paragraphs->is_table();
        return out;
    }
    if (text) {
        for_each_language(s, "text", "text", [&](const toml::node& n, const std::string& label, const std::string& language) {
            auto whole = text_of(s, n, label);
            if (!whole) return;
            std::vector<std::string> split = split_paragraphs(*whole);
            for (const auto& p : split) text_positions_.emplace_back(p, pos_of(n));
            out.by_language[language] = std::move(split);
        });
        out.per_language = text->is_table();
        return out;
    }
    if (required) {
        error(s, pos_of(s.table), s.label + " (" + std::string(kind) +
                                      ") needs 'paragraphs' (a list of texts) or 'text' (one text; a blank line starts a paragraph)");
    }
    return out;
}

std::optional<Transition> TomlReader::read_transition(Section& s, const Transition& inherited) {
    const bool has_kind = s.table.contains("transition");
    const bool has_duration = s.table.contains("transition_duration");
    if (!has_kind && !has_duration) return std::nullopt;
    Transition t = inherited;
    if (auto name = read_choice(s, "transition", kTransitionNames, "transition")) {
        if (*name == "cut") t.kind = TransitionKind::cut;
        else if (*name == "fade") t.kind = TransitionKind::fade;
        else if (*name == "crossfade") t.kind = TransitionKind::crossfade;
        else t.kind = TransitionKind::slide;
        if (t.kind != TransitionKind::cut && t.duration == Millis{0}) t.duration = kDefaultTransitionDuration;
    }
    if (auto d = read_duration(s, "transition_duration", false)) {
        if (t.kind == TransitionKind::cut) {
            warning(s, pos_of(*s.table.get("transition_duration")),
                    "'transition_duration' has no effect with a cut; choose transition = \"fade\", \"crossfade\" or \"slide\"");
        } else {
            t.duration = *d;
        }
    }
    if (t.kind == TransitionKind::cut) t.duration = Millis{0};
    return t;
}

}  // namespace vitrine::core::detail
