#pragma once
// TTF fonts opened lazily per (file, pixel size) and kept, with kerning on and light hinting
// (large display text keeps its shapes; full hinting distorts them at these sizes).
//
// Thread: one FontCache is used by ONE thread only (SDL_ttf fonts are not thread-safe). Several
// caches may live on different threads (the preload worker's painter, the main thread's
// playlist checks): opening and closing fonts, which share SDL_ttf's one FreeType library, is
// serialised inside. SDL_ttf must be initialised (TTF_Init) while any font is open.
#include <SDL_ttf.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "core/playlist.hpp"
#include "core/result.hpp"
#include "core/text_measurer.hpp"
#include "platform/sdl_ptr.hpp"

namespace vitrine::render {

class FontCache {
public:
    // Fonts kept before trim() closes them all (each costs a FreeType face and a glyph cache).
    static constexpr std::size_t kMaxFonts = 48;

    FontCache() = default;
    FontCache(const FontCache&) = delete;
    FontCache& operator=(const FontCache&) = delete;
    ~FontCache();

    // The font `file` at `px` pixels, opened on first use. The cache owns it; the pointer stays
    // valid until trim() or the cache's end. Error: the file cannot be opened as a font
    // (message names the file and SDL_ttf's reason).
    core::Result<TTF_Font*> font(const std::filesystem::path& file, int px);

    // Whether `file` opens as a font (an error value says why not).
    core::Result<void> probe(const std::filesystem::path& file);

    // Whether `file` has a glyph for `code_point` (TTF_GlyphIsProvided32). False if the font
    // cannot be opened.
    bool has_glyph(const std::filesystem::path& file, char32_t code_point);

    // Advance width in pixels of UTF-8 `text` on one line, kerning included; an estimate
    // (0.6 em a code point) if the font cannot be opened.
    int width(const std::filesystem::path& file, int px, std::string_view text);

    // Vertical metrics; proportional estimates if the font cannot be opened.
    core::FontMetrics metrics(const std::filesystem::path& file, int px);

    // A measurer for layout over this cache and `theme`'s fonts (font_for). It refers to this
    // cache: use it on this cache's thread, while the cache lives.
    core::TextMeasurer measurer(const core::Theme& theme);

    // Closes every font if more than `max_fonts` are open. Call between paintings, never while
    // a pointer from font() is in use.
    void trim(std::size_t max_fonts = kMaxFonts);

    std::size_t size() const { return fonts_.size(); }

private:
    void close_all();

    std::map<std::pair<std::string, int>, platform::FontPtr> fonts_;  // (file, px) -> font
};

}  // namespace vitrine::render
