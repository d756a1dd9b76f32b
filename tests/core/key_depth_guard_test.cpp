#include <doctest/doctest.h>

#include <string>

#include "core/key_depth_guard.hpp"

using namespace vitrine::core;

TEST_CASE("keys within the depth limit pass, whatever the strings around them hold") {
    CHECK_FALSE(find_key_deeper_than("a.b.c = 1\n[x.y]\nz = 2\n", 3));
    // Dots and brackets inside strings, multi-line strings and comments are not keys.
    CHECK_FALSE(find_key_deeper_than("t = \"a.b.c.d = [{\"\nm = \"\"\"\na.b.c.d.e = 1\n\"\"\"\n# a.b.c.d.e = 1\n", 2));
    CHECK_FALSE(find_key_deeper_than("l = 'C:\\a.b'\n\"q.u.o.t.e.d\" = 1\n", 1));
    CHECK_FALSE(find_key_deeper_than("arr = [ [1, 2], { a = 1 },\n  \"x.y\" ]\nb = 1\n", 2));
}

TEST_CASE("the first key past the limit is found with its position") {
    SUBCASE("a dotted key under a header") {
        auto d = find_key_deeper_than("[a.b]\n  c.d = 1\n", 3);
        REQUIRE(d);
        CHECK(d->line == 2);
        CHECK(d->column == 3);
        CHECK(d->depth == 4);
        CHECK(d->preview == "c.d");
    }
    SUBCASE("a header") {
        auto d = find_key_deeper_than("x = 1\n[[a.\"b.c\".d]]\n", 2);
        REQUIRE(d);
        CHECK(d->line == 2);
        CHECK(d->column == 3);
        CHECK(d->depth == 3);
    }
    SUBCASE("inline tables inside arrays count their keys") {
        auto d = find_key_deeper_than("\"é\" = [{ a = { b = 1 } }]\n", 2);
        REQUIRE(d);
        CHECK(d->line == 1);
        CHECK(d->column == 16);
        CHECK(d->preview == "b");
    }
}

TEST_CASE("hostile text is scanned without recursion and without stalling") {
    std::string deep_brackets(200000, '[');
    CHECK_FALSE(find_key_deeper_than("a = " + deep_brackets, 8));
    std::string unterminated = "a = \"never closed\n[[b.c.d]]\n";
    CHECK(find_key_deeper_than(unterminated, 2));
    CHECK_FALSE(find_key_deeper_than("= = = ] } , {{{ \"", 8));
    std::string long_key = "k";
    for (int i = 0; i < 200000; ++i) long_key += ".k";
    auto d = find_key_deeper_than(long_key + " = 1", 8);
    REQUIRE(d);
    CHECK(d->depth == 200001);
}
