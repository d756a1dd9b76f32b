#include "core/caption_text.hpp"

#include <array>

#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::size_t kMaxHourDigits = 9;  // 999999999 h still fits Millis many times over
constexpr std::size_t kMaxEntityLength = 10;  // "&#x10FFFF;" is the longest one we decode

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Length of the maximal invalid subpart at text[i], where no valid sequence starts (Unicode
// 3.9, "U+FFFD substitution of maximal subparts"): the lead byte and the continuation bytes
// that could still have completed a valid sequence. The second byte's range depends on the
// lead (Unicode Table 3-7), which is what rules out overlong forms, surrogates and code points
// above U+10FFFF.
std::size_t invalid_subpart_length(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) { n = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }
    else return 1;
    std::size_t k = 1;
    for (; k < n && i + k < text.size(); ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        const bool ok = k == 1 ? (b >= lo && b <= hi) : is_continuation(b);
        if (!ok) break;
    }
    return k;
}

// Calls valid(offset, length) for each valid sequence and invalid(offset, length) for each
// maximal invalid subpart of `text`, in order.
template <class Valid, class Invalid>
void scan_utf8(std::string_view text, Valid&& valid, Invalid&& invalid) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = decode_code_point(text, i).length;
        if (n > 0) {
            valid(i, n);
            i += n;
        } else {
            const std::size_t bad = invalid_subpart_length(text, i);
            invalid(i, bad);
            i += bad;
        }
    }
}

// Reads exactly `digits` decimal digits at s[pos]; advances pos.
std::optional<long long> read_fixed(std::string_view s, std::size_t& pos, std::size_t digits) {
    if (pos + digits > s.size()) return std::nullopt;
    long long v = 0;
    for (std::size_t k = 0; k < digits; ++k) {
        if (!is_digit(s[pos + k])) return std::nullopt;
        v = v * 10 + (s[pos + k] - '0');
    }
    pos += digits;
    return v;
}

// The code point of a character reference body ("amp", "#233", "#xE9"), or nullopt.
std::optional<char32_t> entity_value(std::string_view name) {
    struct Named { std::string_view name; char32_t cp; };
    static constexpr std::array<Named, 8> kNamed{{{"amp", U'&'},
                                                  {"lt", U'<'},
                                                  {"gt", U'>'},
                                                  {"quot", U'"'},
                                                  {"apos", U'\''},
                                                  {"nbsp", U'\u00A0'},
                                                  {"lrm", U'\u200E'},
                                                  {"rlm", U'\u200F'}}};
    for (const auto& n : kNamed)
        if (n.name == name) return n.cp;
    if (name.size() < 2 || name[0] != '#') return std::nullopt;
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    char32_t v = 0;
    for (char c : digits) {
        int d = -1;
        if (is_digit(c)) d = c - '0';
        else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        if (d < 0) return std::nullopt;
        v = v * (hex ? 16 : 10) + static_cast<char32_t>(d);
        if (v > 0x10FFFF) return std::nullopt;
    }
    // NUL and the C0 controls but tab would only confuse the layout; surrogates are not characters.
    if ((v < 0x20 && v != '\t') || (v >= 0xD800 && v <= 0xDFFF)) return std::nullopt;
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::size_t count_invalid_utf8(std::string_view text) {
    std::size_t count = 0;
    scan_utf8(text, [](std::size_t, std::size_t) {}, [&](std::size_t, std::size_t) { ++count; });
    return count;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    scan_utf8(
        text, [&](std::size_t i, std::size_t n) { out.append(text.substr(i, n)); },
        [&](std::size_t, std::size_t) { out += kReplacementUtf8; });
    return out;
}

SourcePos position_of(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    SourcePos pos{1, 1};
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        // In "\r\n" the '\n' ends the line.
        const bool crlf = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
        if (text[i] == '\n' || (text[i] == '\r' && !crlf)) {
            ++pos.line;
            line_start = i + 1;
        }
    }
    int column = 1;
    scan_utf8(
        text.substr(line_start, offset - line_start), [&](std::size_t, std::size_t) { ++column; },
        [&](std::size_t, std::size_t n) { column += static_cast<int>(n); });
    pos.column = column;
    return pos;
}

std::optional<Millis> parse_cue_time(std::string_view s, CaptionFormat format) {
    // Split into the colon-separated fields first: hours are optional in VTT only.
    std::size_t colons = 0;
    for (char c : s) colons += c == ':';
    std::size_t pos = 0;
    long long hours = 0;
    if (colons == 2) {
        std::size_t digits = 0;
        while (pos < s.size() && is_digit(s[pos])) {
            if (++digits > kMaxHourDigits) return std::nullopt;
            hours = hours * 10 + (s[pos] - '0');
            ++pos;
        }
        if (digits == 0 || pos >= s.size() || s[pos] != ':') return std::nullopt;
        ++pos;
    } else if (colons != 1 || format == CaptionFormat::srt) {
        return std::nullopt;
    }
    const auto minutes = read_fixed(s, pos, 2);
    if (!minutes || *minutes > 59 || pos >= s.size() || s[pos] != ':') return std::nullopt;
    ++pos;
    const auto seconds = read_fixed(s, pos, 2);
    if (!seconds || *seconds > 59 || pos >= s.size()) return std::nullopt;
    const char sep = s[pos];
    if (!(sep == '.' || (format == CaptionFormat::srt && sep == ','))) return std::nullopt;
    ++pos;
    const auto millis = read_fixed(s, pos, 3);
    if (!millis || pos != s.size()) return std::nullopt;
    return Millis(((hours * 60 + *minutes) * 60 + *seconds) * 1000 + *millis);
}

std::string format_cue_time(Millis t, CaptionFormat format) {
    long long ms = t.count();
    std::string sign;
    if (ms < 0) {
        sign = "-";
        ms = -ms;
    }
    auto two = [](long long v) {
        std::string s = std::to_string(v);
        return s.size() < 2 ? "0" + s : s;
    };
    std::string millis = std::to_string(ms % 1000);
    millis.insert(0, 3 - millis.size(), '0');
    return sign + two(ms / 3'600'000) + ':' + two(ms / 60'000 % 60) + ':' + two(ms / 1000 % 60) +
           (format == CaptionFormat::srt ? ',' : '.') + millis;
}

std::string strip_cue_markup(std::string_view line, CaptionFormat format) {
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size();) {
        const char c = line[i];
        const char next = i + 1 < line.size() ? line[i + 1] : '\0';
        if (c == '<' && (is_ascii_alpha(next) || next == '/' ||
                         (format == CaptionFormat::vtt && is_digit(next)))) {
            const std::size_t close = line.find('>', i + 1);
            if (close != std::string_view::npos) {
                i = close + 1;
                continue;
            }
        }
        if (c == '{' && next == '\\') {
            const std::size_t close = line.find('}', i + 1);
            if (close != std::string_view::npos) {
                i = close + 1;
                continue;
            }
        }
        if (c == '&' && format == CaptionFormat::vtt) {
            const std::size_t semi = line.find(';', i + 1);
            if (semi != std::string_view::npos && semi - i <= kMaxEntityLength) {
                if (const auto cp = entity_value(line.substr(i + 1, semi - i - 1))) {
                    out += encode_utf8(*cp);
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return std::string(trim(out));
}

}  // namespace vitrine::core
