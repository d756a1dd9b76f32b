#include "platform/input.hpp"

namespace vitrine::platform {

bool matches(const SDL_KeyboardEvent& key, const core::KeyChord& chord) {
    const SDL_Keycode want = SDL_GetKeyFromName(chord.key.c_str());
    if (want == SDLK_UNKNOWN || key.keysym.sym != want) return false;
    const Uint16 mod = key.keysym.mod;
    return ((mod & KMOD_CTRL) != 0) == chord.ctrl && ((mod & KMOD_ALT) != 0) == chord.alt &&
           ((mod & KMOD_SHIFT) != 0) == chord.shift;
}

InputAction translate(const SDL_Event& e, const core::KeyChord& exit_keys, bool windowed) {
    switch (e.type) {
        case SDL_QUIT:
            // With SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE off, SDL_QUIT comes from SIGINT/SIGTERM:
            // the venue's service manager or staff at a terminal.
            return InputAction::quit;
        case SDL_WINDOWEVENT:
            switch (e.window.event) {
                case SDL_WINDOWEVENT_CLOSE: return windowed ? InputAction::quit : InputAction::none;
                case SDL_WINDOWEVENT_SIZE_CHANGED: return InputAction::resized;
                case SDL_WINDOWEVENT_EXPOSED:
                case SDL_WINDOWEVENT_SHOWN:
                case SDL_WINDOWEVENT_RESTORED: return InputAction::redraw;
                default: return InputAction::none;
            }
        case SDL_DISPLAYEVENT: return InputAction::resized;
        case SDL_RENDER_TARGETS_RESET: return InputAction::redraw;
        case SDL_RENDER_DEVICE_RESET: return InputAction::lost_textures;
        case SDL_KEYDOWN: {
            if (matches(e.key, exit_keys)) return InputAction::quit;
            if (e.key.repeat) return InputAction::none;
            switch (e.key.keysym.sym) {
                case SDLK_RIGHT:
                case SDLK_PAGEDOWN: return InputAction::next;
                case SDLK_LEFT:
                case SDLK_PAGEUP: return InputAction::previous;
                case SDLK_SPACE: return InputAction::toggle_pause;
                default: return InputAction::none;
            }
        }
        default: return InputAction::none;
    }
}

}  // namespace vitrine::platform
