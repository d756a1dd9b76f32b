#pragma once
// The scene a straight run of the show puts on screen `at` after item `index` begins to enter:
// during its entry transition, the previous item (in loop order) is leaving. Used by
// `vitrine render` and storyboards, and kept in step with Show by a test.
#include "core/playlist.hpp"
#include "core/scene.hpp"

namespace vitrine::core {

Scene scene_at(const Playlist& playlist, std::size_t index, Millis at);

}  // namespace vitrine::core
