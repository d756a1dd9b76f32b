// Captions inside clips: text subtitle streams muxed at test time with the ffmpeg CLI.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "media/embedded_captions.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vitrine::media::caption_text_of;
using vitrine::media::EmbeddedCaptions;
using vitrine::media::read_embedded_captions;
using vitrine::media::two_letter_language;

namespace {

// The clips, generated once per test run into a temporary directory removed at exit.
struct SubtitledClips {
    fs::path dir;
    fs::path mov_text;  // MP4, one mov_text stream tagged eng
    fs::path two_srt;   // MKV, subrip eng (3 cues) then subrip por (1 cue)
    fs::path ass;       // MKV, one ASS stream, the container's timeline starting at 5 s
    fs::path webvtt;    // MKV, one WebVTT stream, untagged
    fs::path forced;    // MKV, a forced eng stream (1 cue) before a complete eng stream (3 cues)
    fs::path bare;      // MP4, no subtitles
    bool generated = false;

    SubtitledClips() {
        dir = fs::temp_directory_path() / ("vitrine_embedded_captions_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        std::ofstream(dir / "en.srt") << "1\n00:00:00,500 --> 00:00:01,500\n<i>Welcome</i> to the reading room.\n\n"
                                         "2\n00:00:02,000 --> 00:00:03,000\nTwo lines:\nthe second one.\n\n"
                                         "3\n00:00:03,200 --> 00:00:03,900\nПроект Конституции СССР\n";
        std::ofstream(dir / "pt.srt") << "1\n00:00:01,250 --> 00:00:02,750\nBem-vindos à sala de leitura.\n";
        std::ofstream(dir / "forced.srt") << "1\n00:00:02,000 --> 00:00:02,500\n[in Russian]\n";
        mov_text = dir / "talk.mp4";
        two_srt = dir / "talk.mkv";
        ass = dir / "offset.mkv";
        webvtt = dir / "vtt.mkv";
        forced = dir / "forced.mkv";
        bare = dir / "bare.mp4";
        auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
        auto quoted = [](const fs::path& p) { return " '" + p.string() + "' "; };
        const std::string pic = "ffmpeg -nostdin -y -v error -f lavfi -i testsrc2=s=160x120:r=10:d=4 ";
        const std::string en = "-i" + quoted(dir / "en.srt");
        generated =
            run(pic + en + "-map 0 -map 1 -c:v libx264 -c:s mov_text -metadata:s:s:0 language=eng" + quoted(mov_text)) &&
            run(pic + en + "-i" + quoted(dir / "pt.srt") +
                "-map 0 -map 1 -map 2 -c:v libx264 -c:s srt -metadata:s:s:0 language=eng -metadata:s:s:1 language=por" +
                quoted(two_srt)) &&
            run(pic + en + "-map 0 -map 1 -c:v libx264 -c:s ass -output_ts_offset 5" + quoted(ass)) &&
            run(pic + en + "-map 0 -map 1 -c:v libx264 -c:s webvtt" + quoted(webvtt)) &&
            run(pic + "-i" + quoted(dir / "forced.srt") + en +
                "-map 0 -map 1 -map 2 -c:v libx264 -c:s srt -metadata:s:s:0 language=eng -metadata:s:s:1 language=eng "
                "-disposition:s:0 forced+default -disposition:s:1 0" +
                quoted(forced)) &&
            run(pic + "-c:v libx264" + quoted(bare));
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

// Reads `clip`, failing the test when it is an error or has no captions.
EmbeddedCaptions read_some(const fs::path& clip, const std::string& language) {
    auto read = read_embedded_captions(clip, language);
    REQUIRE_MESSAGE(read.has_value(), read.error().message);
    REQUIRE(read->has_value());
    return std::move(**read);
}

// The three cues of en.srt, whatever the stream's format.
void check_english_cues(const EmbeddedCaptions& c) {
    REQUIRE(c.track.cues.size() == 3);
    CHECK(c.track.cues[0].start == 500ms);
    CHECK(c.track.cues[0].end == 1500ms);
    CHECK(c.track.cues[0].text == "Welcome to the reading room.");
    CHECK(c.track.cues[1].start == 2000ms);
    CHECK(c.track.cues[1].end == 3000ms);
    CHECK(c.track.cues[1].text == "Two lines:\nthe second one.");
    CHECK(c.track.cues[2].start == 3200ms);
    CHECK(c.track.cues[2].end == 3900ms);
    CHECK(c.track.cues[2].text == "Проект Конституции СССР");
    CHECK(c.track.at(2500ms).size() == 1);
    CHECK(c.track.at(1750ms).empty());
}

}  // namespace

TEST_CASE("a clip's own text subtitles are read with their times in ms, lines and scripts") {
    REQUIRE(clips().generated);
    SUBCASE("mov_text in MP4") {
        const auto c = read_some(clips().mov_text, "en");
        CHECK(c.codec == "mov_text");
        CHECK(c.language == "en");
        check_english_cues(c);
    }
    SUBCASE("SubRip in Matroska") {
        const auto c = read_some(clips().two_srt, "en");
        CHECK(c.codec == "subrip");
        CHECK(c.language == "en");
        check_english_cues(c);
    }
    SUBCASE("ASS in Matroska, on the clip's timeline when the container starts at 5 s") {
        const auto c = read_some(clips().ass, "en");
        CHECK(c.codec == "ass");
        check_english_cues(c);
    }
    SUBCASE("WebVTT in Matroska, untagged") {
        const auto c = read_some(clips().webvtt, "en");
        CHECK(c.codec == "webvtt");
        CHECK(c.language == "");
        check_english_cues(c);
    }
}

TEST_CASE("the subtitle stream in the exhibit's caption language is chosen, else the default or first") {
    REQUIRE(clips().generated);
    SUBCASE("Portuguese asked as pt, the por stream") {
        const auto c = read_some(clips().two_srt, "pt");
        CHECK(c.language == "pt");
        CHECK(c.codec == "subrip");
        REQUIRE(c.track.cues.size() == 1);
        CHECK(c.track.cues[0].start == 1250ms);
        CHECK(c.track.cues[0].end == 2750ms);
        CHECK(c.track.cues[0].text == "Bem-vindos à sala de leitura.");
    }
    SUBCASE("Portuguese asked as pt-BR, the por stream") {
        const auto c = read_some(clips().two_srt, "pt-BR");
        CHECK(c.language == "pt");
        CHECK(c.track.cues.size() == 1);
    }
    SUBCASE("German asked, none: the first stream, which says it is English") {
        const auto c = read_some(clips().two_srt, "de");
        CHECK(c.language == "en");
        check_english_cues(c);
    }
    SUBCASE("no language asked: the first stream") {
        const auto c = read_some(clips().two_srt, "");
        CHECK(c.language == "en");
        CHECK(c.track.cues.size() == 3);
    }
    SUBCASE("a forced stream in the language loses to a complete one, default or not") {
        const auto c = read_some(clips().forced, "en");
        check_english_cues(c);
    }
    SUBCASE("no stream in the language: a complete stream rather than the forced default") {
        const auto c = read_some(clips().forced, "fr");
        CHECK(c.language == "en");
        check_english_cues(c);
    }
}

TEST_CASE("a clip without subtitles has none, and a missing file is an error naming it") {
    REQUIRE(clips().generated);
    auto bare = read_embedded_captions(clips().bare, "en");
    REQUIRE_MESSAGE(bare.has_value(), bare.error().message);
    CHECK_FALSE(bare->has_value());

    const fs::path gone = clips().dir / "gone.mp4";
    auto missing = read_embedded_captions(gone, "en");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().path == gone.string());
    CHECK(missing.error().message.find("cannot open " + gone.string()) == 0);
    CHECK(missing.error().message.find("No such file") != std::string::npos);
}

TEST_CASE("a file that is not media is an error, not an empty caption track") {
    REQUIRE(clips().generated);
    const fs::path notes = clips().dir / "notes.mkv";
    std::ofstream(notes) << "These are the curator's notes, not a video.\n";
    auto read = read_embedded_captions(notes, "en");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().path == notes.string());
    CHECK(read.error().message.find(notes.string()) != std::string::npos);
}

TEST_CASE("ASS dialogue text loses its fields and override blocks and keeps its line breaks") {
    CHECK(caption_text_of("0,0,Default,,0,0,0,,{\\i1}Hello{\\i0}\\Nworld", true) == "Hello\nworld");
    CHECK(caption_text_of("3,0,Default,,0,0,0,,a,b\\hc", true) == "a,b c");
    CHECK(caption_text_of("1,0,Default,,0,0,0,,{\\an8}  top  \\n\\N  line ", true) == "top\nline");
    CHECK(caption_text_of("1,0,Default,,0,0,0,,{\\b1}", true) == "");
    CHECK(caption_text_of("1,0,Default,,0,0,0,,a { b", true) == "a { b");
    CHECK(caption_text_of("not a dialogue line", true) == "");
    SUBCASE("plain text is taken as it is, lines trimmed") {
        CHECK(caption_text_of("  plain {x} \n\n text ", false) == "plain {x}\ntext");
    }
    SUBCASE("invalid UTF-8 becomes U+FFFD") {
        CHECK(caption_text_of("0,0,Default,,0,0,0,,caf\xe9 ok", true) == "caf\xef\xbf\xbd ok");
    }
}

TEST_CASE("stream language tags are spelt as two-letter codes when known") {
    CHECK(two_letter_language("eng") == "en");
    CHECK(two_letter_language("por") == "pt");
    CHECK(two_letter_language("fre") == "fr");
    CHECK(two_letter_language("fra") == "fr");
    CHECK(two_letter_language("ger") == "de");
    CHECK(two_letter_language("dut") == "nl");
    CHECK(two_letter_language("ukr") == "uk");
    CHECK(two_letter_language("RUS") == "ru");
    CHECK(two_letter_language("EN") == "en");
    CHECK(two_letter_language("und") == "");
    CHECK(two_letter_language("") == "");
    CHECK(two_letter_language("haw") == "haw");
    CHECK(two_letter_language("pt-BR") == "pt-BR");
}
