#pragma once
// `vitrine render`: draws what the screen shows at a moment of the show into a PNG, with SDL's
// software renderer and no display. The same preparation and compositor as `play`.
#include "app/command_line.hpp"
#include "app/logger.hpp"

namespace vitrine::app {

// Exit code 0 when the PNG was written; 1 when the playlist or the item cannot be drawn (the
// reason is logged); 2 when SDL cannot start.
int run_render(const RenderOptions& options, Logger& log);

}  // namespace vitrine::app
