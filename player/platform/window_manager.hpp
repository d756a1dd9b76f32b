#pragma once
// Whether a window manager runs on the window's display. A kiosk often runs bare X with no
// window manager: there SDL's fullscreen request waits for an answer that never comes (about
// 400 ms at start-up, measured under Xvfb), while a borderless window the size of the display
// is already fullscreen. With a window manager, the real fullscreen request hides its panels.
#include <SDL.h>

namespace vitrine::platform {

// True when a window manager is known to run (X11: _NET_SUPPORTING_WM_CHECK on the root window),
// or when the video driver is not X11 (Wayland compositors and KMSDRM always manage fullscreen).
bool has_window_manager(SDL_Window& window);

}  // namespace vitrine::platform
