#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/utf8.hpp"

using namespace vitrine::core;

TEST_CASE("valid UTF-8 in several scripts passes") {
    CHECK_FALSE(find_invalid_utf8("São Paulo, #NãoVaiTerCopa, Проект Конституции, 中文, 😀"));
    CHECK_FALSE(find_invalid_utf8(""));
}

TEST_CASE("invalid UTF-8 is found with its line, column in code points and byte") {
    struct Case {
        std::string text;
        int line, column;
        unsigned byte;
    };
    for (const Case& c : {Case{"ab\xFF", 1, 3, 0xFF}, Case{"é\nçà\xC3", 2, 3, 0xC3},  // truncated at the end
                          Case{"\x80", 1, 1, 0x80},                                  // stray continuation
                          Case{"a\xC0\xAF", 1, 2, 0xC0},                             // overlong '/'
                          Case{"\xED\xA0\x80", 1, 1, 0xED},                          // a surrogate
                          Case{"\xF4\x90\x80\x80", 1, 1, 0xF4}}) {                   // above U+10FFFF
        CAPTURE(c.text);
        auto e = find_invalid_utf8(c.text);
        REQUIRE(e);
        CHECK(e->line == c.line);
        CHECK(e->column == c.column);
        CHECK(e->byte == c.byte);
    }
}

TEST_CASE("code points are decoded, named and encoded") {
    std::vector<char32_t> cps;
    for_each_code_point("a中😀\xFF", [&](char32_t cp) { cps.push_back(cp); });
    CHECK(cps == std::vector<char32_t>{U'a', U'中', U'😀', 0xFFFD});
    CHECK(code_point_name(U'中') == "U+4E2D");
    CHECK(code_point_name(U'é') == "U+00E9");
    CHECK(code_point_name(U'😀') == "U+1F600");
    CHECK(encode_utf8(U'中') == "中");
    CHECK(encode_utf8(0xD800) == "\xEF\xBF\xBD");
    CHECK(utf8_prefix("Проект Конституции", 6) == "Проект…");
    CHECK(utf8_prefix("short", 6) == "short");
}
