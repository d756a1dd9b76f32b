#pragma once
// "Did you mean ...?": the closest known name to a misspelt one, for the loader's messages
// (unknown keys, kinds, transitions, ids, file names).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vitrine::core {

// Edit distance between two names: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1 (optimal string alignment). ASCII letters compare
// case-insensitively ("Title" is 0 from "title"). O(|a|·|b|) time, O(|b|) memory.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo: at most 1 edit for
// words up to 4 characters, 2 up to 8, 3 beyond. Ties go to the earlier candidate. Words longer
// than 64 characters get no suggestion (no name is that long; it bounds the work on hostile
// input). `word` itself among the candidates is not suggested.
std::optional<std::string> did_you_mean(std::string_view word,
                                        std::span<const std::string_view> candidates);

}  // namespace vitrine::core
