// vitrine: the exhibition player. Parses the command line and hands over to one mode.
extern "C" {
#include <libavutil/log.h>
}
#include <iostream>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/check_command.hpp"
#include "app/command_line.hpp"
#include "app/logger.hpp"
#include "app/render_command.hpp"

int main(int argc, char** argv) {
    using namespace vitrine::app;
    // FFmpeg's own messages ("moov atom not found") are not for curators or the venue's log:
    // every failure reaches them as Vitrine's own message, with the path and the reason.
    av_log_set_level(AV_LOG_FATAL);
    const std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = parse_command_line(args);
    if (!parsed) {
        std::cerr << "vitrine: " << parsed.error().message << "\n";
        return 2;
    }
    return std::visit(
        [](const auto& o) -> int {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, HelpRequest>) {
                std::cout << o.text;
                return 0;
            } else if constexpr (std::is_same_v<T, CheckOptions>) {
                return run_check(o, std::cout);
            } else if constexpr (std::is_same_v<T, RenderOptions>) {
                Logger log(true);
                return run_render(o, log);
            } else {
                Logger log(o.quiet);
                return run_play(o, log);
            }
        },
        *parsed);
}
