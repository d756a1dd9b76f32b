// libFuzzer target: the playlist loader (core/playlist_loader.hpp) on any text: toml++ with our
// limits, then validation. Paths resolve into a folder that does not exist, so no media file is
// found and nothing outside the fuzzer's input is read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/playlist_loader.hpp"
#include "fuzz_check.hpp"

using namespace vitrine::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    LoadOptions options;
    options.fonts_dir = "/nonexistent-vitrine-fuzz/fonts";
    const LoadOutcome outcome = parse_playlist(text, "/nonexistent-vitrine-fuzz/fuzz.toml", options);
    // Documented: no playlist only when the file itself is unusable, and then an error says why.
    if (!outcome.playlist) FUZZ_CHECK(has_errors(outcome.diagnostics));
    for (const Diagnostic& d : outcome.diagnostics) {
        FUZZ_CHECK(!d.message.empty());
        (void)format(d);
    }
    return 0;
}
