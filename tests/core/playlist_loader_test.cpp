// The playlist loader: whole-file findings (syntax, encoding, size, nesting), the exhibit
// settings, fonts, and the order of diagnostics.
#include <doctest/doctest.h>

#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST_CASE("a good playlist loads with every default filled in and nothing to report") {
    const auto out = parse(R"(
[exhibit]
title = "Open doors"
duration = "12s"
transition = "fade"

[[item]]
id = "welcome"
kind = "statement"
title = "Our doors are open"
text = """
This is a work in progress.
Come often.

Our doors are open."""
signed = "The Chairperson"

[[item]]
kind = "list"
title = "Reading"
items = ["On Authority", "Women and Communism"]
transition = "slide"

[[item]]
kind = "image"
file = "../images/valid-64x48.jpg"
fit = "cover"
caption = "A test pattern."
pan_zoom = { from = { x = 0.2, y = 0.3, zoom = 1.0 }, to = { x = 0.6, zoom = 2 } }
duration = 8

[[item]]
id = "talk"
kind = "video"
file = "media/clip.mp4"
volume = 0.5
start = "1m30s"
end = "2m"
captions = { en = "media/clip.en.srt", pt = "media/clip.pt.vtt" }
transition = "cut"
)");
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    CHECK(out.diagnostics.empty());
    REQUIRE(out.playlist);
    const Playlist& p = *out.playlist;
    CHECK(p.exhibit.title == "Open doors");
    CHECK(p.exhibit.language == "en");
    CHECK(p.exhibit.default_duration == 12s);
    CHECK(p.exhibit.transition.kind == TransitionKind::fade);
    CHECK(p.exhibit.transition.duration == 800ms);
    CHECK(p.exhibit.exit_keys == KeyChord{true, true, false, "Q"});
    CHECK(p.exhibit.theme.body_font == kFonts / "DejaVuSerif.ttf");
    CHECK(p.exhibit.theme.ui_font == kFonts / "DejaVuSans.ttf");
    CHECK(ids_of(out) == std::vector<std::string>{"welcome", "item-2", "item-3", "talk"});

    const auto& st = std::get<StatementItem>(p.items[0].body);
    CHECK(st.paragraphs == std::vector<std::string>{"This is a work in progress. Come often.", "Our doors are open."});
    CHECK(st.signed_by == "The Chairperson");
    CHECK(p.items[0].pos.line == 6);
    CHECK(p.items[0].pos.column == 1);
    CHECK_FALSE(p.items[0].duration);
    CHECK_FALSE(p.items[0].transition);

    REQUIRE(p.items[1].transition);
    CHECK(p.items[1].transition->kind == TransitionKind::slide);
    CHECK(p.items[1].transition->duration == 800ms);
    CHECK(std::get<ListItem>(p.items[1].body).entries.size() == 2);

    const auto& im = std::get<ImageItem>(p.items[2].body);
    CHECK(im.file == (kFixtures / "../images/valid-64x48.jpg").lexically_normal());
    CHECK(im.fit == Fit::cover);
    REQUIRE(im.pan_zoom);
    CHECK(im.pan_zoom->start == Framing{0.2, 0.3, 1.0});
    CHECK(im.pan_zoom->end == Framing{0.6, 0.5, 2.0});
    CHECK(p.items[2].duration == 8s);

    const auto& v = std::get<VideoItem>(p.items[3].body);
    CHECK(p.items[3].until_end);
    CHECK(v.clip.volume == 0.5);
    CHECK(v.clip.start == 90s);
    CHECK(v.clip.end == 120s);
    CHECK(v.clip.captions.size() == 2);
    CHECK(v.clip.captions.at("pt") == (kFixtures / "media/clip.pt.vtt"));
    REQUIRE(p.items[3].transition);
    CHECK(p.items[3].transition->kind == TransitionKind::cut);
    CHECK(p.items[3].transition->duration == 0ms);
}

TEST_CASE("text that is not TOML is refused with toml++'s position and description") {
    const auto out = parse(R"(
[[item]]
kind = "text"
title = Our doors are open
)");
    CHECK_FALSE(out.playlist);
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 3);
    CHECK(d.column == 9);
    CHECK(contains(d.message, "this is not valid TOML"));
    CHECK(contains(d.message, "text must be in quotes"));
    CHECK(format(d).starts_with(kPlaylist.string() + ":3:9: error: "));
}

TEST_CASE("an empty playlist is an error that says to add an item") {
    SUBCASE("an empty file") {
        const auto out = parse("");
        REQUIRE(out.playlist);
        CHECK(out.playlist->items.empty());
        const Diagnostic& d = only_error(out);
        CHECK(d.message == "the playlist is empty: add an [[item]]");
        CHECK(d.line == 0);
    }
    SUBCASE("only comments and an exhibit") {
        const auto out = parse("# nothing yet\n[exhibit]\ntitle = \"Soon\"\n");
        CHECK(only_error(out).message == "the playlist is empty: add an [[item]]");
        CHECK(out.playlist->exhibit.title == "Soon");
    }
}

TEST_CASE("exit keys without Ctrl or Alt are refused so a visitor cannot leave") {
    std::string keys;
    SUBCASE("Escape") { keys = "Escape"; }
    SUBCASE("Shift+Q") { keys = "Shift+Q"; }
    CAPTURE(keys);
    const auto out = parse(around("\n[exhibit]\nexit_keys = \"" + keys + "\"\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 2);
    CHECK(d.column == 13);
    CHECK(contains(d.message, "must include Ctrl or Alt"));
    CHECK(contains(d.message, "got \"" + keys + "\"; keeping Ctrl+Alt+Q"));
    CHECK(out.playlist->exhibit.exit_keys == KeyChord{true, true, false, "Q"});
    CHECK(ids_of(out).size() == 2);
}

TEST_CASE("exit keys with a modifier are taken") {
    const auto good = parse(around("\n[exhibit]\nexit_keys = \"Ctrl+Shift+F12\"\n"));
    CHECK(good.diagnostics.empty());
    CHECK(good.playlist->exhibit.exit_keys == KeyChord{true, false, true, "F12"});
}

TEST_CASE("keys nested deeper than 8 levels are refused before toml++ builds them") {
    SUBCASE("a dotted key") {
        const auto out = parse("[[item]]\nkind = \"text\"\ntext = \"x\"\n  a.b.c.d.e.f.g.h = 1\n");
        CHECK_FALSE(out.playlist);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 4);
        CHECK(d.column == 3);
        CHECK(d.message == "keys may be nested at most 8 levels deep; \"a.b.c.d.e.f.g.h\" goes 9 levels deep");
    }
    SUBCASE("a dotted key with a hundred thousand parts") {
        std::string text = "x = 1\nk";
        for (int i = 0; i < 100000; ++i) text += ".k";
        text += " = 1\n";
        const auto out = parse_playlist(text, kPlaylist, options());
        CHECK_FALSE(out.playlist);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 2);
        CHECK(d.column == 1);
        CHECK(d.message.starts_with("keys may be nested at most 8 levels deep; \"k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.k.…\""));
        CHECK(d.message.ends_with(" goes 100001 levels deep"));
    }
    SUBCASE("a table header and inline tables count together") {
        const auto out = parse("[a.b.c.d]\ne = { f = { g = { h = { i = 1 } } } }\n");
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 2);
        CHECK(d.column == 25);
        CHECK(contains(d.message, "\"i\" goes 9 levels deep"));
    }
    SUBCASE("the deepest key the format uses is fine") {
        const auto out = parse("[[item]]\nkind = \"image\"\nfile = \"../images/valid-64x48.jpg\"\npan_zoom.from.x = 0.1\n");
        CHECK(out.diagnostics.empty());
    }
}

TEST_CASE("a playlist bigger than the limit is refused") {
    LoadOptions o = options();
    o.max_file_bytes = 64;
    SUBCASE("as text") {
        const auto out = parse_playlist(std::string(65, '#'), kPlaylist, o);
        CHECK_FALSE(out.playlist);
        CHECK(only_error(out).message.starts_with("the playlist is 65 bytes; the limit is 64 bytes"));
    }
    SUBCASE("as a file") {
        const auto out = load_playlist(kFixtures / "not-utf8.toml", o);
        CHECK_FALSE(out.playlist);
        CHECK(only_error(out).message.starts_with("the playlist is 199 bytes; the limit is 64 bytes"));
    }
}

TEST_CASE("a playlist file that cannot be opened is refused") {
    SUBCASE("no such file") {
        const auto out = load_playlist(kFixtures / "no-such.toml", options());
        CHECK_FALSE(out.playlist);
        CHECK(only_error(out).message == "cannot open the playlist: no such file");
    }
    SUBCASE("a folder") {
        const auto out = load_playlist(kFixtures / "media", options());
        CHECK(only_error(out).message == "this is a folder; expected a playlist file (.toml)");
    }
}

TEST_CASE("diagnostics come in file order whatever check found them") {
    const auto out = parse(R"(
[exhibit]
start = "nowhere"
[theme]
text = "#12"
[[item]]
kind = "text"
text = "x"
duration = -1
[[item]]
kind = "text"
text = "y"
)");
    REQUIRE(out.diagnostics.size() == 3);
    CHECK(out.diagnostics[0].line == 2);
    CHECK(out.diagnostics[1].line == 4);
    CHECK(out.diagnostics[2].line == 8);
}

TEST_CASE("theme fonts are found next to the playlist, then in the fonts folder") {
    SUBCASE("a font of the fonts folder") {
        const auto out = parse("[theme]\nbody_font = \"DejaVuSans.ttf\"\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(out.diagnostics.empty());
        CHECK(out.playlist->exhibit.theme.body_font == kFonts / "DejaVuSans.ttf");
    }
    SUBCASE("a missing font: reported with a close name, the default kept") {
        const auto out = parse("[theme]\nbody_font = \"DejaVuSerif.otf\"\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 2);
        CHECK(d.column == 13);
        CHECK(contains(d.message, "font \"DejaVuSerif.otf\" not found in the playlist's folder"));
        CHECK(contains(d.message, "did you mean \"DejaVuSerif.ttf\"?"));
        CHECK(out.playlist->exhibit.theme.body_font == kFonts / "DejaVuSerif.ttf");
        CHECK(ids_of(out).size() == 1);
    }
    SUBCASE("a font the probe refuses") {
        LoadOptions o = options();
        o.probe_font = [](const fs::path& f) {
            return f.filename() == "DejaVuSerif-Bold.ttf" ? std::string("not a TrueType font") : std::string();
        };
        const auto out = parse("[theme]\nheading_font = \"DejaVuSerif-Bold.ttf\"\n[[item]]\nkind = \"text\"\ntext = \"x\"\n", o);
        CHECK(only_error(out).message ==
              "font \"DejaVuSerif-Bold.ttf\" cannot be used: not a TrueType font; using DejaVuSans-Bold.ttf");
        CHECK(out.playlist->exhibit.theme.heading_font == kFonts / "DejaVuSans-Bold.ttf");
    }
}

TEST_CASE("a continued line that begins with an accented or Cyrillic letter loads, with true positions after it") {
    // toml++ 3.3 has undefined behaviour on exactly this text; the loader applies the backslash itself.
    const auto out = parse(R"(
[[item]]
id = "pt"
kind = "text"
text = """Nós dissemos: \
    É preciso; \
    Проект Конституции."""
duration = 0
)");
    const auto es = errors_of(out);
    REQUIRE(es.size() == 2);  // the item, then "no playable items"
    CHECK(es[0]->line == 7);
    CHECK(es[0]->column == 12);
    CHECK(es[0]->message == "'duration' must be longer than zero, got 0");
    SUBCASE("and the text is joined") {
        const auto good = parse("[[item]]\nkind = \"text\"\ntext = \"\"\"Nós \\\n   É \\\n Проект\"\"\"\n");
        REQUIRE(good.playlist);
        REQUIRE(good.playlist->items.size() == 1);
        CHECK(std::get<TextItem>(good.playlist->items[0].body).paragraphs[0] == "Nós É Проект");
    }
}

TEST_CASE("a key with accents outside quotes is refused before toml++ sees it") {
    const auto out = parse("[[item]]\nkind = \"text\"\ntext = \"x\"\ntítulo = \"y\"\n");
    CHECK_FALSE(out.playlist);
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 4);
    CHECK(d.column == 2);
    CHECK(d.message.starts_with("this is not valid TOML: unexpected 'í' (U+00ED) outside quotes"));
}
