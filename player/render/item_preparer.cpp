#include "render/item_preparer.hpp"

#include "core/touch_layout.hpp"
#include "core/ui_text.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "media/image_loader.hpp"

namespace vitrine::render {
namespace {

using core::Millis;

// The citation's labels in the visitor's language.
core::PanelOptions panel_options(std::string_view language) {
    core::PanelOptions o;
    o.from_label = std::string(core::ui_text(core::UiText::cite_from, language));
    o.by_label = std::string(core::ui_text(core::UiText::cite_by, language));
    o.published_label = std::string(core::ui_text(core::UiText::cite_published, language));
    return o;
}

Millis entry_of(const core::Item& item, const core::Exhibit& exhibit) {
    const auto t = core::transition_into(item, exhibit);
    return t.kind == core::TransitionKind::cut ? Millis{0} : t.duration;
}

// A transcript as written in the playlist: paragraphs separated by blank lines.
std::vector<std::string> split_paragraphs(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        const std::string line = text.substr(pos, eol - pos);
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            current += (current.empty() ? "" : " ") + line;
        }
        pos = eol + 1;
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

// A picture with no transparent pixel becomes RGB888 (no alpha channel): drawn faded, the
// software renderer then takes its fast constant-alpha blitter instead of the per-pixel one
// (measured by bench/compositor_bench: a faded frame about 3x cheaper at 1080p).
platform::SurfacePtr opaque_if_possible(platform::SurfacePtr s) {
    if (s->format->format != SDL_PIXELFORMAT_ARGB8888) return s;
    for (int y = 0; y < s->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
        for (int x = 0; x < s->w; ++x)
            if ((row[x] >> 24) != 0xFF) return s;
    }
    platform::SurfacePtr rgb(SDL_ConvertSurfaceFormat(s.get(), SDL_PIXELFORMAT_RGB888, 0));
    return rgb ? std::move(rgb) : std::move(s);
}

}  // namespace

core::Result<PreparedItem> ItemPreparer::prepare(const core::Playlist& playlist, std::size_t index,
                                                 int width, int height, std::string_view language) {
    if (index >= playlist.items.size()) return core::fail("no item " + std::to_string(index));
    // The item as the visitor reads it: its body in their language (texts, files), the rest as written.
    core::Item item = playlist.items[index];
    if (!language.empty()) item.body = core::body_in(playlist.items[index], language);
    core::Result<PreparedItem> out = std::visit(
        [&](const auto& body) -> core::Result<PreparedItem> {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, core::ImageItem>) {
                return prepare_image(item, body, playlist.exhibit, width, height);
            } else if constexpr (std::is_same_v<T, core::VideoItem> || std::is_same_v<T, core::AudioItem>) {
                return prepare_clip(item, playlist.exhibit, width, height);
            } else {
                auto r = prepare_text(item, playlist.exhibit, width, height, language);
                if (r && r->pages.size() > 1) {
                    // Each page gets its share of the item's time, entry transition included.
                    const Millis total = entry_of(item, playlist.exhibit) + core::item_duration(item, playlist.exhibit);
                    r->page_duration = total / static_cast<long>(r->pages.size());
                }
                return r;
            }
        },
        item.body);
    if (out) out->index = index;
    return out;
}

core::Result<PreparedItem> ItemPreparer::prepare_text(const core::Item& item, const core::Exhibit& exhibit,
                                                      int width, int height, std::string_view language) {
    core::PanelOptions options = panel_options(language.empty() ? exhibit.language : language);
    // The text ends above the item's link buttons, which stand over the bottom right.
    const core::TouchLayout touch(width, height, exhibit.display.diagonal_inches);
    for (const auto& t : touch.links(item.links)) {
        if (!item.links[t.index].region) options.reserved_bottom = std::max(options.reserved_bottom, height - t.rect.y + touch.gap());
    }
    auto pages = painter_.paint_panel(item.body, exhibit.theme, exhibit.display, width, height, options);
    if (!pages) return std::unexpected(pages.error());
    PreparedItem p;
    p.pages = std::move(*pages);
    return p;
}

core::Result<PreparedItem> ItemPreparer::prepare_image(const core::Item& item, const core::ImageItem& image,
                                                       const core::Exhibit& exhibit, int width, int height) {
    // The header first (with the size limits): the decode box depends on the picture's shape.
    auto info = media::read_image_info(image.file);
    if (!info) return std::unexpected(info.error());
    int iw = info->width, ih = info->height;
    if (info->orientation >= 5) std::swap(iw, ih);  // 5..8 turn the picture a quarter

    double zoom = 1.0;
    if (image.pan_zoom) zoom = std::max(image.pan_zoom->start.zoom, image.pan_zoom->end.zoom);
    zoom = std::min(zoom, kMaxZoom);
    const double fit = image.fit == core::Fit::contain
                           ? std::min(double(width) / iw, double(height) / ih)
                           : std::max(double(width) / iw, double(height) / ih);
    media::LoadImageOptions options;
    options.max_width = static_cast<int>(std::ceil(iw * fit * zoom));
    options.max_height = static_cast<int>(std::ceil(ih * fit * zoom));
    auto surface = media::load_image(image.file, options);
    if (!surface) return std::unexpected(surface.error());

    PreparedItem p;
    p.image = opaque_if_possible(std::move(*surface));
    p.fit = image.fit;
    p.pan_zoom = image.pan_zoom;
    p.motion_duration = entry_of(item, exhibit) + core::item_duration(item, exhibit);
    if (!image.caption.empty()) {
        auto caption = painter_.paint_caption(image.caption, exhibit.theme, exhibit.display, width, height);
        if (!caption) return std::unexpected(caption.error());
        p.caption = std::move(caption->surface);
        p.caption_dest = caption->dest;
    }
    return p;
}

core::Result<PreparedItem> ItemPreparer::prepare_clip(const core::Item& item, const core::Exhibit& exhibit,
                                                      int width, int height) {
    PreparedItem p;
    p.ends_itself = true;  // the clip's player reports its end
    if (const auto* video = std::get_if<core::VideoItem>(&item.body)) {
        // The picture itself comes from the clip's player, frame by frame; captions as they fall due.
        p.fit = video->fit;
        return p;
    }
    const auto& audio = std::get<core::AudioItem>(item.body);
    const std::string title = audio.title.empty() ? audio.clip.file.stem().string() : audio.title;
    const bool captioned = !audio.clip.captions.empty();
    if (!audio.image.empty()) {
        core::ImageItem picture;
        picture.file = audio.image;
        auto r = prepare_image(item, picture, exhibit, width, height);
        if (!r) return std::unexpected(r.error());
        p = std::move(*r);
        p.ends_itself = true;
        p.motion_duration = Millis{0};
        // The title on the picture's band, unless the captions need that place while it plays.
        if (!captioned) {
            auto band = painter_.paint_caption(title, exhibit.theme, exhibit.display, width, height);
            if (!band) return std::unexpected(band.error());
            p.caption = std::move(band->surface);
            p.caption_dest = band->dest;
        }
    } else {
        // The title, and the transcript when no captions will show the words as they are spoken.
        core::TextItem panel;
        panel.title = title;
        if (!captioned && !audio.transcript.empty()) panel.paragraphs = split_paragraphs(audio.transcript);
        auto pages = painter_.paint_panel(panel, exhibit.theme, exhibit.display, width, height);
        if (!pages) return std::unexpected(pages.error());
        p.pages = std::move(*pages);
        if (p.pages.size() > 1) {
            const Millis total = entry_of(item, exhibit) + core::item_duration(item, exhibit);
            p.page_duration = total / static_cast<long>(p.pages.size());
        }
    }
    // A thin line along the bottom margin: how much of the recording is left.
    const int shorter = std::min(width, height);
    const int margin = static_cast<int>(std::lround(exhibit.theme.margin * shorter));
    const int thickness = std::max(4, static_cast<int>(std::lround(shorter * 0.006)));
    p.progress_rect = SDL_Rect{margin, height - margin / 2 - thickness / 2, width - 2 * margin, thickness};
    p.progress_color = exhibit.theme.accent;
    return p;
}

core::Result<PreparedItem> ItemPreparer::prepare_notice(const core::Exhibit& exhibit, int width, int height) {
    core::TextItem panel;
    panel.title = exhibit.title;
    panel.paragraphs = {"The exhibit will continue shortly."};
    core::Item notice;
    notice.body = std::move(panel);
    return prepare_text(notice, exhibit, width, height, exhibit.language);
}

}  // namespace vitrine::render
