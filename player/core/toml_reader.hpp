#pragma once
// Internal to the playlist loader (included only by its .cpp files): the typed value readers that
// turn a toml++ node into a value or a Diagnostic, and the list of diagnostics they fill.
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostic.hpp"
#include "core/local_value.hpp"
#include "core/playlist.hpp"
#include "core/toml_prepass.hpp"

namespace vitrine::core::detail {

// A table being read: where findings about it go, and whether one was an error. (Not the menu's
// core::Section: within this namespace, that one is always written core::Section.)
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

    // How many diagnostics there are so far: a mark for the two below.
    std::size_t diagnostic_count() const { return diagnostics_.size(); }
    // Removes each diagnostic after `mark` that repeats one after `mark` (same severity, place and
    // message): an item read in several languages meets its shared values once per language.
    void drop_repeats_since(std::size_t mark);
    // "line 14: <message>" for the first error after `mark`; "" when there is none.
    std::string first_error_since(std::size_t mark) const;
    // The same for the first error about the item `item_id`.
    std::string first_error_about(std::string_view item_id) const;

    // Reports every key of `s` that is not in `allowed`, with a suggestion. `kind` (an item's kind)
    // adds "image items have a 'caption'" when an item uses another kind's key. `unlisted` keys are
    // allowed and suggested, but not listed among what `s` has.
    void check_keys(Section& s, std::span<const std::string_view> allowed, std::string_view kind = {},
                    std::span<const std::string_view> unlisted = {});

    // --- languages --------------------------------------------------------------------------------
    // The exhibit's languages (the default among them), for localizable values read after this.
    void set_languages(std::string default_language, std::vector<std::string> languages);
    const std::string& default_language() const { return default_language_; }
    const std::vector<std::string>& languages() const { return languages_; }
    // "en, pt" for messages.
    std::string languages_text() const;

    // Reads one written value: the node, its name for messages ("title", or "title.pt" for a
    // language's value), and the language it is in.
    using ReadLocal = std::function<void(const toml::node& value, const std::string& label, const std::string& language)>;
    // Calls `read` for the value of the localizable `key` of `s` in each language it is written in:
    // once, with the default language, for a plain value; once per code for a table of languages,
    // after checking that each code is one of the exhibit's languages (else an error at the code,
    // with a suggestion; that value is skipped) and that the default language is there (else
    // "'title' has no <what> in the default language 'en'" at the key). Records the key (see
    // local_keys()) with `in_body`. False when `s` has no `key`.
    bool for_each_language(Section& s, std::string_view key, std::string_view what, const ReadLocal& read,
                           bool in_body = true);

    // --- typed values (nullopt: absent, or wrong and reported) --------------------------------
    std::optional<std::string> read_string(Section& s, std::string_view key, std::string_view expected);
    // Visitor-visible text, in every language written: trimmed, not empty; positions recorded
    // (see text_positions()).
    LocalValue<std::string> read_text(Section& s, std::string_view key);
    // One such text: the node `n`, named `label` in messages.
    std::optional<std::string> text_of(Section& s, const toml::node& n, std::string_view label);
    std::optional<bool> read_bool(Section& s, std::string_view key);
    // A number from lo to hi; `unit` follows the range in messages (" inches").
    std::optional<double> read_number(Section& s, std::string_view key, double lo, double hi, std::string_view unit);
    // A duration (string or bare number of seconds); `allow_zero` for clip start points.
    std::optional<Millis> read_duration(Section& s, std::string_view key, bool allow_zero);
    // A duration of at least `lo` and, when given, at most `hi`; `why` follows the range in
    // messages (" (so that ...)"). Out of range: reported, nullopt.
    std::optional<Millis> read_duration_between(Section& s, std::string_view key, Millis lo, std::optional<Millis> hi,
                                                std::string_view why);
    // One of `choices`; `what` names it in messages ("transition").
    std::optional<std::string> read_choice(Section& s, std::string_view key, std::span<const std::string_view> choices,
                                           std::string_view what);
    // "#RRGGBB" or "#RGB". A wrong colour is reported and nullopt.
    std::optional<Color> read_color(Section& s, std::string_view key);
    // A language code of the node `n` found under `key`.
    std::optional<std::string> read_language(Section& s, const toml::node& n, std::string_view key);
    // Paragraphs from `paragraphs` (array) or `text` (string split on blank lines), in every
    // language written; each recorded.
    LocalValue<std::vector<std::string>> read_paragraphs(Section& s, std::string_view kind, bool required);
    // A non-empty list of non-empty texts, in every language written; each recorded.
    LocalValue<std::vector<std::string>> read_string_list(Section& s, std::string_view key);
    // `transition` and `transition_duration` over `inherited`; nullopt when neither is given.
    std::optional<Transition> read_transition(Section& s, const Transition& inherited);

    // --- what was read of the item being read -------------------------------------------------
    // Visitor-visible texts with where they were written (for the glyph check, which names the
    // place of a text a font cannot show).
    void record_text(std::string text, SourcePos pos) { text_positions_.emplace_back(std::move(text), pos); }
    const std::vector<std::pair<std::string, SourcePos>>& text_positions() const { return text_positions_; }
    // Localizable keys read, in the order read (for translations and missing translations).
    void record_local_key(LocalKey key) { local_keys_.push_back(std::move(key)); }
    const std::vector<LocalKey>& local_keys() const { return local_keys_; }
    // The keys recorded after the first `mark` ones, taken out (a link's, read inside its item).
    std::vector<LocalKey> take_local_keys_from(std::size_t mark);
    // Forgets both records: a new item (or section) begins.
    void clear_records() {
        text_positions_.clear();
        local_keys_.clear();
    }

private:
    std::string path_text_;
    const PreparedToml& prepared_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<std::pair<std::string, SourcePos>> text_positions_;
    std::vector<LocalKey> local_keys_;
    std::string default_language_ = "en";
    std::vector<std::string> languages_{"en"};

    // One list entry after another of the node `n` (named `label`), each with its position.
    std::optional<std::vector<std::pair<std::string, SourcePos>>> list_entries(Section& s, const toml::node& n,
                                                                              std::string_view label);
};

// The missing translations of `key` (written by `owner`: "item 'welcome'") among `languages`, the
// default language (first) excluded; none for a plain value.
void add_missing_translations(std::vector<MissingTranslation>& out, const LocalKey& key, const std::string& owner,
                              const std::vector<std::string>& languages);

}  // namespace vitrine::core::detail
