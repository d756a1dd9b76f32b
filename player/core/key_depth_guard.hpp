#pragma once
// A guard run on playlist text BEFORE toml++ parses it (reliability.md): toml++ 3.3 limits the
// nesting of arrays and inline tables (TOML_MAX_NESTED_VALUES) but not the depth of dotted keys
// or table headers, so `a.a.a.a…` with a hundred thousand parts would build a tree that deep,
// and freeing it recurses once per level. This scanner finds the first key that is nested too
// deep, counting the current [table.header], the dotted key itself and every enclosing inline
// table. It is iterative (an explicit stack for arrays and inline tables, capped), reads each
// byte at most a few times, and is lenient: on text that is not TOML it never fails by itself,
// it leaves the syntax error to toml++.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::core {

struct DeepKey {
    int line = 0;        // 1-based, where the key (or the table header's key) starts
    int column = 0;      // 1-based, in code points like toml++
    std::size_t depth = 0;  // its depth counted from the root (may stop counting past the limit)
    std::string preview;    // the start of the key as written, at most about 40 characters
};

// The first key in `toml` (valid UTF-8) whose depth from the root exceeds `max_depth`, or
// nullopt when every key is within it.
std::optional<DeepKey> find_key_deeper_than(std::string_view toml, std::size_t max_depth);

}  // namespace vitrine::core
