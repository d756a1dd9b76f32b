// Captions inside clips: text subtitle streams muxed at test time with the ffmpeg CLI.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "media/embedded_captions.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vitrine::media::caption_text_of;
using vitrine::media::read_embedded_captions;

namespace {

struct SubtitledClips {
    fs::path dir, mp4, mkv, bare;
    bool generated = false;
    SubtitledClips() {
        dir = fs::temp_directory_path() / ("vitrine_embedded_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        std::ofstream(dir / "en.srt") << "1\n00:00:00,500 --> 00:00:01,500\n<i>Welcome</i> to the reading room.\n\n"
                                         "2\n00:00:02,000 --> 00:00:03,000\nTwo lines:\nthe second one.\n\n"
                                         "3\n00:00:03,200 --> 00:00:03,900\nПроект Конституции СССР\n";
        std::ofstream(dir / "pt.srt") << "1\n00:00:00,500 --> 00:00:01,500\nBem-vindos à sala de leitura.\n";
        mp4 = dir / "talk.mp4";
        mkv = dir / "talk.mkv";
        bare = dir / "bare.mp4";
        auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
        const std::string pic = "ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=s=160x120:r=10:d=4 ";
        const std::string en = "'" + (dir / "en.srt").string() + "'", pt = "'" + (dir / "pt.srt").string() + "'";
        generated = run(pic + "-i " + en + " -map 0 -map 1 -c:v libx264 -c:s mov_text -metadata:s:s:0 language=eng '" +
                        mp4.string() + "'") &&
                    run(pic + "-i " + en + " -i " + pt + " -map 0 -map 1 -map 2 -c:v libx264 -c:s srt -metadata:s:s:0 language=eng "
                              "-metadata:s:s:1 language=por '" + mkv.string() + "'") &&
                    run(pic + "-c:v libx264 '" + bare.string() + "'");
    }
    ~SubtitledClips() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const SubtitledClips& clips() {
    static const SubtitledClips instance;
    return instance;
}

}  // namespace

TEST_CASE("a clip's own text subtitles are read with their times, lines and scripts") {
    REQUIRE(clips().generated);
    auto read = read_embedded_captions(clips().mp4, "en");
    REQUIRE_MESSAGE(read.has_value(), read.error().message);
    REQUIRE(read->has_value());
    const auto& c = **read;
    CHECK(c.codec == "mov_text");
    CHECK(c.language == "en");
    REQUIRE(c.track.cues.size() == 3);
    CHECK(c.track.cues[0].start == 500ms);
    CHECK(c.track.cues[0].end == 1500ms);
    CHECK(c.track.cues[0].text == "Welcome to the reading room.");
    CHECK(c.track.cues[1].text == "Two lines:\nthe second one.");
    CHECK(c.track.cues[2].text == "Проект Конституции СССР");
    CHECK(c.track.at(2500ms).size() == 1);
}

TEST_CASE("the subtitle stream in the exhibit's caption language is chosen, else the first") {
    REQUIRE(clips().generated);
    SUBCASE("Portuguese asked, Portuguese found") {
        auto read = read_embedded_captions(clips().mkv, "pt-BR");
        REQUIRE(read.has_value());
        REQUIRE(read->has_value());
        CHECK((*read)->language == "pt");
        REQUIRE((*read)->track.cues.size() == 1);
        CHECK((*read)->track.cues[0].text == "Bem-vindos à sala de leitura.");
    }
    SUBCASE("German asked, none: the first stream, and it says which language it is") {
        auto read = read_embedded_captions(clips().mkv, "de");
        REQUIRE(read.has_value());
        REQUIRE(read->has_value());
        CHECK((*read)->language == "en");
        CHECK((*read)->track.cues.size() == 3);
    }
}

TEST_CASE("a clip without subtitles has none, and a missing file is an error naming it") {
    REQUIRE(clips().generated);
    auto bare = read_embedded_captions(clips().bare, "en");
    REQUIRE(bare.has_value());
    CHECK_FALSE(bare->has_value());
    auto missing = read_embedded_captions(clips().dir / "gone.mp4", "en");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message.find("gone.mp4") != std::string::npos);
}

TEST_CASE("ASS dialogue text loses its fields and override blocks and keeps its line breaks") {
    CHECK(caption_text_of("0,0,Default,,0,0,0,,{\\i1}Hello{\\i0}\\Nworld", true) == "Hello\nworld");
    CHECK(caption_text_of("3,0,Default,,0,0,0,,a,b\\hc", true) == "a,b c");
    CHECK(caption_text_of("  plain  \n\n text ", false) == "plain\ntext");
}
