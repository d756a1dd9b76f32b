#include "app/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace vitrine::app {

void Logger::log(core::LogLevel level, std::string_view message) {
    if (quiet_ && level == core::LogLevel::info) return;
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    const char* name = level == core::LogLevel::info ? "info" : level == core::LogLevel::warning ? "warning" : "error";
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "ts=%s.%03dZ level=%s %.*s\n", stamp, static_cast<int>(ms), name,
                 static_cast<int>(message.size()), message.data());
    std::fflush(stderr);
}

std::string quoted(std::string_view value) {
    const bool plain = !value.empty() && value.find_first_of(" \"=\t\n") == std::string_view::npos;
    if (plain) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace vitrine::app
