#pragma once
// What is on screen at one moment, as a value. The Show produces it; the compositor draws it
// (on the display, or into a surface for `vitrine render` and tests). Items are named by their
// index in the playlist of a given generation (a reload starts a new generation).
#include <cstddef>
#include <optional>
#include <string>

#include "core/overlay.hpp"
#include "core/playlist.hpp"

namespace vitrine::core {

struct ItemView {
    std::size_t generation = 0;
    std::size_t index = 0;
    Millis elapsed{0};  // time this item has been on screen, paused time excluded
    // The page of a long text the visitor scrolled to; nullopt: the page its time gives.
    std::optional<std::size_t> page{};
    friend bool operator==(const ItemView&, const ItemView&) = default;
};

struct Scene {
    // The item on screen; during a transition, the one being left.
    std::optional<ItemView> current;
    // During a transition, the item coming in; otherwise empty.
    std::optional<ItemView> incoming;
    TransitionKind transition = TransitionKind::cut;
    double progress = 0.0;   // of the transition, 0..1
    bool forward = true;     // slide direction: true = the new item comes in from the right
    bool paused = false;
    // Non-empty when there is nothing playable: the calm screen shows this (the reason is in the log).
    std::string notice;

    // The visit's language (a code of Exhibit::languages): the items on screen are prepared in it.
    std::string language;
    // A finger drags the current item sideways: its offset as a fraction of the screen width
    // (negative: to the left, revealing the next item). 0 when nothing is dragged.
    double drag = 0.0;
    // The item the drag reveals beside the current one (the next one when drag < 0).
    std::optional<ItemView> neighbour;
    Overlay overlay;

    // True when consecutive frames of this scene differ only if an item animates itself
    // (pan-and-zoom); lets the app sleep instead of redrawing an idle panel.
    bool in_transition() const { return incoming.has_value(); }
    friend bool operator==(const Scene&, const Scene&) = default;
};

}  // namespace vitrine::core
