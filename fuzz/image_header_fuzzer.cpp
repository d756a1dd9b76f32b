// libFuzzer target: image header sniffing (core/image_header.hpp), the gate in front of the
// decoders. Any bytes must give a value or an error without reading outside them.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/image_header.hpp"
#include "fuzz_check.hpp"

using namespace vitrine::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    (void)detect_image_format(bytes);
    (void)jpeg_has_end_marker(bytes);
    const auto info = sniff_image(bytes, "fuzz.img");
    if (!info) {
        FUZZ_CHECK(!info.error().message.empty());
        return 0;
    }
    FUZZ_CHECK(info->orientation >= 1 && info->orientation <= 8);
    (void)format_name(info->format);
    (void)extension_mismatch(info->format, "fuzz.png");
    // What the loader does next with an accepted header.
    if (const auto fits = check_limits(*info, ImageLimits{}, "fuzz.img")) {
        const Size shown = fit_within(Size{fits->width, fits->height}, Size{1920, 1080});
        FUZZ_CHECK(shown.width >= 1 && shown.height >= 1);
    }
    return 0;
}
