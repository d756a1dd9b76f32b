#pragma once
// Helpers shared by the playlist loader's tests: inline TOML parsed "as" a fixture path, and
// ways to pick diagnostics out of an outcome.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/playlist_loader.hpp"

namespace vitrine::core::testing {

namespace fs = std::filesystem;


inline const fs::path kFixtures = fs::path(VITRINE_FIXTURES) / "playlists";
inline const fs::path kPlaylist = kFixtures / "test.toml";  // does not exist: inline texts are parsed "as" it
inline const fs::path kFonts = (fs::path(VITRINE_FIXTURES) / ".." / ".." / "fonts").lexically_normal();

inline LoadOptions options() {
    LoadOptions o;
    o.fonts_dir = kFonts;
    return o;
}

// The test's TOML starts on the line after R"( so that line 1 is the first line written.
inline std::string toml(std::string_view text) {
    if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
    return std::string(text);
}

inline LoadOutcome parse(std::string_view text, const LoadOptions& o = options()) {
    return parse_playlist(toml(text), kPlaylist, o);
}

inline std::vector<std::string> ids_of(const LoadOutcome& out) {
    std::vector<std::string> ids;
    if (out.playlist) {
        for (const auto& item : out.playlist->items) ids.push_back(item.id);
    }
    return ids;
}

inline std::vector<const Diagnostic*> errors_of(const LoadOutcome& out) {
    std::vector<const Diagnostic*> es;
    for (const auto& d : out.diagnostics) {
        if (d.severity == Severity::error) es.push_back(&d);
    }
    return es;
}

inline bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// The one error of `out`; fails the test when there is not exactly one.
inline const Diagnostic& only_error(const LoadOutcome& out) {
    const auto es = errors_of(out);
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    REQUIRE(es.size() == 1);
    return *es.front();
}

// Two good items around the one under test, so each test can check that they survive.
inline std::string around(std::string_view middle) {
    return toml(R"(
[[item]]
id = "before"
kind = "text"
text = "A panel that survives."
)") + toml(middle) +
           toml(R"(
[[item]]
id = "after"
kind = "text"
text = "Another panel that survives."
)");
}
// Lines taken by the first good item in around(): the item under test starts on line 5.
constexpr int kMiddle = 4;

// --- for the visitor-side tests (sections, links, languages, translations) -----------------

// One plain item, after an [exhibit] under test.
constexpr std::string_view kOneItem = "\n[[item]]\nkind = \"text\"\ntext = \"A panel.\"\n";

inline LoadOutcome with_exhibit(std::string_view exhibit, const LoadOptions& o = options()) {
    return parse(toml(exhibit) + toml(kOneItem), o);
}

inline const Item& item_named(const LoadOutcome& out, std::string_view id) {
    REQUIRE(out.playlist);
    const auto i = find_item(*out.playlist, id);
    REQUIRE(i);
    return out.playlist->items[*i];
}

// Three good items, then `rest` (which starts on line kAfterItems + 1).
inline std::string items_and(std::string_view rest) {
    return toml(R"(
[[item]]
id = "letter"
kind = "text"
text = "A letter."

[[item]]
id = "drawing"
kind = "image"
file = "../images/valid-64x48.jpg"

[[item]]
id = "speech"
kind = "text"
text = "A speech."
)") + toml(rest);
}
constexpr int kAfterItems = 14;

// The playlist line of line `in_rest` of items_and()'s `rest`.
inline int line(int in_rest) { return kAfterItems + in_rest; }

inline const fs::path kDrawing = (kFixtures / "../images/valid-64x48.jpg").lexically_normal();

inline std::vector<std::string> section_ids(const LoadOutcome& out) {
    std::vector<std::string> ids;
    for (const auto& s : out.playlist->sections) ids.push_back(s.id);
    return ids;
}

}  // namespace vitrine::core::testing
