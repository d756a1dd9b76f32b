#include "core/did_you_mean.hpp"

#include <algorithm>
#include <vector>

namespace vitrine::core {
namespace {

constexpr std::size_t kMaxWordLength = 64;  // longer than any key, id or file name we suggest

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t max_edits_for(std::size_t length) {
    if (length <= 4) return 1;
    if (length <= 8) return 2;
    return 3;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic-programming table: the swap rule looks two rows back.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        std::span<const std::string_view> candidates) {
    if (word.empty() || word.size() > kMaxWordLength) return std::nullopt;
    const std::size_t limit = max_edits_for(word.size());
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (std::string_view candidate : candidates) {
        if (candidate == word || candidate.size() > kMaxWordLength) continue;
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best;
}

}  // namespace vitrine::core
