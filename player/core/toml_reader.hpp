#pragma once
// Internal to the playlist loader (included only by its .cpp files): the typed value readers that
// turn a toml++ node into a value or a Diagnostic, and the list of diagnostics they fill.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostic.hpp"
#include "core/playlist.hpp"
#include "core/toml_prepass.hpp"

namespace vitrine::core::detail {

// A table being read: where findings about it go, and whether one was an error.
struct Section {
    const toml::table& table;
    std::string label;     // "item 'engels'", "[exhibit]", "pan_zoom of item 'x'": for messages
    std::string item_id;   // empty for exhibit-wide sections
    bool failed = false;   // an error was reported (an item is then left out)
};

// Reads typed values out of Sections and collects every finding. Positions given to it are in
// toml++'s coordinates; it reports them in the curator's (through `prepared`). Not thread-safe;
// `prepared` must outlive it.
class TomlReader {
public:
    TomlReader(std::string path_text, const PreparedToml& prepared)
        : path_text_(std::move(path_text)), prepared_(prepared) {}

    // The diagnostics so far, in the order reported; leaves none behind.
    std::vector<Diagnostic> take_diagnostics() { return std::move(diagnostics_); }
    // The curator's position for a position in toml++'s coordinates.
    SourcePos original(SourcePos pos) const { return prepared_.original(pos); }

    // --- reporting ----------------------------------------------------------------------------
    void report(Severity severity, SourcePos pos, std::string message, std::string item_id = {});
    // A finding about another file (a caption file), kept as it is.
    void add(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
    // An error about `s`: marks it failed.
    void error(Section& s, SourcePos pos, std::string message);
    void warning(Section& s, SourcePos pos, std::string message);
    // "'key' must be <expected>, got <what n is>", as an error.
    void type_error(Section& s, std::string_view key, const toml::node& n, std::string_view expected);

    // Reports every key of `s` that is not in `allowed`, with a suggestion. `kind` (an item's kind)
    // adds "image items have a 'caption'" when an item uses another kind's key.
    void check_keys(Section& s, std::span<const std::string_view> allowed, std::string_view kind = {});

    // --- typed values (nullopt: absent, or wrong and reported) --------------------------------
    std::optional<std::string> read_string(Section& s, std::string_view key, std::string_view expected);
    // Visitor-visible text: trimmed, not empty; its position is recorded (see text_positions()).
    std::optional<std::string> read_text(Section& s, std::string_view key);
    std::optional<bool> read_bool(Section& s, std::string_view key);
    // A number from lo to hi; `unit` follows the range in messages (" inches").
    std::optional<double> read_number(Section& s, std::string_view key, double lo, double hi, std::string_view unit);
    // A duration (string or bare number of seconds); `allow_zero` for clip start points.
    std::optional<Millis> read_duration(Section& s, std::string_view key, bool allow_zero);
    // One of `choices`; `what` names it in messages ("transition").
    std::optional<std::string> read_choice(Section& s, std::string_view key, std::span<const std::string_view> choices,
                                           std::string_view what);
    // "#RRGGBB" or "#RGB". A wrong colour is reported and nullopt.
    std::optional<Color> read_color(Section& s, std::string_view key);
    // A language code of the node `n` found under `key`.
    std::optional<std::string> read_language(Section& s, const toml::node& n, std::string_view key);
    // Paragraphs from `paragraphs` (array) or `text` (string split on blank lines); each recorded.
    std::optional<std::vector<std::string>> read_paragraphs(Section& s, std::string_view kind, bool required);
    // A non-empty list of non-empty texts; each recorded.
    std::optional<std::vector<std::string>> read_string_list(Section& s, std::string_view key);
    // `transition` and `transition_duration` over `inherited`; nullopt when neither is given.
    std::optional<Transition> read_transition(Section& s, const Transition& inherited);

    // --- visitor-visible texts of the item being read, with where they were written ------------
    // (for the glyph check, which names the place of a text a font cannot show)
    void record_text(std::string text, SourcePos pos) { text_positions_.emplace_back(std::move(text), pos); }
    const std::vector<std::pair<std::string, SourcePos>>& text_positions() const { return text_positions_; }
    void clear_text_positions() { text_positions_.clear(); }

private:
    std::string path_text_;
    const PreparedToml& prepared_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<std::pair<std::string, SourcePos>> text_positions_;
};

}  // namespace vitrine::core::detail
