// Line breaking over an injected width function: each code point is 10 px wide here, so every
// expected line can be worked out by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text_layout.hpp"

using namespace vitrine::core;

namespace {

constexpr int kCell = 10;  // px per code point

int ten_per_code_point(std::string_view s) { return static_cast<int>(count_code_points(s)) * kCell; }

std::vector<std::string> texts(const std::vector<TextLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) out.push_back(l.text);
    return out;
}

std::vector<TextLine> lines_of(std::string_view text, int cells) {
    return break_lines(text, cells * kCell, ten_per_code_point);
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); i += sequence_length(s, i))
        if (decode_at(s, i) == 0xFFFD) return false;
    return true;
}

}  // namespace

TEST_CASE("lines break at spaces and are never wider than the measure") {
    const auto lines = lines_of("aaa bbb ccc ddd eeeee", 7);
    CHECK(texts(lines) == std::vector<std::string>{"aaa bbb", "ccc ddd", "eeeee"});
    for (const auto& l : lines) CHECK(l.width <= 70);
    CHECK(lines[0].width == 70);
    CHECK(lines[0].end == LineEnd::space);
    CHECK(lines[2].end == LineEnd::end);
}

TEST_CASE("runs of spaces collapse to one and vanish at a break") {
    const auto lines = lines_of("  aaa    bbb \t ccc  ", 7);
    CHECK(texts(lines) == std::vector<std::string>{"aaa bbb", "ccc"});
    CHECK(lines_of("   ", 7).empty());
    CHECK(lines_of("", 7).empty());
}

TEST_CASE("a word wider than the line is cut between code points, never inside one") {
    SUBCASE("Latin") {
        const auto lines = lines_of("ab abcdefghijkl xy", 5);
        CHECK(texts(lines) == std::vector<std::string>{"ab", "abcde", "fghij", "kl xy"});
        CHECK(lines[1].end == LineEnd::inside_word);
        CHECK(join_lines(lines) == "ab abcdefghijkl xy");
    }
    SUBCASE("Cyrillic: two bytes a code point") {
        const std::string word = "Конституционный";  // 15 code points, 30 bytes
        const auto lines = lines_of(word, 4);
        REQUIRE(lines.size() == 4);
        for (const auto& l : lines) {
            CHECK(valid_utf8(l.text));
            CHECK(count_code_points(l.text) <= 4);
        }
        CHECK(lines[0].text == "Конс");
        CHECK(lines[3].text == "ный");
        CHECK(join_lines(lines) == word);
    }
    SUBCASE("a combining accent stays on its letter") {
        const std::string word = "cafe\u0301s";  // "cafés" with a combining acute
        const auto lines = lines_of(word, 4);
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].text == "caf");
        CHECK(lines[1].text == "e\u0301s");
    }
    SUBCASE("four-byte code points") {
        const auto lines = lines_of("😀😀😀", 2);
        CHECK(texts(lines) == std::vector<std::string>{"😀😀", "😀"});
    }
    SUBCASE("a line narrower than one code point still makes progress") {
        const auto lines = break_lines("abc", 5, ten_per_code_point);
        CHECK(texts(lines) == std::vector<std::string>{"a", "b", "c"});
    }
}

TEST_CASE("explicit newlines are honoured and blank lines between texts are kept") {
    CHECK(texts(lines_of("first line\nsecond", 40)) == std::vector<std::string>{"first line", "second"});
    const auto lines = lines_of("a\n\nb\n", 40);
    CHECK(texts(lines) == std::vector<std::string>{"a", "", "b"});
    CHECK(lines[0].end == LineEnd::newline);
    CHECK(join_lines(lines) == "a\n\nb");
}

TEST_CASE("a line may break after a hyphen or a dash inside a word") {
    SUBCASE("hyphen") {
        const auto lines = lines_of("a well-known fact", 7);
        CHECK(texts(lines) == std::vector<std::string>{"a well-", "known", "fact"});
        CHECK(lines[0].end == LineEnd::dash);
        CHECK(join_lines(lines) == "a well-known fact");
    }
    SUBCASE("en dash between numbers") {
        const auto lines = lines_of("pages 371–372", 10);
        CHECK(texts(lines) == std::vector<std::string>{"pages 371–", "372"});
    }
    SUBCASE("no break that would start a line with punctuation or leave a lone sign") {
        CHECK(texts(lines_of("x -5 yy", 3)) == std::vector<std::string>{"x", "-5", "yy"});
        CHECK(texts(lines_of("said—” and", 6)) == std::vector<std::string>{"said—”", "and"});
    }
}

TEST_CASE("a dash standing between spaces stays with the word before it") {
    const std::string text = "On Authority — Frederick Engels, 1874";
    for (int cells = 11; cells <= 40; ++cells) {  // from the width of "Authority —"
        CAPTURE(cells);
        for (const auto& l : lines_of(text, cells)) CHECK(l.text.rfind("—", 0) != 0);
    }
    CHECK(texts(lines_of(text, 14)) == std::vector<std::string>{"On Authority —", "Frederick", "Engels, 1874"});
}

TEST_CASE("initials stay with the name that follows them") {
    for (int cells = 12; cells <= 40; ++cells) {
        CAPTURE(cells);
        const auto lines = lines_of("Speech on the elections — V. I. Lenin, 1920", cells);
        bool together = false;
        for (const auto& l : lines) together = together || l.text.find("V. I. Lenin,") != std::string::npos;
        CHECK(together);
    }
    // Only a letter and a full stop is an initial: "1." or "No." are not.
    CHECK(texts(lines_of("item 1. Next", 7)) == std::vector<std::string>{"item 1.", "Next"});
}

TEST_CASE("Cyrillic text is measured in code points and breaks at spaces") {
    const auto lines = lines_of("Проект Конституции СССР", 13);
    CHECK(texts(lines) == std::vector<std::string>{"Проект", "Конституции", "СССР"});
    CHECK(lines[1].width == 110);
}

TEST_CASE("a no-break space does not break") {
    CHECK(texts(lines_of("aa 10\u00A0km", 6)) == std::vector<std::string>{"aa", "10\u00A0km"});
}

TEST_CASE("balanced lines are of similar length and no more numerous") {
    const std::string caption = "Drew my coworker looking at inventory and prices.";
    const auto greedy = lines_of(caption, 37);
    REQUIRE(greedy.size() == 2);
    CHECK(greedy[0].text == "Drew my coworker looking at inventory");
    const auto balanced = break_lines_balanced(caption, 370, ten_per_code_point);
    REQUIRE(balanced.size() == 2);
    CHECK(balanced[0].text == "Drew my coworker looking");
    CHECK(balanced[1].text == "at inventory and prices.");
    CHECK(break_lines_balanced("short", 370, ten_per_code_point).size() == 1);
}

TEST_CASE("UTF-8 is decoded by code point and invalid bytes count as one") {
    CHECK(count_code_points("São Paulo") == 9);
    CHECK(count_code_points("Проект") == 6);
    CHECK(decode_utf8("ã€") == std::u32string{U'ã', U'€'});
    const std::string bad = "a\xC3" "b\xE2\x82";  // a truncated 2-byte and a truncated 3-byte sequence
    CHECK(count_code_points(bad) == 5);
    CHECK(decode_at(bad, 1) == 0xFFFD);
    const auto lines = lines_of(bad, 2);
    CHECK(join_lines(lines) == bad);
}
