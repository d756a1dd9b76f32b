#include "core/message_text.hpp"

#include <algorithm>
#include <cstdio>

#include "core/utf8.hpp"

namespace vitrine::core::detail {
namespace {

std::string_view type_noun(toml::node_type t) {
    switch (t) {
        case toml::node_type::string: return "string";
        case toml::node_type::integer: return "integer";
        case toml::node_type::floating_point: return "decimal number";
        case toml::node_type::boolean: return "true/false";
        case toml::node_type::date: return "date";
        case toml::node_type::time: return "time of day";
        case toml::node_type::date_time: return "date and time";
        case toml::node_type::table: return "table";
        case toml::node_type::array: return "array";
        case toml::node_type::none: break;
    }
    return "nothing";
}

}  // namespace

bool contains(std::span<const std::string_view> list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string join(std::span<const std::string_view> list, std::string_view last_separator) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += (i + 1 == list.size()) ? std::string(last_separator) : std::string(", ");
        out += list[i];
    }
    return out;
}

std::string article_for(std::string_view word) {
    return (!word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos) ? "an" : "a";
}

std::string in_quotes(std::string_view text) {
    std::string out = utf8_prefix(text, kQuotedCodePoints);
    std::string escaped;
    for (char c : out) {
        if (c == '\n') escaped += "\\n";
        else if (c == '\t') escaped += "\\t";
        else if (c == '"') escaped += "\\\"";
        else escaped += c;
    }
    return "\"" + escaped + "\"";
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

SourcePos pos_of(const toml::source_region& r) {
    return SourcePos{static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}
SourcePos pos_of(const toml::node& n) { return pos_of(n.source()); }

std::string describe(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "the text " + in_quotes(n.as_string()->get());
        case toml::node_type::integer: return "the integer " + std::to_string(n.as_integer()->get());
        case toml::node_type::floating_point: return "the number " + number_text(n.as_floating_point()->get());
        case toml::node_type::boolean: return n.as_boolean()->get() ? "true" : "false";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: {
            const toml::array& a = *n.as_array();
            if (a.empty()) return "an empty array";
            const toml::node_type first = a.front().type();
            const bool same = std::all_of(a.begin(), a.end(), [&](const toml::node& e) { return e.type() == first; });
            if (!same) return "an array of mixed values";
            if (first == toml::node_type::table) return "an array of tables";
            if (first == toml::node_type::array) return "an array of arrays";
            const std::string noun(type_noun(first));
            return article_for(noun) + " " + noun + " array";
        }
        default: {
            const std::string noun(type_noun(n.type()));
            return article_for(noun) + " " + noun;
        }
    }
}

std::string describe_char(char c) {
    if (c == ' ') return "a space";
    if (c >= 'A' && c <= 'Z') return "the capital '" + std::string(1, c) + "'";
    if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII letter";
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
    return "'" + std::string(1, c) + "'";
}

std::string trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
}

}  // namespace vitrine::core::detail
