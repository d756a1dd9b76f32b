// The playlist loader on items: kinds, keys, types, ranges, ids, media files, glyphs and
// captions; each bad item is reported at its line and column and the good ones around it stay.
#include <doctest/doctest.h>

#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST_CASE("an unknown item kind names the kinds and the good items around it survive") {
    const auto out = parse(around(R"(
[[item]]
id = "drawing"
kind = "picture"
file = "../images/valid-64x48.jpg"
)"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 3);
    CHECK(d.column == 8);
    CHECK(d.item_id == "drawing");
    CHECK(d.message ==
          "unknown kind \"picture\" in item 'drawing' (the kinds are: text, excerpt, article, statement, list, "
          "image, video, audio)");
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});

    SUBCASE("a near miss gets a suggestion") {
        const auto near = parse(around("\n[[item]]\nkind = \"imgae\"\nfile = \"../images/valid-64x48.jpg\"\n"));
        CHECK(contains(only_error(near).message, "did you mean \"image\"?"));
        CHECK(only_error(near).item_id == "item-2");
    }
}

TEST_CASE("a zero or negative duration is refused at the value") {
    std::string value;
    std::string seen;
    SUBCASE("zero as text") { value = "\"0s\"", seen = "\"0s\""; }
    SUBCASE("zero as a number") { value = "0", seen = "0"; }
    SUBCASE("negative as text") { value = "\"-5s\"", seen = "\"-5s\""; }
    SUBCASE("negative as a number") { value = "-2.5", seen = "-2.5"; }
    CAPTURE(value);
    const auto out = parse(around("\n[[item]]\nid = \"short\"\nkind = \"text\"\ntext = \"Hi.\"\nduration = " + value + "\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 5);
    CHECK(d.column == 12);
    CHECK(d.item_id == "short");
    CHECK(d.message == "'duration' must be longer than zero, got " + seen);
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("a duration that cannot be read says what a duration looks like") {
    const auto out = parse(around("\n[[item]]\nkind = \"text\"\ntext = \"Hi.\"\nduration = \"12 seconds\"\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 4);
    CHECK(d.column == 12);
    CHECK(contains(d.message, "'duration': expected a duration like \"12s\""));
    CHECK(contains(d.message, "got \"12 seconds\"; unknown unit \"seconds\""));
}

TEST_CASE("a missing image is reported with where it was looked for and a close name") {
    const auto out = parse(around(R"(
[[item]]
id = "drawing"
kind = "image"
file = "../images/valid-64x84.jpg"
caption = "Drew my coworker."
)"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 4);
    CHECK(d.column == 8);
    CHECK(d.item_id == "drawing");
    CHECK(contains(d.message, "image file \"../images/valid-64x84.jpg\" not found (looked for " +
                                  (kFixtures / "../images/valid-64x84.jpg").lexically_normal().string() + ")"));
    CHECK(contains(d.message, "did you mean \"../images/valid-64x48.jpg\"?"));
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("an image that cannot be decoded is refused with the probe's reason") {
    int probed = 0;
    LoadOptions o = options();
    o.probe_image = [&](const fs::path& file) -> std::string {
        ++probed;
        const auto name = file.filename().string();
        if (name == "not-an-image.png") return "not an image: starts with text \"This file is named l...\"";
        if (name == "huge-20000.png") return "image is 20000x20000 pixels; the limit is 16384 on a side and 64 megapixels";
        return "";
    };
    std::string file, reason;
    SUBCASE("a zero-byte png, refused before any probe") {
        file = "zero-byte.png", reason = "image file \"../images/zero-byte.png\" is empty (0 bytes)";
    }
    SUBCASE("a .png that is text") {
        file = "not-an-image.png",
        reason = "image file \"../images/not-an-image.png\" cannot be used: not an image: starts with text \"This file is named l...\"";
    }
    SUBCASE("a 20000x20000 image") {
        file = "huge-20000.png",
        reason = "image file \"../images/huge-20000.png\" cannot be used: image is 20000x20000 pixels; the limit is 16384 on a side and 64 megapixels";
    }
    CAPTURE(file);
    const auto out = parse(around("\n[[item]]\nid = \"bad\"\nkind = \"image\"\nfile = \"../images/" + file + "\"\n"), o);
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 4);
    CHECK(d.column == 8);
    CHECK(d.item_id == "bad");
    CHECK(d.message == reason);
    CHECK(probed == (file == "zero-byte.png" ? 0 : 1));
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("without an image probe (play mode) only the cheap file checks run") {
    const auto fast = parse(around("\n[[item]]\nkind = \"image\"\nfile = \"../images/not-an-image.png\"\n"));
    CHECK(fast.diagnostics.empty());
    CHECK(ids_of(fast).size() == 3);
}

TEST_CASE("a clip the probe refuses is left out with the reason") {
    LoadOptions o = options();
    o.probe_clip = [](const fs::path&) { return std::string("no audio or video stream"); };
    const auto out = parse(around("\n[[item]]\nkind = \"audio\"\ntitle = \"Tone\"\nfile = \"media/clip.mp4\"\n"), o);
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 4);
    CHECK(d.message == "media file \"media/clip.mp4\" cannot be used: no audio or video stream");
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("text that is not UTF-8 is refused at the byte, named in hex") {
    SUBCASE("a raw 0xFF inside a string") {
        const auto out = load_playlist(kFixtures / "raw-ff.toml", options());
        CHECK_FALSE(out.playlist);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 3);
        CHECK(d.column == 12);
        CHECK(d.message ==
              "the playlist is not valid UTF-8: byte 0xFF after \"text = \\\"caf\" is not part of any character; "
              "save the file with the UTF-8 encoding");
    }
    SUBCASE("a title saved in Latin-1") {
        const auto out = load_playlist(kFixtures / "not-utf8.toml", options());
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 9);
        CHECK(d.column == 13);
        CHECK(contains(d.message, "byte 0xE9 after \"title = \\\"Caf\""));
        CHECK(d.path == (kFixtures / "not-utf8.toml").string());
    }
}

TEST_CASE("a character the chosen font lacks is named as U+XXXX with the font file") {
    LoadOptions o = options();
    std::vector<std::pair<std::string, char32_t>> asked;
    o.has_glyph = [&](const fs::path& font, char32_t cp) {
        asked.emplace_back(font.filename().string(), cp);
        return cp != U'中';
    };
    SUBCASE("in body text: the body font") {
        const auto out = parse(around("\n[[item]]\nid = \"zh\"\nkind = \"text\"\ntitle = \"Title\"\ntext = \"Zhōngwén 中文 中\"\n"), o);
        const Diagnostic& d = only_error(out);
        CHECK(d.line == kMiddle + 5);
        CHECK(d.column == 8);
        CHECK(d.item_id == "zh");
        CHECK(d.message ==
              "the body font DejaVuSerif.ttf has no glyph for '中' (U+4E2D) in \"Zhōngwén 中文 中\"; set body_font in "
              "[theme] to a font that has it");
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
        // Each character is asked once per font, however often it occurs.
        CHECK(std::count(asked.begin(), asked.end(), std::make_pair(std::string("DejaVuSerif.ttf"), char32_t(U'中'))) == 1);
    }
    SUBCASE("in a title: the heading font") {
        const auto out = parse(around("\n[[item]]\nkind = \"list\"\ntitle = \"中\"\nitems = [\"one\"]\n"), o);
        CHECK(contains(only_error(out).message, "the heading font DejaVuSans-Bold.ttf has no glyph for '中' (U+4E2D)"));
        CHECK(only_error(out).line == kMiddle + 3);
    }
    SUBCASE("in a caption: the ui font; in a slogan: the italic font") {
        const auto out = parse(R"(
[[item]]
kind = "image"
file = "../images/valid-64x48.jpg"
caption = "中"
[[item]]
kind = "article"
headline = "Headline"
text = "Body."
slogan = "#中"
)", o);
        const auto es = errors_of(out);
        REQUIRE(es.size() == 3);  // both items, then "no playable items"
        CHECK(contains(es[0]->message, "the ui font DejaVuSans.ttf"));
        CHECK(es[0]->line == 4);
        CHECK(contains(es[1]->message, "the italic font DejaVuSerif-Italic.ttf"));
        CHECK(es[1]->line == 9);
        CHECK(es[2]->message == "the playlist has no playable items");
    }
}

TEST_CASE("an unknown key is reported at the key with a suggestion") {
    const auto out = parse(around(R"(
[[item]]
id = "engels"
kind = "excerpt"
text = "Why do the anti-authoritarians not confine themselves…"
  duraton = "30s"
)"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 5);
    CHECK(d.column == 3);
    CHECK(d.message == "unknown key 'duraton' in item 'engels'; did you mean 'duration'?");
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});

    SUBCASE("a key of another kind says which kind has it") {
        const auto other = parse(around("\n[[item]]\nid = \"t\"\nkind = \"text\"\ntext = \"x\"\ncaption = \"y\"\n"));
        CHECK(only_error(other).message == "unknown key 'caption' in item 't': text items have no 'caption' (image items do)");
    }
    SUBCASE("no close key lists the item's keys") {
        const auto far = parse(around("\n[[item]]\nid = \"t\"\nkind = \"list\"\ntitle = \"x\"\nitems = [\"a\"]\ncolour = \"red\"\n"));
        CHECK(only_error(far).message ==
              "unknown key 'colour' in item 't'; a list item has: id, kind, duration, transition, transition_duration, title, items");
    }
    SUBCASE("in [exhibit] the exhibit is kept with the rest of its keys") {
        const auto ex = parse("[exhibit]\ntitel = \"Doors\"\nduration = \"5s\"\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(only_error(ex).message == "unknown key 'titel' in [exhibit]; did you mean 'title'?");
        CHECK(only_error(ex).line == 2);
        CHECK(ex.playlist->exhibit.default_duration == 5s);
        CHECK(ids_of(ex).size() == 1);
    }
    SUBCASE("at the top, a key that belongs in a table says which") {
        const auto top = parse("title = \"Doors\"\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(only_error(top).message == "unknown key 'title' at the top of the playlist; 'title' belongs under [exhibit]");
    }
}

TEST_CASE("a value of the wrong type names what was expected and what was seen") {
    SUBCASE("a duration given as an array") {
        const auto out = parse(around("\n[[item]]\nid = \"w\"\nkind = \"text\"\ntext = \"x\"\nduration = [1, 2]\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == kMiddle + 5);
        CHECK(d.column == 12);
        CHECK(d.message == "'duration' must be a duration like \"12s\", got an integer array");
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
    }
    SUBCASE("a title given as a number") {
        const auto out = parse(around("\n[[item]]\nkind = \"text\"\ntitle = 1920\ntext = \"x\"\n"));
        CHECK(only_error(out).message == "'title' must be text in quotes, got the integer 1920");
    }
    SUBCASE("paragraphs with a number among them") {
        const auto out = parse(around("\n[[item]]\nkind = \"article\"\nheadline = \"h\"\nparagraphs = [\"one\", 2]\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.message == "'paragraphs' must be a list of texts in quotes; entry 2 is the integer 2");
        CHECK(d.column == 22);
    }
    SUBCASE("mute given as text") {
        const auto out = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\nmute = \"yes\"\n"));
        CHECK(only_error(out).message == "'mute' must be true or false (without quotes), got the text \"yes\"");
    }
}

TEST_CASE("values out of range are refused with the range") {
    SUBCASE("volume above 1: the item is left out") {
        const auto out = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\nvolume = 1.5\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == kMiddle + 4);
        CHECK(d.column == 10);
        CHECK(d.message == "'volume' must be from 0 to 1 (0 = silent, 1 = as recorded), got 1.5");
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
    }
    SUBCASE("zoom above 4 in a pan and zoom") {
        const auto out = parse(around(
            "\n[[item]]\nkind = \"image\"\nfile = \"../images/valid-64x48.jpg\"\npan_zoom.to = { x = 0.5, zoom = 6 }\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == kMiddle + 4);
        CHECK(d.column == 33);
        CHECK(d.message == "'zoom' must be from 1 to 4 (1 = the whole picture), got 6");
        CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
    }
    SUBCASE("x below 0 in a pan and zoom") {
        const auto out = parse(around(
            "\n[[item]]\nkind = \"image\"\nfile = \"../images/valid-64x48.jpg\"\n[item.pan_zoom.from]\nx = -0.1\n"));
        CHECK(only_error(out).message == "'x' must be from 0 to 1 (0 = left edge, 1 = right edge), got -0.1");
        CHECK(only_error(out).line == kMiddle + 5);
    }
    SUBCASE("a margin of 0.3: reported, the default kept, every item kept") {
        const auto out = parse("[theme]\nmargin = 0.3\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        const Diagnostic& d = only_error(out);
        CHECK(d.line == 2);
        CHECK(d.column == 10);
        CHECK(d.message == "'margin' must be from 0 to 0.25 (a fraction of the shorter side of the screen), got 0.3");
        CHECK(out.playlist->exhibit.theme.margin == Theme{}.margin);
        CHECK(ids_of(out) == std::vector<std::string>{"item-1"});
    }
    SUBCASE("a bad colour keeps the default colour") {
        const auto out = parse("[theme]\naccent = \"gold\"\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(only_error(out).message ==
              "'accent' must be a colour like \"#E3B35A\" or \"#EB5\" (# and 6 or 3 hex digits), got \"gold\"");
        CHECK(out.playlist->exhibit.theme.accent == Theme{}.accent);
    }
}

TEST_CASE("a duplicate id points at the second item and names the line of the first") {
    const auto out = parse(R"(
[[item]]
id = "welcome"
kind = "text"
text = "First."

[[item]]
id = "welcome"
kind = "text"
text = "Second."
)");
    const Diagnostic& d = only_error(out);
    CHECK(d.line == 7);
    CHECK(d.column == 6);
    CHECK(d.message == "duplicate id \"welcome\": the item at line 1 already has it; ids must be unique");
    REQUIRE(out.playlist->items.size() == 1);
    CHECK(std::get<TextItem>(out.playlist->items[0].body).paragraphs[0] == "First.");
}

TEST_CASE("an id with characters outside a-z, 0-9, '-' and '_' says which one") {
    const auto out = parse(around("\n[[item]]\nid = \"Engels on\"\nkind = \"text\"\ntext = \"x\"\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 2);
    CHECK(d.message == "item id \"Engels on\" may use only lowercase letters a-z, digits, '-' and '_'; it has the capital 'E'");
    CHECK(d.item_id == "item-2");
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});
}

TEST_CASE("generated ids do not collide with written ones") {
    const auto out = parse("[[item]]\nkind = \"text\"\ntext = \"x\"\n[[item]]\nid = \"item-1\"\nkind = \"text\"\ntext = \"y\"\n");
    CHECK(out.diagnostics.empty());
    CHECK(ids_of(out) == std::vector<std::string>{"item-1-2", "item-1"});
}

TEST_CASE("a start id that does not exist is an error with a suggestion, and the show starts at the first item") {
    const auto out = parse(around("\n[exhibit]\nstart = \"aftr\"\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 2);
    CHECK(d.column == 9);
    CHECK(d.message == "'start' names item \"aftr\", but no item has that id; did you mean \"after\"?");
    CHECK(out.playlist->exhibit.start_id.empty());
    CHECK(ids_of(out) == std::vector<std::string>{"before", "after"});

    SUBCASE("a start item that was left out is a warning") {
        const auto left_out = parse("[exhibit]\nstart = \"bad\"\n[[item]]\nid = \"bad\"\nkind = \"text\"\n[[item]]\nkind = \"text\"\ntext = \"ok\"\n");
        REQUIRE(left_out.diagnostics.size() == 2);
        CHECK(left_out.diagnostics[0].severity == Severity::warning);
        CHECK(left_out.diagnostics[0].line == 2);
        CHECK(contains(left_out.diagnostics[0].message, "which has errors and is left out"));
        CHECK(left_out.playlist->exhibit.start_id.empty());
    }
    SUBCASE("a good start id is kept") {
        const auto good = parse(around("\n[exhibit]\nstart = \"after\"\n"));
        CHECK(good.diagnostics.empty());
        CHECK(good.playlist->exhibit.start_id == "after");
    }
}

TEST_CASE("a missing required key is reported at the item's table") {
    const auto out = parse(around("\n[[item]]\nid = \"no-text\"\nkind = \"excerpt\"\nfrom = \"On Authority\"\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == kMiddle + 1);
    CHECK(d.column == 1);
    CHECK(d.message == "item 'no-text' (excerpt) needs 'text': the passage to show");

    SUBCASE("an item without kind") {
        const auto no_kind = parse(around("\n[[item]]\ntext = \"x\"\n"));
        CHECK(only_error(no_kind).message ==
              "item 'item-2' has no 'kind'; add a line like kind = \"text\" (the kinds are: text, excerpt, article, "
              "statement, list, image, video, audio)");
        CHECK(only_error(no_kind).line == kMiddle + 1);
    }
}

TEST_CASE("when every item has an error the playlist has no playable items") {
    const auto out = parse("[[item]]\nkind = \"text\"\n");
    const auto es = errors_of(out);
    REQUIRE(es.size() == 2);
    CHECK(es[0]->line == 1);
    CHECK(es[1]->message == "the playlist has no playable items");
    REQUIRE(out.playlist);
    CHECK(out.playlist->items.empty());
}

TEST_CASE("a text whose reading time exceeds its duration is a warning, and the item stays") {
    std::string words;
    for (int i = 0; i < 130; ++i) words += "word ";
    const auto out = parse("[[item]]\nid = \"long\"\nkind = \"text\"\ntext = \"" + words + "\"\nduration = \"20s\"\n");
    REQUIRE(out.diagnostics.size() == 1);
    const Diagnostic& d = out.diagnostics[0];
    CHECK(d.severity == Severity::warning);
    CHECK(d.line == 5);
    CHECK(d.message ==
          "item 'long' has 130 words, about 1m of reading at 130 words a minute, but 'duration' is 20s; visitors "
          "will not finish (leave 'duration' out and the show times the text)");
    CHECK(ids_of(out) == std::vector<std::string>{"long"});
    CHECK_FALSE(has_errors(out.diagnostics));
}

TEST_CASE("captions, clip points and transitions are checked") {
    SUBCASE("captions in a format we do not read") {
        const auto out = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\ncaptions = \"media/clip.txt\"\n"));
        CHECK(only_error(out).message == "captions must be a .srt or .vtt file, got \"media/clip.txt\"");
    }
    SUBCASE("one captions file is in the exhibit's language") {
        const auto out = parse("[exhibit]\nlanguage = \"pt\"\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\ncaptions = \"media/clip.pt.vtt\"\n");
        CHECK(out.diagnostics.empty());
        CHECK(std::get<VideoItem>(out.playlist->items[0].body).clip.captions.contains("pt"));
    }
    SUBCASE("an end before the start") {
        const auto out = parse(around("\n[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\nstart = \"1m\"\nend = \"30s\"\n"));
        CHECK(only_error(out).message == "'end' (30s) must come after 'start' (1m)");
        CHECK(only_error(out).line == kMiddle + 5);
    }
    SUBCASE("until-end is for clips only") {
        const auto out = parse(around("\n[[item]]\nid = \"t\"\nkind = \"text\"\ntext = \"x\"\nduration = \"until-end\"\n"));
        CHECK(only_error(out).message == "'until-end' is for video and audio items; give item 't' a duration like \"20s\"");
    }
    SUBCASE("an unknown transition") {
        const auto out = parse(around("\n[[item]]\nkind = \"text\"\ntext = \"x\"\ntransition = \"dissolve\"\n"));
        CHECK(only_error(out).message == "unknown transition \"dissolve\" (expected cut, fade, crossfade or slide)");
    }
    SUBCASE("a looping clip without a duration is a warning") {
        const auto out = parse("[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\nloop = true\n");
        REQUIRE(out.diagnostics.size() == 1);
        CHECK(out.diagnostics[0].severity == Severity::warning);
        CHECK(out.diagnostics[0].line == 4);
        CHECK(ids_of(out).size() == 1);
    }
}

TEST_CASE("background sound, the exhibit's volume and its caption language are read and checked") {
    SUBCASE("a background sound spanning three items needs no title and may loop without a duration") {
        const auto out = parse("[exhibit]\nvolume = 0.5\ncaption_language = \"pt\"\n"
                               "[[item]]\nkind = \"audio\"\nfile = \"media/clip.mp4\"\nbackground = true\nspans = 3\nloop = true\n");
        CHECK(out.diagnostics.empty());
        REQUIRE(out.playlist);
        CHECK(out.playlist->exhibit.volume == 0.5);
        CHECK(out.playlist->exhibit.caption_language == "pt");
        const auto& audio = std::get<AudioItem>(out.playlist->items[0].body);
        CHECK(audio.background);
        CHECK(audio.spans == 3);
        CHECK(audio.clip.loop);
    }
    SUBCASE("spans without background says what is missing") {
        const auto out = parse("[[item]]\nid = \"a\"\nkind = \"audio\"\ntitle = \"A\"\nfile = \"media/clip.mp4\"\nspans = 2\n"
                               "[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(only_error(out).message == "'spans' is for background sound; add background = true to item 'a'");
        CHECK(only_error(out).line == 6);
    }
    SUBCASE("spans must count whole items") {
        const auto out = parse("[[item]]\nkind = \"audio\"\nfile = \"media/clip.mp4\"\nbackground = true\nspans = 1.5\n"
                               "[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(only_error(out).message == "'spans' counts items: a whole number like 3");
    }
    SUBCASE("an exhibit volume above 1 is refused with the range") {
        const auto out = parse("[exhibit]\nvolume = 1.5\n[[item]]\nkind = \"text\"\ntext = \"x\"\n");
        CHECK(only_error(out).line == 2);
        CHECK(contains(only_error(out).message, "volume"));
        CHECK(ids_of(out).size() == 1);
    }
}

TEST_CASE("the caption file a clip shows follows the exhibit's caption language, then its language") {
    Clip clip;
    clip.captions = {{"en", "a.en.srt"}, {"pt", "a.pt.srt"}};
    Exhibit exhibit;
    exhibit.language = "en";
    CHECK(caption_file_for(clip, exhibit) == "a.en.srt");
    exhibit.caption_language = "pt";
    CHECK(caption_file_for(clip, exhibit) == "a.pt.srt");
    exhibit.caption_language = "ru";  // none in Russian: the exhibit's own language
    CHECK(caption_file_for(clip, exhibit) == "a.en.srt");
    clip.captions = {{"pt", "a.pt.srt"}};
    exhibit.language = "de";  // neither: the only ones there are
    CHECK(caption_file_for(clip, exhibit) == "a.pt.srt");
    clip.captions.clear();
    CHECK(caption_file_for(clip, exhibit).empty());
}

TEST_CASE("check mode: a clip's check refuses the item or warns at its file, and caption files are read for their errors") {
    LoadOptions o = options();
    o.check_clip = [](const std::filesystem::path& f, ClipUse use) {
        ClipReport r;
        if (use == ClipUse::audio) r.error = "it holds no sound (an audio item needs an audio stream)";
        else r.warnings.push_back("this machine decodes it at 0.6x real time (3840x2160 hevc)");
        CHECK(f.filename() == "clip.mp4");
        return r;
    };
    o.check_captions = true;
    const auto out = parse("[[item]]\nid = \"film\"\nkind = \"video\"\nfile = \"media/clip.mp4\"\ncaptions = \"media/clip.en.srt\"\n"
                           "[[item]]\nid = \"talk\"\nkind = \"audio\"\ntitle = \"T\"\nfile = \"media/clip.mp4\"\n", o);
    CHECK(ids_of(out) == std::vector<std::string>{"film"});
    const auto& e = only_error(out);
    CHECK(e.line == 10);
    CHECK(e.column == 8);
    CHECK(e.message == "media file \"media/clip.mp4\" cannot be played: it holds no sound (an audio item needs an audio stream)");
    bool warned = false;
    for (const auto& d : out.diagnostics) {
        if (d.severity == Severity::warning && d.line == 4 && contains(d.message, "0.6x real time")) warned = true;
    }
    CHECK(warned);

    // A caption file with malformed cues: its errors at its own lines; the clip keeps its captions.
    const auto bad = parse("[[item]]\nkind = \"video\"\nfile = \"media/clip.mp4\"\ncaptions = \"../captions/malformed.srt\"\n", o);
    REQUIRE(bad.playlist);
    REQUIRE(bad.playlist->items.size() == 1);
    CHECK(std::get<VideoItem>(bad.playlist->items[0].body).clip.captions.size() == 1);
    std::size_t caption_errors = 0;
    for (const auto& d : bad.diagnostics) {
        if (d.severity == Severity::error && contains(d.path, "malformed.srt") && d.line > 0) ++caption_errors;
    }
    CHECK(caption_errors >= 2);
}
