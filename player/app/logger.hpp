#pragma once
// One line per event on stderr (journald picks it up under systemd), machine-readable:
//   ts=2026-11-26T21:03:04.123Z level=info event=show item=welcome kind=statement
// Thread-safe: the render thread and the preload thread both log.
#include <mutex>
#include <string_view>

#include "core/command.hpp"

namespace vitrine::app {

class Logger {
public:
    explicit Logger(bool quiet = false) : quiet_(quiet) {}
    void log(core::LogLevel level, std::string_view message);
    void info(std::string_view m) { log(core::LogLevel::info, m); }
    void warning(std::string_view m) { log(core::LogLevel::warning, m); }
    void error(std::string_view m) { log(core::LogLevel::error, m); }

private:
    std::mutex mutex_;  // guards the output stream, so lines from two threads never interleave
    bool quiet_;        // when set, info lines are dropped (warnings and errors still go out)
};

// Quotes a value for a key=value log line when it holds spaces or quotes.
std::string quoted(std::string_view value);

}  // namespace vitrine::app
