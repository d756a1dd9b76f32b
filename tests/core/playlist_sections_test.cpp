// The playlist loader on the menu's sections ([[section]]) and the attract sequence ([exhibit]
// attract): each rule an error at its line and column, and what is good around it kept. Links:
// playlist_links_test.cpp.
#include <doctest/doctest.h>

#include "playlist_test_support.hpp"

using namespace vitrine::core;
using namespace vitrine::core::testing;
namespace fs = std::filesystem;

// --- sections ---------------------------------------------------------------------------------

TEST_CASE("sections are read with their titles, items, pictures and one level of nesting") {
    const auto out = parse(items_and(R"(
[[section]]
id = "collection"
title = "The collection"

[[section]]
id = "documents"
title = "Documents"
parent = "collection"
items = ["letter", "speech"]

[[section]]
id = "gallery"
title = { en = "Gallery" }
parent = "collection"
items = ["drawing"]

[[section]]
id = "highlights"
title = "Highlights"
image = "../images/valid-64x48.png"
items = ["speech", "drawing"]
)"));
    for (const auto& d : out.diagnostics) CAPTURE(format(d));
    CHECK(out.diagnostics.empty());
    REQUIRE(out.playlist);
    const Playlist& p = *out.playlist;
    CHECK(section_ids(out) == std::vector<std::string>{"collection", "documents", "gallery", "highlights"});
    REQUIRE(p.sections.size() == 4);
    CHECK(p.sections[0].parent == std::nullopt);
    CHECK(p.sections[0].items.empty());
    CHECK(p.sections[1].parent == 0u);
    CHECK(p.sections[1].items == std::vector<std::size_t>{0, 2});
    CHECK(p.sections[1].title == LocalText{{"en", "Documents"}});
    CHECK(p.sections[1].pos.line == line(5));
    CHECK(p.sections[1].pos.column == 1);
    CHECK(p.sections[2].title == LocalText{{"en", "Gallery"}});
    CHECK(p.sections[2].items == std::vector<std::size_t>{1});
    CHECK(p.sections[3].items == std::vector<std::size_t>{2, 1});
    CHECK(p.sections[3].parent == std::nullopt);
    // Pictures: written; else the first image item's; a parent's, its first child's that has one.
    CHECK(p.sections[3].image == (kFixtures / "../images/valid-64x48.png").lexically_normal());
    CHECK(p.sections[2].image == kDrawing);
    CHECK(p.sections[1].image.empty());
    CHECK(p.sections[0].image == kDrawing);
    CHECK(child_sections(p, std::nullopt) == std::vector<std::size_t>{0, 3});
    CHECK(child_sections(p, 0) == std::vector<std::size_t>{1, 2});
    CHECK(p.missing_translations.empty());
    CHECK(p.exhibit.attract_section == std::nullopt);
}

TEST_CASE("a section with sections under it that also lists items is refused at its items, and stays a parent") {
    const auto out = parse(items_and(R"(
[[section]]
id = "collection"
title = "The collection"
items = ["letter"]
[[section]]
id = "documents"
title = "Documents"
parent = "collection"
items = ["speech"]
)"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(4));
    CHECK(d.column == 9);
    CHECK(d.message ==
          "section 'collection' has sections under it (documents), so it cannot list items too; put these items in a "
          "section of their own under it");
    CHECK(d.item_id.empty());
    REQUIRE(out.playlist->sections.size() == 2);
    CHECK(out.playlist->sections[0].items.empty());
    CHECK(out.playlist->sections[1].parent == 0u);
    CHECK(out.playlist->sections[1].items == std::vector<std::size_t>{2});
    CHECK(ids_of(out) == std::vector<std::string>{"letter", "drawing", "speech"});
}

TEST_CASE("sections nest one level only: a deeper section is refused at its parent") {
    SUBCASE("three levels: the deepest is left out") {
        const auto out = parse(items_and(R"(
[[section]]
id = "a"
title = "A"
[[section]]
id = "b"
title = "B"
parent = "a"
items = ["letter"]
[[section]]
id = "c"
title = "C"
parent = "b"
items = ["speech"]
)"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == line(12));
        CHECK(d.column == 10);
        CHECK(d.message == "sections nest one level only: section 'c' is under section 'b', which is itself under section 'a'");
        CHECK(section_ids(out) == std::vector<std::string>{"a", "b"});
        CHECK(out.playlist->sections[1].parent == 0u);
    }
    SUBCASE("two sections under each other: both are refused") {
        const auto out = parse(items_and(R"(
[[section]]
id = "a"
title = "A"
parent = "b"
items = ["letter"]
[[section]]
id = "b"
title = "B"
parent = "a"
items = ["speech"]
)"));
        const auto es = errors_of(out);
        REQUIRE(es.size() == 2);
        CHECK(es[0]->line == line(4));
        CHECK(es[0]->message == "sections nest one level only: section 'a' is under section 'b', which is itself under section 'a'");
        CHECK(es[1]->line == line(9));
        CHECK(es[1]->message == "sections nest one level only: section 'b' is under section 'a', which is itself under section 'b'");
        CHECK(out.playlist->sections.empty());
    }
}

TEST_CASE("a section with neither items nor sections under it is refused") {
    std::string items;
    SUBCASE("no 'items'") {}
    SUBCASE("an empty list") { items = "items = []\n"; }
    const auto out = parse(items_and("\n[[section]]\nid = \"empty\"\ntitle = \"Nothing here\"\n" + items));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(1));
    CHECK(d.column == 1);
    CHECK(d.message ==
          "section 'empty' lists no items and has no sections under it; add items = [\"…\"], or give other sections "
          "parent = \"empty\"");
    CHECK(out.playlist->sections.empty());
    CHECK(ids_of(out).size() == 3);
}

TEST_CASE("a section's items must name items, each once") {
    std::string items, message;
    int column = 0;
    SUBCASE("an unknown id, with a suggestion") {
        items = "[\"leter\"]", column = 10;
        message = "'items' names \"leter\", but no item has that id; did you mean \"letter\"?";
    }
    SUBCASE("an unknown id, nothing close") {
        items = "[\"letter\", \"manifesto\"]", column = 20;
        message = "'items' names \"manifesto\", but no item has that id";
    }
    SUBCASE("a section's id") {
        items = "[\"gallery\"]", column = 10;
        message = "'items' names \"gallery\", which is a section; to show it under section 'documents', give it parent = \"documents\"";
    }
    SUBCASE("the same item twice") {
        items = "[\"letter\", \"letter\"]", column = 20;
        message = "'items' lists \"letter\" twice";
    }
    SUBCASE("a number") {
        items = "[3]", column = 10;
        message = "entry 1 of 'items' must be an item's id in quotes, got the integer 3";
    }
    SUBCASE("one id, not a list") {
        items = "\"letter\"", column = 9;
        message = "'items' must be a list of item ids like [\"drawing\", \"letter\"], got the text \"letter\"";
    }
    CAPTURE(items);
    const auto out = parse(items_and("\n[[section]]\nid = \"documents\"\ntitle = \"Documents\"\nitems = " + items +
                                     "\n[[section]]\nid = \"gallery\"\ntitle = \"Gallery\"\nitems = [\"drawing\"]\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(4));
    CHECK(d.column == column);
    CHECK(d.message == message);
    CHECK(section_ids(out) == std::vector<std::string>{"gallery"});
    CHECK(ids_of(out).size() == 3);
}

TEST_CASE("section ids are needed, well formed, unique and not an item's") {
    std::string id_line, message;
    int column = 0;
    SUBCASE("missing") {
        id_line = "", column = 1;
        message = "section 1 needs 'id': a name like id = \"documents\", by which links, 'parent' and [exhibit] attract find it";
    }
    SUBCASE("with a capital") {
        id_line = "id = \"Documents\"\n", column = 6;
        message = "section id \"Documents\" may use only lowercase letters a-z, digits, '-' and '_'; it has the capital 'D'";
    }
    SUBCASE("an item's id") {
        id_line = "id = \"letter\"\n", column = 6;
        message = "section id \"letter\" is also the id of the item at line 1; a link's 'to' names one or the other, so they must differ";
    }
    SUBCASE("a number") {
        id_line = "id = 7\n", column = 6;
        message = "'id' must be text in quotes like \"documents\" (lowercase letters, digits, '-' and '_'), got the integer 7";
    }
    CAPTURE(id_line);
    const auto out = parse(items_and("\n[[section]]\n" + id_line + "title = \"Documents\"\nitems = [\"letter\"]\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(column == 1 ? 1 : 2));
    CHECK(d.column == column);
    CHECK(d.message == message);
    CHECK(out.playlist->sections.empty());
}

TEST_CASE("a duplicate section id points at the second and names the line of the first") {
    const auto dup = parse(items_and(R"(
[[section]]
id = "documents"
title = "Documents"
items = ["letter"]
[[section]]
id = "documents"
title = "More documents"
items = ["speech"]
)"));
    const Diagnostic& e = only_error(dup);
    CHECK(e.line == line(6));
    CHECK(e.column == 6);
    CHECK(e.message == "duplicate section id \"documents\": the section at line " + std::to_string(line(1)) +
                           " already has it; ids must be unique");
    REQUIRE(dup.playlist->sections.size() == 1);
    CHECK(dup.playlist->sections[0].items == std::vector<std::size_t>{0});
}

TEST_CASE("a section needs a title, its keys are checked, and its picture is checked like an image item's") {
    SUBCASE("no title") {
        const auto out = parse(items_and("\n[[section]]\nid = \"documents\"\nitems = [\"letter\"]\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == line(1));
        CHECK(d.message == "section 'documents' needs 'title': the words on its tile in the menu, like title = \"Documents\"");
        CHECK(out.playlist->sections.empty());
    }
    SUBCASE("a misspelt key") {
        const auto out = parse(items_and("\n[[section]]\nid = \"documents\"\ntitle = \"Documents\"\nitems = [\"letter\"]\nparnet = \"x\"\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == line(5));
        CHECK(d.column == 1);
        CHECK(d.message == "unknown key 'parnet' in section 'documents'; did you mean 'parent'?");
    }
    SUBCASE("a picture that is not there") {
        const auto out = parse(items_and(
            "\n[[section]]\nid = \"documents\"\ntitle = \"Documents\"\nimage = \"../images/valid-64x84.jpg\"\nitems = [\"letter\"]\n"));
        const Diagnostic& d = only_error(out);
        CHECK(d.line == line(4));
        CHECK(d.column == 9);
        CHECK(d.message == "image file \"../images/valid-64x84.jpg\" not found (looked for " +
                               (kFixtures / "../images/valid-64x84.jpg").lexically_normal().string() +
                               "); did you mean \"../images/valid-64x48.jpg\"?");
        CHECK(out.playlist->sections.empty());
    }
    SUBCASE("a picture the probe refuses, in check mode") {
        LoadOptions o = options();
        int probed = 0;
        o.probe_image = [&](const fs::path& file) -> std::string {
            ++probed;
            return file.filename() == "not-an-image.png" ? "not an image" : "";
        };
        const auto out = parse(items_and("\n[[section]]\nid = \"documents\"\ntitle = \"Documents\"\nimage = "
                                         "\"../images/not-an-image.png\"\nitems = [\"drawing\"]\n"),
                               o);
        CHECK(only_error(out).message == "image file \"../images/not-an-image.png\" cannot be used: not an image");
        CHECK(probed == 2);  // the drawing item's picture, and the section's
    }
}

TEST_CASE("a section goes on without an item left out for its errors, and is left out when none is left") {
    const auto out = parse(R"(
[[item]]
id = "letter"
kind = "text"
text = "A letter."
[[item]]
id = "broken"
kind = "image"
file = "../images/zero-byte.png"
[[section]]
id = "documents"
title = "Documents"
items = ["letter", "broken"]
[[section]]
id = "broken-only"
title = "Broken"
items = ["broken"]
)");
    REQUIRE(out.diagnostics.size() == 4);
    const std::string why = " (line 8: image file \"../images/zero-byte.png\" is empty (0 bytes))";
    CHECK(out.diagnostics[0].severity == Severity::error);
    CHECK(out.diagnostics[0].line == 8);
    CHECK(out.diagnostics[1].severity == Severity::warning);
    CHECK(out.diagnostics[1].line == 12);
    CHECK(out.diagnostics[1].column == 20);
    CHECK(out.diagnostics[1].message == "'items' names item \"broken\", which has errors and is left out" + why +
                                            "; section 'documents' goes on without it");
    CHECK(out.diagnostics[2].line == 16);
    CHECK(out.diagnostics[2].column == 9);
    CHECK(out.diagnostics[2].severity == Severity::warning);
    CHECK(out.diagnostics[2].message == "section 'broken-only' has no playable items (those it lists are left out), so it is left out");
    CHECK(out.diagnostics[3].line == 16);
    CHECK(out.diagnostics[3].column == 10);
    CHECK(section_ids(out) == std::vector<std::string>{"documents"});
    CHECK(out.playlist->sections[0].items == std::vector<std::size_t>{0});
}

TEST_CASE("'parent' must name another section; a parent left out puts its children at the top") {
    SUBCASE("a parent left out") {
        const auto out = parse(items_and(R"(
[[section]]
id = "collection"
[[section]]
id = "documents"
title = "Documents"
parent = "collection"
items = ["letter"]
)"));
        REQUIRE(out.diagnostics.size() == 2);
        CHECK(out.diagnostics[0].message ==
              "section 'collection' needs 'title': the words on its tile in the menu, like title = \"Documents\"");
        CHECK(out.diagnostics[1].severity == Severity::warning);
        CHECK(out.diagnostics[1].line == line(6));
        CHECK(out.diagnostics[1].column == 10);
        CHECK(out.diagnostics[1].message ==
              "'parent' names section \"collection\", which has errors and is left out (line " + std::to_string(line(1)) +
                  ": section 'collection' needs 'title': the words on its tile in the menu, like title = \"Documents\"); "
                  "section 'documents' shows at the top of the menu");
        REQUIRE(section_ids(out) == std::vector<std::string>{"documents"});
        CHECK(out.playlist->sections[0].parent == std::nullopt);
    }
    std::string parent, message;
    SUBCASE("an unknown section, with a suggestion") {
        parent = "colection", message = "'parent' names section \"colection\", but no section has that id; did you mean \"collection\"?";
    }
    SUBCASE("an item") { parent = "letter", message = "'parent' names \"letter\", which is an item; 'parent' takes the id of a section"; }
    SUBCASE("itself") {
        parent = "documents", message = "section 'documents' cannot be under itself; 'parent' names the section it belongs under";
    }
    if (parent.empty()) return;
    CAPTURE(parent);
    const auto out = parse(items_and("\n[[section]]\nid = \"collection\"\ntitle = \"Collection\"\nitems = [\"speech\"]\n"
                                     "[[section]]\nid = \"documents\"\ntitle = \"Documents\"\nparent = \"" + parent +
                                     "\"\nitems = [\"letter\"]\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(8));
    CHECK(d.column == 10);
    CHECK(d.message == message);
    CHECK(section_ids(out) == std::vector<std::string>{"collection"});
}

TEST_CASE("sections written with one pair of brackets are refused") {
    const auto out = parse(items_and("\n[section]\nid = \"documents\"\ntitle = \"Documents\"\n"));
    const Diagnostic& d = only_error(out);
    CHECK(d.line == line(1));
    CHECK(d.message == "write each section as [[section]] with two brackets; [section] makes a single table, not a list of sections");
    CHECK(out.playlist->sections.empty());
}

// --- the attract sequence ---------------------------------------------------------------------

TEST_CASE("[exhibit] attract names the section the attract sequence plays") {
    const std::string sections = R"(
[[section]]
id = "highlights"
title = "Highlights"
items = ["drawing", "speech"]
[[section]]
id = "empty"
title = "Empty"
[exhibit]
)";
    const auto with = [&](std::string attract) { return parse(items_and(sections + "attract = \"" + attract + "\"\n")); };
    SUBCASE("a section") {
        const auto out = with("highlights");
        CHECK(only_error(out).message.starts_with("section 'empty' lists no items"));
        CHECK(out.playlist->exhibit.attract_section == 0u);
    }
    std::string attract, message;
    Severity severity = Severity::error;
    SUBCASE("an unknown id, with a suggestion") {
        attract = "highlight", message = "'attract' names section \"highlight\", but no section has that id; did you mean \"highlights\"?";
    }
    SUBCASE("an unknown id, nothing close") {
        attract = "nothing-like-it",
        message = "'attract' names section \"nothing-like-it\", but no section has that id; the attract sequence is the whole playlist";
    }
    SUBCASE("an item") {
        attract = "speech",
        message = "'attract' names \"speech\", which is an item; 'attract' takes the id of a section (leave it out and the attract "
                  "sequence is the whole playlist)";
    }
    SUBCASE("a section left out: a warning") {
        attract = "empty", severity = Severity::warning;
        message = "'attract' names section \"empty\", which has errors and is left out (line " + std::to_string(line(5)) +
                  ": section 'empty' lists no items and has no sections under it; add items = [\"…\"], or give other sections "
                  "parent = \"empty\"); the attract sequence is the whole playlist";
    }
    if (attract.empty()) return;
    CAPTURE(attract);
    const auto out = with(attract);
    const Diagnostic* found = nullptr;
    for (const auto& d : out.diagnostics) {
        if (d.line == line(9)) found = &d;
    }
    REQUIRE(found);
    CHECK(found->column == 11);
    CHECK(found->severity == severity);
    CHECK(found->message == message);
    CHECK(out.playlist->exhibit.attract_section == std::nullopt);
}
