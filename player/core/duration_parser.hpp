#pragma once
// Durations as curators write them: "12s", "1.5s", "800ms", "2m", "1m30s", "1h", "1h 15m".
// Components are a number (digits, optionally with a decimal point) and a unit, h, m, s or ms,
// largest unit first, each unit at most once; spaces between components are allowed. A string
// that is only a number ("12") means seconds, like a bare TOML number. A leading '-' is
// accepted so that the caller can say "must be longer than zero" rather than "not a duration".
#include <chrono>
#include <string>
#include <string_view>

#include "core/playlist.hpp"
#include "core/result.hpp"

namespace vitrine::core {

inline constexpr std::chrono::hours kMaxDuration{24};  // no item, transition or clip point is longer than a day

// The duration in milliseconds, rounded to the nearest. Errors (message only, no position):
// not a duration ("expected a number followed by h, m, s or ms, ..."), or longer than
// kMaxDuration.
Result<Millis> parse_duration(std::string_view text);

// Seconds as a TOML number gives them (12, 1.5, -3) to milliseconds; errors as parse_duration
// (NaN, infinite or beyond kMaxDuration).
Result<Millis> duration_from_seconds(double seconds);

// The shortest curator spelling of `d`: "800ms", "12s", "1.5s", "2m", "1m30s", "1h5m".
std::string format_duration(Millis d);

}  // namespace vitrine::core
