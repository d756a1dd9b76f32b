#include "core/toml_reader.hpp"

#include <cmath>

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

// --- keys -------------------------------------------------------------------------------------

void TomlReader::check_keys(Section& s, std::span<const std::string_view> allowed, std::string_view kind) {
    for (auto&& [key, value] : s.table) {
        const std::string_view name = key.str();
        if (contains(allowed, name)) continue;
        std::string message = "unknown key '" + std::string(name) + "' in " + s.label;
        if (auto suggestion = did_you_mean(name, allowed)) {
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

std::optional<std::string> TomlReader::read_text(Section& s, std::string_view key) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        type_error(s, key, *n, "text in quotes");
        return std::nullopt;
    }
    std::string text = trim(n->as_string()->get());
    if (text.empty()) {
        error(s, pos_of(*n), "'" + std::string(key) + "' is empty: write the text between the quotes, or leave the key out");
        return std::nullopt;
    }
    text_positions_.emplace_back(text, pos_of(*n));
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

std::optional<std::vector<std::string>> TomlReader::read_string_list(Section& s, std::string_view key) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) {
        type_error(s, key, *n, "a list of texts like [\"first\", \"second\"]");
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    std::size_t index = 0;
    for (const toml::node& e : *a) {
        ++index;
        if (!e.is_string()) {
            error(s, pos_of(e), "'" + std::string(key) + "' must be a list of texts in quotes; entry " + std::to_string(index) +
                                    " is " + describe(e));
            ok = false;
            continue;
        }
        const std::string text = trim(e.as_string()->get());
        if (text.empty()) {
            error(s, pos_of(e), "entry " + std::to_string(index) + " of '" + std::string(key) + "' is empty");
            ok = false;
            continue;
        }
        text_positions_.emplace_back(text, pos_of(e));
        out.push_back(text);
    }
    if (!ok) return std::nullopt;
    if (out.empty()) {
        error(s, pos_of(*n), "'" + std::string(key) + "' is an empty list: add at least one text");
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<std::string>> TomlReader::read_paragraphs(Section& s, std::string_view kind, bool required) {
    const toml::node* text = s.table.get("text");
    const toml::node* paragraphs = s.table.get("paragraphs");
    if (text && paragraphs) {
        const toml::node& later = pos_of(*text).line > pos_of(*paragraphs).line ? *text : *paragraphs;
        error(s, pos_of(later), "give either 'text' or 'paragraphs', not both");
        return std::nullopt;
    }
    if (paragraphs) {
        auto list = read_string_list(s, "paragraphs");
        if (!list) return std::nullopt;
        std::vector<std::string> out;
        const std::size_t recorded = text_positions_.size() - list->size();
        for (std::size_t i = 0; i < list->size(); ++i) {
            // A blank line inside one entry starts another paragraph there too.
            const SourcePos pos = text_positions_[recorded + i].second;
            for (auto& p : split_paragraphs((*list)[i])) {
                text_positions_.emplace_back(p, pos);
                out.push_back(std::move(p));
            }
        }
        return out;
    }
    if (text) {
        auto whole = read_text(s, "text");
        if (!whole) return std::nullopt;
        const SourcePos pos = pos_of(*text);
        std::vector<std::string> out = split_paragraphs(*whole);
        for (const auto& p : out) text_positions_.emplace_back(p, pos);
        return out;
    }
    if (required) {
        error(s, pos_of(s.table), s.label + " (" + std::string(kind) +
                                      ") needs 'paragraphs' (a list of texts) or 'text' (one text; a blank line starts a paragraph)");
    }
    return std::nullopt;
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
