#include "core/exhibit_reader.hpp"

#include "core/contrast.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/did_you_mean.hpp"
#include "core/duration_parser.hpp"
#include "core/key_chord.hpp"
#include "core/message_text.hpp"
#include "core/playlist_keys.hpp"
#include "core/value_syntax.hpp"

namespace vitrine::core::detail {
namespace {

namespace fs = std::filesystem;

constexpr double kMinDiagonalInches = 5.0, kMaxDiagonalInches = 500.0;  // a phone to a video wall
constexpr double kMinViewingMetres = 0.2, kMaxViewingMetres = 100.0;    // a touch table to a hall
constexpr double kMaxMargin = 0.25;  // a quarter of the shorter side on each edge leaves half the screen
constexpr double kTextContrast = 7.0;   // WCAG 1.4.6 for body text
constexpr double kLargeContrast = 4.5;  // WCAG 1.4.6 for large text (headings), and captions on a band
using namespace std::chrono_literals;
constexpr Millis kMinIdleReturn = 30s;       // visitor-experience.md: idle return no sooner than 30 s
constexpr Millis kMinControlsTimeout = 2s;   // shorter, and the controls fade before a finger reaches them
constexpr Millis kMaxControlsTimeout = 60s;  // longer, and they cover the item for good
constexpr Millis kMinStaffHold = 2s;         // shorter, and a visitor leaning on the corner starts it
constexpr Millis kMaxStaffHold = 30s;        // longer, and staff give up
constexpr std::size_t kMinPinDigits = 4, kMaxPinDigits = 8;  // guessable below 4; forgotten above 8

Corner corner_of(std::string_view name) {
    if (name == "top-right") return Corner::top_right;
    if (name == "bottom-left") return Corner::bottom_left;
    if (name == "bottom-right") return Corner::bottom_right;
    return Corner::top_left;
}

}  // namespace

void ExhibitReader::read_exhibit(const toml::table& root, Exhibit& ex) {
    read_exhibit_table(root, ex);
    if (ex.languages.empty()) ex.languages = {ex.language};
}

void ExhibitReader::read_exhibit_table(const toml::table& root, Exhibit& ex) {
    const toml::node* n = root.get("exhibit");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
        reader_.report(Severity::error, pos_of(*n), "'exhibit' must be a table, written [exhibit] on a line of its own, got " + describe(*n));
        return;
    }
    Section s{*t, "[exhibit]", ""};
    reader_.check_keys(s, kExhibitKeys);
    if (const toml::node* lang = t->get("language")) {
        if (auto l = reader_.read_language(s, *lang, "language")) ex.language = *l;
    }
    if (auto d = reader_.read_duration(s, "duration", false)) ex.default_duration = *d;
    if (auto v = reader_.read_number(s, "volume", 0.0, 1.0, " (0 = silent, 1 = as recorded)")) ex.volume = *v;
    if (const toml::node* lang = t->get("caption_language")) {
        if (auto l = reader_.read_language(s, *lang, "caption_language")) ex.caption_language = *l;
    }
    if (auto tr = reader_.read_transition(s, ex.transition)) ex.transition = *tr;
    if (auto keys = reader_.read_string(s, "exit_keys", "a key combination like \"Ctrl+Alt+Q\"")) {
        auto chord = parse_key_chord(*keys);
        if (chord) {
            ex.exit_keys = *chord;
        } else {
            reader_.error(s, pos_of(*t->get("exit_keys")),
                          chord.error().message + "; keeping " + to_string(ex.exit_keys));
        }
    }
    if (auto start = reader_.read_string(s, "start", "the id of an item in quotes")) ex.start_id = *start;

    if (const toml::node* l = t->get("languages")) read_languages(s, *l, ex);
    if (ex.languages.empty()) ex.languages = {ex.language};
    // The title may be written per language (it heads the menu), so it is read once they are known.
    reader_.set_languages(ex.language, ex.languages);
    if (const auto title = reader_.read_text(s, "title"); !title.empty()) {
        ex.title = title.in(ex.language);
        ex.titles = title.by_language;
    }
    if (const toml::node* names = t->get("language_names")) read_language_names(s, *names, ex);
    if (ex.languages.size() > 1) {
        // A code without a name shows as the code on its button: legible to staff, not to visitors.
        for (const auto& code : ex.languages) {
            if (language_name(ex, code) != code) continue;
            const auto where = language_pos_.find(code);
            reader_.warning(s, where != language_pos_.end() ? where->second : pos_of(*t),
                            "language " + in_quotes(code) + " has no name Vitrine knows, so its button would show " +
                                in_quotes(code) + "; give its name under [exhibit.language_names], like " + code +
                                " = \"…\"");
        }
    }
    if (auto d = reader_.read_duration_between(s, "idle_return", kMinIdleReturn, std::nullopt,
                                               " (a visitor still reading must not be sent back)")) {
        ex.idle_return = *d;
    }
    if (auto d = reader_.read_duration(s, "idle_warning", false)) {
        if (*d >= ex.idle_return) {
            reader_.error(s, pos_of(*t->get("idle_warning")),
                          "'idle_warning' (" + format_duration(*d) + ") must be shorter than 'idle_return' (" +
                              format_duration(ex.idle_return) + "): the warning shows that long before the return; keeping " +
                              format_duration(ex.idle_warning));
        } else {
            ex.idle_warning = *d;
        }
    }
    if (auto attract = reader_.read_string(s, "attract", "the id of a section in quotes")) {
        attract_ = Named{*attract, pos_of(*t->get("attract"))};
    }
    if (auto v = reader_.read_bool(s, "advance_while_engaged")) ex.advance_while_engaged = *v;
    if (auto d = reader_.read_duration_between(s, "controls_timeout", kMinControlsTimeout, kMaxControlsTimeout, "")) {
        ex.controls_timeout = *d;
    }
    if (const toml::node* staff = t->get("staff_exit")) read_staff_exit(s, *staff, ex);
    if (const toml::node* d = t->get("display")) {
        const toml::table* dt = d->as_table();
        if (!dt) {
            reader_.type_error(s, "display", *d, "a table, written [exhibit.display]");
        } else {
            Section ds{*dt, "[exhibit.display]", ""};
            reader_.check_keys(ds, kDisplayKeys);
            if (auto v = reader_.read_number(ds, "diagonal", kMinDiagonalInches, kMaxDiagonalInches, " inches")) {
                ex.display.diagonal_inches = *v;
            }
            if (auto v = reader_.read_number(ds, "viewing_distance", kMinViewingMetres, kMaxViewingMetres, " metres")) {
                ex.display.viewing_distance_m = *v;
            }
        }
    }
}

void ExhibitReader::read_languages(Section& s, const toml::node& n, Exhibit& ex) {
    const toml::array* a = n.as_array();
    if (!a) {
        reader_.type_error(s, "languages", n, "a list of language codes like [\"en\", \"pt\"]");
        return;
    }
    if (a->empty()) {
        reader_.error(s, pos_of(n), "'languages' is an empty list: give at least the exhibit's language, like [\"" + ex.language + "\"]");
        return;
    }
    std::vector<std::string> languages;
    std::size_t index = 0;
    for (const toml::node& e : *a) {
        ++index;
        if (!e.is_string() || !is_language_tag(e.as_string()->get())) {
            reader_.error(s, pos_of(e), "entry " + std::to_string(index) +
                                            " of 'languages' must be a language code like \"en\", \"pt\" or \"pt-BR\", got " +
                                            describe(e));
            continue;
        }
        const std::string& code = e.as_string()->get();
        if (std::find(languages.begin(), languages.end(), code) != languages.end()) {
            reader_.error(s, pos_of(e), "'languages' names " + in_quotes(code) + " twice");
            continue;
        }
        languages.push_back(code);
        language_pos_.emplace(code, pos_of(e));
    }
    const auto it = std::find(languages.begin(), languages.end(), ex.language);
    if (it == languages.end()) {
        reader_.error(s, pos_of(n), "'languages' must include the exhibit's 'language' " + in_quotes(ex.language) +
                                        ": visits start in it, and what is not translated is shown in it");
        languages.insert(languages.begin(), ex.language);
    } else {
        std::rotate(languages.begin(), it, it + 1);  // the default first, the others in the order written
    }
    ex.languages = std::move(languages);
}

void ExhibitReader::read_language_names(Section& s, const toml::node& n, Exhibit& ex) {
    const toml::table* t = n.as_table();
    if (!t) {
        reader_.type_error(s, "language_names", n, "a table, written [exhibit.language_names]");
        return;
    }
    Section ns{*t, "[exhibit.language_names]", ""};
    const std::vector<std::string_view> known(ex.languages.begin(), ex.languages.end());
    for (auto&& [key, value] : *t) {
        const std::string code(key.str());
        if (!contains(known, code)) {
            std::string message = "[exhibit.language_names] names " + in_quotes(code) + ", which is not one of the exhibit's languages (" +
                                  join(known) + ")";
            if (auto suggestion = did_you_mean(code, known)) message += "; did you mean \"" + *suggestion + "\"?";
            reader_.error(ns, pos_of(key.source()), std::move(message));
            continue;
        }
        if (!value.is_string()) {
            reader_.type_error(ns, code, value, "the language's own name in quotes, like pt = \"Português\"");
            continue;
        }
        const std::string name = trim(value.as_string()->get());
        if (name.empty()) {
            reader_.error(ns, pos_of(value), "'" + code + "' is empty: write the language's own name, like pt = \"Português\"");
            continue;
        }
        ex.language_names[code] = name;
        name_pos_[code] = pos_of(value);
    }
}

void ExhibitReader::read_staff_exit(Section& s, const toml::node& n, Exhibit& ex) {
    const toml::table* t = n.as_table();
    if (!t) {
        reader_.type_error(s, "staff_exit", n, "a table, written [exhibit.staff_exit]");
        return;
    }
    Section ss{*t, "[exhibit.staff_exit]", ""};
    reader_.check_keys(ss, kStaffExitKeys);
    StaffExit exit;
    if (auto c = reader_.read_choice(ss, "corner", kCornerNames, "corner")) exit.corner = corner_of(*c);
    if (auto h = reader_.read_duration_between(ss, "hold", kMinStaffHold, kMaxStaffHold,
                                               " (long enough that no visitor holds the corner by chance)")) {
        exit.hold = *h;
    }
    const toml::node* pin = t->get("pin");
    if (!pin) {
        reader_.error(ss, pos_of(*t), "[exhibit.staff_exit] needs 'pin': " + std::to_string(kMinPinDigits) + " to " +
                                          std::to_string(kMaxPinDigits) +
                                          " digits in quotes, like pin = \"2468\"; until then staff leave only with the exit keys");
        return;
    }
    const std::string expected = std::to_string(kMinPinDigits) + " to " + std::to_string(kMaxPinDigits) + " digits in quotes, like \"2468\"";
    if (!pin->is_string()) {
        reader_.type_error(ss, "pin", *pin, expected);
        return;
    }
    const std::string& digits = pin->as_string()->get();
    const bool all_digits = std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!all_digits || digits.size() < kMinPinDigits || digits.size() > kMaxPinDigits) {
        reader_.error(ss, pos_of(*pin), "'pin' must be " + expected + ", got " + in_quotes(digits) +
                                            "; until then staff leave only with the exit keys");
        return;
    }
    exit.pin = digits;
    ex.staff_exit = exit;
}

void ExhibitReader::check_language_names(const toml::table& root, const Exhibit& ex, GlyphCheck& glyphs) {
    if (ex.languages.size() < 2) return;
    const toml::table* t = root.get("exhibit") ? root.get("exhibit")->as_table() : nullptr;
    if (!t) return;  // several languages are only ever written in [exhibit]
    Section s{*t, "[exhibit]", ""};
    reader_.clear_records();
    Item names;  // the buttons' names, set like captions in the ui font
    for (const auto& code : ex.languages) {
        const std::string name = language_name(ex, code);
        const auto written = name_pos_.find(code);
        const auto listed = language_pos_.find(code);
        reader_.record_text(name, written != name_pos_.end() ? written->second
                                  : listed != language_pos_.end() ? listed->second
                                                                   : pos_of(*t));
        ImageItem button;
        button.caption = name;
        names.body = std::move(button);
        glyphs.check(s, names, ex.theme);
    }
    reader_.clear_records();
}

void ExhibitReader::read_theme(const toml::table& root, Theme& theme) {
    const fs::path fonts = options_.fonts_dir;
    theme.body_font = fonts / "DejaVuSerif.ttf";
    theme.heading_font = fonts / "DejaVuSans-Bold.ttf";
    theme.italic_font = fonts / "DejaVuSerif-Italic.ttf";
    theme.ui_font = fonts / "DejaVuSans.ttf";

    static const toml::table kEmpty;  // immutable: stands for an absent [theme]
    const toml::node* n = root.get("theme");
    const toml::table* t = n ? n->as_table() : &kEmpty;
    if (!t) {
        reader_.report(Severity::error, pos_of(*n), "'theme' must be a table, written [theme] on a line of its own, got " + describe(*n));
        t = &kEmpty;
    }
    Section s{*t, "[theme]", ""};
    reader_.check_keys(s, kThemeKeys);
    struct Slot {
        std::string_view key;
        Color* color;
    };
    for (const Slot& slot : {Slot{"background", &theme.background}, Slot{"text", &theme.text},
                             Slot{"heading", &theme.heading}, Slot{"accent", &theme.accent},
                             Slot{"muted", &theme.muted}}) {
        if (auto c = reader_.read_color(s, slot.key)) *slot.color = *c;
    }
    if (auto m = reader_.read_number(s, "margin", 0.0, kMaxMargin, " (a fraction of the shorter side of the screen)")) {
        theme.margin = *m;
    }
    theme.body_font = files_.read_font(s, "body_font", theme.body_font);
    theme.heading_font = files_.read_font(s, "heading_font", theme.heading_font);
    theme.italic_font = files_.read_font(s, "italic_font", theme.italic_font);
    theme.ui_font = files_.read_font(s, "ui_font", theme.ui_font);

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
            reader_.warning(s, pos_of(fg ? *fg : *bg),
                            "'" + std::string(p.key) + "' " + color_text(p.color) + " on 'background' " + color_text(theme.background) +
                                " has a contrast of " + buf + ":1; " + std::string(p.use) + " at least " +
                                number_text(p.needed) + ":1 to be read from a distance (WCAG 1.4.6)");
        }
    }
}

}  // namespace vitrine::core::detail
