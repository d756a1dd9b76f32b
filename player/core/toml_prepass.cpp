#include "core/toml_prepass.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

enum class Context { code, comment, basic, literal, multi_basic, multi_literal };

std::string what_is(char32_t cp) {
    const std::string shown = "'" + encode_utf8(cp) + "' (" + code_point_name(cp) + ")";
    switch (cp) {
        case 0x00A0:
        case 0x202F:
            return "a no-break space (" + code_point_name(cp) + "), as word processors insert; write a plain space";
        case 0x201C:
        case 0x201D:
        case 0x201E:
            return "the typographic quote " + shown + "; text must be in straight quotes: title = \"…\"";
        case 0x2018:
        case 0x2019:
            return "the typographic apostrophe " + shown + "; text must be in straight quotes: title = \"…\"";
        case 0xFEFF:
            return "a byte order mark " + shown + " in the middle of the file";
        default:
            return shown + " outside quotes; text goes in quotes (title = \"Café\") and keys use only a-z, 0-9, '-' "
                           "and '_'";
    }
}

// Line start offsets of `text` (the first is 0).
std::vector<std::size_t> line_starts(std::string_view text) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') starts.push_back(i + 1);
    }
    return starts;
}

// Position (line, column in code points) of byte `offset`.
SourcePos pos_at(std::string_view text, std::size_t offset) {
    SourcePos pos{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
    return pos;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

SourcePos PreparedToml::original(SourcePos p) const {
    if (joins_.empty() || p.line < 1 || p.column < 1) return p;
    // Byte offset of p in text_.
    const auto starts = line_starts(text_);
    if (static_cast<std::size_t>(p.line) > starts.size()) return p;
    std::size_t offset = starts[static_cast<std::size_t>(p.line) - 1];
    for (int col = 1; col < p.column && offset < text_.size() && text_[offset] != '\n'; ++col) {
        const DecodedCodePoint d = decode_code_point(text_, offset);
        offset += d.length == 0 ? 1 : d.length;
    }
    // The last join at or before it says how far the original is ahead.
    std::size_t original_offset = offset;
    auto it = std::upper_bound(joins_.begin(), joins_.end(), offset,
                               [](std::size_t o, const auto& join) { return o < join.first; });
    if (it != joins_.begin()) {
        --it;
        original_offset = it->second + (offset - it->first);
    }
    return pos_at(original_, original_offset);
}

namespace {
// Characters of bare keys and bare values (numbers, booleans, dates and times).
bool is_bare_value_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '+' || c == ':';
}
}  // namespace

Result<PreparedToml> prepare_toml(std::string_view in) {
    PreparedToml out;
    out.text_.reserve(in.size());
    Context ctx = Context::code;
    std::size_t i = 0;
    // For table headers: arrays and inline tables open around here, and whether only blanks
    // precede on this line. At depth 0 a '[' first on a line opens a header.
    std::size_t depth = 0;
    bool line_start = true;
    auto error_at = [&](std::size_t offset, std::string message) -> Result<PreparedToml> {
        const SourcePos pos = pos_at(in, offset);
        return fail(std::move(message), {}, pos.line, pos.column);
    };
    auto starts_with = [&](std::string_view s) { return in.substr(i, s.size()) == s; };

    while (i < in.size()) {
        const char c = in[i];
        switch (ctx) {
            case Context::code: {
                if (static_cast<unsigned char>(c) >= 0x80) {
                    if (i == 0 && starts_with("\xEF\xBB\xBF")) {  // a byte order mark opening the file is allowed
                        out.text_ += in.substr(0, 3);
                        i += 3;
                        continue;
                    }
                    return error_at(i, "unexpected " + what_is(decode_code_point(in, i).code_point));
                }
                if (c == '[' && depth == 0 && line_start) {
                    // toml++ 3.3 asserts (debug builds) on a header whose name starts with
                    // anything but a key character or a quote; release builds report it.
                    std::size_t j = i + 1;
                    if (j < in.size() && in[j] == '[') ++j;
                    while (j < in.size() && is_blank(in[j])) ++j;
                    const char n = j < in.size() ? in[j] : '\n';
                    const bool key_start = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9') ||
                                           n == '_' || n == '-' || n == '"' || n == '\'' || n == ']';
                    if (!key_start) {
                        return error_at(i, "a table header needs a name after '[': [exhibit], [exhibit.display], [theme] or [[item]]");
                    }
                    line_start = false;
                    out.text_ += in.substr(i, j - i);
                    i = j;
                    continue;
                }
                if (c == '[' || c == '{') ++depth;
                else if ((c == ']' || c == '}') && depth > 0) --depth;
                if (c == '\n') line_start = true;
                else if (!is_blank(c) && c != '\r') line_start = false;
                if ((c == '"' || c == '\'') && i > 0 && is_bare_value_char(in[i - 1])) {
                    // toml++ 3.3 scans a bare value (1, true, a date) on into a quote that touches
                    // it and reaches undefined behaviour on non-ASCII there; it is never valid TOML.
                    return error_at(i, "a quote right after a value; put a space, a comma or a new line between them");
                }
                if (c == '#') ctx = Context::comment;
                else if (starts_with("\"\"\"")) ctx = Context::multi_basic, out.text_ += "\"\"", i += 2;
                else if (starts_with("'''")) ctx = Context::multi_literal, out.text_ += "''", i += 2;
                else if (c == '"') ctx = Context::basic;
                else if (c == '\'') ctx = Context::literal;
                out.text_ += c;
                ++i;
                break;
            }
            case Context::comment:
                if (c == '\n') ctx = Context::code, line_start = true;
                out.text_ += c;
                ++i;
                break;
            case Context::basic:
            case Context::literal:
                if (c == '\n' || (ctx == Context::basic && c == '"') || (ctx == Context::literal && c == '\'')) {
                    ctx = Context::code;  // the end, or an unterminated string toml++ will report
                } else if (c == '\\' && ctx == Context::basic && i + 1 < in.size() && in[i + 1] != '\n') {
                    out.text_ += c;  // an escape: the next character cannot end the string
                    ++i;
                }
                out.text_ += in[i];
                ++i;
                break;
            case Context::multi_literal:
            case Context::multi_basic: {
                const std::string_view close = ctx == Context::multi_basic ? "\"\"\"" : "'''";
                if (starts_with(close)) {
                    // Up to two more quotes belong to the content: """a"""" is a" .
                    std::size_t n = 3;
                    while (n < 5 && i + n < in.size() && in[i + n] == close[0]) ++n;
                    out.text_ += in.substr(i, n);
                    i += n;
                    ctx = Context::code;
                    break;
                }
                if (ctx == Context::multi_basic && c == '\\') {
                    std::size_t j = i + 1;
                    while (j < in.size() && is_blank(in[j])) ++j;
                    if (j < in.size() && (in[j] == '\n' || (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n'))) {
                        // A line-ending backslash: it and all whitespace up to the next character go.
                        while (j < in.size() && (is_blank(in[j]) || in[j] == '\n' || in[j] == '\r')) ++j;
                        i = j;
                        out.joins_.emplace_back(out.text_.size(), i);
                        break;
                    }
                    if (j > i + 1) {
                        return error_at(i, "a backslash followed by a space must end the line (it joins the next line "
                                           "to this one); to write a backslash itself, write two: \\\\");
                    }
                    out.text_ += c;  // an escape: copy it whole so that "\\" stays one backslash
                    ++i;
                    if (i < in.size()) out.text_ += in[i++];
                    break;
                }
                out.text_ += c;
                ++i;
                break;
            }
        }
    }
    if (!out.joins_.empty()) out.original_ = std::string(in);
    return out;
}

}  // namespace vitrine::core
