#pragma once
// Events into the Show. Time arrives as data (Tick), so the Show runs at any speed in tests.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>

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

using Event = std::variant<Tick, Navigate, TogglePause, ItemReady, ItemFailed, MediaEnded,
                           PlaylistLoaded>;

}  // namespace vitrine::core
