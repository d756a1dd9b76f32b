#include "render/font_cache.hpp"

#include <array>
#include <cmath>
#include <mutex>

#include "core/text_layout.hpp"

namespace vitrine::render {
namespace {

constexpr int kProbePx = 32;  // any size answers "does it open" and "has it this glyph"

// SDL_ttf keeps one FreeType library for the process; FreeType requires FT_New_Face and
// FT_Done_Face on a shared library to be serialised. This mutex is that serialisation only.
std::mutex& freetype_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

FontCache::~FontCache() { close_all(); }

void FontCache::close_all() {
    const std::lock_guard lock(freetype_mutex());
    fonts_.clear();
}

void FontCache::trim(std::size_t max_fonts) {
    if (fonts_.size() > max_fonts) close_all();
}

core::Result<TTF_Font*> FontCache::font(const std::filesystem::path& file, int px) {
    auto key = std::make_pair(file.string(), px);
    if (auto it = fonts_.find(key); it != fonts_.end()) return it->second.get();
    if (TTF_WasInit() == 0) return core::fail("cannot open font: SDL_ttf is not initialised", key.first);
    if (px <= 0) return core::fail("cannot open font at size " + std::to_string(px), key.first);
    platform::FontPtr font;
    {
        const std::lock_guard lock(freetype_mutex());
        font.reset(TTF_OpenFont(key.first.c_str(), px));
    }
    if (!font) return core::fail("cannot open font " + key.first + ": " + TTF_GetError(), key.first);
    TTF_SetFontKerning(font.get(), 1);
    TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
    TTF_Font* raw = font.get();
    fonts_.emplace(std::move(key), std::move(font));
    return raw;
}

core::Result<void> FontCache::probe(const std::filesystem::path& file) {
    auto f = font(file, kProbePx);
    if (!f) return std::unexpected(f.error());
    return {};
}

bool FontCache::has_glyph(const std::filesystem::path& file, char32_t code_point) {
    auto f = font(file, kProbePx);
    return f && TTF_GlyphIsProvided32(*f, static_cast<Uint32>(code_point)) != 0;
}

int FontCache::width(const std::filesystem::path& file, int px, std::string_view text) {
    if (text.empty()) return 0;
    auto f = font(file, px);
    const std::string s(text);
    int w = 0, h = 0;
    if (f && TTF_SizeUTF8(*f, s.c_str(), &w, &h) == 0) return w;
    return static_cast<int>(std::lround(0.6 * px * static_cast<double>(core::count_code_points(text))));
}

core::FontMetrics FontCache::metrics(const std::filesystem::path& file, int px) {
    auto f = font(file, px);
    if (!f) {
        return {static_cast<int>(std::lround(0.93 * px)), static_cast<int>(std::lround(0.24 * px)),
                static_cast<int>(std::lround(1.17 * px)), static_cast<int>(std::lround(0.73 * px))};
    }
    core::FontMetrics m;
    m.ascent = TTF_FontAscent(*f);
    m.descent = -TTF_FontDescent(*f);
    m.line_skip = TTF_FontLineSkip(*f);
    int minx = 0, maxx = 0, miny = 0, maxy = 0, advance = 0;
    if (TTF_GlyphMetrics32(*f, U'H', &minx, &maxx, &miny, &maxy, &advance) == 0) m.cap_height = maxy;
    else m.cap_height = static_cast<int>(std::lround(0.73 * px));
    return m;
}

core::TextMeasurer FontCache::measurer(const core::Theme& theme) {
    // Copies of the paths, indexed by role: the measurer may outlive the theme it was made from.
    static_assert(static_cast<int>(core::FontRole::body) == 0 && static_cast<int>(core::FontRole::italic) == 1 &&
                  static_cast<int>(core::FontRole::heading) == 2 && static_cast<int>(core::FontRole::ui) == 3);
    const std::array<std::filesystem::path, 4> files = {
        core::font_for(core::FontRole::body, theme), core::font_for(core::FontRole::italic, theme),
        core::font_for(core::FontRole::heading, theme), core::font_for(core::FontRole::ui, theme)};
    core::TextMeasurer m;
    m.width = [this, files](core::FontRole role, int px, std::string_view text) {
        return width(files[static_cast<std::size_t>(role)], px, text);
    };
    m.metrics = [this, files](core::FontRole role, int px) {
        return metrics(files[static_cast<std::size_t>(role)], px);
    };
    return m;
}

}  // namespace vitrine::render
