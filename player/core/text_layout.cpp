#include "core/text_layout.hpp"

#include <algorithm>

namespace vitrine::core {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Spaces that allow a break. U+00A0 and U+202F (no-break spaces) are deliberately absent.
bool is_break_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\r' || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A && c != 0x2007);  // U+2007 figure space does not break
}

// Hyphens and dashes after which a word may break. U+2011 (non-breaking hyphen) is absent.
bool is_dash(char32_t c) {
    return c == U'-' || c == 0x2010 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

// Combining marks and joiners belong to the code point before them: no cut in front of them.
bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200D;
}

// Letters and digits, roughly: what may follow a dash for a break after it to be useful
// (not a closing quote or a full stop, which must not start a line).
bool is_wordlike(char32_t c) {
    if (c < 0x80) return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
    return c >= 0xC0 && !(c >= 0x2000 && c <= 0x206F) && !(c >= 0x3000 && c <= 0x303F) &&
           !is_combining(c);
}

// How a piece joins the piece before it.
enum class Join { first, space, dash };

struct Piece {
    std::string text;
    Join join = Join::first;
};

// Splits one line of text (no "\n") into the unbreakable pieces between break opportunities.
std::vector<Piece> split_pieces(std::string_view s) {
    std::vector<Piece> pieces;
    std::string word;
    Join word_join = Join::first;  // how the word being read joins the piece before it
    char32_t prev = 0;             // previous code point inside the word; 0 at its start
    bool glue_next = false;        // the last piece ends with an initial: keep the next word on its line
    auto finish_word = [&] {
        if (word.empty()) return;
        // A dash alone between spaces is glued to the word before it: no line starts with it.
        // A word after an initial is glued to it: "V. I. Lenin" is never split.
        const bool lone_dash = count_code_points(word) == 1 && is_dash(decode_at(word, 0));
        const bool initial = count_code_points(word) == 2 && word.back() == '.' &&
                             is_wordlike(decode_at(word, 0)) && !(word[0] >= '0' && word[0] <= '9');
        if ((lone_dash || glue_next) && word_join == Join::space && !pieces.empty()) {
            pieces.back().text += ' ';
            pieces.back().text += word;
        } else {
            pieces.push_back({std::move(word), pieces.empty() ? Join::first : word_join});
        }
        glue_next = initial;
        word.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = sequence_length(s, i);
        const char32_t c = decode_at(s, i);
        i += n;
        if (is_break_space(c)) {
            finish_word();
            word_join = Join::space;
            prev = 0;
            continue;
        }
        // A break after a dash needs a word before it and a word after it ("well-|known"),
        // so "-5", "—”" and a trailing "word-" stay whole.
        if (is_dash(prev) && is_wordlike(c) && count_code_points(word) >= 2) {
            finish_word();
            word_join = Join::dash;
        }
        word.append(s.substr(i - n, n));
        prev = c;
    }
    finish_word();
    return pieces;
}

// Byte offsets where `s` may be cut inside a word: after each code point, except in front of a
// combining mark. Excludes 0, includes s.size().
std::vector<std::size_t> cut_points(std::string_view s) {
    std::vector<std::size_t> cuts;
    for (std::size_t i = 0; i < s.size();) {
        i += sequence_length(s, i);
        if (i < s.size() && is_combining(decode_at(s, i))) continue;
        cuts.push_back(i);
    }
    return cuts;
}

class LineBuilder {
public:
    LineBuilder(int max_width, const WidthFunction& width, std::vector<TextLine>& out)
        : max_(max_width), width_(width), out_(out) {}

    void add(const Piece& p) {
        if (line_.empty()) {
            start(p.text);
            return;
        }
        std::string candidate = line_;
        if (p.join != Join::dash) candidate += ' ';
        candidate += p.text;
        const int w = width_(candidate);
        if (w <= max_) {
            line_ = std::move(candidate);
            line_width_ = w;
            return;
        }
        emit(p.join == Join::dash ? LineEnd::dash : LineEnd::space);
        start(p.text);
    }

    void finish(LineEnd end) {
        if (!line_.empty()) emit(end);
    }

private:
    // Starts a line with `text`, cutting it between code points while it is wider than the line.
    void start(std::string_view text) {
        while (true) {
            const int w = width_(text);
            if (w <= max_) {
                line_.assign(text);
                line_width_ = w;
                return;
            }
            // A dash glued to its word ("Authority —") that does not fit: the glue gives way first.
            if (const auto space = text.find(' '); space != std::string_view::npos) {
                start(text.substr(0, space));
                add({std::string(text.substr(space + 1)), Join::space});
                return;
            }
            const auto cuts = cut_points(text);
            if (cuts.size() <= 1) {  // one code point wider than the line: it gets the line
                line_.assign(text);
                line_width_ = w;
                return;
            }
            // The longest prefix that fits, at least one code point.
            std::size_t lo = 0, hi = cuts.size() - 1;  // cuts[hi] is the whole text: too wide
            while (hi - lo > 1) {
                const std::size_t mid = (lo + hi) / 2;
                if (width_(text.substr(0, cuts[mid])) <= max_) lo = mid;
                else hi = mid;
            }
            const std::size_t cut = cuts[lo];
            line_.assign(text.substr(0, cut));
            line_width_ = width_(line_);
            emit(LineEnd::inside_word);
            text.remove_prefix(cut);
        }
    }

    void emit(LineEnd end) {
        out_.push_back({std::move(line_), line_width_, end});
        line_.clear();
        line_width_ = 0;
    }

    int max_;
    const WidthFunction& width_;
    std::vector<TextLine>& out_;
    std::string line_;
    int line_width_ = 0;
};

}  // namespace

std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 1;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3;
    else if (c >= 0xF0 && c <= 0xF4) n = 4;
    else return 1;
    if (i + n > s.size()) return 1;
    for (std::size_t k = 1; k < n; ++k)
        if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return 1;
    return n;
}

char32_t decode_at(std::string_view s, std::size_t i) {
    const std::size_t n = sequence_length(s, i);
    const auto c = static_cast<unsigned char>(s[i]);
    if (n == 1) return c < 0x80 ? char32_t(c) : kReplacement;
    char32_t v = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return v;
}

std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += sequence_length(s, i)) ++n;
    return n;
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size(); i += sequence_length(s, i)) out.push_back(decode_at(s, i));
    return out;
}

std::vector<TextLine> break_lines(std::string_view utf8, int max_width, const WidthFunction& width) {
    std::vector<TextLine> lines;
    // Lines of the text, split at explicit newlines; a trailing "\n" adds nothing.
    std::vector<std::string_view> hard;
    for (std::size_t start = 0; start <= utf8.size();) {
        const std::size_t nl = utf8.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < utf8.size()) hard.push_back(utf8.substr(start));
            break;
        }
        hard.push_back(utf8.substr(start, nl - start));
        start = nl + 1;
    }
    // Leading and trailing empty lines carry nothing; those between texts are kept.
    while (!hard.empty() && split_pieces(hard.back()).empty()) hard.pop_back();
    std::size_t first = 0;
    while (first < hard.size() && split_pieces(hard[first]).empty()) ++first;

    for (std::size_t h = first; h < hard.size(); ++h) {
        const bool last = h + 1 == hard.size();
        const auto pieces = split_pieces(hard[h]);
        if (pieces.empty()) {
            lines.push_back({std::string{}, 0, LineEnd::newline});
            continue;
        }
        LineBuilder builder(max_width, width, lines);
        for (const auto& p : pieces) builder.add(p);
        builder.finish(last ? LineEnd::end : LineEnd::newline);
    }
    return lines;
}

std::vector<TextLine> break_lines_balanced(std::string_view utf8, int max_width,
                                           const WidthFunction& width) {
    auto lines = break_lines(utf8, max_width, width);
    if (lines.size() < 2) return lines;
    const std::size_t count = lines.size();
    int lo = 1, hi = max_width;  // break_lines(hi) has `count` lines
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        if (break_lines(utf8, mid, width).size() <= count) hi = mid;
        else lo = mid;
    }
    return break_lines(utf8, hi, width);
}

std::string join_lines(const std::vector<TextLine>& lines) {
    std::string out;
    for (const auto& line : lines) {
        out += line.text;
        switch (line.end) {
            case LineEnd::space: out += ' '; break;
            case LineEnd::newline: out += '\n'; break;
            case LineEnd::dash:
            case LineEnd::inside_word:
            case LineEnd::end: break;
        }
    }
    return out;
}

}  // namespace vitrine::core
