#pragma once
// `vitrine check`: validates playlists without a window. Prints each problem as
// `file:line:column: error: ...` on stdout, then a one-line summary per playlist.
#include <iosfwd>

#include "app/command_line.hpp"

namespace vitrine::app {

// Exit code: 0 when every playlist is free of errors (warnings allowed), 1 otherwise,
// 2 when the checker itself cannot start.
int run_check(const CheckOptions& options, std::ostream& out);

}  // namespace vitrine::app
