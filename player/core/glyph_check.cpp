#include "core/glyph_check.hpp"

#include <filesystem>
#include <set>
#include <vector>

#include "core/font_role.hpp"
#include "core/message_text.hpp"
#include "core/utf8.hpp"

namespace vitrine::core::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMissingGlyphsNamed = 5;  // more would bury the message; the rest are counted

}  // namespace

void GlyphCheck::check(Section& s, const Item& item, const Theme& theme) {
    if (!options_.has_glyph) return;
    for (const auto& [role, text] : texts_by_role(item.body)) {
        const fs::path& font = font_for(role, theme);
        std::vector<char32_t> missing;
        std::size_t missing_count = 0;
        std::set<char32_t> seen;
        for_each_code_point(text, [&](char32_t cp) {
            if (cp <= 0x20 || cp == 0x7F || !seen.insert(cp).second) return;  // controls and spaces draw nothing
            const auto key = std::make_pair(font.string(), cp);
            auto it = glyph_cache_.find(key);
            if (it == glyph_cache_.end()) it = glyph_cache_.emplace(key, options_.has_glyph(font, cp)).first;
            if (!it->second) {
                ++missing_count;
                if (missing.size() < kMissingGlyphsNamed) missing.push_back(cp);
            }
        });
        if (missing.empty()) continue;
        SourcePos pos = pos_of(s.table);  // in toml++'s coordinates, like every position reported
        for (const auto& [recorded, where] : reader_.text_positions()) {
            if (recorded == text) {
                pos = where;
                break;
            }
        }
        std::string chars;
        for (char32_t cp : missing) {
            if (!chars.empty()) chars += ", ";
            chars += "'" + encode_utf8(cp) + "' (" + code_point_name(cp) + ")";
        }
        if (missing_count > missing.size()) chars += " and " + std::to_string(missing_count - missing.size()) + " more";
        const std::string role_key = std::string(role_name(role)) + "_font";
        reader_.error(s, pos, "the " + std::string(role_name(role)) + " font " + font.filename().string() + " has no glyph for " +
                                  chars + " in " + in_quotes(text) + "; set " + role_key +
                                  " in [theme] to a font that has " + (missing_count == 1 ? "it" : "them"));
    }
}

}  // namespace vitrine::core::detail
