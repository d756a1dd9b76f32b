#pragma once
// Events into the Show. Time arrives as data (Tick), so the Show runs at any speed in tests.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "core/gesture.hpp"
#include "core/playlist.hpp"

namespace vitrine::core {

// The current time, monotonic, from any fixed origin. Sent once per frame (or more rarely when idle).
struct Tick {
    Millis now{0};
};

// Move by `delta` items (+1 next, -1 previous). Several in one frame are merged into one move.
struct Navigate {
    int delta = 1;
};

struct TogglePause {};

// The preparation asked for by a Prepare command finished. `natural_duration` is the length of
// a clip (or of its placeholder), used for items that stay until the clip ends;
// `ends_itself` says a MediaEnded will follow when it does (false for a still placeholder).
struct ItemReady {
    std::size_t generation = 0;
    std::size_t index = 0;
    std::optional<Millis> natural_duration;
    bool ends_itself = false;
    std::size_t pages = 1;  // of a long text: the visitor may turn them
    Millis page_duration{0};  // how long each page stays when nobody turns them (0: one page)
};

struct ItemFailed {
    std::size_t generation = 0;
    std::size_t index = 0;
    std::string reason;  // with the path, as logged
};

// A clip played to its end (or its end point).
struct MediaEnded {
    std::size_t generation = 0;
    std::size_t index = 0;
};

// A new version of the playlist (hot reload). The show keeps its place by item id.
struct PlaylistLoaded {
    std::shared_ptr<const Playlist> playlist;
};

// --- a visitor's moves (the Visit turns touch into these; keys send Navigate/TogglePause) ----

// Go to an item (a link, a menu choice, the attract return) with a manual transition.
struct GoTo {
    std::size_t index = 0;
    bool forward = true;  // slide direction
    bool quick = true;    // false: the item's own transition (the attract return)
};

// Navigation (next/previous, auto-advance) runs through `section`'s items only; nullopt: the
// whole playlist.
struct SetSequence {
    std::optional<std::size_t> section;
};

// Items are shown (and prepared) in this language from now on; the show keeps its place.
struct SetLanguage {
    std::string language;
};

// A visitor is engaged (true) or has left (false): with Exhibit::advance_while_engaged false,
// timed items stay while engaged.
struct Engage {
    bool engaged = false;
};

// The current item follows a finger sideways: `offset` is a fraction of the screen width
// (negative: to the left, revealing the next item).
struct DragItem {
    double offset = 0.0;
};

// The finger lifted: `navigate` true moves on in the drag's direction from where the item is;
// false lets it settle back.
struct DragRelease {
    bool navigate = false;
};

// Turn the page of a long text panel: +1 down the text, -1 back up.
struct TurnPage {
    int delta = 1;
};

// A clip's place, reported by the media layer for the progress line.
struct MediaProgress {
    std::size_t generation = 0;
    std::size_t index = 0;
    double fraction = 0.0;  // 0..1 from its start point to its end
};

// The screen (and so the touch layout) changed size.
struct ScreenSize {
    int width = 0, height = 0;
};

using Event = std::variant<Tick, Navigate, TogglePause, ItemReady, ItemFailed, MediaEnded,
                           PlaylistLoaded, GoTo, SetSequence, SetLanguage, Engage, DragItem,
                           DragRelease, TurnPage, MediaProgress, ScreenSize, TouchPoint>;

}  // namespace vitrine::core
