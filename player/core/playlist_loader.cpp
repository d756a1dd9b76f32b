#include "core/playlist_loader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <system_error>
#include <utility>

#include "core/did_you_mean.hpp"
#include "core/duration_parser.hpp"
#include "core/font_role.hpp"
#include "core/key_chord.hpp"
#include "core/key_depth_guard.hpp"
#include "core/toml_prepass.hpp"
#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr double kReadingWordsPerMinute = 130.0;  // slow reading (visitor-experience.md)
constexpr std::size_t kQuotedCodePoints = 40;     // a message quotes the start of a long value
constexpr std::size_t kMissingGlyphsNamed = 5;    // more would bury the message; the rest are counted
constexpr std::size_t kDirEntriesScanned = 2000;  // for "did you mean" on file names; bounds the work
constexpr Millis kDefaultTransitionDuration{800};  // Transition's default, for kinds that need one
constexpr double kMinDiagonalInches = 5.0, kMaxDiagonalInches = 500.0;  // a phone to a video wall
constexpr double kMinViewingMetres = 0.2, kMaxViewingMetres = 100.0;    // a touch table to a hall
constexpr double kMaxMargin = 0.25;  // a quarter of the shorter side on each edge leaves half the screen
constexpr double kMinZoom = 1.0, kMaxZoom = 4.0;  // below 1 shows bars; past 4 a photo turns to mush
constexpr double kTextContrast = 7.0;   // WCAG 1.4.6 for body text
constexpr double kLargeContrast = 4.5;  // WCAG 1.4.6 for large text (headings), and captions on a band

constexpr std::array<std::string_view, 8> kKinds{"text", "excerpt", "article", "statement",
                                                 "list", "image",   "video",   "audio"};
constexpr std::array<std::string_view, 5> kCommonItemKeys{"id", "kind", "duration", "transition",
                                                          "transition_duration"};
constexpr std::array<std::string_view, 3> kTextKeys{"title", "text", "paragraphs"};
constexpr std::array<std::string_view, 5> kExcerptKeys{"heading", "text", "from", "by", "published"};
constexpr std::array<std::string_view, 4> kArticleKeys{"headline", "paragraphs", "text", "slogan"};
constexpr std::array<std::string_view, 4> kStatementKeys{"title", "paragraphs", "text", "signed"};
constexpr std::array<std::string_view, 2> kListKeys{"title", "items"};
constexpr std::array<std::string_view, 4> kImageKeys{"file", "fit", "caption", "pan_zoom"};
constexpr std::array<std::string_view, 9> kVideoKeys{"file", "fit",  "title", "start",   "end",
                                                     "loop", "volume", "mute", "captions"};
constexpr std::array<std::string_view, 10> kAudioKeys{"file", "title",  "image", "transcript", "start",
                                                      "end",  "loop",   "volume", "mute",     "captions"};
constexpr std::array<std::string_view, 3> kTopKeys{"exhibit", "theme", "item"};
constexpr std::array<std::string_view, 8> kExhibitKeys{"title",      "language",  "duration", "transition",
                                                       "transition_duration", "exit_keys", "start", "display"};
constexpr std::array<std::string_view, 2> kDisplayKeys{"diagonal", "viewing_distance"};
constexpr std::array<std::string_view, 10> kThemeKeys{"background", "text",         "heading",     "accent",
                                                      "muted",      "body_font",    "heading_font", "italic_font",
                                                      "ui_font",    "margin"};
constexpr std::array<std::string_view, 2> kPanZoomKeys{"from", "to"};
constexpr std::array<std::string_view, 3> kFramingKeys{"x", "y", "zoom"};
constexpr std::array<std::string_view, 4> kTransitionNames{"cut", "fade", "crossfade", "slide"};
constexpr std::array<std::string_view, 2> kFitNames{"contain", "cover"};

std::span<const std::string_view> keys_of_kind(std::string_view kind) {
    if (kind == "text") return kTextKeys;
    if (kind == "excerpt") return kExcerptKeys;
    if (kind == "article") return kArticleKeys;
    if (kind == "statement") return kStatementKeys;
    if (kind == "list") return kListKeys;
    if (kind == "image") return kImageKeys;
    if (kind == "video") return kVideoKeys;
    if (kind == "audio") return kAudioKeys;
    return {};
}

bool contains(std::span<const std::string_view> list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string join(std::span<const std::string_view> list, std::string_view last_separator = ", ") {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += (i + 1 == list.size()) ? std::string(last_separator) : std::string(", ");
        out += list[i];
    }
    return out;
}

std::string article_for(std::string_view word) {
    return (!word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos) ? "an" : "a";
}

// A value quoted for a message: "…" after kQuotedCodePoints, and line breaks shown as \n.
std::string in_quotes(std::string_view text) {
    std::string out = utf8_prefix(text, kQuotedCodePoints);
    std::string escaped;
    for (char c : out) {
        if (c == '\n') escaped += "\\n";
        else if (c == '\t') escaped += "\\t";
        else if (c == '"') escaped += "\\\"";
        else escaped += c;
    }
    return "\"" + escaped + "\"";
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

SourcePos pos_of(const toml::source_region& r) {
    return SourcePos{static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}
SourcePos pos_of(const toml::node& n) { return pos_of(n.source()); }

std::string_view type_noun(toml::node_type t) {
    switch (t) {
        case toml::node_type::string: return "string";
        case toml::node_type::integer: return "integer";
        case toml::node_type::floating_point: return "decimal number";
        case toml::node_type::boolean: return "true/false";
        case toml::node_type::date: return "date";
        case toml::node_type::time: return "time of day";
        case toml::node_type::date_time: return "date and time";
        case toml::node_type::table: return "table";
        case toml::node_type::array: return "array";
        case toml::node_type::none: break;
    }
    return "nothing";
}

// What a value is, for "..., got X": `"fast"`, `the integer 5`, `an integer array`, `a table`.
std::string describe(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "the text " + in_quotes(n.as_string()->get());
        case toml::node_type::integer: return "the integer " + std::to_string(n.as_integer()->get());
        case toml::node_type::floating_point: return "the number " + number_text(n.as_floating_point()->get());
        case toml::node_type::boolean: return n.as_boolean()->get() ? "true" : "false";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: {
            const toml::array& a = *n.as_array();
            if (a.empty()) return "an empty array";
            const toml::node_type first = a.front().type();
            const bool same = std::all_of(a.begin(), a.end(), [&](const toml::node& e) { return e.type() == first; });
            if (!same) return "an array of mixed values";
            if (first == toml::node_type::table) return "an array of tables";
            if (first == toml::node_type::array) return "an array of arrays";
            const std::string noun(type_noun(first));
            return article_for(noun) + " " + noun + " array";
        }
        default: {
            const std::string noun(type_noun(n.type()));
            return article_for(noun) + " " + noun;
        }
    }
}

std::string trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
}

// Paragraphs of a curator's text: a blank line separates paragraphs; the lines of one paragraph
// are joined with a space, since the text is re-flowed to fit the screen anyway.
std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string line = trim(text.substr(start, end - start));
        if (line.empty()) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            if (!current.empty()) current += ' ';
            current += line;
        }
        start = end + 1;
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += '\n';
        out += p;
    }
    return out;
}

bool is_valid_id(std::string_view id, char& bad) {
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            bad = c;
            return false;
        }
    }
    return !id.empty();
}

std::string describe_char(char c) {
    if (c == ' ') return "a space";
    if (c >= 'A' && c <= 'Z') return "the capital '" + std::string(1, c) + "'";
    if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII letter";
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
    return "'" + std::string(1, c) + "'";
}

bool is_language_tag(std::string_view s) {
    // BCP 47 in the shape curators meet: "en", "pt", "pt-BR", "zh-Hans".
    std::size_t i = 0;
    std::size_t letters = 0;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i, ++letters;
    if (letters < 2 || letters > 3) return false;
    while (i < s.size()) {
        if (s[i] != '-') return false;
        ++i;
        std::size_t n = 0;
        while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i, ++n;
        if (n < 1 || n > 8) return false;
    }
    return true;
}

std::optional<Color> parse_color(std::string_view s) {
    if (s.size() != 4 && s.size() != 7) return std::nullopt;
    if (s[0] != '#') return std::nullopt;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::array<int, 6> d{};
    const std::size_t n = s.size() - 1;
    for (std::size_t i = 0; i < n; ++i) {
        d[i] = hex(s[i + 1]);
        if (d[i] < 0) return std::nullopt;
    }
    if (n == 3) {
        return Color{static_cast<std::uint8_t>(d[0] * 17), static_cast<std::uint8_t>(d[1] * 17),
                     static_cast<std::uint8_t>(d[2] * 17), 255};
    }
    return Color{static_cast<std::uint8_t>(d[0] * 16 + d[1]), static_cast<std::uint8_t>(d[2] * 16 + d[3]),
                 static_cast<std::uint8_t>(d[4] * 16 + d[5]), 255};
}

std::string color_text(Color c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
    return buf;
}

// WCAG 2 contrast ratio of two opaque colours, 1..21.
double contrast_ratio(Color a, Color b) {
    auto channel = [](std::uint8_t v) {
        const double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    auto luminance = [&](Color c) {
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool is_clip_kind(std::string_view kind) { return kind == "video" || kind == "audio"; }
bool is_text_kind(std::string_view kind) {
    return kind == "text" || kind == "excerpt" || kind == "article" || kind == "statement" || kind == "list";
}

// A table being read: where findings about it go, and whether one was an error.
struct Section {
    const toml::table& table;
    std::string label;     // "item 'engels'", "[exhibit]", "pan_zoom of item 'x'": for messages
    std::string item_id;   // empty for exhibit-wide sections
    bool failed = false;   // an error was reported (an item is then left out)
};

enum class MediaKind { image, clip, captions };

class Loader {
public:
    // `prepared` maps toml++'s positions (in the text it parsed) back to the curator's.
    Loader(const fs::path& path, const LoadOptions& options, const PreparedToml& prepared)
        : path_(path), path_text_(path.string()), options_(options), prepared_(prepared), base_dir_(path.parent_path()) {}

    std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }
    void report(Severity severity, SourcePos pos, std::string message, std::string item_id = {}) {
        pos = prepared_.original(pos);
        diagnostics_.push_back(Diagnostic{severity, path_text_, pos.line, pos.column, std::move(message),
                                          std::move(item_id)});
    }

    Playlist load(const toml::table& root);

private:
    // --- reporting --------------------------------------------------------------------------
    void error(Section& s, SourcePos pos, std::string message) {
        s.failed = true;
        report(Severity::error, pos, std::move(message), s.item_id);
    }
    void warning(Section& s, SourcePos pos, std::string message) {
        report(Severity::warning, pos, std::move(message), s.item_id);
    }
    void type_error(Section& s, std::string_view key, const toml::node& n, std::string_view expected) {
        error(s, pos_of(n), "'" + std::string(key) + "' must be " + std::string(expected) + ", got " + describe(n));
    }

    // Reports every key of `s` that is not in `allowed`, with a suggestion. `other_kinds` adds
    // "image items have a 'caption'" when an item uses another kind's key.
    void check_keys(Section& s, std::span<const std::string_view> allowed, std::string_view kind = {});

    // --- typed values (nullopt: absent, or wrong and reported) ------------------------------
    std::optional<std::string> read_string(Section& s, std::string_view key, std::string_view expected);
    std::optional<std::string> read_text(Section& s, std::string_view key);  // visitor-visible, trimmed, not empty
    std::optional<bool> read_bool(Section& s, std::string_view key);
    std::optional<double> read_number(Section& s, std::string_view key, double lo, double hi, std::string_view unit);
    // A duration (string or bare number of seconds); `allow_zero` for clip start points.
    std::optional<Millis> read_duration(Section& s, std::string_view key, bool allow_zero);
    std::optional<std::string> read_choice(Section& s, std::string_view key, std::span<const std::string_view> choices,
                                           std::string_view what);
    std::optional<Color> read_color(Section& s, std::string_view key);
    std::optional<std::string> read_language(Section& s, const toml::node& n, std::string_view key);
    // Paragraphs from `paragraphs` (array) or `text` (string split on blank lines).
    std::optional<std::vector<std::string>> read_paragraphs(Section& s, std::string_view kind, bool required);
    std::optional<std::vector<std::string>> read_string_list(Section& s, std::string_view key);
    // A media file named by `key`: resolved, checked to exist, be a non-empty file and pass its probe.
    std::optional<fs::path> read_media(Section& s, std::string_view key, MediaKind kind, bool required);
    bool check_media_file(Section& s, SourcePos pos, std::string_view written, const fs::path& file, MediaKind kind);
    std::optional<Framing> read_framing(Section& parent, const toml::node& n, std::string_view key, Framing fallback);

    // --- parts of the playlist ------------------------------------------------------------
    void read_exhibit(const toml::table& root, Exhibit& ex);
    void read_theme(const toml::table& root, Theme& theme);
    fs::path read_font(Section& s, std::string_view key, const fs::path& fallback);
    void check_default_font(const fs::path& font, std::string_view key);
    std::optional<Transition> read_transition(Section& s, const Transition& inherited);
    std::optional<Item> read_item(const toml::table& t, const std::string& id, bool id_failed, const Exhibit& ex);
    bool read_body(Section& s, std::string_view kind, const Exhibit& ex, Item& item);
    std::optional<Clip> read_clip(Section& s, const Exhibit& ex);
    void check_glyphs(Section& s, const Item& item, const Theme& theme);
    void check_reading_time(Section& s, const Item& item, std::string_view kind);

    fs::path resolve(std::string_view written) const {
        const fs::path p(written);
        return (p.is_absolute() ? p : base_dir_ / p).lexically_normal();
    }

    const fs::path& path_;
    std::string path_text_;
    const LoadOptions& options_;
    const PreparedToml& prepared_;
    fs::path base_dir_;
    std::vector<Diagnostic> diagnostics_;
    // Positions of the visitor-visible texts of the item being read, for the glyph check.
    std::vector<std::pair<std::string, SourcePos>> text_positions_;
    std::map<std::pair<std::string, char32_t>, bool> glyph_cache_;
    std::set<std::string> fonts_checked_;  // default fonts already checked (reported once)
};

// --- keys -------------------------------------------------------------------------------------

void Loader::check_keys(Section& s, std::span<const std::string_view> allowed, std::string_view kind) {
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

std::optional<std::string> Loader::read_string(Section& s, std::string_view key, std::string_view expected) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        type_error(s, key, *n, expected);
        return std::nullopt;
    }
    return n->as_string()->get();
}

std::optional<std::string> Loader::read_text(Section& s, std::string_view key) {
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

std::optional<bool> Loader::read_bool(Section& s, std::string_view key) {
    const toml::node* n = s.table.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        type_error(s, key, *n, "true or false (without quotes)");
        return std::nullopt;
    }
    return n->as_boolean()->get();
}

std::optional<double> Loader::read_number(Section& s, std::string_view key, double lo, double hi,
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

std::optional<Millis> Loader::read_duration(Section& s, std::string_view key, bool allow_zero) {
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

std::optional<std::string> Loader::read_choice(Section& s, std::string_view key,
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

std::optional<Color> Loader::read_color(Section& s, std::string_view key) {
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

std::optional<std::string> Loader::read_language(Section& s, const toml::node& n, std::string_view key) {
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

std::optional<std::vector<std::string>> Loader::read_string_list(Section& s, std::string_view key) {
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

std::optional<std::vector<std::string>> Loader::read_paragraphs(Section& s, std::string_view kind, bool required) {
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

bool Loader::check_media_file(Section& s, SourcePos pos, std::string_view written, const fs::path& file,
                              MediaKind kind) {
    const std::string what = kind == MediaKind::image ? "image" : kind == MediaKind::clip ? "media" : "captions";
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (!fs::exists(st)) {
        std::string message = what + " file " + in_quotes(written) + " not found (looked for " + file.string() + ")";
        // Suggest a file of that folder with a close name: the usual cause is a typo.
        std::vector<std::string> names;
        for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
            if (names.size() >= kDirEntriesScanned) break;
            names.push_back(it->path().filename().string());
        }
        std::vector<std::string_view> views(names.begin(), names.end());
        if (auto suggestion = did_you_mean(file.filename().string(), views)) {
            const fs::path near = fs::path(written).parent_path() / *suggestion;
            message += "; did you mean " + in_quotes(near.generic_string()) + "?";
        }
        error(s, pos, std::move(message));
        return false;
    }
    if (fs::is_directory(st)) {
        error(s, pos, in_quotes(written) + " is a folder; expected " + article_for(what) + " " + what + " file");
        return false;
    }
    const auto size = fs::file_size(file, ec);
    if (ec) {
        error(s, pos, "cannot read " + what + " file " + in_quotes(written) + ": " + ec.message());
        return false;
    }
    if (size == 0) {
        error(s, pos, what + " file " + in_quotes(written) + " is empty (0 bytes)");
        return false;
    }
    const auto& probe = kind == MediaKind::image ? options_.probe_image
                        : kind == MediaKind::clip ? options_.probe_clip
                                                  : std::function<std::string(const fs::path&)>{};
    if (probe) {
        const std::string reason = probe(file);
        if (!reason.empty()) {
            error(s, pos, what + " file " + in_quotes(written) + " cannot be used: " + reason);
            return false;
        }
    }
    return true;
}

std::optional<fs::path> Loader::read_media(Section& s, std::string_view key, MediaKind kind, bool required) {
    const toml::node* n = s.table.get(key);
    if (!n) {
        if (required) {
            error(s, pos_of(s.table), s.label + " needs '" + std::string(key) + "': the file to show, relative to the playlist's folder");
        }
        return std::nullopt;
    }
    if (!n->is_string()) {
        type_error(s, key, *n, "a file name in quotes, like \"media/photo.jpg\"");
        return std::nullopt;
    }
    const std::string written = trim(n->as_string()->get());
    if (written.empty()) {
        error(s, pos_of(*n), "'" + std::string(key) + "' is empty: name a file, like \"media/photo.jpg\"");
        return std::nullopt;
    }
    const fs::path file = resolve(written);
    if (!check_media_file(s, pos_of(*n), written, file, kind)) return std::nullopt;
    return file;
}

std::optional<Framing> Loader::read_framing(Section& parent, const toml::node& n, std::string_view key,
                                            Framing fallback) {
    const toml::table* t = n.as_table();
    if (!t) {
        type_error(parent, key, n, "a table like { x = 0.5, y = 0.5, zoom = 1.2 }");
        return std::nullopt;
    }
    Section s{*t, "'" + std::string(key) + "' of " + parent.label, parent.item_id};
    check_keys(s, kFramingKeys);
    Framing f = fallback;
    if (auto x = read_number(s, "x", 0.0, 1.0, " (0 = left edge, 1 = right edge)")) f.x = *x;
    if (auto y = read_number(s, "y", 0.0, 1.0, " (0 = top edge, 1 = bottom edge)")) f.y = *y;
    if (auto z = read_number(s, "zoom", kMinZoom, kMaxZoom, " (1 = the whole picture)")) f.zoom = *z;
    if (s.failed) {
        parent.failed = true;
        return std::nullopt;
    }
    return f;
}

// --- exhibit, display, theme ------------------------------------------------------------------

std::optional<Transition> Loader::read_transition(Section& s, const Transition& inherited) {
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

void Loader::read_exhibit(const toml::table& root, Exhibit& ex) {
    const toml::node* n = root.get("exhibit");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
        report(Severity::error, pos_of(*n), "'exhibit' must be a table, written [exhibit] on a line of its own, got " + describe(*n));
        return;
    }
    Section s{*t, "[exhibit]", ""};
    check_keys(s, kExhibitKeys);
    if (auto title = read_string(s, "title", "text in quotes")) ex.title = trim(*title);
    if (const toml::node* lang = t->get("language")) {
        if (auto l = read_language(s, *lang, "language")) ex.language = *l;
    }
    if (auto d = read_duration(s, "duration", false)) ex.default_duration = *d;
    if (auto tr = read_transition(s, ex.transition)) ex.transition = *tr;
    if (auto keys = read_string(s, "exit_keys", "a key combination like \"Ctrl+Alt+Q\"")) {
        auto chord = parse_key_chord(*keys);
        if (chord) {
            ex.exit_keys = *chord;
        } else {
            error(s, pos_of(*t->get("exit_keys")),
                  chord.error().message + "; keeping " + to_string(ex.exit_keys));
        }
    }
    if (auto start = read_string(s, "start", "the id of an item in quotes")) ex.start_id = *start;
    if (const toml::node* d = t->get("display")) {
        const toml::table* dt = d->as_table();
        if (!dt) {
            type_error(s, "display", *d, "a table, written [exhibit.display]");
        } else {
            Section ds{*dt, "[exhibit.display]", ""};
            check_keys(ds, kDisplayKeys);
            if (auto v = read_number(ds, "diagonal", kMinDiagonalInches, kMaxDiagonalInches, " inches")) {
                ex.display.diagonal_inches = *v;
            }
            if (auto v = read_number(ds, "viewing_distance", kMinViewingMetres, kMaxViewingMetres, " metres")) {
                ex.display.viewing_distance_m = *v;
            }
        }
    }
}

fs::path Loader::read_font(Section& s, std::string_view key, const fs::path& fallback) {
    const toml::node* n = s.table.get(key);
    if (!n) {
        check_default_font(fallback, key);
        return fallback;
    }
    if (!n->is_string()) {
        type_error(s, key, *n, "a font file name in quotes, like \"DejaVuSerif.ttf\"");
        check_default_font(fallback, key);
        return fallback;
    }
    const std::string written = trim(n->as_string()->get());
    const fs::path in_playlist_dir = resolve(written);
    const fs::path in_fonts_dir = (options_.fonts_dir / written).lexically_normal();
    std::error_code ec;
    fs::path found;
    if (!written.empty() && fs::is_regular_file(in_playlist_dir, ec)) found = in_playlist_dir;
    else if (!written.empty() && !fs::path(written).is_absolute() && fs::is_regular_file(in_fonts_dir, ec)) found = in_fonts_dir;
    if (found.empty()) {
        std::string message = "font " + in_quotes(written) + " not found in the playlist's folder (" +
                              (base_dir_.empty() ? std::string(".") : base_dir_.string()) + ") nor in the fonts folder (" +
                              options_.fonts_dir.string() + ")";
        std::vector<std::string> names;
        for (const fs::path& dir : {base_dir_.empty() ? fs::path(".") : base_dir_, options_.fonts_dir}) {
            for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
                if (names.size() >= kDirEntriesScanned) break;
                const std::string ext = it->path().extension().string();
                if (ext == ".ttf" || ext == ".otf" || ext == ".TTF" || ext == ".OTF") {
                    names.push_back(it->path().filename().string());
                }
            }
        }
        std::vector<std::string_view> views(names.begin(), names.end());
        if (auto suggestion = did_you_mean(fs::path(written).filename().string(), views)) {
            message += "; did you mean " + in_quotes(*suggestion) + "?";
        }
        error(s, pos_of(*n), message + "; using " + fallback.filename().string());
        check_default_font(fallback, key);
        return fallback;
    }
    if (options_.probe_font) {
        const std::string reason = options_.probe_font(found);
        if (!reason.empty()) {
            error(s, pos_of(*n), "font " + in_quotes(written) + " cannot be used: " + reason + "; using " +
                                     fallback.filename().string());
            check_default_font(fallback, key);
            return fallback;
        }
    }
    return found;
}

void Loader::check_default_font(const fs::path& font, std::string_view key) {
    if (!fonts_checked_.insert(font.string()).second) return;
    std::error_code ec;
    std::string reason;
    if (!fs::is_regular_file(font, ec)) {
        reason = "not found";
    } else if (options_.probe_font) {
        reason = options_.probe_font(font);
    }
    if (!reason.empty()) {
        report(Severity::error, SourcePos{},
               "the default font " + font.string() + " (for '" + std::string(key) + "') cannot be used: " + reason +
                   "; reinstall Vitrine's fonts or name another font in [theme]");
    }
}

void Loader::read_theme(const toml::table& root, Theme& theme) {
    const fs::path fonts = options_.fonts_dir;
    theme.body_font = fonts / "DejaVuSerif.ttf";
    theme.heading_font = fonts / "DejaVuSans-Bold.ttf";
    theme.italic_font = fonts / "DejaVuSerif-Italic.ttf";
    theme.ui_font = fonts / "DejaVuSans.ttf";

    static const toml::table kEmpty;  // immutable: stands for an absent [theme]
    const toml::node* n = root.get("theme");
    const toml::table* t = n ? n->as_table() : &kEmpty;
    if (!t) {
        report(Severity::error, pos_of(*n), "'theme' must be a table, written [theme] on a line of its own, got " + describe(*n));
        t = &kEmpty;
    }
    Section s{*t, "[theme]", ""};
    check_keys(s, kThemeKeys);
    struct Slot {
        std::string_view key;
        Color* color;
    };
    for (const Slot& slot : {Slot{"background", &theme.background}, Slot{"text", &theme.text},
                             Slot{"heading", &theme.heading}, Slot{"accent", &theme.accent},
                             Slot{"muted", &theme.muted}}) {
        if (auto c = read_color(s, slot.key)) *slot.color = *c;
    }
    if (auto m = read_number(s, "margin", 0.0, kMaxMargin, " (a fraction of the shorter side of the screen)")) {
        theme.margin = *m;
    }
    theme.body_font = read_font(s, "body_font", theme.body_font);
    theme.heading_font = read_font(s, "heading_font", theme.heading_font);
    theme.italic_font = read_font(s, "italic_font", theme.italic_font);
    theme.ui_font = read_font(s, "ui_font", theme.ui_font);

    // Contrast (visitor-experience.md): only worth a word when the curator chose the colours.
    struct Pair {
        std::string_view key;
        Color color;
        double needed;
        std::string_view use;
    };
    for (const Pair& p : {Pair{"text", theme.text, kTextContrast, "body text needs"},
                          Pair{"heading", theme.heading, kLargeContrast, "headings need"},
                          Pair{"muted", theme.muted, kLargeContrast, "captions and citations need"}}) {
        const toml::node* fg = t->get(p.key);
        const toml::node* bg = t->get("background");
        if (!fg && !bg) continue;
        const double ratio = contrast_ratio(p.color, theme.background);
        if (ratio + 1e-9 < p.needed) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.1f", ratio);
            warning(s, pos_of(fg ? *fg : *bg),
                    "'" + std::string(p.key) + "' " + color_text(p.color) + " on 'background' " + color_text(theme.background) +
                        " has a contrast of " + buf + ":1; " + std::string(p.use) + " at least " +
                        number_text(p.needed) + ":1 to be read from a distance (WCAG 1.4.6)");
        }
    }
}

// --- items ------------------------------------------------------------------------------------

std::optional<Clip> Loader::read_clip(Section& s, const Exhibit& ex) {
    Clip clip;
    auto file = read_media(s, "file", MediaKind::clip, true);
    if (file) clip.file = *file;
    if (auto v = read_number(s, "volume", 0.0, 1.0, " (0 = silent, 1 = as recorded)")) clip.volume = *v;
    if (auto v = read_bool(s, "loop")) clip.loop = *v;
    if (auto v = read_bool(s, "mute")) clip.mute = *v;
    if (auto v = read_duration(s, "start", true)) clip.start = *v;
    if (auto v = read_duration(s, "end", false)) {
        if (*v <= clip.start) {
            error(s, pos_of(*s.table.get("end")), "'end' (" + format_duration(*v) + ") must come after 'start' (" +
                                                      format_duration(clip.start) + ")");
        } else {
            clip.end = *v;
        }
    }
    if (const toml::node* c = s.table.get("captions")) {
        auto add = [&](const std::string& language, const toml::node& value, std::string_view key) {
            if (!value.is_string()) {
                type_error(s, key, value, "a captions file name in quotes, like \"media/talk.en.srt\"");
                return;
            }
            const std::string written = trim(value.as_string()->get());
            fs::path ext = fs::path(written).extension();
            std::string e = ext.string();
            std::transform(e.begin(), e.end(), e.begin(), [](unsigned char ch) { return std::tolower(ch); });
            if (e != ".srt" && e != ".vtt") {
                error(s, pos_of(value), "captions must be a .srt or .vtt file, got " + in_quotes(written));
                return;
            }
            const fs::path resolved = resolve(written);
            if (check_media_file(s, pos_of(value), written, resolved, MediaKind::captions)) {
                clip.captions[language] = resolved;
            }
        };
        if (c->is_string()) {
            add(ex.language, *c, "captions");
        } else if (const toml::table* ct = c->as_table()) {
            for (auto&& [lang, value] : *ct) {
                const std::string language(lang.str());
                if (!is_language_tag(language)) {
                    error(s, pos_of(lang.source()), "captions language must be a code like \"en\", \"pt\" or \"pt-BR\", got " +
                                                        in_quotes(language));
                    continue;
                }
                add(language, value, "captions." + language);
            }
        } else {
            type_error(s, "captions", *c, "a file name like \"media/talk.srt\" or a table like { en = \"talk.en.srt\", pt = \"talk.pt.vtt\" }");
        }
    }
    if (s.failed) return std::nullopt;
    return clip;
}

bool Loader::read_body(Section& s, std::string_view kind, const Exhibit& ex, Item& item) {
    const auto needs = [&](std::string_view key, std::string_view what) {
        error(s, pos_of(s.table), s.label + " (" + std::string(kind) + ") needs '" + std::string(key) + "': " + std::string(what));
    };
    const auto optional_text = [&](std::string_view key) { return read_text(s, key).value_or(std::string{}); };
    const auto fit_of = [&]() {
        auto f = read_choice(s, "fit", kFitNames, "fit");
        return f && *f == "cover" ? Fit::cover : Fit::contain;
    };

    if (kind == "text") {
        TextItem t;
        t.title = optional_text("title");
        if (auto p = read_paragraphs(s, kind, true)) t.paragraphs = std::move(*p);
        item.body = std::move(t);
    } else if (kind == "excerpt") {
        ExcerptItem e;
        e.heading = optional_text("heading");
        if (auto text = read_text(s, "text")) {
            e.text = join_paragraphs(split_paragraphs(*text));
            text_positions_.emplace_back(e.text, pos_of(*s.table.get("text")));
        } else if (!s.table.contains("text")) {
            needs("text", "the passage to show");
        }
        e.from = optional_text("from");
        e.by = optional_text("by");
        e.published = optional_text("published");
        item.body = std::move(e);
    } else if (kind == "article") {
        ArticleItem a;
        if (auto h = read_text(s, "headline")) a.headline = *h;
        else if (!s.table.contains("headline")) needs("headline", "the article's title");
        if (auto p = read_paragraphs(s, kind, true)) a.paragraphs = std::move(*p);
        a.slogan = optional_text("slogan");
        item.body = std::move(a);
    } else if (kind == "statement") {
        StatementItem st;
        if (auto t = read_text(s, "title")) st.title = *t;
        else if (!s.table.contains("title")) needs("title", "the statement's title");
        if (auto p = read_paragraphs(s, kind, true)) st.paragraphs = std::move(*p);
        st.signed_by = optional_text("signed");
        item.body = std::move(st);
    } else if (kind == "list") {
        ListItem l;
        if (auto t = read_text(s, "title")) l.title = *t;
        else if (!s.table.contains("title")) needs("title", "the list's title");
        if (auto entries = read_string_list(s, "items")) l.entries = std::move(*entries);
        else if (!s.table.contains("items")) needs("items", "the entries, like items = [\"first\", \"second\"]");
        item.body = std::move(l);
    } else if (kind == "image") {
        ImageItem im;
        if (auto f = read_media(s, "file", MediaKind::image, true)) im.file = *f;
        im.fit = fit_of();
        im.caption = optional_text("caption");
        if (const toml::node* pz = s.table.get("pan_zoom")) {
            if (pz->is_boolean()) {
                if (pz->as_boolean()->get()) im.pan_zoom = PanZoom{};
            } else if (const toml::table* pt = pz->as_table()) {
                Section ps{*pt, "'pan_zoom' of " + s.label, s.item_id};
                check_keys(ps, kPanZoomKeys);
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
                type_error(s, "pan_zoom", *pz,
                           "true or a table like { from = { x = 0.5, y = 0.5, zoom = 1 }, to = { x = 0.6, y = 0.4, zoom = 1.5 } }");
            }
        }
        item.body = std::move(im);
    } else if (kind == "video") {
        VideoItem v;
        v.fit = fit_of();
        v.title = optional_text("title");
        if (auto c = read_clip(s, ex)) v.clip = std::move(*c);
        item.body = std::move(v);
    } else {  // audio
        AudioItem a;
        if (auto t = read_text(s, "title")) a.title = *t;
        else if (!s.table.contains("title")) needs("title", "what the recording is, shown while it plays");
        if (auto im = read_media(s, "image", MediaKind::image, false)) a.image = *im;
        if (auto t = read_text(s, "transcript")) {
            a.transcript = join_paragraphs(split_paragraphs(*t));
            text_positions_.emplace_back(a.transcript, pos_of(*s.table.get("transcript")));
        }
        if (auto c = read_clip(s, ex)) a.clip = std::move(*c);
        item.body = std::move(a);
    }
    return !s.failed;
}

void Loader::check_glyphs(Section& s, const Item& item, const Theme& theme) {
    if (!options_.has_glyph) return;
    for (const auto& [role, text] : texts_by_role(item.body)) {
        const fs::path& font = font_for(role, theme);
        std::vector<char32_t> missing;
        std::size_t missing_count = 0;
        std::set<char32_t> seen;
        for_each_code_point(text, [&](char32_t cp) {
            if (cp <= 0x20 || cp == 0x7F || !seen.insert(cp).second) return;  // controls and spaces draw nothing
            const auto key = std::make_pair(font.string(), cp);
            auto it = glyph_cache_.find(key);
            if (it == glyph_cache_.end()) it = glyph_cache_.emplace(key, options_.has_glyph(font, cp)).first;
            if (!it->second) {
                ++missing_count;
                if (missing.size() < kMissingGlyphsNamed) missing.push_back(cp);
            }
        });
        if (missing.empty()) continue;
        SourcePos pos = pos_of(s.table);  // in toml++'s coordinates, like every position reported
        for (const auto& [recorded, where] : text_positions_) {
            if (recorded == text) {
                pos = where;
                break;
            }
        }
        std::string chars;
        for (char32_t cp : missing) {
            if (!chars.empty()) chars += ", ";
            chars += "'" + encode_utf8(cp) + "' (" + code_point_name(cp) + ")";
        }
        if (missing_count > missing.size()) chars += " and " + std::to_string(missing_count - missing.size()) + " more";
        const std::string role_key = std::string(role_name(role)) + "_font";
        error(s, pos, "the " + std::string(role_name(role)) + " font " + font.filename().string() + " has no glyph for " +
                          chars + " in " + in_quotes(text) + "; set " + role_key +
                          " in [theme] to a font that has " + (missing_count == 1 ? "it" : "them"));
    }
}

void Loader::check_reading_time(Section& s, const Item& item, std::string_view kind) {
    if (!is_text_kind(kind) || !item.duration) return;
    const std::size_t words = word_count(item.body);
    const Millis reading(static_cast<long long>(static_cast<double>(words) * 60000.0 / kReadingWordsPerMinute));
    if (reading <= *item.duration) return;
    warning(s, pos_of(*s.table.get("duration")),
            s.label + " has " + std::to_string(words) + " words, about " + format_duration(std::chrono::round<std::chrono::seconds>(reading)) +
                " of reading at 130 words a minute, but 'duration' is " + format_duration(*item.duration) +
                "; visitors will not finish (leave 'duration' out and the show times the text)");
}

std::optional<Item> Loader::read_item(const toml::table& t, const std::string& id, bool id_failed, const Exhibit& ex) {
    Section s{t, "item '" + id + "'", id, id_failed};
    text_positions_.clear();
    Item item;
    item.id = id;
    item.pos = prepared_.original(pos_of(t));  // the model holds the curator's position

    const toml::node* kind_node = t.get("kind");
    const std::string kinds = join(kKinds);
    if (!kind_node) {
        error(s, pos_of(t), s.label + " has no 'kind'; add a line like kind = \"text\" (the kinds are: " + kinds + ")");
        return std::nullopt;
    }
    if (!kind_node->is_string()) {
        type_error(s, "kind", *kind_node, "one of " + kinds + " in quotes");
        return std::nullopt;
    }
    const std::string kind = kind_node->as_string()->get();
    if (!contains(kKinds, kind)) {
        std::string message = "unknown kind " + in_quotes(kind) + " in " + s.label;
        if (auto suggestion = did_you_mean(kind, kKinds)) message += "; did you mean \"" + *suggestion + "\"?";
        message += " (the kinds are: " + kinds + ")";
        error(s, pos_of(*kind_node), std::move(message));
        return std::nullopt;
    }

    std::vector<std::string_view> allowed(kCommonItemKeys.begin(), kCommonItemKeys.end());
    const auto own = keys_of_kind(kind);
    allowed.insert(allowed.end(), own.begin(), own.end());
    check_keys(s, allowed, kind);

    if (const toml::node* d = t.get("duration")) {
        if (d->is_string() && d->as_string()->get() == "until-end") {
            if (is_clip_kind(kind)) item.until_end = true;
            else error(s, pos_of(*d), "'until-end' is for video and audio items; give " + s.label + " a duration like \"20s\"");
        } else if (auto v = read_duration(s, "duration", false)) {
            item.duration = *v;
        }
    } else if (is_clip_kind(kind)) {
        item.until_end = true;
    }
    item.transition = read_transition(s, ex.transition);
    read_body(s, kind, ex, item);

    if (is_clip_kind(kind) && item.until_end && !s.failed) {
        const Clip& clip = kind == "video" ? std::get<VideoItem>(item.body).clip : std::get<AudioItem>(item.body).clip;
        if (clip.loop) {
            warning(s, pos_of(*t.get("loop")),
                    s.label + " loops and has no 'duration', so the show stays on it until someone moves on; "
                              "give it a duration like \"2m\" to move on by itself");
        }
    }
    check_glyphs(s, item, ex.theme);  // also for an item already failing: every problem at once
    check_reading_time(s, item, kind);
    if (s.failed) return std::nullopt;
    return item;
}

// --- the whole playlist -----------------------------------------------------------------------

Playlist Loader::load(const toml::table& root) {
    Playlist playlist;
    playlist.path = path_;
    Exhibit& ex = playlist.exhibit;

    // Top-level keys: the three tables, and a helpful word for keys that belong inside one.
    for (auto&& [key, value] : root) {
        const std::string_view name = key.str();
        if (contains(kTopKeys, name)) continue;
        std::string message = "unknown key '" + std::string(name) + "' at the top of the playlist";
        if (contains(kExhibitKeys, name)) message += "; '" + std::string(name) + "' belongs under [exhibit]";
        else if (contains(kThemeKeys, name)) message += "; '" + std::string(name) + "' belongs under [theme]";
        else if (contains(kCommonItemKeys, name)) message += "; item keys go under [[item]]";
        else if (auto s = did_you_mean(name, kTopKeys)) message += "; did you mean '" + *s + "'?";
        else message += "; expected [exhibit], [theme] or [[item]]";
        report(Severity::error, pos_of(key.source()), std::move(message));
    }

    read_exhibit(root, ex);
    read_theme(root, ex.theme);

    std::vector<const toml::table*> tables;
    if (const toml::node* items = root.get("item")) {
        if (const toml::array* a = items->as_array()) {
            for (const toml::node& e : *a) {
                if (const toml::table* t = e.as_table()) tables.push_back(t);
                else report(Severity::error, pos_of(e), "each item must be a table written [[item]], got " + describe(e));
            }
        } else if (items->is_table()) {
            report(Severity::error, pos_of(*items), "write each item as [[item]] with two brackets; [item] makes a single table, not a list of items");
        } else {
            report(Severity::error, pos_of(*items), "'item' must be a list of tables, each written [[item]], got " + describe(*items));
        }
    }
    if (tables.empty() && !root.contains("item")) {
        report(Severity::error, SourcePos{}, "the playlist is empty: add an [[item]]");
        return playlist;
    }

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
                report(Severity::error, e.pos,
                       e.id.empty() ? std::string("an item id cannot be empty; leave 'id' out to have one made (") + generated + ")"
                                    : "item id " + in_quotes(e.id) + " may use only lowercase letters a-z, digits, '-' and '_'; it has " +
                                          describe_char(bad),
                       generated);
            } else if (auto it = first_with_id.find(e.id); it != first_with_id.end()) {
                e.failed = true;
                report(Severity::error, e.pos,
                       "duplicate id " + in_quotes(e.id) + ": the item at line " +
                           std::to_string(prepared_.original(pos_of(*tables[it->second])).line) +
                           " already has it; ids must be unique",
                       e.id);
                label_id = e.id;
            } else {
                label_id = e.id;
            }
        } else if (e.failed) {
            report(Severity::error, e.pos,
                   "'id' must be text in quotes like \"welcome\" (lowercase letters, digits, '-' and '_'), got " +
                       describe(*tables[i]->get("id")),
                   generated);
        }
        if (!first_with_id.contains(label_id)) first_with_id.emplace(label_id, i);
        final_ids[i] = label_id;
    }

    std::set<std::string> kept;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (auto item = read_item(*tables[i], final_ids[i], ids[i].failed, ex)) {
            kept.insert(item->id);
            playlist.items.push_back(std::move(*item));
        }
    }

    if (!ex.start_id.empty()) {
        const toml::node& start = *root.get("exhibit")->as_table()->get("start");
        if (!first_with_id.contains(ex.start_id)) {
            std::vector<std::string_view> known;
            for (const auto& [id, index] : first_with_id) known.push_back(id);
            std::string message = "'start' names item " + in_quotes(ex.start_id) + ", but no item has that id";
            if (auto s = did_you_mean(ex.start_id, known)) message += "; did you mean \"" + *s + "\"?";
            else message += "; the show starts with the first item";
            report(Severity::error, pos_of(start), std::move(message));
            ex.start_id.clear();
        } else if (!kept.contains(ex.start_id)) {
            report(Severity::warning, pos_of(start),
                   "'start' names item " + in_quotes(ex.start_id) + ", which has errors and is left out; the show starts with the first playable item");
            ex.start_id.clear();
        }
    }
    if (playlist.items.empty()) {
        report(Severity::error, SourcePos{}, "the playlist has no playable items");
    }
    return playlist;
}

void sort_in_file_order(std::vector<Diagnostic>& ds) {
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        auto key = [](const Diagnostic& d) {
            // Whole-file findings (line 0) come last: they sum up the rest.
            return std::make_pair(d.line == 0 ? std::numeric_limits<int>::max() : d.line, d.column);
        };
        return key(a) < key(b);
    });
}

LoadOutcome unusable(const fs::path& path, SourcePos pos, std::string message) {
    LoadOutcome out;
    out.diagnostics.push_back(Diagnostic{Severity::error, path.string(), pos.line, pos.column, std::move(message), {}});
    return out;
}

std::string size_text(std::uintmax_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string too_big_message(std::uintmax_t size, std::size_t limit) {
    return "the playlist is " + std::to_string(size) + " bytes; the limit is " + size_text(limit) +
           " (a playlist holds text and file names; put long texts in fewer words or split the exhibit)";
}

}  // namespace

LoadOutcome parse_playlist(std::string_view toml_text, const fs::path& path, const LoadOptions& options) {
    if (toml_text.size() > options.max_file_bytes) {
        return unusable(path, {}, too_big_message(toml_text.size(), options.max_file_bytes));
    }
    if (auto bad = find_invalid_utf8(toml_text)) {
        // Show what comes before the bad byte on its line, so the place can be found in any editor.
        const std::size_t line_start = toml_text.rfind('\n', bad->offset == 0 ? 0 : bad->offset - 1);
        const std::size_t from = (line_start == std::string_view::npos || bad->offset == 0) ? 0 : line_start + 1;
        std::string before(toml_text.substr(from, bad->offset - from));
        const std::string_view b = before;
        const std::size_t skip = b.size() > 60 ? b.size() - 60 : 0;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", bad->byte);
        return unusable(path, {bad->line, bad->column},
                        std::string("the playlist is not valid UTF-8: byte ") + hex + " after " +
                            in_quotes(trim(b.substr(skip))) +
                            " is not part of any character; save the file with the UTF-8 encoding");
    }
    if (auto deep = find_key_deeper_than(toml_text, kMaxKeyDepth)) {
        return unusable(path, {deep->line, deep->column},
                        "keys may be nested at most " + std::to_string(kMaxKeyDepth) + " levels deep; " +
                            in_quotes(deep->preview) + " goes " + std::to_string(deep->depth) + " levels deep");
    }
    auto prepared = prepare_toml(toml_text);
    if (!prepared) {
        return unusable(path, {prepared.error().line, prepared.error().column},
                        "this is not valid TOML: " + prepared.error().message);
    }
    toml::parse_result parsed = toml::parse(prepared->text(), std::string_view(path.string()));
    if (!parsed) {
        const toml::parse_error& e = parsed.error();
        std::string description(e.description());
        if (!description.empty()) description[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
        std::string message = "this is not valid TOML: " + description;
        if (description.find("could not determine value type") != std::string::npos) {
            message += " (text must be in quotes, like title = \"Our doors are open\")";
        }
        return unusable(path, prepared->original(pos_of(e.source())), std::move(message));
    }
    Loader loader(path, options, *prepared);
    LoadOutcome out;
    out.playlist = loader.load(parsed.table());
    out.diagnostics = loader.take_diagnostics();
    sort_in_file_order(out.diagnostics);
    return out;
}

LoadOutcome load_playlist(const fs::path& file, const LoadOptions& options) {
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (!fs::exists(st)) return unusable(file, {}, "cannot open the playlist: no such file");
    if (fs::is_directory(st)) return unusable(file, {}, "this is a folder; expected a playlist file (.toml)");
    const auto size = fs::file_size(file, ec);
    if (ec) return unusable(file, {}, "cannot read the playlist: " + ec.message());
    if (size > options.max_file_bytes) return unusable(file, {}, too_big_message(size, options.max_file_bytes));
    std::ifstream in(file, std::ios::binary);
    if (!in) return unusable(file, {}, "cannot open the playlist: " + std::error_code(errno, std::generic_category()).message());
    // Read in chunks up to one byte past the limit: the file may have grown since it was measured.
    constexpr std::size_t kChunkBytes = 64 * 1024;
    std::string text;
    while (in && text.size() <= options.max_file_bytes) {
        const std::size_t old_size = text.size();
        text.resize(old_size + kChunkBytes);
        in.read(text.data() + old_size, static_cast<std::streamsize>(kChunkBytes));
        text.resize(old_size + static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return unusable(file, {}, "cannot read the playlist: " + std::error_code(errno, std::generic_category()).message());
    return parse_playlist(text, file, options);
}

}  // namespace vitrine::core
