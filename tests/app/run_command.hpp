#pragma once
// Runs a command as a shell would (the vitrine binary under test, ffmpeg), for the app tests.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace vitrine::test {

struct Ran {
    std::string out;  // stdout and stderr, folded together
    int exit_code = -1;
};

// Runs `command` with stderr folded into stdout, to its end.
inline Ran run_command(const std::string& command) {
    FILE* raw = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(raw);
    Ran r;
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), raw)) r.out.append(buf.data(), n);
    const int status = pclose(raw);
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    return r;
}

// Everything `command` printed.
inline std::string output_of(const std::string& command) { return run_command(command).out; }

}  // namespace vitrine::test
