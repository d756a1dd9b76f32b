#include "core/duration_parser.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace vitrine::core {
namespace {

constexpr std::size_t kMaxDigits = 12;  // more digits than any sane duration; bounds the arithmetic

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string quote(std::string_view s) {
    constexpr std::size_t kShown = 40;  // a message quotes the start of a long value, not all of it
    if (s.size() > kShown) return "\"" + std::string(s.substr(0, kShown)) + "…\"";
    return "\"" + std::string(s) + "\"";
}

std::string expected_message(std::string_view text, std::string_view detail) {
    return "expected a duration like \"12s\", \"1.5s\", \"800ms\" or \"1m30s\" (a number and a unit: "
           "h, m, s or ms), got " +
           quote(text) + (detail.empty() ? std::string{} : "; " + std::string(detail));
}

const double kMaxMillis = std::chrono::duration<double, std::milli>(kMaxDuration).count();

Result<Millis> from_millis(double ms, std::string_view text) {
    if (!std::isfinite(ms) || std::abs(ms) > kMaxMillis) {
        return fail("a duration may be at most " + format_duration(std::chrono::duration_cast<Millis>(kMaxDuration)) +
                    ", got " + quote(text));
    }
    return Millis(std::llround(ms));
}

}  // namespace

Result<Millis> parse_duration(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    if (s.empty()) return fail(expected_message(text, "it is empty"));
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    double total_ms = 0;
    int last_rank = 5;  // units must come largest first: h=4, m=3, s=2, ms=1
    bool any = false;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        const std::size_t number_start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && is_digit(s[i])) ++i;
        }
        const std::string_view number = s.substr(number_start, i - number_start);
        if (number.empty() || number == ".") {
            return fail(expected_message(text, i < s.size() ? "a number is needed before '" + std::string(1, s[i]) + "'"
                                                            : "a number is missing"));
        }
        if (number.size() > kMaxDigits) return fail(expected_message(text, "the number is too long"));
        double value = 0;
        // from_chars, not stod: the C++ locale must not turn "1.5" into 1 on a Portuguese system.
        if (std::from_chars(number.data(), number.data() + number.size(), value).ec != std::errc{}) {
            return fail(expected_message(text, "the number cannot be read"));
        }
        while (i < s.size() && is_space(s[i])) ++i;
        const std::size_t unit_start = i;
        while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i;
        const std::string_view unit = s.substr(unit_start, i - unit_start);
        if (unit.empty()) {
            if (i < s.size()) {
                return fail(expected_message(text, "'" + std::string(1, s[i]) + "' is not a unit"));
            }
            if (any) return fail(expected_message(text, "the last number has no unit"));
            total_ms = value * 1000.0;  // a lone number is seconds, like a bare TOML number
            any = true;
            break;
        }
        int rank = 0;
        double scale = 0;
        if (unit == "h") rank = 4, scale = 3'600'000.0;
        else if (unit == "m" || unit == "min") rank = 3, scale = 60'000.0;
        else if (unit == "s") rank = 2, scale = 1000.0;
        else if (unit == "ms") rank = 1, scale = 1.0;
        else return fail(expected_message(text, "unknown unit \"" + std::string(unit) + "\""));
        if (rank >= last_rank) {
            return fail(expected_message(text, "write the units largest first, each once (\"1m30s\")"));
        }
        last_rank = rank;
        total_ms += value * scale;
        any = true;
    }
    if (!any) return fail(expected_message(text, "a number is missing"));
    return from_millis(negative ? -total_ms : total_ms, text);
}

Result<Millis> duration_from_seconds(double seconds) {
    if (!std::isfinite(seconds) || std::abs(seconds) * 1000.0 > kMaxMillis) {
        return fail("a duration may be at most " + format_duration(std::chrono::duration_cast<Millis>(kMaxDuration)) +
                    ", got " + (std::isfinite(seconds) ? std::to_string(static_cast<long long>(seconds)) + " seconds"
                                                       : std::string("a number that is not finite")));
    }
    return Millis(std::llround(seconds * 1000.0));
}

std::string format_duration(Millis d) {
    long long ms = d.count();
    std::string out;
    if (ms < 0) {
        out = "-";
        ms = -ms;
    }
    if (ms < 1000) return out + std::to_string(ms) + "ms";
    const long long h = ms / 3'600'000;
    const long long m = (ms / 60'000) % 60;
    const long long s = (ms / 1000) % 60;
    const long long rest = ms % 1000;
    if (h > 0) out += std::to_string(h) + "h";
    if (m > 0) out += std::to_string(m) + "m";
    if (s > 0 || rest > 0) {
        out += std::to_string(s);
        if (rest > 0) {
            std::string frac = std::to_string(1000 + rest).substr(1);  // three digits
            while (frac.back() == '0') frac.pop_back();
            out += "." + frac;
        }
        out += "s";
    }
    return out;
}

}  // namespace vitrine::core
