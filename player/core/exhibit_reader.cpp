#include "core/exhibit_reader.hpp"

#include "core/contrast.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

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

}  // namespace

void ExhibitReader::read_exhibit(const toml::table& root, Exhibit& ex) {
    const toml::node* n = root.get("exhibit");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
        reader_.report(Severity::error, pos_of(*n), "'exhibit' must be a table, written [exhibit] on a line of its own, got " + describe(*n));
        return;
    }
    Section s{*t, "[exhibit]", ""};
    reader_.check_keys(s, kExhibitKeys);
    if (auto title = reader_.read_string(s, "title", "text in quotes")) ex.title = trim(*title);
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
