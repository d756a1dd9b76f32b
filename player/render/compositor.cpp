#include "render/compositor.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace vitrine::render {
namespace {

using core::Millis;

Uint8 to_alpha(float a) { return static_cast<Uint8>(std::lround(std::clamp(a, 0.0f, 1.0f) * 255.0f)); }

// Smooth start and stop for slides; pan-and-zoom and fades stay linear in time.
double ease_in_out(double p) {
    return p < 0.5 ? 4 * p * p * p : 1 - std::pow(-2 * p + 2, 3) / 2;
}

platform::TexturePtr make_texture(SDL_Renderer& r, SDL_Surface& s, std::string& error) {
    platform::TexturePtr t(SDL_CreateTextureFromSurface(&r, &s));
    if (!t) {
        error = std::string("cannot create a texture: ") + SDL_GetError();
        return t;
    }
    SDL_SetTextureBlendMode(t.get(), SDL_BLENDMODE_BLEND);
    // Linear filtering keeps scaled and moving pictures smooth (the default is nearest).
    SDL_SetTextureScaleMode(t.get(), SDL_ScaleModeLinear);
    return t;
}

}  // namespace

Compositor::Compositor(SDL_Renderer& renderer, int width, int height)
    : renderer_(renderer), width_(width), height_(height), overlay_(renderer, width, height) {}

void Compositor::set_playlist(std::shared_ptr<const core::Playlist> playlist, std::size_t generation) {
    playlist_ = std::move(playlist);
    playlist_generation_ = generation;
    ++overlay_assets_;
}

core::Result<void> Compositor::adopt_menu_tiles(MenuTilePictures tiles) {
    ++overlay_assets_;
    return overlay_.adopt_tiles(std::move(tiles));
}

core::TouchLayout Compositor::layout() const {
    return core::TouchLayout(width_, height_, playlist_ ? playlist_->exhibit.display.diagonal_inches : 0.0);
}

core::Result<Compositor::Textures> Compositor::upload(PreparedItem item) {
    Textures t;
    std::string error;
    for (auto& page : item.pages) {
        auto tex = make_texture(renderer_, *page, error);
        if (!tex) return core::fail(error);
        t.pages.push_back(std::move(tex));
    }
    t.page_duration = item.page_duration;
    if (item.image) {
        t.image = make_texture(renderer_, *item.image, error);
        if (!t.image) return core::fail(error);
        t.image_w = item.image->w;
        t.image_opaque = item.image->format->Amask == 0;
        t.image_h = item.image->h;
    }
    t.fit = item.fit;
    t.video_fit = item.fit;
    t.progress_rect = item.progress_rect;
    t.progress_color = item.progress_color;
    t.pan_zoom = item.pan_zoom;
    t.motion_duration = item.motion_duration;
    if (item.caption) {
        t.caption = make_texture(renderer_, *item.caption, error);
        if (!t.caption) return core::fail(error);
        t.caption_dest = item.caption_dest;
    }
    return t;
}

core::Result<void> Compositor::adopt(PreparedItem item) {
    const Key key{item.generation, item.index};
    auto t = upload(std::move(item));
    if (!t) return std::unexpected(t.error());
    items_.insert_or_assign(key, std::move(*t));
    return {};
}

core::Result<void> Compositor::set_notice(PreparedItem item) {
    auto t = upload(std::move(item));
    if (!t) return std::unexpected(t.error());
    notice_ = std::move(*t);
    return {};
}

void Compositor::release(std::size_t generation, std::size_t index) {
    items_.erase(Key{generation, index});
}

bool Compositor::holds(std::size_t generation, std::size_t index) const {
    return items_.count(Key{generation, index}) != 0;
}

Compositor::Textures* Compositor::find_mutable(std::size_t generation, std::size_t index) {
    auto it = items_.find(Key{generation, index});
    return it == items_.end() ? nullptr : &it->second;
}

SDL_Rect Compositor::video_rect(int w, int h, core::Fit fit) const {
    if (w <= 0 || h <= 0) return SDL_Rect{0, 0, width_, height_};
    const double sw = width_, sh = height_;
    const double s = fit == core::Fit::contain ? std::min(sw / w, sh / h) : std::max(sw / w, sh / h);
    // Even sizes: chroma planes and converters work on pixel pairs.
    const int dw = std::max(2, static_cast<int>(std::lround(w * s / 2)) * 2);
    const int dh = std::max(2, static_cast<int>(std::lround(h * s / 2)) * 2);
    return SDL_Rect{(width_ - dw) / 2, (height_ - dh) / 2, dw, dh};
}

core::Result<void> Compositor::upload_video(std::size_t generation, std::size_t index, const VideoPlanes& planes,
                                           core::Fit fit) {
    Textures* t = find_mutable(generation, index);
    if (!t) return core::fail("no such item on the compositor");
    const Uint32 format = planes.layout == VideoPlanes::Layout::i420 ? SDL_PIXELFORMAT_IYUV : SDL_PIXELFORMAT_NV12;
    if (!t->video || t->video_w != planes.width || t->video_h != planes.height || t->video_format != format) {
        t->video.reset(SDL_CreateTexture(&renderer_, format, SDL_TEXTUREACCESS_STREAMING, planes.width, planes.height));
        if (!t->video) return core::fail(std::string("cannot create a video texture: ") + SDL_GetError());
        SDL_SetTextureScaleMode(t->video.get(), SDL_ScaleModeLinear);
        t->video_w = planes.width;
        t->video_h = planes.height;
        t->video_format = format;
    }
    t->video_fit = fit;
    const int rc = planes.layout == VideoPlanes::Layout::i420
                       ? SDL_UpdateYUVTexture(t->video.get(), nullptr, planes.planes[0], planes.pitches[0], planes.planes[1],
                                              planes.pitches[1], planes.planes[2], planes.pitches[2])
                       : SDL_UpdateNVTexture(t->video.get(), nullptr, planes.planes[0], planes.pitches[0], planes.planes[1],
                                             planes.pitches[1]);
    if (rc != 0) return core::fail(std::string("cannot upload a video picture: ") + SDL_GetError());
    ++t->content;
    return {};
}

core::Result<PixelLock> Compositor::lock_video(std::size_t generation, std::size_t index, int w, int h, core::Fit fit) {
    Textures* t = find_mutable(generation, index);
    if (!t) return core::fail("no such item on the compositor");
    if (!t->video || t->video_w != w || t->video_h != h || t->video_format != SDL_PIXELFORMAT_RGB888) {
        t->video.reset(SDL_CreateTexture(&renderer_, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, w, h));
        if (!t->video) return core::fail(std::string("cannot create a video texture: ") + SDL_GetError());
        t->video_w = w;
        t->video_h = h;
        t->video_format = SDL_PIXELFORMAT_RGB888;
    }
    t->video_fit = fit;
    void* pixels = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(t->video.get(), nullptr, &pixels, &pitch) != 0) {
        return core::fail(std::string("cannot lock the video texture: ") + SDL_GetError());
    }
    return PixelLock{static_cast<std::uint8_t*>(pixels), pitch, w, h};
}

void Compositor::unlock_video(std::size_t generation, std::size_t index) {
    Textures* t = find_mutable(generation, index);
    if (!t || !t->video) return;
    SDL_UnlockTexture(t->video.get());
    ++t->content;
}

core::Result<void> Compositor::set_live_caption(std::size_t generation, std::size_t index, SDL_Surface* band,
                                               SDL_Rect dest) {
    Textures* t = find_mutable(generation, index);
    if (!t) return core::fail("no such item on the compositor");
    ++t->content;
    if (!band) {
        t->live_caption.reset();
        return {};
    }
    std::string error;
    t->live_caption = make_texture(renderer_, *band, error);
    if (!t->live_caption) return core::fail(error);
    t->live_caption_dest = dest;
    return {};
}

void Compositor::set_progress(std::size_t generation, std::size_t index, double fraction) {
    Textures* t = find_mutable(generation, index);
    if (!t || !t->progress_rect) return;
    const int px = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * t->progress_rect->w));
    if (px == t->progress_px) return;  // a change smaller than a pixel is not a new frame
    t->progress_px = px;
    ++t->content;
}

const Compositor::Textures* Compositor::find(const core::ItemView& v) const {
    auto it = items_.find(Key{v.generation, v.index});
    return it == items_.end() ? nullptr : &it->second;
}

std::size_t Compositor::page_of(const Textures& t, Millis elapsed) {
    if (t.pages.size() <= 1 || t.page_duration <= Millis{0}) return 0;
    const auto page = static_cast<std::size_t>(elapsed / t.page_duration);
    return std::min(page, t.pages.size() - 1);
}

std::size_t Compositor::page_for(const Textures& t, const core::ItemView& view) {
    if (view.page) return t.pages.empty() ? 0 : std::min(*view.page, t.pages.size() - 1);
    return page_of(t, view.elapsed);
}

FrameKey Compositor::frame_key(const core::Scene& scene) const {
    FrameKey k;
    k.paused = scene.paused;
    k.notice = !scene.notice.empty();
    k.progress = scene.incoming ? scene.progress : 0.0;
    auto visit = [&](const std::optional<core::ItemView>& v, auto& slot, std::size_t& page) {
        if (!v) return;
        slot = std::make_pair(v->generation, v->index);
        if (const Textures* t = find(*v)) {
            page = page_for(*t, *v);
            if (t->pan_zoom && v->elapsed < t->motion_duration) k.motion = v->elapsed;
            k.content += t->content;
        }
    };
    visit(scene.current, k.current, k.current_page);
    visit(scene.incoming, k.incoming, k.incoming_page);
    // A drag is drawn only without a transition; the neighbour only while something is dragged.
    if (!scene.incoming) {
        k.drag_px = static_cast<int>(std::lround(scene.drag * width_));
        if (k.drag_px != 0) visit(scene.neighbour, k.neighbour, k.neighbour_page);
    }
    k.language = scene.language;
    k.overlay_assets = overlay_assets_;

    // Only what shows on screen: continuous values at the resolution they are drawn with.
    core::Overlay o = scene.overlay;
    const auto step = [](double v) { return std::round(std::clamp(v, 0.0, 1.0) * 255.0) / 255.0; };
    o.controls = step(o.controls);
    o.panel_opacity = step(o.panel_opacity);
    if (o.controls <= 0.0) {
        o.progress.reset();
    } else if (o.progress) {
        const int w = std::max(1, layout().progress_line().w);
        o.progress = std::round(std::clamp(*o.progress, 0.0, 1.0) * w) / w;
    }
    if (o.idle_left) o.idle_left = Millis{(std::max<Millis::rep>(0, o.idle_left->count()) + 999) / 1000 * 1000};
    k.overlay = o;
    return k;
}

void Compositor::draw(const core::Scene& scene, core::Color bg) {
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(&renderer_, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(&renderer_);

    const core::TouchLayout touch = layout();
    caption_limit_ = touch.bottom_band().y - touch.gap();
    caption_lift_ = playlist_ ? std::clamp(scene.overlay.controls, 0.0, 1.0) : 0.0;
    const bool overlay_shown = scene.overlay.controls > 0.0 || scene.overlay.panel != core::Overlay::Panel::none;
    if (playlist_ && scene.overlay.panel == core::Overlay::Panel::menu && scene.overlay.panel_opacity >= 1.0) {
        // The open menu covers the whole screen: what is under it costs nothing to draw.
        overlay_.draw(*playlist_, playlist_generation_, scene);
        return;
    }

    if (!scene.current && !scene.incoming) {
        if (!scene.notice.empty() && notice_) draw_item(*notice_, core::ItemView{}, 1.0f, 0.0f, false, bg);
        // Staff may need the keypad on the calm screen too.
        if (playlist_) overlay_.draw(*playlist_, playlist_generation_, scene);
        return;
    }
    const Textures* from = scene.current ? find(*scene.current) : nullptr;
    const Textures* to = scene.incoming ? find(*scene.incoming) : nullptr;
    const core::ItemView from_view = scene.current.value_or(core::ItemView{});
    const core::ItemView to_view = scene.incoming.value_or(core::ItemView{});
    const auto p = static_cast<float>(scene.progress);

    if (!scene.incoming) {
        // A finger drags the item: it follows by drag * width, its neighbour comes in beside it.
        const float w = static_cast<float>(width_);
        const float dx = static_cast<float>(std::lround(scene.drag * width_));
        if (from) draw_item(*from, from_view, 1.0f, dx, false, bg);
        if (dx != 0.0f && scene.neighbour) {
            if (const Textures* n = find(*scene.neighbour)) {
                draw_item(*n, *scene.neighbour, 1.0f, dx < 0.0f ? dx + w : dx - w, false, bg);
            }
        }
        if (playlist_ && scene.current && scene.current->generation == playlist_generation_ &&
            scene.current->index < playlist_->items.size()) {
            overlay_.draw_links(*playlist_, playlist_->items[scene.current->index], scene, dx);
        }
    } else {
        switch (scene.transition) {
            case core::TransitionKind::cut:
                if (to) draw_item(*to, to_view, 1.0f, 0.0f, false, bg);
                break;
            case core::TransitionKind::fade:  // through the background
                if (p < 0.5f) {
                    if (from) draw_item(*from, from_view, 1.0f - 2.0f * p, 0.0f, false, bg);
                } else if (to) {
                    draw_item(*to, to_view, 2.0f * p - 1.0f, 0.0f, false, bg);
                }
                break;
            case core::TransitionKind::crossfade:
                if (from) draw_item(*from, from_view, 1.0f, 0.0f, false, bg);
                if (to) draw_crossfading(*to, to_view, p, bg);
                break;
            case core::TransitionKind::slide: {
                const auto e = static_cast<float>(ease_in_out(p));
                const float w = static_cast<float>(width_);
                const float dir = scene.forward ? 1.0f : -1.0f;
                if (from) draw_item(*from, from_view, 1.0f, -dir * e * w, false, bg);
                if (to) draw_item(*to, to_view, 1.0f, dir * (1.0f - e) * w, false, bg);
                break;
            }
        }
    }
    // The play/pause control says it while the controls show (and the mark would sit under them).
    if (scene.paused && !overlay_shown) draw_paused_mark(bg);
    if (playlist_) overlay_.draw(*playlist_, playlist_generation_, scene);
}

void Compositor::draw_crossfading(const Textures& t, const core::ItemView& view, float alpha, core::Color bg) {
    // The incoming item is composed whole (background included) off screen, then laid over the
    // leaving one at `alpha`: an exact mix, whatever is transparent in either item.
    if (!layer_) {
        // Opaque (no alpha channel): the software renderer blends it with its fast constant-alpha path.
        layer_.reset(SDL_CreateTexture(&renderer_, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, width_, height_));
        if (layer_) SDL_SetTextureBlendMode(layer_.get(), SDL_BLENDMODE_BLEND);
    }
    SDL_Texture* screen = SDL_GetRenderTarget(&renderer_);
    if (!layer_ || SDL_SetRenderTarget(&renderer_, layer_.get()) != 0) {
        draw_item(t, view, alpha, 0.0f, true, bg);  // no render targets here: a close approximation
        return;
    }
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(&renderer_, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(&renderer_);
    draw_item(t, view, 1.0f, 0.0f, false, bg);
    SDL_SetRenderTarget(&renderer_, screen);
    SDL_SetTextureAlphaMod(layer_.get(), to_alpha(alpha));
    SDL_RenderCopy(&renderer_, layer_.get(), nullptr, nullptr);
}

void Compositor::draw_item(const Textures& t, const core::ItemView& view, float alpha, float dx, bool opaque,
                           core::Color bg) {
    if (alpha <= 0.0f) return;
    const Millis elapsed = view.elapsed;
    if (opaque) {
        SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(&renderer_, bg.r, bg.g, bg.b, to_alpha(alpha));
        const SDL_FRect r{dx, 0.0f, static_cast<float>(width_), static_cast<float>(height_)};
        SDL_RenderFillRectF(&renderer_, &r);
    }
    if (t.image) draw_image(t, elapsed, alpha, dx);
    if (t.video) draw_video(t, alpha, dx);
    if (!t.pages.empty()) {
        SDL_Texture* page = t.pages[page_for(t, view)].get();
        SDL_SetTextureAlphaMod(page, to_alpha(alpha));
        const SDL_FRect r{dx, 0.0f, static_cast<float>(width_), static_cast<float>(height_)};
        SDL_RenderCopyF(&renderer_, page, nullptr, &r);
    }
    if (t.caption) draw_caption(t.caption.get(), t.caption_dest, alpha, dx);
    if (t.progress_rect) draw_progress(t, alpha, dx);
    if (t.live_caption) draw_caption(t.live_caption.get(), t.live_caption_dest, alpha, dx);
}

void Compositor::draw_caption(SDL_Texture* texture, const SDL_Rect& dest, float alpha, float dx) {
    // Never under the touch controls (visitor-experience.md): up by as much as the bottom band
    // would cover, in step with the controls' fade.
    const int overlap = std::max(0, dest.y + dest.h - caption_limit_);
    const float lift = static_cast<float>(std::lround(overlap * caption_lift_));
    SDL_SetTextureAlphaMod(texture, to_alpha(alpha));
    const SDL_FRect r{static_cast<float>(dest.x) + dx, static_cast<float>(dest.y) - lift, static_cast<float>(dest.w),
                      static_cast<float>(dest.h)};
    SDL_RenderCopyF(&renderer_, texture, nullptr, &r);
}

void Compositor::draw_video(const Textures& t, float alpha, float dx) {
    SDL_Texture* tex = t.video.get();
    SDL_SetTextureAlphaMod(tex, to_alpha(alpha));
    SDL_SetTextureBlendMode(tex, alpha >= 1.0f ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    if (t.video_format == SDL_PIXELFORMAT_RGB888) {
        // CPU path: converted at its size on screen; a plain copy, cropped by the screen for cover.
        const SDL_Rect dst{(width_ - t.video_w) / 2 + static_cast<int>(std::lround(dx)), (height_ - t.video_h) / 2,
                           t.video_w, t.video_h};
        SDL_RenderCopy(&renderer_, tex, nullptr, &dst);
        return;
    }
    const SDL_Rect r = video_rect(t.video_w, t.video_h, t.video_fit);
    const SDL_FRect dst{static_cast<float>(r.x) + dx, static_cast<float>(r.y), static_cast<float>(r.w),
                        static_cast<float>(r.h)};
    SDL_RenderCopyF(&renderer_, tex, nullptr, &dst);
}

void Compositor::draw_progress(const Textures& t, float alpha, float dx) {
    const SDL_Rect& r = *t.progress_rect;
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_BLEND);
    const core::Color c = t.progress_color;
    // The whole line faint, the part played full: where it is and how much is left.
    SDL_SetRenderDrawColor(&renderer_, c.r, c.g, c.b, to_alpha(alpha * 0.3f));
    const SDL_FRect track{static_cast<float>(r.x) + dx, static_cast<float>(r.y), static_cast<float>(r.w),
                          static_cast<float>(r.h)};
    SDL_RenderFillRectF(&renderer_, &track);
    SDL_SetRenderDrawColor(&renderer_, c.r, c.g, c.b, to_alpha(alpha));
    const SDL_FRect done{static_cast<float>(r.x) + dx, static_cast<float>(r.y), static_cast<float>(t.progress_px),
                         static_cast<float>(r.h)};
    SDL_RenderFillRectF(&renderer_, &done);
}

void Compositor::draw_image(const Textures& t, Millis elapsed, float alpha, float dx) {
    const double sw = width_, sh = height_;
    const double iw = t.image_w, ih = t.image_h;
    if (iw <= 0 || ih <= 0) return;
    const double s0 = t.fit == core::Fit::contain ? std::min(sw / iw, sh / ih) : std::max(sw / iw, sh / ih);
    const double fw = iw * s0, fh = ih * s0;
    // The area the picture may cover: its letterbox (contain) or the whole screen (cover).
    const double lw = std::min(fw, sw), lh = std::min(fh, sh);
    const double lx = (sw - lw) / 2, ly = (sh - lh) / 2;

    core::Framing f;  // centred, zoom 1
    if (t.pan_zoom) {
        double p = t.motion_duration > Millis{0}
                       ? std::clamp(static_cast<double>(elapsed.count()) / static_cast<double>(t.motion_duration.count()), 0.0, 1.0)
                       : 1.0;
        p = 0.5 - 0.5 * std::cos(p * M_PI);  // gentle start and stop
        const auto& a = t.pan_zoom->start;
        const auto& b = t.pan_zoom->end;
        f.x = a.x + (b.x - a.x) * p;
        f.y = a.y + (b.y - a.y) * p;
        // Zoom interpolated geometrically, so it feels steady rather than accelerating.
        f.zoom = a.zoom * std::pow(b.zoom / a.zoom, p);
    }
    const double dw = fw * f.zoom, dh = fh * f.zoom;
    double left = lx + lw / 2 - f.x * dw;
    double top = ly + lh / 2 - f.y * dh;
    // Never uncover the letterbox area: the picture always fills what it filled at zoom 1.
    left = std::clamp(left, lx + lw - dw, lx);
    top = std::clamp(top, ly + lh - dh, ly);

    const SDL_Rect clip{static_cast<int>(std::floor(lx + dx)), static_cast<int>(std::floor(ly)),
                        static_cast<int>(std::ceil(lw)), static_cast<int>(std::ceil(lh))};
    SDL_SetTextureAlphaMod(t.image.get(), to_alpha(alpha));
    // An opaque picture drawn whole is a plain copy; blending it would only cost time.
    SDL_SetTextureBlendMode(t.image.get(), t.image_opaque && alpha >= 1.0f ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    if (std::abs(dw - iw) < 1.5 && std::abs(dh - ih) < 1.5) {
        // Prepared at the size it is shown: copy pixel for pixel. Besides being exact, this keeps
        // the software renderer on its fast unscaled blitters (a scaled, faded copy is ~6x slower).
        const SDL_Rect dst{static_cast<int>(std::lround(left + dx)), static_cast<int>(std::lround(top)), t.image_w,
                           t.image_h};
        SDL_RenderCopy(&renderer_, t.image.get(), nullptr, &dst);
        return;
    }
    SDL_RenderSetClipRect(&renderer_, &clip);
    const SDL_FRect dst{static_cast<float>(left + dx), static_cast<float>(top), static_cast<float>(dw),
                        static_cast<float>(dh)};
    SDL_RenderCopyF(&renderer_, t.image.get(), nullptr, &dst);
    SDL_RenderSetClipRect(&renderer_, nullptr);
}

void Compositor::draw_paused_mark(core::Color bg) {
    // Two bars in the top-right corner, on a disc of the background so they read on any image.
    const float unit = static_cast<float>(std::min(width_, height_)) / 60.0f;
    const float cx = static_cast<float>(width_) - unit * 3.0f, cy = unit * 3.0f;
    SDL_SetRenderDrawBlendMode(&renderer_, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(&renderer_, bg.r, bg.g, bg.b, 200);
    const SDL_FRect back{cx - unit * 1.6f, cy - unit * 1.6f, unit * 3.2f, unit * 3.2f};
    SDL_RenderFillRectF(&renderer_, &back);
    SDL_SetRenderDrawColor(&renderer_, 255, 255, 255, 230);
    const SDL_FRect bars[2] = {{cx - unit * 0.8f, cy - unit, unit * 0.55f, unit * 2.0f},
                               {cx + unit * 0.25f, cy - unit, unit * 0.55f, unit * 2.0f}};
    SDL_RenderFillRectsF(&renderer_, bars, 2);
}

}  // namespace vitrine::render
