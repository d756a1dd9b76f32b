// The playlist loader on items' links ([[item.link]]): buttons and hotspots to an item or a
// section, each rule an error at its line and column, the link left out and its item kept.
#include <doctest/doctest.h>

#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;
namespace fs = std::filesystem;

// --- links ------------------------------------------------------------------------------------

TEST_CASE("links are read with their labels, targets and regions") {
    const auto out = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"

[[item.link]]
label = "Read the letter"
to = "letter"

[[item.link]]
label = "Documents"
to = "documents"
region = { x = 0.1, y = 0.2, w = 0.3, h = 0.4 }

[[section]]
id = "documents"
title = "Documents"
items = ["letter", "speech"]
)"));
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    CHECK(out.diagnostics.empty());
    REQUIRE(ids_of(out) == std::vector<std::string>{"letter", "drawing", "speech", "photo"});
    const auto& links = out.playlist->items[3].links;
    REQUIRE(links.size() == 2);
    CHECK(links[0].label == LocalText{{"en", "Read the letter"}});
    CHECK(links[0].target_kind == Link::Target::item);
    CHECK(links[0].target == 0u);
    CHECK(links[0].target_id == "letter");
    CHECK(links[0].region == std::nullopt);
    CHECK(links[0].pos.line == line(6));
    CHECK(links[0].pos.column == 1);
    CHECK(links[1].target_kind == Link::Target::section);
    CHECK(links[1].target == 0u);
    CHECK(links[1].target_id == "documents");
    CHECK(links[1].region == Region{0.1, 0.2, 0.3, 0.4});

    SUBCASE("written inline, and reaching the right edge exactly") {
        const auto inline_links = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
link = [{ label = "The speech", to = "speech", region = { x = 0.7, y = 0.9, w = 0.3, h = 0.1 } }]
)"));
        CHECK(inline_links.diagnostics.empty());
        REQUIRE(inline_links.playlist->items[3].links.size() == 1);
        CHECK(inline_links.playlist->items[3].links[0].target == 2u);
        CHECK(inline_links.playlist->items[3].links[0].region == Region{0.7, 0.9, 0.3, 0.1});
    }
}

TEST_CASE("a link to a missing id is refused at its line and column; the item stays with its other links") {
    std::string to, message;
    SUBCASE("a near miss gets a suggestion") {
        to = "leter", message = "link 'to' names \"leter\", but no item or section has that id; did you mean \"letter\"?";
    }
    SUBCASE("a section's id is suggested too") {
        to = "documnets", message = "link 'to' names \"documnets\", but no item or section has that id; did you mean \"documents\"?";
    }
    SUBCASE("nothing close") { to = "elsewhere", message = "link 'to' names \"elsewhere\", but no item or section has that id"; }
    CAPTURE(to);
    const auto out = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
[[item.link]]
label = "Read on"
to = ")" + to + R"("
[[item.link]]
label = "The speech"
to = "speech"
[[section]]
id = "documents"
title = "Documents"
items = ["letter"]
)"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(7));
    CHECK(d.column == 6);
    CHECK(d.item_id == "photo");
    CHECK(d.message == message);
    REQUIRE(ids_of(out) == std::vector<std::string>{"letter", "drawing", "speech", "photo"});
    REQUIRE(out.playlist->items[3].links.size() == 1);
    CHECK(out.playlist->items[3].links[0].target_id == "speech");
    CHECK(out.playlist->items[3].links[0].target == 2u);
}

TEST_CASE("a link to an item or section left out for its errors is refused, naming why") {
    SUBCASE("an item") {
        const auto out = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
[[item.link]]
label = "The broken one"
to = "broken"
[[item]]
id = "broken"
kind = "image"
file = "../images/zero-byte.png"
)"));
        const auto es = errors_of(out);
        REQUIRE(es.size() == 2);
        CHECK(es[0]->line == line(7));
        CHECK(es[0]->column == 6);
        CHECK(es[0]->item_id == "photo");
        CHECK(es[0]->message == "link 'to' names item \"broken\", which has errors and is left out (line " + std::to_string(line(11)) +
                                    ": image file \"../images/zero-byte.png\" is empty (0 bytes))");
        CHECK(es[1]->line == line(11));
        CHECK(ids_of(out) == std::vector<std::string>{"letter", "drawing", "speech", "photo"});
        CHECK(out.playlist->items[3].links.empty());
    }
    SUBCASE("an item whose id was refused") {
        const auto out = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
link = [{ label = "The letter", to = "letter" }]
[[item]]
id = "letter"
kind = "text"
text = "The same id again."
)"));
        const auto es = errors_of(out);
        REQUIRE(es.size() == 1);  // the link goes to the first "letter", which is kept
        CHECK(es[0]->message == "duplicate id \"letter\": the item at line 1 already has it; ids must be unique");
        REQUIRE(out.playlist->items[3].links.size() == 1);
        CHECK(out.playlist->items[3].links[0].target == 0u);
    }
    SUBCASE("a section") {
        const auto out = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
link = [{ label = "Nothing", to = "empty" }]
[[section]]
id = "empty"
title = "Empty"
)"));
        const auto es = errors_of(out);
        REQUIRE(es.size() == 2);
        CHECK(es[0]->line == line(5));
        CHECK(es[0]->column == 35);
        CHECK(es[0]->message == "link 'to' names section \"empty\", which has errors and is left out (line " + std::to_string(line(6)) +
                                    ": section 'empty' lists no items and has no sections under it; add items = [\"…\"], or give "
                                    "other sections parent = \"empty\")");
        CHECK(out.playlist->items[3].links.empty());
    }
}

TEST_CASE("a link needs a label and a 'to', and its keys are checked; the link is left out, not its item") {
    std::string link;
    std::vector<std::pair<int, std::string>> expected;  // (line in rest, message)
    SUBCASE("no label") {
        link = "to = \"letter\"\n";
        expected = {{5, "link 1 of item 'photo' needs 'label': the words on its button, like label = \"Read the full text\""}};
    }
    SUBCASE("no 'to'") {
        link = "label = \"Read on\"\n";
        expected = {{5, "link 1 of item 'photo' needs 'to': the id of the item or section it goes to, like to = \"documents\""}};
    }
    SUBCASE("a misspelt key") {
        link = "label = \"Read on\"\ntoo = \"letter\"\n";
        expected = {{5, "link 1 of item 'photo' needs 'to': the id of the item or section it goes to, like to = \"documents\""},
                    {7, "unknown key 'too' in link 1 of item 'photo'; did you mean 'to'?"}};
    }
    SUBCASE("'to' a number") {
        link = "label = \"Read on\"\nto = 3\n";
        expected = {{7, "'to' must be the id of an item or section in quotes, like to = \"documents\", got the integer 3"}};
    }
    SUBCASE("an empty label") {
        link = "label = \" \"\nto = \"letter\"\n";
        expected = {{6, "'label' is empty: write the text between the quotes, or leave the key out"}};
    }
    CAPTURE(link);
    const auto out = parse(items_and("\n[[item]]\nid = \"photo\"\nkind = \"image\"\nfile = \"../images/valid-64x48.jpg\"\n[[item.link]]\n" + link));
    const auto es = errors_of(out);
    REQUIRE(es.size() == expected.size());
    for (std::size_t i = 0; i < es.size(); ++i) {
        CHECK(es[i]->line == line(expected[i].first));
        CHECK(es[i]->message == expected[i].second);
        CHECK(es[i]->item_id == "photo");
    }
    REQUIRE(ids_of(out).size() == 4);
    CHECK(out.playlist->items[3].links.empty());
}

TEST_CASE("a hotspot's region must lie on the screen") {
    std::string region, message;
    int column = 0;
    SUBCASE("past the right edge") {
        region = "{ x = 0.8, y = 0.1, w = 0.3, h = 0.2 }", column = 34;
        message = "the region runs past the right edge of the screen: x + w is 1.1; it must be at most 1";
    }
    SUBCASE("past the bottom edge") {
        region = "{ x = 0.1, y = 0.9, w = 0.3, h = 0.2 }", column = 43;
        message = "the region runs past the bottom edge of the screen: y + h is 1.1; it must be at most 1";
    }
    SUBCASE("no width") {
        region = "{ x = 0.1, y = 0.9, w = 0, h = 0.1 }", column = 34;
        message = "'w' must be more than 0: the region's width, a fraction of the screen's width";
    }
    SUBCASE("x outside the screen") {
        region = "{ x = 1.5, y = 0.1, w = 0.3, h = 0.2 }", column = 16;
        message = "'x' must be from 0 to 1 (0 = left edge, 1 = right edge), got 1.5";
    }
    SUBCASE("a side left out") {
        region = "{ x = 0.1, y = 0.2, w = 0.3 }", column = 10;
        message = "'region' of link 1 of item 'photo' needs x, y, w and h; 'h' is missing";
    }
    SUBCASE("a misspelt key") {
        region = "{ x = 0.1, y = 0.2, w = 0.3, h = 0.2, z = 1 }", column = 48;
        message = "unknown key 'z' in 'region' of link 1 of item 'photo'; did you mean 'x'?";
    }
    SUBCASE("not a table") {
        region = "\"top\"", column = 10;
        message = "'region' must be a table like { x = 0.1, y = 0.2, w = 0.3, h = 0.4 } (fractions of the screen), got the text \"top\"";
    }
    CAPTURE(region);
    const auto out = parse(items_and("\n[[item]]\nid = \"photo\"\nkind = \"image\"\nfile = \"../images/valid-64x48.jpg\"\n"
                                     "[[item.link]]\nlabel = \"The letter\"\nto = \"letter\"\nregion = " + region + "\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(8));
    CHECK(d.column == column);
    CHECK(d.message == message);
    CHECK(d.item_id == "photo");
    REQUIRE(ids_of(out).size() == 4);
    CHECK(out.playlist->items[3].links.empty());
}

TEST_CASE("links written with one pair of brackets are refused, the item kept") {
    const auto out = parse(items_and(R"(
[[item]]
id = "photo"
kind = "image"
file = "../images/valid-64x48.jpg"
[item.link]
label = "The letter"
to = "letter"
)"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(5));
    CHECK(d.message ==
          "write each link as [[item.link]] with two brackets, or link = [{ label = \"…\", to = \"…\" }]; a single table is "
          "not a list of links");
    REQUIRE(ids_of(out).size() == 4);
    CHECK(out.playlist->items[3].links.empty());
}
