#pragma once
// Draws a core::Scene with an SDL_Renderer: theme background, items (text pages, images with
// fit and pan-and-zoom, captions), transitions, an item dragged by a finger with its neighbour,
// the paused mark, the calm notice screen, and over them the visitor overlay (links, controls,
// menu, staff keypad, idle warning: OverlayPainter) once a playlist is set.
//
// Thread: the render thread only (the one that created the renderer). Items arrive as
// PreparedItem surfaces from the preload thread and become textures in adopt(); the CPU
// surfaces are freed there. The renderer is borrowed and must outlive the compositor.
#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/playlist.hpp"
#include "core/result.hpp"
#include "core/scene.hpp"
#include "platform/sdl_ptr.hpp"
#include "render/menu_tiles.hpp"
#include "render/overlay_painter.hpp"
#include "render/prepared_item.hpp"

namespace vitrine::render {

// Whatever, if it changes, changes the picture. Two equal keys draw the same frame, so the
// app can sleep instead of redrawing an idle panel.
struct FrameKey {
    std::optional<std::pair<std::size_t, std::size_t>> current, incoming;  // (generation, index)
    std::size_t current_page = 0, incoming_page = 0;
    double progress = 0.0;
    core::Millis motion{-1};  // elapsed of an item in motion; -1 when nothing moves
    std::size_t content = 0;  // changes of the items' live content: video pictures, captions, progress
    bool paused = false;
    bool notice = false;
    // A finger's drag: the current item's offset in whole pixels, and the item it reveals.
    int drag_px = 0;
    std::optional<std::pair<std::size_t, std::size_t>> neighbour;
    std::size_t neighbour_page = 0;
    std::string language;  // link labels are in it
    // The overlay as drawn: opacities to 1/255, the progress line to whole pixels (and none while
    // the controls are hidden), the idle countdown to the whole seconds it shows.
    core::Overlay overlay;
    std::size_t overlay_assets = 0;  // changes of the playlist and of the menu's pictures
    friend bool operator==(const FrameKey&, const FrameKey&) = default;
};

// A decoded picture in a layout the texture path uploads as it is (no conversion on the CPU).
struct VideoPlanes {
    enum class Layout { i420, nv12 };
    Layout layout = Layout::i420;
    int width = 0, height = 0;
    const std::uint8_t* planes[3] = {nullptr, nullptr, nullptr};
    int pitches[3] = {0, 0, 0};
};

// Where a picture is converted straight into (the CPU path): 32-bit XRGB pixels of the item's
// streaming texture, locked until unlock_video().
struct PixelLock {
    std::uint8_t* pixels = nullptr;
    int pitch = 0;  // bytes per row
    int width = 0, height = 0;
};

class Compositor {
public:
    // How video pictures reach the screen: YUV textures that the GPU converts and scales, or
    // (on a renderer that draws on the CPU) pictures converted and scaled once, by the caller,
    // straight into an RGB texture of their size on screen, then copied without scaling.
    enum class VideoPath { textures, cpu };

    Compositor(SDL_Renderer& renderer, int width, int height);

    // Turns the surfaces into textures and keeps them under (generation, index), replacing any
    // earlier version. Fails (with SDL's reason) only when the renderer cannot make a texture.
    core::Result<void> adopt(PreparedItem item);
    void release(std::size_t generation, std::size_t index);
    bool holds(std::size_t generation, std::size_t index) const;
    // The screen shown when nothing is playable.
    core::Result<void> set_notice(PreparedItem item);

    // The playlist of `generation`: the overlay (controls, language buttons, menu, links of the
    // items of that generation) is drawn from it. Null: no overlay is drawn (and no links).
    void set_playlist(std::shared_ptr<const core::Playlist> playlist, std::size_t generation);
    // The menu's tile pictures (prepare_menu_tiles on the preload thread) become textures.
    // Error: made for another screen size, or SDL cannot make a texture (its reason).
    core::Result<void> adopt_menu_tiles(MenuTilePictures tiles);
    // The last failure to draw the overlay's text ("" when none), for the log.
    const std::string& overlay_error() const { return overlay_.last_error(); }

    // Draws the scene into the renderer's target (does not present). A dragged item (scene.drag)
    // is shifted by drag * width with scene.neighbour beside it; ItemView::page, when set, picks
    // the page of a long text. While the controls show, captions move up clear of the bottom band.
    void draw(const core::Scene& scene, core::Color background);
    FrameKey frame_key(const core::Scene& scene) const;

    void set_video_path(VideoPath path) { video_path_ = path; }
    VideoPath video_path() const { return video_path_; }
    // The rectangle a w x h picture fills on screen for `fit`: centred whole (contain), or
    // covering the screen and cropped by it (cover).
    SDL_Rect video_rect(int w, int h, core::Fit fit) const;
    // Texture path: the item's picture becomes `planes` (its texture is made, or remade when the
    // size or layout changes). Error with SDL's reason; the item then keeps its last picture.
    core::Result<void> upload_video(std::size_t generation, std::size_t index, const VideoPlanes& planes,
                                    core::Fit fit);
    // CPU path: the pixels of the item's w x h RGB texture, for the caller to convert the
    // picture into; then unlock_video(). Error when the item is unknown or SDL fails.
    core::Result<PixelLock> lock_video(std::size_t generation, std::size_t index, int w, int h, core::Fit fit);
    void unlock_video(std::size_t generation, std::size_t index);
    // The caption on screen over the item now (a band surface placed at `dest`); null clears it.
    core::Result<void> set_live_caption(std::size_t generation, std::size_t index, SDL_Surface* band, SDL_Rect dest);
    // How far a clip has played, 0..1 (drawn as a progress line on items prepared with one).
    void set_progress(std::size_t generation, std::size_t index, double fraction);

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
        // Clips: the current picture, the caption cue on screen and the progress line.
        platform::TexturePtr video;
        int video_w = 0, video_h = 0;
        Uint32 video_format = 0;
        core::Fit video_fit = core::Fit::contain;
        platform::TexturePtr live_caption;
        SDL_Rect live_caption_dest{0, 0, 0, 0};
        std::optional<SDL_Rect> progress_rect;
        core::Color progress_color;
        int progress_px = 0;  // filled width of the line
        std::size_t content = 0;  // bumped by every change above
    };
    using Key = std::pair<std::size_t, std::size_t>;

    core::Result<Textures> upload(PreparedItem item);
    const Textures* find(const core::ItemView& v) const;
    // Draws one item shifted by dx pixels at the given opacity; with `opaque`, its own background
    // is drawn first so that it covers what is beneath (a crossfade's incoming side).
    void draw_item(const Textures& t, const core::ItemView& view, float alpha, float dx, bool opaque,
                   core::Color background);
    void draw_crossfading(const Textures& t, const core::ItemView& view, float alpha, core::Color background);
    void draw_caption(SDL_Texture* texture, const SDL_Rect& dest, float alpha, float dx);
    void draw_image(const Textures& t, core::Millis elapsed, float alpha, float dx);
    void draw_paused_mark(core::Color background);
    void draw_video(const Textures& t, float alpha, float dx);
    void draw_progress(const Textures& t, float alpha, float dx);
    Textures* find_mutable(std::size_t generation, std::size_t index);
    static std::size_t page_of(const Textures& t, core::Millis elapsed);
    // The page shown: the visitor's (clamped to the pages there are), else the one time gives.
    static std::size_t page_for(const Textures& t, const core::ItemView& view);
    core::TouchLayout layout() const;

    SDL_Renderer& renderer_;
    int width_;
    int height_;
    std::map<Key, Textures> items_;
    std::optional<Textures> notice_;
    platform::TexturePtr layer_;  // off-screen target for crossfades, made on first use
    VideoPath video_path_ = VideoPath::textures;
    OverlayPainter overlay_;
    std::shared_ptr<const core::Playlist> playlist_;
    std::size_t playlist_generation_ = 0;
    std::size_t overlay_assets_ = 0;  // bumped by set_playlist and adopt_menu_tiles
    // While the controls show, captions rise so that their bottom stays above this line (pixels),
    // by this share of the way (the controls' opacity), in step with the fade.
    int caption_limit_ = 0;
    double caption_lift_ = 0.0;
};

}  // namespace vitrine::render
