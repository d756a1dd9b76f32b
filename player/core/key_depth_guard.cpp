#include "core/key_depth_guard.hpp"

#include <vector>

#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

constexpr std::size_t kMaxOpenBrackets = 64;  // toml++ refuses values nested past 16; no need to follow further
constexpr std::size_t kPreviewCodePoints = 40;  // enough to recognise the key in the message

// A read position that keeps the line and the column (in code points) of what it points at.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return i_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
    std::size_t offset() const { return i_; }
    int line() const { return line_; }
    int column() const { return column_; }
    std::string_view rest_from(std::size_t offset) const { return text_.substr(offset); }

    void advance() {
        if (done()) return;
        const auto c = static_cast<unsigned char>(text_[i_++]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {  // continuation bytes belong to the code point before
            ++column_;
        }
    }
    void skip_blanks() {
        while (peek() == ' ' || peek() == '\t') advance();
    }
    // Blanks, line breaks and comments: what may stand between array elements.
    void skip_blanks_lines_comments() {
        for (;;) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else if (c == '#') {
                skip_to_line_end();
            } else {
                return;
            }
        }
    }
    void skip_to_line_end() {
        while (!done() && peek() != '\n') advance();
    }
    void skip_line() {
        skip_to_line_end();
        advance();
    }
    // After an opening quote: up to and including the closing quote, or to the end of the line.
    void skip_single_line_string(char quote) {
        while (!done() && peek() != '\n') {
            const char c = peek();
            advance();
            if (c == quote) return;
            if (c == '\\' && quote == '"') advance();
        }
    }
    // After an opening triple quote: up to and including the closing triple quote.
    void skip_multi_line_string(char quote) {
        while (!done()) {
            if (peek() == quote && peek(1) == quote && peek(2) == quote) {
                advance(), advance(), advance();
                while (peek() == quote) advance();  // up to two quotes may end the content
                return;
            }
            const char c = peek();
            advance();
            if (c == '\\' && quote == '"') advance();
        }
    }

private:
    std::string_view text_;
    std::size_t i_ = 0;
    int line_ = 1;
    int column_ = 1;
};

bool is_bare_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

struct KeyScan {
    std::size_t parts = 0;  // 0 = no key here
    int line = 0;
    int column = 0;
    std::size_t offset = 0;
};

// Reads a (possibly dotted) key and counts its parts; stops at the first character that cannot
// continue it ('=', ']', a line break, ...).
KeyScan scan_key(Cursor& c) {
    c.skip_blanks();
    KeyScan k{0, c.line(), c.column(), c.offset()};
    for (;;) {
        c.skip_blanks();
        const char ch = c.peek();
        if (ch == '"' || ch == '\'') {
            c.advance();
            c.skip_single_line_string(ch);
        } else if (is_bare_key_char(ch)) {
            while (is_bare_key_char(c.peek())) c.advance();
        } else {
            return k;
        }
        ++k.parts;
        c.skip_blanks();
        if (c.peek() != '.') return k;
        c.advance();
    }
}

enum class Expect { key, value, after_value };

struct Open {
    char bracket;       // '[' an array, '{' an inline table
    std::size_t depth;  // depth of the key whose value this is
};

}  // namespace

std::optional<DeepKey> find_key_deeper_than(std::string_view toml, std::size_t max_depth) {
    Cursor c(toml);
    std::vector<Open> open;
    std::size_t header_depth = 0;  // parts of the current [table] header
    std::size_t value_depth = 0;   // depth of the key whose value is being read
    Expect expect = Expect::key;

    auto too_deep = [&](const KeyScan& k, std::size_t depth) -> std::optional<DeepKey> {
        if (depth <= max_depth) return std::nullopt;
        std::string_view text = c.rest_from(k.offset);
        text = text.substr(0, c.offset() - k.offset);
        while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
        return DeepKey{k.line, k.column, depth, utf8_prefix(text, kPreviewCodePoints)};
    };

    // Reads the start of a value; strings and scalars entirely, brackets by opening a level.
    auto start_value = [&]() {
        const char ch = c.peek();
        if (ch == '"' || ch == '\'') {
            if (c.peek(1) == ch && c.peek(2) == ch) {
                c.advance(), c.advance(), c.advance();
                c.skip_multi_line_string(ch);
            } else {
                c.advance();
                c.skip_single_line_string(ch);
            }
            expect = Expect::after_value;
        } else if (ch == '[' || ch == '{') {
            c.advance();
            open.push_back({ch, value_depth});
            expect = ch == '[' ? Expect::value : Expect::key;
        } else {
            while (!c.done()) {
                const char s = c.peek();
                if (s == ',' || s == ']' || s == '}' || s == '#' || s == '\n') break;
                c.advance();
            }
            expect = Expect::after_value;
        }
    };

    while (!c.done()) {
        if (open.size() > kMaxOpenBrackets) return std::nullopt;
        const std::size_t before = c.offset();
        const std::size_t open_before = open.size();
        const Expect expect_before = expect;

        if (open.empty()) {
            if (expect == Expect::key) {
                c.skip_blanks_lines_comments();
                if (c.done()) break;
                if (c.peek() == '[') {
                    c.advance();
                    if (c.peek() == '[') c.advance();
                    const KeyScan k = scan_key(c);
                    if (auto deep = too_deep(k, k.parts)) return deep;
                    header_depth = k.parts;
                    c.skip_line();
                    continue;
                }
                const KeyScan k = scan_key(c);
                if (auto deep = too_deep(k, header_depth + k.parts)) return deep;
                c.skip_blanks();
                if (c.peek() == '=') {
                    c.advance();
                    c.skip_blanks();
                    value_depth = header_depth + k.parts;
                    expect = Expect::value;
                } else {
                    c.skip_line();  // not a key-value pair: toml++ will say what is wrong
                }
            } else if (expect == Expect::value) {
                c.skip_blanks();
                start_value();
            } else {
                c.skip_line();  // a comment or whatever follows a value; the next line has a key
                expect = Expect::key;
            }
        } else if (open.back().bracket == '{') {
            c.skip_blanks_lines_comments();
            if (expect == Expect::key) {
                if (c.peek() == '}') {
                    c.advance();
                    open.pop_back();
                    expect = Expect::after_value;
                } else {
                    const KeyScan k = scan_key(c);
                    const std::size_t depth = open.back().depth + k.parts;
                    if (auto deep = too_deep(k, depth)) return deep;
                    c.skip_blanks();
                    if (c.peek() == '=') {
                        c.advance();
                        value_depth = depth;
                        expect = Expect::value;
                    }
                }
            } else if (expect == Expect::value) {
                start_value();
            } else {
                if (c.peek() == ',') {
                    c.advance();
                    expect = Expect::key;
                } else if (c.peek() == '}') {
                    c.advance();
                    open.pop_back();
                }
            }
        } else {  // inside an array: values separated by commas
            c.skip_blanks_lines_comments();
            if (c.peek() == ']') {
                c.advance();
                open.pop_back();
                expect = Expect::after_value;
            } else if (expect == Expect::after_value) {
                if (c.peek() == ',') {
                    c.advance();
                    expect = Expect::value;
                }
            } else {
                value_depth = open.back().depth;
                start_value();
            }
        }
        // Text that is not TOML must not stall the scan: always move on.
        if (c.offset() == before && open.size() == open_before && expect == expect_before) c.advance();
    }
    return std::nullopt;
}

}  // namespace vitrine::core
