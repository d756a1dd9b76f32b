#include <doctest/doctest.h>

#include <array>
#include <string>

#include "core/did_you_mean.hpp"

using namespace vitrine::core;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
    CHECK(edit_distance("duration", "duration") == 0);
    CHECK(edit_distance("duraton", "duration") == 1);
    CHECK(edit_distance("titel", "title") == 1);  // a swap of neighbours is one edit
    CHECK(edit_distance("Title", "title") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("the closest candidate is suggested only when it is close enough") {
    constexpr std::array<std::string_view, 5> keys{"title", "text", "duration", "transition", "transition_duration"};
    CHECK(did_you_mean("duraton", keys) == "duration");
    CHECK(did_you_mean("titel", keys) == "title");
    CHECK(did_you_mean("txt", keys) == "text");
    CHECK(did_you_mean("transiton_duration", keys) == "transition_duration");
    CHECK_FALSE(did_you_mean("colour", keys));
    CHECK_FALSE(did_you_mean("", keys));
    CHECK_FALSE(did_you_mean(std::string(100, 'x'), keys));  // hostile input gets no work
    constexpr std::array<std::string_view, 2> tie{"cat", "car"};
    CHECK(did_you_mean("cab", tie) == "cat");  // ties go to the first
}
