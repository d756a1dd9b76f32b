#pragma once
// Draws a core::Scene with an SDL_Renderer: theme background, items (text pages, images with
// fit and pan-and-zoom, captions), transitions, the paused mark and the calm notice screen.
//
// Thread: the render thread only (the one that created the renderer). Items arrive as
// PreparedItem surfaces from the preload thread and become textures in adopt(); the CPU
// surfaces are freed there. The renderer is borrowed and must outlive the compositor.
#include <SDL.h>

#include <cstddef>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/playlist.hpp"
#include "core/result.hpp"
#include "core/scene.hpp"
#include "platform/sdl_ptr.hpp"
#include "render/prepared_item.hpp"

namespace vitrine::render {

// Whatever, if it changes, changes the picture. Two equal keys draw the same frame, so the
// app can sleep instead of redrawing an idle panel.
struct FrameKey {
    std::optional<std::pair<std::size_t, std::size_t>> current, incoming;  // (generation, index)
    std::size_t current_page = 0, incoming_page = 0;
    double progress = 0.0;
    core::Millis motion{-1};  // elapsed of an item in motion; -1 when nothing moves
    bool paused = false;
    bool notice = false;
    friend bool operator==(const FrameKey&, const FrameKey&) = default;
};

class Compositor {
public:
    Compositor(SDL_Renderer& renderer, int width, int height);

    // Turns the surfaces into textures and keeps them under (generation, index), replacing any
    // earlier version. Fails (with SDL's reason) only when the renderer cannot make a texture.
    core::Result<void> adopt(PreparedItem item);
    void release(std::size_t generation, std::size_t index);
    bool holds(std::size_t generation, std::size_t index) const;
    // The screen shown when nothing is playable.
    core::Result<void> set_notice(PreparedItem item);

    // Draws the scene into the renderer's target (does not present).
    void draw(const core::Scene& scene, core::Color background);
    FrameKey frame_key(const core::Scene& scene) const;

    int width() const { return width_; }
    int height() const { return height_; }

private:
    struct Textures {
        std::vector<platform::TexturePtr> pages;
        core::Millis page_duration{0};
        platform::TexturePtr image;
        int image_w = 0, image_h = 0;
        bool image_opaque = false;  // no alpha channel: drawn without blending when fully visible
        core::Fit fit = core::Fit::contain;
        std::optional<core::PanZoom> pan_zoom;
        core::Millis motion_duration{0};
        platform::TexturePtr caption;
        SDL_Rect caption_dest{0, 0, 0, 0};
    };
    using Key = std::pair<std::size_t, std::size_t>;

    core::Result<Textures> upload(PreparedItem item);
    const Textures* find(const core::ItemView& v) const;
    // Draws one item shifted by dx pixels at the given opacity; with `opaque`, its own background
    // is drawn first so that it covers what is beneath (a crossfade's incoming side).
    void draw_item(const Textures& t, core::Millis elapsed, float alpha, float dx, bool opaque,
                   core::Color background);
    void draw_crossfading(const Textures& t, core::Millis elapsed, float alpha, core::Color background);
    void draw_image(const Textures& t, core::Millis elapsed, float alpha, float dx);
    void draw_paused_mark(core::Color background);
    static std::size_t page_of(const Textures& t, core::Millis elapsed);

    SDL_Renderer& renderer_;
    int width_;
    int height_;
    std::map<Key, Textures> items_;
    std::optional<Textures> notice_;
    platform::TexturePtr layer_;  // off-screen target for crossfades, made on first use
};

}  // namespace vitrine::render
