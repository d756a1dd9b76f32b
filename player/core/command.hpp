#pragma once
// Commands out of the Show, carried out by the app in the order given.
#include <cstddef>
#include <string>
#include <variant>

#include "core/scene.hpp"

namespace vitrine::core {

// Make the item ready to show (decode, scale, lay out) off the render thread; answer with
// ItemReady or ItemFailed carrying the same generation and index.
struct Prepare {
    std::size_t generation = 0;
    std::size_t index = 0;
    std::string language;  // prepare the item's body in this language (core::body_in)
};

// The item's prepared resources may be freed.
struct Release {
    std::size_t generation = 0;
    std::size_t index = 0;
};

// A clip item starts (it is entering the screen) or stops (it has left, or was skipped).
struct StartMedia {
    std::size_t generation = 0;
    std::size_t index = 0;
};
struct StopMedia {
    std::size_t generation = 0;
    std::size_t index = 0;
    // True: the clip is rewound, a later StartMedia plays it from its start point. False: it is
    // only interrupted (background sound under a clip) and a later StartMedia resumes it.
    bool rewind = true;
};

// Move a clip to `fraction` (0..1) of the way from its start point to its end.
struct SeekMedia {
    std::size_t generation = 0;
    std::size_t index = 0;
    double fraction = 0.0;
};

// Staff entered the PIN: leave the exhibit.
struct Exit {};

// Draw this scene.
struct Present {
    Scene scene;
};

enum class LogLevel { info, warning, error };

// One log line: `message` is key=value pairs (conventions.md §6).
struct Log {
    LogLevel level = LogLevel::info;
    std::string message;
};

using Command = std::variant<Prepare, Release, StartMedia, StopMedia, SeekMedia, Exit, Present, Log>;

}  // namespace vitrine::core
