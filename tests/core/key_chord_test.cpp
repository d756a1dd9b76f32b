#include <doctest/doctest.h>

#include "core/key_chord.hpp"

using namespace vitrine::core;

TEST_CASE("exit key combinations are parsed with their modifiers") {
    SUBCASE("Ctrl+Alt+Q") {
        auto k = parse_key_chord("Ctrl+Alt+Q");
        REQUIRE(k);
        CHECK(k->ctrl);
        CHECK(k->alt);
        CHECK_FALSE(k->shift);
        CHECK(k->key == "Q");
    }
    SUBCASE("lower case and spaces, a named key") {
        auto k = parse_key_chord(" ctrl + shift + F12 ");
        REQUIRE(k);
        CHECK(k->ctrl);
        CHECK(k->shift);
        CHECK(k->key == "F12");
        CHECK(to_string(*k) == "Ctrl+Shift+F12");
    }
    SUBCASE("the plus key itself") {
        auto k = parse_key_chord("Ctrl++");
        REQUIRE(k);
        CHECK(k->key == "+");
    }
}

TEST_CASE("an exit key a visitor could press alone is refused") {
    SUBCASE("a bare Escape") {
        auto k = parse_key_chord("Escape");
        REQUIRE_FALSE(k);
        CHECK(k.error().message.find("Ctrl or Alt") != std::string::npos);
    }
    SUBCASE("Shift alone is not enough") {
        CHECK_FALSE(parse_key_chord("Shift+Q"));
    }
    SUBCASE("an unknown modifier is named") {
        auto k = parse_key_chord("Super+Q");
        REQUIRE_FALSE(k);
        CHECK(k.error().message.find("\"Super\"") != std::string::npos);
    }
    SUBCASE("empty") {
        CHECK_FALSE(parse_key_chord(""));
        CHECK_FALSE(parse_key_chord("Ctrl+"));
    }
}
