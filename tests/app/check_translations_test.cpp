// `vitrine check` on an exhibit in several languages: after the problems, what each language
// other than the default lacks (shown in the default language instead), at the place it is
// written, or that it is complete. The listing never changes the exit status.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "app/check_command.hpp"

using namespace vitrine;
namespace fs = std::filesystem;

namespace {

// A playlist in a scratch folder, removed afterwards.
struct ScratchPlaylist {
    fs::path dir;
    fs::path file;
    explicit ScratchPlaylist(const std::string& text) {
        dir = fs::temp_directory_path() / ("vitrine-translations-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::create_directories(dir);
        file = dir / "exhibit.toml";
        std::ofstream(file) << text;
    }
    ~ScratchPlaylist() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("check lists each language's missing translations after the problems, without changing the exit status") {
    const ScratchPlaylist playlist(R"([exhibit]
languages = ["en", "pt", "ru"]

[[item]]
id = "welcome"
kind = "text"
title = "Our doors are open"
text = "Come on in."

[[item]]
id = "letter"
kind = "text"
title = { en = "A letter", pt = "Uma carta", ru = "Письмо" }
text = { en = "Dear friends.", pt = "Caros amigos.", ru = "Дорогие друзья." }
)");
    app::CheckOptions o;
    o.playlists = {playlist.file};
    std::ostringstream out;
    CHECK(app::run_check(o, out) == 0);
    const std::string p = playlist.file.string();
    const std::vector<std::string> expected{
        "translations: pt: 1 missing (shown in en instead)",
        "  " + p + ":4:1: item 'welcome': every text",
        "translations: ru: 1 missing (shown in en instead)",
        "  " + p + ":4:1: item 'welcome': every text",
        p + ": ok: 2 items (2 text)",
    };
    CHECK(lines_of(out.str()) == expected);

    SUBCASE("complete, and after an error, whose exit status stays 1") {
        const ScratchPlaylist done(R"([exhibit]
languages = ["en", "pt"]

[[item]]
id = "letter"
kind = "text"
title = { en = "A letter", pt = "Uma carta" }
text = { en = "Dear friends.", pt = "Caros amigos." }

[[item]]
id = "broken"
kind = "text"
duration = 0
text = "x"
)");
        app::CheckOptions d;
        d.playlists = {done.file};
        std::ostringstream report;
        CHECK(app::run_check(d, report) == 1);
        const std::string q = done.file.string();
        const std::vector<std::string> lines = lines_of(report.str());
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == q + ":13:12: error: 'duration' must be longer than zero, got 0");
        CHECK(lines[1] == "translations: pt: complete");
        CHECK(lines[2] == q + ": 1 error(s); 1 items (1 text) will play");
    }
    SUBCASE("one language: nothing listed") {
        const ScratchPlaylist one("[[item]]\nkind = \"text\"\ntext = \"Only in English.\"\n");
        app::CheckOptions d;
        d.playlists = {one.file};
        std::ostringstream report;
        CHECK(app::run_check(d, report) == 0);
        CHECK(lines_of(report.str()) == std::vector<std::string>{one.file.string() + ": ok: 1 items (1 text)"});
    }
}
