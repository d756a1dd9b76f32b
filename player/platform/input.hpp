#pragma once
// SDL events to what the exhibit does with them. Keyboard: Right/PageDown next, Left/PageUp
// previous, Space pause. Only the exit chord (or, in a preview window, closing the window, or
// a SIGINT/SIGTERM from the venue's service manager) leaves: no single key a visitor could press.
#include <SDL.h>

#include "core/playlist.hpp"

namespace vitrine::platform {

// lost_textures: the renderer's device was reset (a GPU driver restart): every texture is gone.
enum class InputAction { none, quit, next, previous, toggle_pause, resized, redraw, lost_textures };

// `windowed`: a preview window, which its close button may close.
InputAction translate(const SDL_Event& event, const core::KeyChord& exit_keys, bool windowed);

// True when the key event is the chord: its key, with exactly the chord's modifiers held
// (left or right), ignoring lock keys.
bool matches(const SDL_KeyboardEvent& key, const core::KeyChord& chord);

}  // namespace vitrine::platform
