// The playlist loader's list of missing translations (Playlist::missing_translations, which
// `vitrine check` prints per language): per key, "every text" for an item not translated at all,
// links and captions.
#include <doctest/doctest.h>

#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// --- missing translations --------------------------------------------------------------------

TEST_CASE("missing translations are listed per key, and as 'every text' for an item not translated at all") {
    const auto out = parse(R"(
[exhibit]
languages = ["en", "pt", "ru"]

[[item]]
id = "welcome"
kind = "text"
title = "Our doors are open"
text = "Come on in."

[[item]]
id = "drawing"
kind = "image"
file = "../images/valid-64x48.jpg"
caption = { en = "A drawing", pt = "Um desenho" }

[[item]]
id = "plain-picture"
kind = "image"
file = "../images/valid-64x48.jpg"

[[item]]
id = "letter"
kind = "excerpt"
heading = { en = "A letter", pt = "Uma carta", ru = "Письмо" }
text = "Dear friends, …"
by = { en = "The Chairperson", ru = "Председатель" }
[[item.link]]
label = { en = "The drawing" }
to = "drawing"

[[section]]
id = "documents"
title = { en = "Documents", pt = "Documentos" }
items = ["letter", "welcome"]
)");
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    CHECK(out.diagnostics.empty());
    struct Entry {
        std::string language, owner, field;
        int line, column;
        bool operator==(const Entry&) const = default;
    };
    std::vector<Entry> listed;
    for (const auto& m : out.playlist->missing_translations) listed.push_back({m.language, m.owner, m.field, m.pos.line, m.pos.column});
    const std::vector<Entry> expected{
        {"pt", "item 'welcome'", "every text", 4, 1},
        {"pt", "item 'letter'", "by", 26, 1},
        {"pt", "item 'letter'", "link label", 28, 1},
        {"ru", "item 'welcome'", "every text", 4, 1},
        {"ru", "item 'drawing'", "caption", 14, 1},
        {"ru", "item 'letter'", "link label", 28, 1},
        {"ru", "section 'documents'", "title", 33, 1},
    };
    CHECK(listed.size() == expected.size());
    for (std::size_t i = 0; i < std::min(listed.size(), expected.size()); ++i) {
        CAPTURE(i);
        CHECK(listed[i].language == expected[i].language);
        CHECK(listed[i].owner == expected[i].owner);
        CHECK(listed[i].field == expected[i].field);
        CHECK(listed[i].line == expected[i].line);
        CHECK(listed[i].column == expected[i].column);
    }
    // Translations exist for the languages something was written in.
    CHECK(item_named(out, "welcome").translations.empty());
    CHECK(item_named(out, "drawing").translations.size() == 1);
    CHECK(item_named(out, "letter").translations.size() == 2);
    CHECK(std::get<ExcerptItem>(item_named(out, "letter").translations.at("pt")).by == "The Chairperson");
}

TEST_CASE("an item whose only text written per language is a link's label is listed as 'every text' too") {
    const auto out = parse(R"(
[exhibit]
languages = ["en", "pt"]
[[item]]
id = "letter"
kind = "text"
text = "A letter, in English only."
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
link = [{ label = { en = "The letter" }, to = "letter" }, { label = { en = "Back", pt = "Voltar" }, to = "letter" }]
[[item]]
id = "quiet"
kind = "image"
file = "../images/valid-64x48.jpg"
link = [{ label = { en = "The letter", pt = "A carta" }, to = "letter" }]
)");
    CHECK(out.diagnostics.empty());
    const auto& missing = out.playlist->missing_translations;
    REQUIRE(missing.size() == 2);
    CHECK(missing[0].owner == "item 'letter'");
    CHECK(missing[0].field == "every text");
    CHECK(missing[0].pos.line == 3);
    CHECK(missing[1].owner == "item 'photo'");
    CHECK(missing[1].field == "link label");
    CHECK(missing[1].pos.line == 11);
    CHECK(missing[1].pos.column == 11);
    CHECK(item_named(out, "photo").translations.empty());  // labels are not in the body
}

TEST_CASE("a link left out takes its label's missing translations with it") {
    const auto out = parse(R"(
[exhibit]
languages = ["en", "pt"]
[[item]]
id = "letter"
kind = "text"
text = { en = "A letter.", pt = "Uma carta." }
[[item.link]]
label = { en = "Elsewhere" }
to = "nowhere"
)");
    CHECK(only_error(out).message == "link 'to' names \"nowhere\", but no item or section has that id");
    CHECK(out.playlist->missing_translations.empty());
}

TEST_CASE("a clip's captions in a table lack the exhibit's languages they do not name") {
    const auto out = parse(R"(
[exhibit]
languages = ["en", "pt", "ru"]
[[item]]
id = "talk"
kind = "video"
file = "media/clip.mp4"
title = { en = "A talk", pt = "Uma palestra", ru = "Доклад" }
captions = { en = "media/clip.en.srt", pt = "media/clip.pt.vtt" }
)");
    CHECK(out.diagnostics.empty());
    REQUIRE(out.playlist->missing_translations.size() == 1);
    const MissingTranslation& m = out.playlist->missing_translations[0];
    CHECK(m.language == "ru");
    CHECK(m.owner == "item 'talk'");
    CHECK(m.field == "captions");
    CHECK(m.pos.line == 8);
    // Captions alone make no translation: the clip is the same.
    CHECK(item_named(out, "talk").translations.size() == 2);
}

TEST_CASE("an exhibit in one language lists nothing missing and makes no translations") {
    const auto out = parse(R"(
[[item]]
id = "docs"
kind = "text"
title = { en = "Documents" }
text = "Plain."
)");
    CHECK(out.diagnostics.empty());
    CHECK(out.playlist->missing_translations.empty());
    CHECK(item_named(out, "docs").translations.empty());
    CHECK(std::get<TextItem>(item_named(out, "docs").body).title == "Documents");
}
