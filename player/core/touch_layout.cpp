#include "core/touch_layout.hpp"

#include <algorithm>
#include <cmath>

namespace vitrine::core {
namespace {

constexpr double kMinTargetMm = 15.0;       // gallery rule (Natural History Museum)
constexpr int kMinTargetPx = 44;            // WCAG 2.5.5, even on a dense screen
constexpr double kTargetOfShortSide = 0.07; // read from a step back, not only at arm's length
constexpr double kDefaultDiagonal = 32.0;   // inches: the strictest common case
constexpr double kLanguageButtonWidth = 2.6; // in targets: room for "Português", "Русский"
constexpr double kLinkButtonWidth = 6.5;     // in targets: "Ler o texto completo" at the label size
constexpr double kLinkButtonMaxShare = 0.45; // of the screen's width: the item stays the main thing
// In targets: an icon and its word beside it ("Menu", "Zurück", "Назад" at a label's size), so
// that the word a visitor reads is inside what a finger hits.
constexpr double kLabelledButtonWidth = 2.6;

}  // namespace

double TouchLayout::px_per_mm(int width, int height, double diagonal_inches) {
    const double diagonal_px = std::hypot(static_cast<double>(width), static_cast<double>(height));
    const double inches = diagonal_inches > 0 ? diagonal_inches : kDefaultDiagonal;
    return diagonal_px / (inches * 25.4);
}

TouchLayout::TouchLayout(int width, int height, double diagonal_inches)
    : width_(std::max(width, 1)),
      height_(std::max(height, 1)),
      px_per_mm_(px_per_mm(width_, height_, diagonal_inches)),
      portrait_(height_ > width_) {
    const double by_mm = kMinTargetMm * px_per_mm_;
    const double by_screen = kTargetOfShortSide * std::min(width_, height_);
    target_ = static_cast<int>(std::lround(std::max({by_mm, by_screen, static_cast<double>(kMinTargetPx)})));
}

Rect TouchLayout::top_band() const {
    return Rect{0, 0, width_, target_ + 2 * gap()};
}

Rect TouchLayout::bottom_band() const {
    // The progress row (half a target) above a row of buttons.
    const int h = target_ / 2 + target_ + 2 * gap();
    return Rect{0, height_ - h, width_, h};
}

Rect TouchLayout::progress_line() const {
    const Rect band = bottom_band();
    const int thickness = std::max(4, target_ / 12);
    const int x = 2 * gap();
    return Rect{x, band.y + gap() + target_ / 4 - thickness / 2, width_ - 2 * x, thickness};
}

std::vector<Target> TouchLayout::controls(std::size_t languages, bool back, bool progress, bool menu) const {
    std::vector<Target> out;
    const int t = target_, g = gap();
    const Rect top = top_band();
    const int lw = static_cast<int>(std::lround(kLanguageButtonWidth * t));
    if (menu) {
        // Icon and word, short of the first language button.
        const int first_language = languages > 1 ? width_ - static_cast<int>(languages) * (lw + g) : width_;
        const int mw = std::clamp(static_cast<int>(std::lround(kLabelledButtonWidth * t)), t, std::max(t, first_language - 2 * g));
        out.push_back({Control::menu, 0, Rect{g, top.y + g, mw, t}});
    }
    if (languages > 1) {
        int x = width_ - g - lw;
        for (std::size_t i = languages; i-- > 0;) {
            out.push_back({Control::language, i, Rect{x, top.y + g, lw, t}});
            x -= lw + g;
        }
        // Left to right in the exhibit's order.
        std::reverse(out.end() - static_cast<std::ptrdiff_t>(languages), out.end());
    }
    const Rect bottom = bottom_band();
    if (progress) {
        out.push_back({Control::progress, 0, Rect{2 * g, bottom.y, width_ - 4 * g, g + t / 2}});
    }
    const int row = bottom.y + g + t / 2;
    const int centre = width_ / 2;
    out.push_back({Control::previous, 0, Rect{centre - t / 2 - g - t - g, row, t + g, t}});
    out.push_back({Control::play_pause, 0, Rect{centre - t / 2 - g / 2, row, t + g, t}});
    out.push_back({Control::next, 0, Rect{centre + t / 2 + g, row, t + g, t}});
    if (back) out.push_back({Control::back, 0, Rect{g, row, static_cast<int>(std::lround(kLabelledButtonWidth * t)), t}});
    return out;
}

std::vector<Target> TouchLayout::links(const std::vector<Link>& links) const {
    std::vector<Target> out;
    const int t = target_, g = gap();
    const int bw = std::min({static_cast<int>(std::lround(kLinkButtonWidth * t)),
                             static_cast<int>(std::lround(kLinkButtonMaxShare * width_)), width_ - 4 * g});
    int y = bottom_band().y - g - t;
    for (std::size_t i = links.size(); i-- > 0;) {
        if (links[i].region) continue;
        out.push_back({Control::link, i, Rect{width_ - 2 * g - bw, y, bw, t}});
        y -= t + g;
    }
    std::reverse(out.begin(), out.end());
    for (std::size_t i = 0; i < links.size(); ++i) {
        if (links[i].region) out.push_back({Control::link, i, region(*links[i].region)});
    }
    return out;
}

Rect TouchLayout::region(const Region& r) const {
    const auto px = [](double f, int side) { return static_cast<int>(std::lround(std::clamp(f, 0.0, 1.0) * side)); };
    Rect out{px(r.x, width_), px(r.y, height_), px(r.w, width_), px(r.h, height_)};
    // A hotspot smaller than a target is grown around its centre: a finger must be able to hit it.
    for (auto [pos, size, side] : {std::tie(out.x, out.w, width_), std::tie(out.y, out.h, height_)}) {
        if (size < target_) {
            pos = std::clamp(pos + size / 2 - target_ / 2, 0, std::max(0, side - target_));
            size = target_;
        }
    }
    return out;
}

std::size_t TouchLayout::tiles_per_page() const { return portrait_ ? 6 : 6; }

std::size_t TouchLayout::pages(std::size_t tiles) const {
    const std::size_t per = tiles_per_page();
    return std::max<std::size_t>(1, (tiles + per - 1) / per);
}

Rect TouchLayout::menu_header() const {
    return Rect{0, 0, width_, target_ + 2 * gap()};
}

std::vector<Target> TouchLayout::menu(const MenuShape& shape) const {
    std::vector<Target> out;
    const int t = target_, g = gap();
    const Rect header = menu_header();
    out.push_back({Control::menu_close, 0, Rect{width_ - g - t, header.y + g, t, t}});
    if (shape.nested) {
        out.push_back({Control::menu_up, 0, Rect{g, header.y + g, static_cast<int>(std::lround(kLabelledButtonWidth * t)), t}});
    }

    const int cols = portrait_ ? 2 : 3;
    const int rows = portrait_ ? 3 : 2;
    const std::size_t per = tiles_per_page();
    const std::size_t pages_n = pages(shape.tiles);
    const bool paged = pages_n > 1;
    // The grid fills the space between the header and (when paged) the page buttons.
    const int top = header.y + header.h + g;
    const int bottom = height_ - (paged ? t + 2 * g : g) - g;
    const int margin = 2 * g;
    const int cell_w = (width_ - 2 * margin - (cols - 1) * 2 * g) / cols;
    const int cell_h = (bottom - top - (rows - 1) * 2 * g) / rows;
    const std::size_t first = std::min(shape.page, pages_n - 1) * per;
    for (std::size_t i = first; i < std::min(shape.tiles, first + per); ++i) {
        const int n = static_cast<int>(i - first);
        const int c = n % cols, r = n / cols;
        out.push_back({Control::menu_tile, i,
                       Rect{margin + c * (cell_w + 2 * g), top + r * (cell_h + 2 * g), cell_w, cell_h}});
    }
    if (paged) {
        const int y = height_ - g - t - g;
        if (shape.page > 0) out.push_back({Control::menu_page_previous, 0, Rect{margin, y, t * 2, t}});
        if (shape.page + 1 < pages_n) out.push_back({Control::menu_page_next, 0, Rect{width_ - margin - t * 2, y, t * 2, t}});
    }
    return out;
}

Rect TouchLayout::tile_picture(const Rect& tile) {
    const int title_h = std::max(tile.h / 5, 1);
    return Rect{tile.x, tile.y, tile.w, tile.h - title_h};
}

Rect TouchLayout::tile_title(const Rect& tile) {
    const int title_h = std::max(tile.h / 5, 1);
    return Rect{tile.x, tile.y + tile.h - title_h, tile.w, title_h};
}

Rect TouchLayout::staff_corner(Corner corner) const {
    const int s = target_;
    const bool right = corner == Corner::top_right || corner == Corner::bottom_right;
    const bool bottom = corner == Corner::bottom_left || corner == Corner::bottom_right;
    return Rect{right ? width_ - s : 0, bottom ? height_ - s : 0, s, s};
}

Rect TouchLayout::pin_panel() const {
    const int key = target_ * 5 / 4, g = gap();
    // Wide enough for its title ("Reservado ao pessoal"); the keys stay a centred grid.
    const int w = std::min(width_ - 2 * g, std::max(3 * key + 4 * g, 6 * target_));
    const int h = key /*display*/ + 4 * key + 6 * g + target_ /*close row*/;
    return Rect{(width_ - w) / 2, (height_ - h) / 2, w, h};
}

Rect TouchLayout::pin_display() const {
    const Rect p = pin_panel();
    const int key = target_ * 5 / 4, g = gap();
    return Rect{p.x + g, p.y + target_ + g, p.w - 2 * g, key};
}

std::vector<Target> TouchLayout::pin_pad() const {
    const Rect p = pin_panel();
    const int key = target_ * 5 / 4, g = gap();
    std::vector<Target> out;
    out.push_back({Control::pin_close, 0, Rect{p.x + p.w - target_, p.y, target_, target_}});
    const int top = pin_display().y + key + g;
    const int left = p.x + (p.w - (3 * key + 2 * g)) / 2;
    const auto at = [&](int col, int row) { return Rect{left + col * (key + g), top + row * (key + g), key, key}; };
    for (int d = 1; d <= 9; ++d) out.push_back({Control::pin_digit, static_cast<std::size_t>(d), at((d - 1) % 3, (d - 1) / 3)});
    out.push_back({Control::pin_delete, 0, at(0, 3)});
    out.push_back({Control::pin_digit, 0, at(1, 3)});
    out.push_back({Control::pin_ok, 0, at(2, 3)});
    return out;
}

Rect TouchLayout::idle_banner() const {
    const int w = std::min(width_ - 4 * gap(), target_ * 12);
    const int h = target_ * 5 / 2;
    return Rect{(width_ - w) / 2, (height_ - h) / 2, w, h};
}

std::optional<Target> TouchLayout::hit(const std::vector<Target>& targets, double x, double y) {
    for (const auto& t : targets) {
        if (t.rect.contains(x, y)) return t;
    }
    return std::nullopt;
}

}  // namespace vitrine::core
