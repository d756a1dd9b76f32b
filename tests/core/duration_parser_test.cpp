#include <doctest/doctest.h>

#include "core/duration_parser.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;

TEST_CASE("durations are read the way curators write them") {
    CHECK(parse_duration("12s") == Millis(12000));
    CHECK(parse_duration("1.5s") == Millis(1500));
    CHECK(parse_duration("800ms") == Millis(800));
    CHECK(parse_duration("2m") == Millis(120000));
    CHECK(parse_duration("1m30s") == Millis(90000));
    CHECK(parse_duration("1h 15m") == Millis(4500000));
    CHECK(parse_duration(" 3 s ") == Millis(3000));
    CHECK(parse_duration("12") == Millis(12000));
    CHECK(parse_duration("-5s") == Millis(-5000));
    CHECK(parse_duration("0.0005s") == Millis(1));
    CHECK(parse_duration("2min") == Millis(120000));
}

TEST_CASE("a string that is not a duration says what was seen and why") {
    struct Case {
        const char* text;
        const char* detail;
    };
    for (const Case& c : {Case{"", "it is empty"}, Case{"12 seconds", "unknown unit \"seconds\""},
                          Case{"s", "a number is needed before 's'"}, Case{"30s1m", "write the units largest first"},
                          Case{"1m30", "the last number has no unit"}, Case{"1,5s", "',' is not a unit"},
                          Case{"1234567890123s", "the number is too long"}}) {
        CAPTURE(c.text);
        auto d = parse_duration(c.text);
        REQUIRE_FALSE(d);
        CHECK(d.error().message.starts_with("expected a duration like \"12s\", \"1.5s\", \"800ms\" or \"1m30s\""));
        CHECK(d.error().message.find(c.detail) != std::string::npos);
    }
}

TEST_CASE("durations longer than a day are refused") {
    CHECK(parse_duration("24h") == Millis(86400000));
    auto d = parse_duration("25h");
    REQUIRE_FALSE(d);
    CHECK(d.error().message == "a duration may be at most 24h, got \"25h\"");
    CHECK_FALSE(duration_from_seconds(1e300));
    CHECK_FALSE(duration_from_seconds(std::numeric_limits<double>::quiet_NaN()));
    CHECK(duration_from_seconds(2.5) == Millis(2500));
}

TEST_CASE("durations are written back in the shortest curator spelling") {
    CHECK(format_duration(800ms) == "800ms");
    CHECK(format_duration(12s) == "12s");
    CHECK(format_duration(1500ms) == "1.5s");
    CHECK(format_duration(90s) == "1m30s");
    CHECK(format_duration(2min) == "2m");
    CHECK(format_duration(3905s) == "1h5m5s");
    CHECK(format_duration(-5s) == "-5s");
}
