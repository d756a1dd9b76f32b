// The playlist loader on languages and the visitor's side of [exhibit]: languages and their
// names, localizable values (a plain value or a table of languages) built into each item's body
// and translations, idle return, controls and the staff exit. Each rule an error at its line and
// column, the good parts kept. The missing translations: playlist_translations_test.cpp.
#include <doctest/doctest.h>

#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// --- [exhibit] -------------------------------------------------------------------------------

TEST_CASE("the exhibit's languages are always filled, the default first") {
    SUBCASE("not written: the exhibit's language alone") {
        const auto out = parse(toml(kOneItem));
        CHECK(out.playlist->exhibit.languages == std::vector<std::string>{"en"});
        const auto pt = with_exhibit("[exhibit]\nlanguage = \"pt\"\n");
        CHECK(pt.playlist->exhibit.languages == std::vector<std::string>{"pt"});
    }
    SUBCASE("written: the default moved first, the others in the order written") {
        const auto out = with_exhibit("[exhibit]\nlanguage = \"en\"\nlanguages = [\"pt\", \"en\", \"ru\"]\n");
        CHECK(out.diagnostics.empty());
        CHECK(out.playlist->exhibit.languages == std::vector<std::string>{"en", "pt", "ru"});
    }
}

TEST_CASE("a wrong list of languages is reported at its place and the rest of it kept") {
    std::string languages, message;
    std::vector<std::string> kept;
    int column = 0;
    SUBCASE("without the exhibit's language: it is added first") {
        languages = "[\"pt\"]", column = 13, kept = {"en", "pt"};
        message = "'languages' must include the exhibit's 'language' \"en\": visits start in it, and what is not translated is shown in it";
    }
    SUBCASE("a language twice") {
        languages = "[\"en\", \"pt\", \"pt\"]", column = 26, kept = {"en", "pt"};
        message = "'languages' names \"pt\" twice";
    }
    SUBCASE("a language's name instead of its code") {
        languages = "[\"en\", \"Portuguese\"]", column = 20, kept = {"en"};
        message = "entry 2 of 'languages' must be a language code like \"en\", \"pt\" or \"pt-BR\", got the text \"Portuguese\"";
    }
    SUBCASE("an empty list") {
        languages = "[]", column = 13, kept = {"en"};
        message = "'languages' is an empty list: give at least the exhibit's language, like [\"en\"]";
    }
    SUBCASE("one text, not a list") {
        languages = "\"en, pt\"", column = 13, kept = {"en"};
        message = "'languages' must be a list of language codes like [\"en\", \"pt\"], got the text \"en, pt\"";
    }
    CAPTURE(languages);
    const auto out = with_exhibit("[exhibit]\nlanguages = " + languages + "\n");
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 2);
    CHECK(d.column == column);
    CHECK(d.message == message);
    CHECK(out.playlist->exhibit.languages == kept);
    CHECK(ids_of(out).size() == 1);
}

TEST_CASE("language names must be for the exhibit's languages; a language without a known name is warned about") {
    SUBCASE("written names are kept, the built-in ones fill in") {
        const auto out = with_exhibit(R"(
[exhibit]
languages = ["en", "pt", "eo", "ru"]
[exhibit.language_names]
eo = "Esperanto"
pt = "Português do Brasil"
)");
        CHECK(out.diagnostics.empty());
        const Exhibit& ex = out.playlist->exhibit;
        CHECK(ex.language_names == std::map<std::string, std::string>{{"eo", "Esperanto"}, {"pt", "Português do Brasil"}});
        CHECK(language_name(ex, "pt") == "Português do Brasil");
        CHECK(language_name(ex, "ru") == "Русский");
    }
    SUBCASE("a language without a name: a warning at its code") {
        const auto out = with_exhibit("[exhibit]\nlanguages = [\"en\", \"pt\", \"eo\"]\n");
        REQUIRE(out.diagnostics.size() == 1);
        const Diagnostic& d = out.diagnostics[0];
        CHECK(d.severity == Severity::warning);
        CHECK(d.line == 2);
        CHECK(d.column == 26);
        CHECK(d.message ==
              "language \"eo\" has no name Vitrine knows, so its button would show \"eo\"; give its name under "
              "[exhibit.language_names], like eo = \"…\"");
    }
    std::string names, message;
    int column = 0;
    SUBCASE("a name for a language the exhibit does not offer") {
        names = "pr = \"Português\"", column = 1;
        message = "[exhibit.language_names] names \"pr\", which is not one of the exhibit's languages (en, pt); did you mean \"pt\"?";
    }
    SUBCASE("an empty name") {
        names = "pt = \" \"", column = 6;
        message = "'pt' is empty: write the language's own name, like pt = \"Português\"";
    }
    SUBCASE("a name that is not text") {
        names = "pt = 1", column = 6;
        message = "'pt' must be the language's own name in quotes, like pt = \"Português\", got the integer 1";
    }
    if (names.empty()) return;
    CAPTURE(names);
    const auto out = with_exhibit("[exhibit]\nlanguages = [\"en\", \"pt\"]\n[exhibit.language_names]\n" + names + "\n");
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 4);
    CHECK(d.column == column);
    CHECK(d.message == message);
    CHECK(out.playlist->exhibit.language_names.empty());
}

TEST_CASE("each language's name on its button is glyph-checked in the ui font") {
    LoadOptions o = options();
    o.has_glyph = [](const fs::path&, char32_t cp) { return cp < 0x3000; };
    SUBCASE("a built-in name: at the code") {
        const auto out = with_exhibit("[exhibit]\nlanguages = [\"en\", \"ja\"]\n", o);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 2);
        CHECK(d.column == 20);
        CHECK(d.message ==
              "the ui font DejaVuSans.ttf has no glyph for '日' (U+65E5), '本' (U+672C), '語' (U+8A9E) in \"日本語\"; set ui_font "
              "in [theme] to a font that has them");
    }
    SUBCASE("a written name: at the name") {
        const auto out = with_exhibit("[exhibit]\nlanguages = [\"en\", \"zh\"]\n[exhibit.language_names]\nzh = \"中文 (简体)\"\n", o);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 4);
        CHECK(d.column == 6);
        CHECK(d.message.starts_with("the ui font DejaVuSans.ttf has no glyph for '中' (U+4E2D)"));
    }
    SUBCASE("a single language has no button: not checked") {
        const auto out = with_exhibit("[exhibit]\nlanguage = \"ja\"\n", o);
        CHECK(out.diagnostics.empty());
    }
}

TEST_CASE("idle return, its warning, the controls' timeout and advancing while engaged are read within their ranges") {
    SUBCASE("defaults") {
        const auto out = parse(toml(kOneItem));
        const Exhibit& ex = out.playlist->exhibit;
        CHECK(ex.idle_return == 90s);
        CHECK(ex.idle_warning == 10s);
        CHECK(ex.controls_timeout == 5s);
        CHECK_FALSE(ex.advance_while_engaged);
        CHECK_FALSE(ex.staff_exit.has_value());
        CHECK_FALSE(ex.attract_section.has_value());
    }
    SUBCASE("written") {
        const auto out = with_exhibit(
            "[exhibit]\nidle_return = \"2m\"\nidle_warning = \"15s\"\ncontrols_timeout = 8\nadvance_while_engaged = true\n");
        CHECK(out.diagnostics.empty());
        const Exhibit& ex = out.playlist->exhibit;
        CHECK(ex.idle_return == 120s);
        CHECK(ex.idle_warning == 15s);
        CHECK(ex.controls_timeout == 8s);
        CHECK(ex.advance_while_engaged);
    }
    std::string lines, message;
    int line = 2, column = 0;
    SUBCASE("an idle return shorter than 30s") {
        lines = "idle_return = \"20s\"", column = 15;
        message = "'idle_return' must be at least 30s (a visitor still reading must not be sent back), got 20s";
    }
    SUBCASE("a warning as long as the idle return") {
        lines = "idle_return = \"1m\"\nidle_warning = \"1m\"", line = 3, column = 16;
        message = "'idle_warning' (1m) must be shorter than 'idle_return' (1m): the warning shows that long before the return; keeping 10s";
    }
    SUBCASE("a warning of zero") {
        lines = "idle_warning = 0", column = 16;
        message = "'idle_warning' must be longer than zero, got 0";
    }
    SUBCASE("controls that fade too soon") {
        lines = "controls_timeout = \"1s\"", column = 20;
        message = "'controls_timeout' must be from 2s to 1m, got 1s";
    }
    SUBCASE("advance_while_engaged in quotes") {
        lines = "advance_while_engaged = \"yes\"", column = 25;
        message = "'advance_while_engaged' must be true or false (without quotes), got the text \"yes\"";
    }
    if (lines.empty()) return;
    CAPTURE(lines);
    const auto out = with_exhibit("[exhibit]\n" + lines + "\n");
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line);
    CHECK(d.column == column);
    CHECK(d.message == message);
    const Exhibit& ex = out.playlist->exhibit;
    CHECK(ex.idle_return == (line == 3 ? 60s : 90s));
    CHECK(ex.idle_warning == 10s);
    CHECK(ex.controls_timeout == 5s);
    CHECK_FALSE(ex.advance_while_engaged);
}

TEST_CASE("the staff exit has a corner, a hold and a PIN of 4 to 8 digits") {
    SUBCASE("written in full") {
        const auto out = with_exhibit("[exhibit.staff_exit]\ncorner = \"bottom-right\"\nhold = \"3s\"\npin = \"024680\"\n");
        CHECK(out.diagnostics.empty());
        REQUIRE(out.playlist->exhibit.staff_exit);
        const StaffExit& exit = *out.playlist->exhibit.staff_exit;
        CHECK(exit.corner == Corner::bottom_right);
        CHECK(exit.hold == 3s);
        CHECK(exit.pin == "024680");
    }
    SUBCASE("only a PIN: the top left corner, held 5s") {
        const auto out = with_exhibit("[exhibit]\nstaff_exit = { pin = \"2468\" }\n");
        CHECK(out.diagnostics.empty());
        REQUIRE(out.playlist->exhibit.staff_exit);
        CHECK(out.playlist->exhibit.staff_exit->corner == Corner::top_left);
        CHECK(out.playlist->exhibit.staff_exit->hold == 5s);
    }
    std::string lines, message;
    int line = 0, column = 0;
    bool kept = false;  // the staff exit stays, with the default for the wrong key
    SUBCASE("a PIN as a number") {
        lines = "pin = 2468", line = 2, column = 7;
        message = "'pin' must be 4 to 8 digits in quotes, like \"2468\", got the integer 2468";
    }
    SUBCASE("a PIN with a letter") {
        lines = "pin = \"12a4\"", line = 2, column = 7;
        message = "'pin' must be 4 to 8 digits in quotes, like \"2468\", got \"12a4\"; until then staff leave only with the exit keys";
    }
    SUBCASE("a PIN too short") {
        lines = "pin = \"123\"", line = 2, column = 7;
        message = "'pin' must be 4 to 8 digits in quotes, like \"2468\", got \"123\"; until then staff leave only with the exit keys";
    }
    SUBCASE("no PIN") {
        lines = "corner = \"top-right\"", line = 1, column = 1;
        message = "[exhibit.staff_exit] needs 'pin': 4 to 8 digits in quotes, like pin = \"2468\"; until then staff leave only with the exit keys";
    }
    SUBCASE("an unknown corner") {
        lines = "corner = \"top-rigth\"\npin = \"2468\"", line = 2, column = 10, kept = true;
        message = "unknown corner \"top-rigth\"; did you mean \"top-right\"? (expected top-left, top-right, bottom-left or bottom-right)";
    }
    SUBCASE("a hold too short") {
        lines = "hold = \"1s\"\npin = \"2468\"", line = 2, column = 8, kept = true;
        message = "'hold' must be from 2s to 30s (long enough that no visitor holds the corner by chance), got 1s";
    }
    if (lines.empty()) return;
    CAPTURE(lines);
    const auto out = with_exhibit("[exhibit.staff_exit]\n" + lines + "\n");
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line);
    CHECK(d.column == column);
    CHECK(d.message == message);
    CHECK(out.playlist->exhibit.staff_exit.has_value() == kept);
    if (kept) {
        CHECK(out.playlist->exhibit.staff_exit->corner == Corner::top_left);
        CHECK(out.playlist->exhibit.staff_exit->hold == 5s);
    }
    CHECK(ids_of(out).size() == 1);
}

// --- localizable values ----------------------------------------------------------------------

TEST_CASE("values written per language build the default body and a translation per language, the default filling in") {
    const auto out = parse(R"(
[exhibit]
language = "en"
languages = ["en", "pt", "ru"]

[[item]]
id = "welcome"
kind = "text"
title = { en = "Our doors are open", pt = "As nossas portas estão abertas" }
text.en = "Come on in."
text.ru = """
Заходите.

Добро пожаловать."""

[[item]]
id = "plain"
kind = "text"
text = "Only in English."
)");
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    CHECK(out.diagnostics.empty());
    const Item& welcome = item_named(out, "welcome");
    CHECK(std::get<TextItem>(welcome.body).title == "Our doors are open");
    CHECK(std::get<TextItem>(welcome.body).paragraphs == std::vector<std::string>{"Come on in."});
    REQUIRE(welcome.translations.size() == 2);
    const auto& pt = std::get<TextItem>(welcome.translations.at("pt"));
    CHECK(pt.title == "As nossas portas estão abertas");
    CHECK(pt.paragraphs == std::vector<std::string>{"Come on in."});
    const auto& ru = std::get<TextItem>(welcome.translations.at("ru"));
    CHECK(ru.title == "Our doors are open");
    CHECK(ru.paragraphs == std::vector<std::string>{"Заходите.", "Добро пожаловать."});
    CHECK(std::get<TextItem>(body_in(welcome, "ru")).paragraphs.size() == 2);
    CHECK(item_named(out, "plain").translations.empty());
}

TEST_CASE("every kind's texts and files can be written per language") {
    const std::string exhibit = "[exhibit]\nlanguages = [\"en\", \"pt\"]\n[[item]]\nid = \"x\"\n";
    SUBCASE("excerpt") {
        const auto out = parse(exhibit + R"(kind = "excerpt"
heading = { en = "On authority", pt = "Da autoridade" }
text = { en = "Why do…", pt = """Porque é que…

…não se limitam""" }
from = "Almanacco Repubblicano"
by.pt = "Frederico Engels"
by.en = "Frederick Engels"
published = { en = "1874", pt = "1874" }
)");
        CHECK(out.diagnostics.empty());
        const auto& pt = std::get<ExcerptItem>(item_named(out, "x").translations.at("pt"));
        CHECK(pt.heading == "Da autoridade");
        CHECK(pt.text == "Porque é que…\n…não se limitam");
        CHECK(pt.from == "Almanacco Repubblicano");
        CHECK(pt.by == "Frederico Engels");
        CHECK(std::get<ExcerptItem>(item_named(out, "x").body).by == "Frederick Engels");
    }
    SUBCASE("article and statement") {
        const auto article = parse(exhibit + "kind = \"article\"\nheadline = { en = \"No cup\", pt = \"Não vai ter copa\" }\n"
                                             "paragraphs = { en = [\"One.\", \"Two.\"], pt = [\"Um.\"] }\nslogan.pt = \"#NãoVaiTerCopa\"\n"
                                             "slogan.en = \"#NoCup\"\n");
        CHECK(article.diagnostics.empty());
        const auto& a = std::get<ArticleItem>(item_named(article, "x").translations.at("pt"));
        CHECK(a.headline == "Não vai ter copa");
        CHECK(a.paragraphs == std::vector<std::string>{"Um."});
        CHECK(a.slogan == "#NãoVaiTerCopa");
        CHECK(std::get<ArticleItem>(item_named(article, "x").body).paragraphs.size() == 2);
        const auto statement = parse(exhibit + "kind = \"statement\"\ntitle = \"Open\"\ntext = \"Come in.\"\n"
                                               "signed = { en = \"The Chairperson\", pt = \"A Presidente\" }\n");
        CHECK(statement.diagnostics.empty());
        CHECK(std::get<StatementItem>(item_named(statement, "x").translations.at("pt")).signed_by == "A Presidente");
        CHECK(std::get<StatementItem>(item_named(statement, "x").translations.at("pt")).title == "Open");
    }
    SUBCASE("list entries") {
        const auto out = parse(exhibit + "kind = \"list\"\ntitle = { en = \"Reading\", pt = \"Leitura\" }\n"
                                         "items = { en = [\"On Authority\"], pt = [\"Da Autoridade\", \"O Estado\"] }\n");
        CHECK(out.diagnostics.empty());
        CHECK(std::get<ListItem>(item_named(out, "x").translations.at("pt")).entries ==
              std::vector<std::string>{"Da Autoridade", "O Estado"});
        CHECK(std::get<ListItem>(item_named(out, "x").body).entries == std::vector<std::string>{"On Authority"});
    }
    SUBCASE("an image's caption") {
        const auto out = parse(exhibit + "kind = \"image\"\nfile = \"../images/valid-64x48.jpg\"\ncaption.en = \"A drawing\"\n"
                                         "caption.pt = \"Um desenho\"\n");
        CHECK(out.diagnostics.empty());
        const auto& pt = std::get<ImageItem>(item_named(out, "x").translations.at("pt"));
        CHECK(pt.caption == "Um desenho");
        CHECK(pt.file == (kFixtures / "../images/valid-64x48.jpg").lexically_normal());
    }
    SUBCASE("a video's title and file") {
        const auto out = parse(exhibit + "kind = \"video\"\ntitle = { en = \"A talk\", pt = \"Uma palestra\" }\n"
                                         "file = { en = \"media/clip.mp4\", pt = \"media/clip.pt.mp4\" }\n");
        CHECK(out.diagnostics.empty());
        const Item& x = item_named(out, "x");
        CHECK(std::get<VideoItem>(x.body).clip.file == kFixtures / "media/clip.mp4");
        CHECK(std::get<VideoItem>(x.translations.at("pt")).clip.file == kFixtures / "media/clip.pt.mp4");
        CHECK(std::get<VideoItem>(x.translations.at("pt")).title == "Uma palestra");
        CHECK(x.until_end);
    }
    SUBCASE("an audio item's file, picture and transcript") {
        const auto out = parse(exhibit + R"(kind = "audio"
title = "Speech"
file.en = "media/clip.mp4"
file.pt = "media/clip.pt.mp4"
image = { pt = "../images/valid-64x48.png", en = "../images/valid-64x48.jpg" }
transcript = { en = "Comrades…", pt = "Camaradas…" }
)");
        CHECK(out.diagnostics.empty());
        const Item& x = item_named(out, "x");
        const auto& en = std::get<AudioItem>(x.body);
        const auto& pt = std::get<AudioItem>(x.translations.at("pt"));
        CHECK(en.clip.file == kFixtures / "media/clip.mp4");
        CHECK(pt.clip.file == kFixtures / "media/clip.pt.mp4");
        CHECK(en.image.filename() == "valid-64x48.jpg");
        CHECK(pt.image.filename() == "valid-64x48.png");
        CHECK(pt.transcript == "Camaradas…");
        CHECK(pt.title == "Speech");
    }
}

TEST_CASE("each language's file is checked like any file, at its own place") {
    LoadOptions o = options();
    std::vector<std::string> probed;
    o.probe_clip = [&](const fs::path& file) {
        probed.push_back(file.filename().string());
        return std::string{};
    };
    const auto out = parse("[exhibit]\nlanguages = [\"en\", \"pt\"]\n" + around(R"(
[[item]]
id = "talk"
kind = "audio"
title = "A talk"
file = { en = "media/clip.mp4", pt = "media/clip.pt.mp3" }
)"),
                           o);
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 2 + kMiddle + 5);
    CHECK(d.column == 38);
    CHECK(d.item_id == "talk");
    CHECK(d.message == "media file \"media/clip.pt.mp3\" not found (looked for " + (kFixtures / "media/clip.pt.mp3").string() +
                           "); did you mean \"media/clip.pt.mp4\"?");
    CHECK(probed == std::vector<std::string>{"clip.mp4"});
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("a table of languages may name only the exhibit's languages, and must hold the default") {
    std::string value, message;
    int column = 0;
    SUBCASE("a code close to one of them") {
        value = "title = { en = \"Documents\", pr = \"Documentos\" }", column = 29;
        message = "'title' is written in \"pr\", which is not one of the exhibit's languages (en, pt); did you mean \"pt\"?";
    }
    SUBCASE("another language") {
        value = "title = { en = \"Documents\", ru = \"Документы\" }", column = 29;
        message = "'title' is written in \"ru\", which is not one of the exhibit's languages (en, pt); add it to 'languages' in [exhibit]";
    }
    SUBCASE("as dotted keys") {
        value = "title.en = \"Documents\"\ntitle.pr = \"Documentos\"", column = 7;
        message = "'title' is written in \"pr\", which is not one of the exhibit's languages (en, pt); did you mean \"pt\"?";
    }
    SUBCASE("without the default language") {
        value = "title = { pt = \"Documentos\" }", column = 1;
        message = "'title' has no text in the default language 'en'";
    }
    SUBCASE("a value of the wrong type") {
        value = "title = { en = \"Documents\", pt = 3 }", column = 34;
        message = "'title.pt' must be text in quotes, got the integer 3";
    }
    SUBCASE("an empty value") {
        value = "title = { en = \"Documents\", pt = \"\" }", column = 34;
        message = "'title.pt' is empty: write the text between the quotes, or leave the key out";
    }
    SUBCASE("paragraphs of the wrong type") {
        value = "paragraphs = { en = [\"One.\"], pt = \"Um.\" }", column = 36;
        message = "'paragraphs.pt' must be a list of texts like [\"first\", \"second\"], got the text \"Um.\"";
    }
    CAPTURE(value);
    const auto out = parse("[exhibit]\nlanguages = [\"en\", \"pt\"]\n" +
                           around("\n[[item]]\nid = \"docs\"\nkind = \"text\"\n" + value + "\n" +
                                  (value.starts_with("paragraphs") ? "" : "text = \"x\"\n")));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 2 + kMiddle + 4 + (value.starts_with("title.en") && column == 7 ? 1 : 0));
    CHECK(d.column == column);
    CHECK(d.item_id == "docs");
    CHECK(d.message == message);
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("a file key without the default language says 'file'") {
    const auto out = parse("[exhibit]\nlanguages = [\"en\", \"pt\"]\n" +
                           around("\n[[item]]\nkind = \"video\"\nfile = { pt = \"media/clip.pt.mp4\" }\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 2 + kMiddle + 3);
    CHECK(d.column == 1);
    CHECK(d.message == "'file' has no file in the default language 'en'");
}

// --- checks that see every language ----------------------------------------------------------

TEST_CASE("the glyph check sees every language's text, each text once") {
    LoadOptions o = options();
    o.has_glyph = [](const fs::path&, char32_t cp) { return cp != U'中'; };
    const std::string exhibit = "[exhibit]\nlanguages = [\"en\", \"zh\"]\n[exhibit.language_names]\nzh = \"Chinese\"\n";
    SUBCASE("a translation's title") {
        const auto out = parse(exhibit + around("\n[[item]]\nid = \"t\"\nkind = \"text\"\ntitle = { en = \"Title\", zh = \"中\" }\ntext = \"x\"\n"), o);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 4 + kMiddle + 4);
        CHECK(d.column == 30);
        CHECK(d.message == "the heading font DejaVuSans-Bold.ttf has no glyph for '中' (U+4E2D) in \"中\"; set heading_font in [theme] to a font that has it");
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
    }
    SUBCASE("a default text shown in a translation too: one finding") {
        const auto out = parse(exhibit + around("\n[[item]]\nid = \"t\"\nkind = \"text\"\ntitle = \"中\"\ntext = { en = \"a\", zh = \"b\" }\n"), o);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 4 + kMiddle + 4);
        CHECK(d.column == 9);
    }
    SUBCASE("a link's label: the link is left out, the item kept") {
        const auto out = parse(exhibit + around("\n[[item]]\nid = \"t\"\nkind = \"text\"\ntext = \"x\"\n[[item.link]]\nlabel.en = \"Go\"\n"
                                                "label.zh = \"中\"\nto = \"before\"\n"),
                               o);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 4 + kMiddle + 7);
        CHECK(d.message == "the ui font DejaVuSans.ttf has no glyph for '中' (U+4E2D) in \"中\"; set ui_font in [theme] to a font that has it");
        CHECK(ids_of(out) == std::vector<std::string>{"before", "t", "after"});
        CHECK(out.playlist->items[1].links.empty());
    }
    SUBCASE("a section's title: the section is left out") {
        const auto out = parse(exhibit + around("\n[[section]]\nid = \"s\"\ntitle = { en = \"S\", zh = \"中\" }\nitems = [\"before\"]\n"), o);
        CHECK(only_error(out).line == 4 + kMiddle + 3);
        CHECK(out.playlist->sections.empty());
    }
}

TEST_CASE("the reading-time warning counts the words of the longest language") {
    const auto out = parse(R"(
[exhibit]
languages = ["en", "pt"]
[[item]]
id = "long"
kind = "text"
duration = "5s"
text.en = "Short in English."
text.pt = "Um texto bem mais longo em português que ninguém consegue ler em cinco segundos nem mesmo depressa demais assim ok."
)");
    REQUIRE(out.diagnostics.size() == 1);
    const Diagnostic& d = out.diagnostics[0];
    CHECK(d.severity == Severity::warning);
    CHECK(d.line == 6);
    CHECK(d.message ==
          "item 'long' has 20 words in 'pt', about 9s of reading at 130 words a minute, but 'duration' is 5s; visitors will "
          "not finish (leave 'duration' out and the show times the text)");
    CHECK(ids_of(out) == std::vector<std::string>{"long"});
}

TEST_CASE("the exhibit's title may be written per language: the default one is its title, the others head the menu") {
    SUBCASE("a table") {
        const auto out = with_exhibit(
            "[exhibit]\ntitle = { en = \"Our doors are open\", pt = \"As nossas portas estão abertas\" }\n"
            "languages = [\"en\", \"pt\"]\n");
        CHECK(out.diagnostics.empty());
        REQUIRE(out.playlist);
        CHECK(out.playlist->exhibit.title == "Our doors are open");
        CHECK(text_in(out.playlist->exhibit.titles, "pt", "en") == "As nossas portas estão abertas");
    }
    SUBCASE("plain text: the same in every language") {
        const auto out = with_exhibit("[exhibit]\ntitle = \"  Vitrine demo \"\nlanguages = [\"en\", \"pt\"]\n");
        CHECK(out.diagnostics.empty());
        CHECK(out.playlist->exhibit.title == "Vitrine demo");
        CHECK(text_in(out.playlist->exhibit.titles, "pt", "en") == "Vitrine demo");
    }
    SUBCASE("a language the exhibit does not offer is an error at its code") {
        const auto out = with_exhibit("[exhibit]\ntitle = { en = \"A\", es = \"B\" }\nlanguages = [\"en\", \"pt\"]\n");
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 2);
        CHECK(d.column == 21);  // the code "es"
        CHECK(contains(d.message, "\"es\""));
        CHECK(out.playlist->exhibit.title == "A");  // the good parts kept
    }
}
