#pragma once
// What is drawn over the items for a visitor: the controls, the menu, the staff keypad, the idle
// warning. A value inside the Scene; the Visit sets it, the renderer draws it at the places
// TouchLayout gives.
#include <cstddef>
#include <optional>

#include "core/playlist.hpp"
#include "core/touch_layout.hpp"

namespace vitrine::core {

struct Overlay {
    double controls = 0.0;            // opacity of the controls, 0 (hidden) .. 1 (shown)
    bool playing = true;              // play/pause shows "pause" when true, "play" when false
    std::optional<double> progress;   // 0..1 of the clip or of the timed item's time; nullopt: no line
    bool seekable = false;            // the progress line seeks (a clip)
    bool back = false;                // the back control is offered
    bool menu = false;                // the exhibit has sections: the menu button is offered
    std::size_t language = 0;         // index into Exhibit::languages of the visit's language
    std::optional<Target> pressed;    // the target under a finger now, lit as feedback

    enum class Panel { none, menu, pin };
    Panel panel = Panel::none;
    double panel_opacity = 0.0;                // 0..1, fades in and out
    std::optional<std::size_t> menu_parent;    // the section whose sections the menu shows; nullopt: top
    std::size_t menu_page = 0;
    std::size_t pin_digits = 0;       // typed so far, drawn as dots
    bool pin_wrong = false;           // the last PIN was wrong: a line says so
    std::optional<Millis> idle_left;  // the idle warning shows, with this long before the return

    friend bool operator==(const Overlay&, const Overlay&) = default;
};

}  // namespace vitrine::core
