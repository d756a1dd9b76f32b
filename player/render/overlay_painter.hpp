#pragma once
// Draws what lies over the items for a visitor (core::Overlay): the controls on their scrim
// bands, the link buttons and hotspots of the item on screen, the menu with its tiles, the staff
// PIN keypad and the idle warning. Everything is drawn exactly at core::TouchLayout's rectangles,
// the geometry the Visit hit-tests taps against. Words come from the playlist (in the visit's
// language) and from core::ui_text.
//
// Thread: the render thread only (the one that owns the renderer, borrowed here; it must
// outlive the painter). The painter owns its FontCache (SDL_ttf must be initialised while text is
// drawn, and until the painter is destroyed if any was) and a cache of label textures keyed by
// (font, size, text, colour): a label is rendered once and reused while it shows, so an unchanged
// overlay costs only the copies and a few filled shapes per frame.
#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/overlay.hpp"
#include "core/playlist.hpp"
#include "core/result.hpp"
#include "core/scene.hpp"
#include "core/touch_layout.hpp"
#include "platform/sdl_ptr.hpp"
#include "render/font_cache.hpp"
#include "render/menu_tiles.hpp"

namespace vitrine::render {

class OverlayPainter {
public:
    // Label textures kept before the cache is emptied between frames (an idle countdown adds one
    // a second, a language switch a set).
    static constexpr std::size_t kMaxLabels = 256;
    // Darkness of the bands behind the controls at full opacity: black at 0.7 keeps white text at
    // least 7:1 over any picture (a white picture under it becomes grey 76: 8.6:1; at 0.6 it
    // would be grey 102 and 5.9:1).
    static constexpr double kScrimAlpha = 0.7;

    OverlayPainter(SDL_Renderer& renderer, int width, int height);
    OverlayPainter(const OverlayPainter&) = delete;
    OverlayPainter& operator=(const OverlayPainter&) = delete;

    // The geometry drawn at for `exhibit`'s display (the same one the Visit builds).
    core::TouchLayout layout(const core::Exhibit& exhibit) const;

    // The menu's tile pictures become textures, replacing the earlier set; the CPU surfaces are
    // freed here. Pictures made for another screen size are refused (error), as is a failure to
    // make a texture (SDL's reason); the tiles then show their colour panels.
    core::Result<void> adopt_tiles(MenuTilePictures tiles);

    // The links of `item` (playlist.items[i] for the item on screen), shifted right by `dx`
    // pixels: buttons stacked at the right above the bottom band, hotspots framed over their
    // region; labels in scene.language. scene.overlay.pressed lights the one under a finger.
    void draw_links(const core::Playlist& playlist, const core::Item& item, const core::Scene& scene, float dx);

    // The controls, the menu or keypad panel, and the idle warning of scene.overlay, over what
    // is drawn already. `generation`: that of `playlist`; tile pictures of another are not shown.
    void draw(const core::Playlist& playlist, std::size_t generation, const core::Scene& scene);

    // Label textures held now (tests: an unchanged overlay adds none).
    std::size_t labels() const { return labels_.size(); }
    // How many labels were rendered since the painter was made (tests: redrawing renders none).
    std::size_t labels_rendered() const { return rendered_; }
    // The last failure to draw text or a tile picture ("" when none): for the log.
    const std::string& last_error() const { return last_error_; }

private:
    struct Label {
        platform::TexturePtr texture;
        int w = 0, h = 0;
    };
    // A label's words and size after fitting them into a width.
    struct Fitted {
        std::string text;
        int px = 0;
    };
    using LabelKey = std::tuple<std::string, int, std::string, std::uint32_t>;  // font, px, text, rgba
    using FitKey = std::tuple<std::string, int, int, std::string, int>;       // font, px, min px, text, width

    enum class Align { left, centre };

    // Shapes, colours at `alpha` (0..1) of their own alpha.
    void fill(const core::Rect& r, core::Color c, double alpha);
    void outline(const core::Rect& r, int thickness, core::Color c, double alpha);
    void triangle(float x0, float y0, float x1, float y1, float x2, float y2, core::Color c, double alpha);
    void line(float x0, float y0, float x1, float y1, float thickness, core::Color c, double alpha);
    void disc(float cx, float cy, float radius, core::Color c, double alpha);

    // Text: rendered on first use, then taken from the cache. Null when it cannot be drawn.
    const Label* label(const std::filesystem::path& font, int px, std::string_view text, core::Color c);
    // `text` at `px`, made smaller down to `min_px` if it is wider than `width`, then shortened
    // with an ellipsis.
    const Fitted& fit(const std::filesystem::path& font, int px, int min_px, std::string_view text, int width);
    // Draws `text` fitted into `r`, vertically centred; returns the width drawn.
    int text(const core::Rect& r, std::string_view text, const std::filesystem::path& font, int px,
             core::Color c, double alpha, Align align);

    // Icons, centred in `r`.
    void icon_previous(const core::Rect& r, double alpha);
    void icon_next(const core::Rect& r, double alpha);
    void icon_play(const core::Rect& r, double alpha);
    void icon_pause(const core::Rect& r, double alpha);
    void icon_menu(const core::Rect& r, double alpha);
    void icon_back(const core::Rect& r, core::Color c, double alpha);  // a left arrow
    void icon_close(const core::Rect& r, double alpha);
    void icon_delete(const core::Rect& r, double alpha);
    void pressed_light(const core::Target& t, const core::Overlay& o, double alpha);
    // An icon on the left of `r` and a label in the rest (back, menu, menu up).
    void icon_and_label(const core::Rect& r, std::string_view words, double alpha, bool arrow,
                        const core::Theme& theme);

    void draw_controls(const core::Playlist& playlist, const core::Scene& scene, const core::TouchLayout& layout);
    void draw_menu(const core::Playlist& playlist, std::size_t generation, const core::Scene& scene,
                   const core::TouchLayout& layout);
    void draw_pin(const core::Playlist& playlist, const core::Scene& scene, const core::TouchLayout& layout);
    void draw_idle(const core::Playlist& playlist, const core::Scene& scene, const core::TouchLayout& layout);

    // Text sizes for this screen: labels ~0.36 of a target, never under 26 px at 1080p.
    int label_px(const core::TouchLayout& layout) const;
    int min_px() const;

    SDL_Renderer& renderer_;
    int width_;
    int height_;
    FontCache fonts_;
    std::map<LabelKey, Label> labels_;
    std::map<FitKey, Fitted> fits_;
    std::size_t rendered_ = 0;
    std::vector<platform::TexturePtr> tiles_;  // per section; null: none
    std::size_t tiles_generation_ = 0;
    bool has_tiles_ = false;
    std::string last_error_;
};

}  // namespace vitrine::render
