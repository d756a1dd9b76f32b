#pragma once
// Where every touch target is on a screen: the controls, link buttons and hotspots, the menu's
// tiles, the staff keypad. One geometry for both sides: the Visit hit-tests a tap against it and
// the renderer draws exactly there, so what a visitor sees is what a finger hits.
//
// Sizes follow visitor-experience.md: a target is at least 15 mm on the actual panel, never
// under 44 px, and grows with the screen (7 % of its shorter side) so that it reads from a step
// back. Pure value type; pixels, (0,0) top-left.
#include <cstddef>
#include <optional>
#include <vector>

#include "core/playlist.hpp"

namespace vitrine::core {

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
    bool contains(double px, double py) const { return px >= x && py >= y && px < x + w && py < y + h; }
    friend bool operator==(const Rect&, const Rect&) = default;
};

enum class Control {
    back,         // to where the visitor came from by a link or the menu
    previous,
    play_pause,
    next,
    progress,     // the line: tap or drag to seek a clip
    menu,
    language,     // index: into Exhibit::languages
    link,         // index: into the item's links
    menu_close,
    menu_up,      // from a nested level of the menu to the top
    menu_tile,    // index: into the tiles shown (this page's first tile is page * per_page)
    menu_page_previous,
    menu_page_next,
    pin_digit,    // index: the digit 0..9
    pin_delete,
    pin_ok,
    pin_close,
};

struct Target {
    Control control = Control::back;
    std::size_t index = 0;
    Rect rect;
    friend bool operator==(const Target&, const Target&) = default;
};

// What the menu shows: how many tiles, which page, and whether a level up exists.
struct MenuShape {
    std::size_t tiles = 0;
    std::size_t page = 0;
    bool nested = false;
};

class TouchLayout {
public:
    // `diagonal_inches`: of the panel (Exhibit::display); a zero or negative diagonal means 32".
    TouchLayout(int width, int height, double diagonal_inches);

    // Pixels per millimetre of the panel.
    static double px_per_mm(int width, int height, double diagonal_inches);

    int width() const { return width_; }
    int height() const { return height_; }
    double px_per_mm() const { return px_per_mm_; }
    int target() const { return target_; }  // side of a square touch target, pixels
    int gap() const { return target_ / 4; }

    // --- controls (shown by a tap, faded after a while) ---------------------------------------
    // The top band (menu button left, language buttons right) and the bottom band (progress
    // line, back, previous, play/pause, next). `languages`: buttons for the exhibit's languages
    // (none with one language); `back`: the back control is offered; `progress`: the line is.
    std::vector<Target> controls(std::size_t languages, bool back, bool progress, bool menu) const;
    Rect top_band() const;
    Rect bottom_band() const;
    // The thin line drawn inside the progress target.
    Rect progress_line() const;

    // --- links of the item on screen ----------------------------------------------------------
    // Buttons for the links without a region, stacked at the right above the bottom band
    // (index = position in `links`); a hotspot for each link with a region.
    std::vector<Target> links(const std::vector<Link>& links) const;
    Rect region(const Region& r) const;

    // --- menu --------------------------------------------------------------------------------
    std::size_t tiles_per_page() const;
    std::size_t pages(std::size_t tiles) const;
    Rect menu_header() const;  // the title row
    std::vector<Target> menu(const MenuShape& shape) const;
    // The picture area of a tile (its upper part); the title goes below it.
    static Rect tile_picture(const Rect& tile);
    static Rect tile_title(const Rect& tile);

    // --- staff ---------------------------------------------------------------------------------
    Rect staff_corner(Corner corner) const;  // where a staff hold is recognised
    Rect pin_panel() const;
    Rect pin_display() const;  // the row of dots
    std::vector<Target> pin_pad() const;

    // --- notices -------------------------------------------------------------------------------
    Rect idle_banner() const;

    // The first target containing (x, y), in the order given.
    static std::optional<Target> hit(const std::vector<Target>& targets, double x, double y);

private:
    int width_, height_;
    double px_per_mm_;
    int target_;
    bool portrait_;
};

}  // namespace vitrine::core
