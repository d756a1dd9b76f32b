#pragma once
// `vitrine play`: the window, the event loop, and the Show's commands carried out.
//
// The loop is a flat list of named steps (mpv's playloop): read input, collect prepared items,
// tick the Show, carry out its commands, draw if the picture changed, else sleep until
// something happens. Everything here runs on the main (render) thread; preparation runs on the
// Preloader's worker.
#include <memory>

#include "app/command_line.hpp"
#include "app/logger.hpp"

namespace vitrine::app {

// Runs the exhibit until the exit keys, a signal, or --stop-after. Returns the process exit code.
// A bad playlist does not stop it: the calm notice is shown and the reason logged.
int run_play(const PlayOptions& options, Logger& log);

}  // namespace vitrine::app
