#pragma once
// Test support: SDL's audio subsystem on the `disk` driver (or another), writing into a file of
// the test's own, so what a device played can be read back and measured.
#include <doctest/doctest.h>

#include <SDL.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <vector>

namespace vitrine::test {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// SDL's audio subsystem on `driver` (`disk` writes to a file of this test's own); quits the
// subsystem and removes the file at the end.
class DiskAudio {
public:
    explicit DiskAudio(const std::string& driver = "disk")
        : saved_driver_(std::getenv("SDL_AUDIODRIVER") ? std::optional<std::string>(std::getenv("SDL_AUDIODRIVER")) : std::nullopt),
          path_(fs::temp_directory_path() / ("vitrine-audio-test-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(std::random_device{}()) + ".raw")) {
        ::setenv("SDL_AUDIODRIVER", driver.c_str(), 1);
        ::setenv("SDL_DISKAUDIOFILE", path_.c_str(), 1);
        REQUIRE_MESSAGE(SDL_InitSubSystem(SDL_INIT_AUDIO) == 0, SDL_GetError());
        started_ = true;
        REQUIRE(SDL_GetCurrentAudioDriver() != nullptr);
        REQUIRE(std::string(SDL_GetCurrentAudioDriver()) == driver);
    }
    DiskAudio(const DiskAudio&) = delete;
    DiskAudio& operator=(const DiskAudio&) = delete;
    ~DiskAudio() {
        if (started_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
        // Put back what the test runner set (ctest asks for the dummy driver).
        if (saved_driver_) {
            ::setenv("SDL_AUDIODRIVER", saved_driver_->c_str(), 1);
        } else {
            ::unsetenv("SDL_AUDIODRIVER");
        }
        ::unsetenv("SDL_DISKAUDIOFILE");
        std::error_code ec;
        fs::remove(path_, ec);
    }
    // What the device wrote (read after the AudioOutput is destroyed: the file is closed then).
    Bytes written() const {
        std::ifstream in(path_, std::ios::binary);
        return Bytes(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::optional<std::string> saved_driver_;
    fs::path path_;
    bool started_ = false;
};

}  // namespace vitrine::test
