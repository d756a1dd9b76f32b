#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "core/toml_prepass.hpp"

using namespace vitrine::core;

namespace {
std::pair<int, int> at(SourcePos p) { return {p.line, p.column}; }
}  // namespace

TEST_CASE("text without line-ending backslashes is handed on unchanged") {
    const std::string text = "# café\n[exhibit]\ntitle = \"Проект\" # é\n\"título\" = 'é'\nt = '''\nÉ'''\n";
    auto p = prepare_toml(text);
    REQUIRE(p);
    CHECK(p->text() == text);
    CHECK(at(p->original({3, 5})) == std::pair{3, 5});
}

TEST_CASE("a line-ending backslash in a multi-line string is applied, and positions map back") {
    const std::string text = "a = \"\"\"one \\\n    Éclair \\  \n\n  Проект\"\"\"\nb = x\n";
    auto p = prepare_toml(text);
    REQUIRE(p);
    CHECK(p->text() == "a = \"\"\"one Éclair Проект\"\"\"\nb = x\n");
    // "b = x" is line 2 in the prepared text and line 5 in the curator's.
    CHECK(at(p->original({2, 5})) == std::pair{5, 5});
    // "Проект" starts at column 19 of the prepared line 1, column 3 of the curator's line 4.
    CHECK(at(p->original({1, 19})) == std::pair{4, 3});
    CHECK(at(p->original({1, 1})) == std::pair{1, 1});
}

TEST_CASE("escaped backslashes and quotes do not confuse the pass") {
    const std::string text = "a = \"\"\"x\\\\\n É \\\"\"\"\" \nb = \"q\\\"#\" # \\\nc = 1\n";
    auto p = prepare_toml(text);
    REQUIRE(p);
    CHECK(p->text() == text);
}

TEST_CASE("characters beyond ASCII outside quotes are refused with their name") {
    struct Case {
        std::string text;
        int line, column;
        std::string message;
    };
    for (const Case& c : {
             Case{"título = \"x\"\n", 1, 2, "unexpected 'í' (U+00ED) outside quotes"},
             Case{"a = 1\ntitle = “Hello”\n", 2, 9, "unexpected the typographic quote '“' (U+201C)"},
             Case{"a =\u00A01\n", 1, 4, "unexpected a no-break space (U+00A0)"},
             Case{"a = [1, Ж]\n", 1, 9, "unexpected 'Ж' (U+0416)"},
         }) {
        CAPTURE(c.text);
        auto p = prepare_toml(c.text);
        REQUIRE_FALSE(p);
        CHECK(p.error().line == c.line);
        CHECK(p.error().column == c.column);
        CHECK(p.error().message.starts_with(c.message));
    }
}

TEST_CASE("a backslash followed by blanks that do not end the line is refused") {
    auto p = prepare_toml("a = \"\"\"x\\ É\"\"\"\n");
    REQUIRE_FALSE(p);
    CHECK(p.error().line == 1);
    CHECK(p.error().column == 9);
    CHECK(p.error().message.starts_with("a backslash followed by a space must end the line"));
}

TEST_CASE("a byte order mark at the start is allowed") {
    auto p = prepare_toml("\xEF\xBB\xBF" "a = 1\n");
    REQUIRE(p);
}

TEST_CASE("a table header without a name is refused; arrays of arrays are not headers") {
    for (const char* text : {"[ = 1]\n", "a = 1\n  [[ #x\n", "[,]\n"}) {
        CAPTURE(text);
        auto p = prepare_toml(text);
        REQUIRE_FALSE(p);
        CHECK(p.error().message.starts_with("a table header needs a name after '['"));
    }
    CHECK(prepare_toml("a = [\n  [1, 2],\n  [ 3 ],\n]\n[ \"b\" ]\n[[c]]\n[]\n"));
}

TEST_CASE("a quote touching a bare value is refused before toml++ can misread it") {
    // toml++ 3.3 reaches undefined behaviour on `a = 1"С"` (found by the playlist fuzzer).
    for (const char* text : {"a = 1\"\xD0\xA1\"\n", "a = 1979-05-27'\xC3\xA9'\n", "a = [1\"x\"]\n", "d = 10\"s\"\n"}) {
        CAPTURE(text);
        auto r = vitrine::core::prepare_toml(text);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("quote right after a value") != std::string::npos);
        CHECK(r.error().line == 1);
    }
    SUBCASE("quoted dotted keys and ordinary strings are untouched") {
        CHECK(vitrine::core::prepare_toml("site.\"google.com\" = 1\na = \"b\"\nc = ['d', \"e\"]\n"));
    }
}
