#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/caption_reading.hpp"
#include "core/caption_text.hpp"
#include "core/caption_track.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;

namespace {

const std::string kDir = VITRINE_FIXTURES "/captions/";

std::vector<std::string> texts(const CaptionTrack& track) {
    std::vector<std::string> out;
    for (const Cue& c : track.cues) out.push_back(c.text);
    return out;
}

std::vector<std::string> texts(const std::vector<const Cue*>& cues) {
    std::vector<std::string> out;
    for (const Cue* c : cues) out.push_back(c->text);
    return out;
}

// The only diagnostic of `parse`, which must have exactly one.
const Diagnostic& only(const CaptionParse& parse) {
    REQUIRE(parse.diagnostics.size() == 1);
    return parse.diagnostics.front();
}

// A file under the temporary folder, removed when the test ends.
struct TempFile {
    std::filesystem::path path;
    TempFile(const std::string& name, const std::string& bytes)
        : path(std::filesystem::temp_directory_path() / ("vitrine-caption-test-" + name)) {
        std::ofstream(path, std::ios::binary) << bytes;
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

}  // namespace

TEST_CASE("a well-formed SRT file gives its cues with times, text and source lines") {
    const auto loaded = load_captions(kDir + "good.srt");
    REQUIRE(loaded);
    CHECK(loaded->diagnostics.empty());
    const auto& cues = loaded->track.cues;
    REQUIRE(cues.size() == 3);
    CHECK(cues[0].start == 1000ms);
    CHECK(cues[0].end == 4000ms);
    CHECK(cues[0].text == "Welcome to the Vitrine exhibition.");
    CHECK(cues[0].line == 2);
    CHECK(cues[1].start == 4500ms);
    CHECK(cues[1].end == 8250ms);
    CHECK(cues[1].text == "The drawings on this wall\nare by Anna Weber.");
    CHECK(cues[1].line == 6);
    CHECK(cues[2].start == 62500ms);
    CHECK(cues[2].end == 64000ms);
    CHECK(cues[2].text == "Thank you.");
    CHECK(cues[2].line == 11);
}

TEST_CASE("a well-formed WebVTT file gives its cues; header, NOTE, STYLE and REGION blocks are skipped") {
    const auto loaded = load_captions(kDir + "good.vtt");
    REQUIRE(loaded);
    CHECK(loaded->diagnostics.empty());
    const auto& cues = loaded->track.cues;
    REQUIRE(cues.size() == 3);
    CHECK(texts(loaded->track) == std::vector<std::string>{"Welcome to the Vitrine exhibition.",
                                                            "The drawings on this wall\nare by Anna Weber & friends.",
                                                            "Thank you."});
    CHECK(cues[0].start == 1000ms);
    CHECK(cues[0].end == 4000ms);
    CHECK(cues[0].line == 16);
    CHECK(cues[1].start == 4500ms);
    CHECK(cues[1].line == 19);
    CHECK(cues[2].start == 62500ms);
    CHECK(cues[2].end == 64000ms);
    CHECK(cues[2].line == 24);
}

TEST_CASE("what players tolerate is read without a complaint") {
    SUBCASE("SRT: BOM, CRLF, a missing cue number, a dot in the time, extra blank lines, "
            "coordinates after the times, no blank line at the end") {
        const auto loaded = load_captions(kDir + "tolerant.srt");
        REQUIRE(loaded);
        CHECK(loaded->diagnostics.empty());
        const auto& cues = loaded->track.cues;
        REQUIRE(cues.size() == 3);
        CHECK(cues[0].text == "No number, a dot, CRLF and a BOM.");
        CHECK(cues[0].start == 1000ms);
        CHECK(cues[0].line == 1);
        CHECK(cues[1].text == "Extra blank lines above,\ncoordinates after the times.");
        CHECK(cues[1].end == 4000ms);
        CHECK(cues[1].line == 7);
        CHECK(cues[2].text == "No blank line at the end.");
        CHECK(cues[2].line == 11);
    }
    SUBCASE("SRT with old Mac line ends (CR alone) and tabs around the arrow") {
        const auto parse = parse_srt("1\r00:00:01,000\t-->\t00:00:02,000\rOne\r\r2\r00:00:03,000 --> 00:00:04,000\rTwo\r", "a.srt");
        CHECK(parse.diagnostics.empty());
        CHECK(texts(parse.track) == std::vector<std::string>{"One", "Two"});
        CHECK(parse.track.cues[1].line == 6);
    }
    SUBCASE("VTT: hours left out, cue settings, hours of more than two digits, an arrow without spaces") {
        const auto parse = parse_vtt("WEBVTT\n\n00:01.000 --> 00:02.500 align:start size:50%\nA\n\n"
                                     "100:00:00.000-->100:00:01.000\nB\n",
                                     "a.vtt");
        CHECK(parse.diagnostics.empty());
        REQUIRE(parse.track.cues.size() == 2);
        CHECK(parse.track.cues[0].start == 1000ms);
        CHECK(parse.track.cues[0].end == 2500ms);
        CHECK(parse.track.cues[1].start == std::chrono::hours(100));
    }
    SUBCASE("cues out of order in the file are sorted by start") {
        const auto parse = parse_srt("00:00:05,000 --> 00:00:06,000\nLater\n\n00:00:01,000 --> 00:00:02,000\nEarlier\n",
                                     "a.srt");
        CHECK(parse.diagnostics.empty());
        CHECK(texts(parse.track) == std::vector<std::string>{"Earlier", "Later"});
        CHECK(parse.track.cues[0].line == 4);
    }
}

TEST_CASE("a malformed timing line is reported at the bad time, and only that cue is skipped") {
    SUBCASE("an end time without milliseconds (SRT)") {
        const auto parse = parse_srt("1\n00:00:01,000 --> 00:01:02\nLost.\n\n2\n00:00:03,000 --> 00:00:04,000\nKept.\n",
                                     "film.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::error);
        CHECK(d.path == "film.srt");
        CHECK(d.line == 2);
        CHECK(d.column == 18);
        CHECK(d.message == "expected a time like 00:01:02,500, got '00:01:02'");
        CHECK(format(d) == "film.srt:2:18: error: expected a time like 00:01:02,500, got '00:01:02'");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
    SUBCASE("a start time with minutes out of range (VTT)") {
        const auto parse = parse_vtt("WEBVTT\n\n  00:61.000 --> 01:02.000\nLost.\n\n01:03.000 --> 01:04.000\nKept.\n", "a.vtt");
        const Diagnostic& d = only(parse);
        CHECK(d.line == 3);
        CHECK(d.column == 3);
        CHECK(d.message == "expected a time like 00:01:02.500, got '00:61.000'");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
    SUBCASE("SRT times need their hours") {
        const auto parse = parse_srt("01:02,500 --> 01:04,000\nLost.\n", "a.srt");
        REQUIRE(parse.diagnostics.size() == 2);
        CHECK(parse.diagnostics[0].message == "the file holds no cues");
        const Diagnostic& d = parse.diagnostics[1];
        CHECK(d.line == 1);
        CHECK(d.column == 1);
        CHECK(d.message == "expected a time like 00:01:02,500, got '01:02,500'");
    }
    SUBCASE("nothing after the arrow") {
        const auto parse = parse_srt("00:00:01,000 -->\nLost.\n", "a.srt");
        REQUIRE(parse.diagnostics.size() == 2);
        CHECK(parse.diagnostics[0].line == 0);  // the file holds no cues
        const Diagnostic& d = parse.diagnostics[1];
        CHECK(d.line == 1);
        CHECK(d.column == 17);
        CHECK(d.message == "expected a time like 00:01:02,500 after '-->', got nothing");
    }
    SUBCASE("a cue number followed by something that is not a timing line") {
        const auto parse = parse_srt("1\n00:00:01,000 - 00:00:02,000\nLost.\n\n2\n00:00:03,000 --> 00:00:04,000\nKept.\n",
                                     "a.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::error);
        CHECK(d.line == 2);
        CHECK(d.column == 1);
        CHECK(d.message == "expected a timing line like '00:01:02,500 --> 00:01:04,000' after '1', "
                           "got '00:00:01,000 - 00:00:02,000'");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
    SUBCASE("a cue number at the end of the file") {
        const auto parse = parse_srt("00:00:01,000 --> 00:00:02,000\nA\n\n2\n", "a.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.line == 4);
        CHECK(d.column == 1);
        CHECK(d.message == "expected a timing line like '00:01:02,500 --> 00:01:04,000' after '2', got the end of the file");
    }
    SUBCASE("a VTT identifier followed by an empty line") {
        const auto parse = parse_vtt("WEBVTT\n\nchapter-1\n\n00:01.000 --> 00:02.000\nKept.\n", "a.vtt");
        const Diagnostic& d = only(parse);
        CHECK(d.line == 4);
        CHECK(d.column == 1);
        CHECK(d.message == "expected a timing line like '00:01:02.500 --> 00:01:04.000' after 'chapter-1', got an empty line");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
}

TEST_CASE("the malformed fixture loses only its malformed cues") {
    const auto loaded = load_captions(kDir + "malformed.srt");
    REQUIRE(loaded);
    const auto& ds = loaded->diagnostics;
    REQUIRE(ds.size() == 3);
    CHECK(format(ds[0]) == kDir + "malformed.srt:6:18: error: expected a time like 00:01:02,500, got '00:00:04'");
    CHECK(format(ds[1]) == kDir + "malformed.srt:10:18: error: the cue ends at 00:00:05,000, which is not after "
                                  "its start at 00:00:06,000; the cue is skipped");
    CHECK(format(ds[2]) == kDir + "malformed.srt:14:1: warning: the cue from 00:00:07,000 to 00:00:08,000 has no "
                                  "text; it is skipped");
    CHECK(texts(loaded->track) == std::vector<std::string>{"Fine.", "Kept after the errors."});
}

TEST_CASE("a cue that ends before or when it starts is an error and is skipped") {
    SUBCASE("before") {
        const auto parse = parse_srt("00:00:02,000 --> 00:00:01,000\nLost.\n\n00:00:03,000 --> 00:00:04,000\nKept.\n", "a.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::error);
        CHECK(d.line == 1);
        CHECK(d.column == 18);
        CHECK(d.message == "the cue ends at 00:00:01,000, which is not after its start at 00:00:02,000; the cue is skipped");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
    SUBCASE("when (a cue of no duration is never seen)") {
        const auto parse = parse_vtt("WEBVTT\n\n00:02.000 --> 00:02.000\nLost.\n", "a.vtt");
        REQUIRE(parse.diagnostics.size() == 2);
        CHECK(parse.diagnostics[1].line == 3);
        CHECK(parse.diagnostics[1].column == 15);
        CHECK(parse.diagnostics[1].message ==
              "the cue ends at 00:00:02.000, which is not after its start at 00:00:02.000; the cue is skipped");
        CHECK(parse.track.cues.empty());
    }
}

TEST_CASE("a cue with no text is a warning and is skipped") {
    SUBCASE("a timing line followed by a blank line") {
        const auto parse = parse_srt("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nKept.\n", "a.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::warning);
        CHECK(d.line == 2);
        CHECK(d.column == 1);
        CHECK(d.message == "the cue from 00:00:01,000 to 00:00:02,000 has no text; it is skipped");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
    SUBCASE("text that is only markup") {
        const auto parse = parse_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n\n00:03.000 --> 00:04.000\nKept.", "a.vtt");
        const Diagnostic& d = only(parse);
        CHECK(d.line == 3);
        CHECK(d.message == "the cue from 00:00:01.000 to 00:00:02.000 has no text; it is skipped");
        CHECK(texts(parse.track) == std::vector<std::string>{"Kept."});
    }
}

TEST_CASE("text that belongs to no cue is an error naming what was expected") {
    const auto parse = parse_srt("1\n00:00:01,000 --> 00:00:02,000\nFirst.\n\n  A stray paragraph\nand its second line\n\n"
                                 "2\n00:00:03,000 --> 00:00:04,000\nKept.\n",
                                 "a.srt");
    const Diagnostic& d = only(parse);
    CHECK(d.severity == Severity::error);
    CHECK(d.line == 5);
    CHECK(d.column == 3);
    CHECK(d.message == "expected a cue number or a timing line like '00:01:02,500 --> 00:01:04,000', got 'A stray paragraph'");
    CHECK(texts(parse.track) == std::vector<std::string>{"First.", "Kept."});
}

TEST_CASE("a missing blank line between cues keeps both cues, with a warning") {
    SUBCASE("SRT: the next cue's number is not taken for text") {
        const auto parse = parse_srt("1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:03,000 --> 00:00:04,000\nTwo\n", "a.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::warning);
        CHECK(d.line == 5);
        CHECK(d.message == "expected an empty line before this cue, after the text of the cue at line 2");
        CHECK(texts(parse.track) == std::vector<std::string>{"One", "Two"});
    }
    SUBCASE("VTT: after the header") {
        const auto parse = parse_vtt("WEBVTT\n00:01.000 --> 00:02.000\nOne\n", "a.vtt");
        const Diagnostic& d = only(parse);
        CHECK(d.line == 2);
        CHECK(d.message == "expected an empty line between the WEBVTT header and the first cue");
        CHECK(texts(parse.track) == std::vector<std::string>{"One"});
    }
}

TEST_CASE("overlapping cues are kept with a warning, and all of them are on screen together") {
    const auto loaded = load_captions(kDir + "overlapping.vtt");
    REQUIRE(loaded);
    const Diagnostic& d = only(*loaded);
    CHECK(d.severity == Severity::warning);
    CHECK(d.line == 6);
    CHECK(d.column == 1);
    CHECK(d.message == "this cue (00:00:03.000 to 00:00:04.000) overlaps the cue at line 3 "
                       "(00:00:01.000 to 00:00:05.000); both are shown at once");
    const CaptionTrack& track = loaded->track;
    REQUIRE(track.cues.size() == 2);
    CHECK(texts(track.at(3500ms)) == std::vector<std::string>{"Narrator: a long sentence.", "[music]"});
    CHECK(texts(track.at(4000ms)) == std::vector<std::string>{"Narrator: a long sentence."});
    SUBCASE("a cue that starts when the previous one ends does not overlap it") {
        CHECK(parse_srt("00:00:01,000 --> 00:00:02,000\nA\n\n00:00:02,000 --> 00:00:03,000\nB\n", "a.srt").diagnostics.empty());
    }
    SUBCASE("a cue is checked against the longest earlier cue, not only the one before it") {
        const auto parse = parse_srt("00:00:01,000 --> 00:00:10,000\nLong\n\n00:00:02,000 --> 00:00:03,000\nShort\n\n"
                                     "00:00:05,000 --> 00:00:06,000\nLater\n",
                                     "a.srt");
        REQUIRE(parse.diagnostics.size() == 2);
        CHECK(parse.diagnostics[1].line == 7);
        CHECK(parse.diagnostics[1].message.find("overlaps the cue at line 1 ") != std::string::npos);
    }
}

TEST_CASE("looking up a time finds the cues whose start is at or before it and whose end is after it") {
    const auto parse = parse_srt("00:00:01,000 --> 00:00:02,000\nA\n\n00:00:02,000 --> 00:00:03,500\nB\n\n"
                                 "00:00:05,000 --> 00:00:06,000\nC\n",
                                 "a.srt");
    REQUIRE(parse.diagnostics.empty());
    const CaptionTrack& t = parse.track;
    CHECK(t.at(0ms).empty());
    CHECK(t.at(999ms).empty());
    CHECK(texts(t.at(1000ms)) == std::vector<std::string>{"A"});  // start is inclusive
    CHECK(texts(t.at(1999ms)) == std::vector<std::string>{"A"});
    CHECK(texts(t.at(2000ms)) == std::vector<std::string>{"B"});  // end is exclusive
    CHECK(texts(t.at(3499ms)) == std::vector<std::string>{"B"});
    CHECK(t.at(3500ms).empty());
    CHECK(t.at(4000ms).empty());
    CHECK(texts(t.at(5000ms)) == std::vector<std::string>{"C"});
    CHECK(t.at(6000ms).empty());
    CHECK(t.at(std::chrono::hours(5)).empty());
    CHECK(CaptionTrack{}.at(1000ms).empty());
}

TEST_CASE("Cyrillic and accented text comes through intact") {
    const auto loaded = load_captions(kDir + "cyrillic.srt");
    REQUIRE(loaded);
    CHECK(loaded->diagnostics.empty());
    CHECK(texts(loaded->track) ==
          std::vector<std::string>{"Добро пожаловать в музей.", "Café « Élysée », déjà vu — naïve."});
}

TEST_CASE("markup is stripped from cue text") {
    SUBCASE("SRT: HTML-like tags and ASS override blocks") {
        CHECK(strip_cue_markup("<i>Hello</i> <b>there</b>", CaptionFormat::srt) == "Hello there");
        CHECK(strip_cue_markup("{\\an8}<font color=\"#ff0000\">Red</font>", CaptionFormat::srt) == "Red");
        CHECK(strip_cue_markup("{\\i1}slanted{\\i0}", CaptionFormat::srt) == "slanted");
        CHECK(strip_cue_markup("  <u>padded</u>  ", CaptionFormat::srt) == "padded");
    }
    SUBCASE("VTT: voice, class, ruby and timestamp tags; character references") {
        CHECK(strip_cue_markup("<v.loud Esme>It's <c.yellow.bg_blue>you</c>!</v>", CaptionFormat::vtt) == "It's you!");
        CHECK(strip_cue_markup("<ruby>漢<rt>kan</rt></ruby>", CaptionFormat::vtt) == "漢kan");
        CHECK(strip_cue_markup("Never <00:00:01.000>drink", CaptionFormat::vtt) == "Never drink");
        CHECK(strip_cue_markup("Tom &amp; Jerry &lt;3 &#233;t&#xE9;", CaptionFormat::vtt) == "Tom & Jerry <3 été");
        CHECK(strip_cue_markup("&lt;i&gt; stays as text", CaptionFormat::vtt) == "<i> stays as text");
        CHECK(strip_cue_markup("a&nbsp;b", CaptionFormat::vtt) == "a\u00A0b");
    }
    SUBCASE("what is not markup stays as written") {
        CHECK(strip_cue_markup("2 < 3 and 5 > 4", CaptionFormat::srt) == "2 < 3 and 5 > 4");
        CHECK(strip_cue_markup("open <i forever", CaptionFormat::srt) == "open <i forever");
        CHECK(strip_cue_markup("{not a tag}", CaptionFormat::srt) == "{not a tag}");
        CHECK(strip_cue_markup("R&D &amp; co", CaptionFormat::srt) == "R&D &amp; co");  // SRT has no references
        CHECK(strip_cue_markup("&bogus; &#0; &#xD800; &#1114112;", CaptionFormat::vtt) ==
              "&bogus; &#0; &#xD800; &#1114112;");
    }
    SUBCASE("in a parsed file") {
        const auto parse = parse_srt("00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Top line</i>\n<b>second</b>\n", "a.srt");
        REQUIRE(parse.track.cues.size() == 1);
        CHECK(parse.track.cues[0].text == "Top line\nsecond");
    }
}

TEST_CASE("invalid UTF-8 is an error at the bad byte's line and column; the cues are kept") {
    SUBCASE("parsed: one error for the file, bad bytes shown as U+FFFD") {
        const auto parse = parse_srt("1\n00:00:01,000 --> 00:00:02,000\nCaf\xE9 cr\xE8me\n", "latin1.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::error);
        CHECK(d.line == 3);
        CHECK(d.column == 4);
        CHECK(d.message == "invalid UTF-8 at byte offset 35 (byte 0xE9); 2 invalid sequences in the file; "
                           "they are shown as '\uFFFD'; save the file as UTF-8");
        REQUIRE(parse.track.cues.size() == 1);
        CHECK(parse.track.cues[0].text == "Caf\uFFFD cr\uFFFDme");
    }
    SUBCASE("loaded: the file is refused with a clear error") {
        const auto loaded = load_captions(kDir + "latin1.srt");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().path == kDir + "latin1.srt");
        CHECK(loaded.error().line == 3);
        CHECK(loaded.error().column == 4);
        CHECK(loaded.error().message == kDir + "latin1.srt:3:4: caption file is not UTF-8: invalid byte sequence at "
                                               "byte offset 35 (byte 0xE9), 2 invalid sequences in all; save it as UTF-8");
    }
    SUBCASE("the byte offset counts a BOM, the column does not") {
        const auto parse = parse_vtt("\xEF\xBB\xBFWEBVTT\n\n00:01.000 --> 00:02.000\n\xC3(\n", "a.vtt");
        const Diagnostic& d = only(parse);
        CHECK(d.line == 4);
        CHECK(d.column == 1);
        CHECK(d.message.starts_with("invalid UTF-8 at byte offset 35 (byte 0xC3);"));
    }
}

TEST_CASE("invalid UTF-8 is counted and repaired by maximal subparts, as browsers show it") {
    CHECK(count_invalid_utf8("plain ASCII, ñ, Ж, €, 😀") == 0);
    CHECK(count_invalid_utf8("a\xC0\x80") == 2);         // overlong NUL: C0 and 80 each invalid
    CHECK(count_invalid_utf8("ab\xE0\x80\x80") == 3);    // overlong 3-byte form
    CHECK(count_invalid_utf8("\xED\xA0\x80") == 3);      // a UTF-16 surrogate
    CHECK(count_invalid_utf8("\xF4\x90\x80\x80") == 4);  // above U+10FFFF
    CHECK(count_invalid_utf8("ok\xE2\x82") == 1);        // truncated euro sign: one subpart
    CHECK(count_invalid_utf8("\xFF\xFE") == 2);
    CHECK(repair_utf8("ok\xE2\x82!") == "ok\uFFFD!");
    CHECK(repair_utf8("a\xC0\x80") == "a\uFFFD\uFFFD");
    CHECK(repair_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");
    CHECK(repair_utf8("x\xE9\ny\r\n") == "x\uFFFD\ny\r\n");
}

TEST_CASE("positions count CR, LF and CRLF as line breaks and columns in code points") {
    const std::string_view text = "ab\r\ncd\ref\nЖЖx";
    const auto at = [](std::string_view t, std::size_t offset) {
        const SourcePos p = position_of(t, offset);
        return std::pair{p.line, p.column};
    };
    CHECK(at(text, 0) == std::pair{1, 1});
    CHECK(at(text, 4) == std::pair{2, 1});
    CHECK(at(text, 7) == std::pair{3, 1});
    CHECK(at(text, 14) == std::pair{4, 3});  // after two 2-byte letters
    CHECK(at(text, 100) == std::pair{4, 4});
}

TEST_CASE("cue times are read in SRT and WebVTT syntax and nothing else") {
    CHECK(parse_cue_time("00:01:02,500", CaptionFormat::srt) == Millis(62500));
    CHECK(parse_cue_time("00:01:02.500", CaptionFormat::srt) == Millis(62500));
    CHECK(parse_cue_time("1:00:00,001", CaptionFormat::srt) == Millis(3600001));
    CHECK(parse_cue_time("01:02.500", CaptionFormat::vtt) == Millis(62500));
    CHECK(parse_cue_time("123:00:00.000", CaptionFormat::vtt) == Millis(123LL * 3600000));
    CHECK_FALSE(parse_cue_time("01:02,500", CaptionFormat::srt));     // SRT needs hours
    CHECK_FALSE(parse_cue_time("00:01:02,500", CaptionFormat::vtt));  // VTT needs '.'
    CHECK_FALSE(parse_cue_time("00:01:02", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("00:01:02,50", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("00:01:02,5000", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("00:1:02,500", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("00:60:00,000", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("00:00:60,000", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("-0:00:01,000", CaptionFormat::srt));
    CHECK_FALSE(parse_cue_time("1234567890:00:00,000", CaptionFormat::srt));  // too many hour digits
    CHECK_FALSE(parse_cue_time("", CaptionFormat::vtt));
    CHECK_FALSE(parse_cue_time("00:00:00:01.000", CaptionFormat::vtt));
    CHECK(format_cue_time(Millis(3723004), CaptionFormat::srt) == "01:02:03,004");
    CHECK(format_cue_time(Millis(62500), CaptionFormat::vtt) == "00:01:02.500");
    CHECK(format_cue_time(std::chrono::hours(120), CaptionFormat::vtt) == "120:00:00.000");
}

TEST_CASE("a comma in a WebVTT time is read, with one warning for the file") {
    const auto parse = parse_vtt("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n", "a.vtt");
    const Diagnostic& d = only(parse);
    CHECK(d.severity == Severity::warning);
    CHECK(d.line == 3);
    CHECK(d.column == 1);
    CHECK(d.message == "WebVTT times take '.' before the milliseconds: expected 00:00:01.000, got '00:00:01,000' "
                       "(browsers drop such cues)");
    CHECK(texts(parse.track) == std::vector<std::string>{"A", "B"});
}

TEST_CASE("a WebVTT file without its header is an error, and its cues are still read") {
    SUBCASE("from the fixture") {
        const auto loaded = load_captions(kDir + "no-header.vtt");
        REQUIRE(loaded);
        const Diagnostic& d = only(*loaded);
        CHECK(d.severity == Severity::error);
        CHECK(d.line == 1);
        CHECK(d.column == 1);
        CHECK(d.message == "expected the header 'WEBVTT' on the first line, got '00:01.000 --> 00:02.000'");
        CHECK(texts(loaded->track) == std::vector<std::string>{"A WebVTT file that forgot its header."});
    }
    SUBCASE("a header word that only starts like WEBVTT") {
        const auto parse = parse_vtt("WEBVTTX\n\n00:01.000 --> 00:02.000\nA\n", "a.vtt");
        const Diagnostic& d = only(parse);
        CHECK(d.message == "expected the header 'WEBVTT' on the first line, got 'WEBVTTX'");
        CHECK(texts(parse.track) == std::vector<std::string>{"A"});
    }
    SUBCASE("an empty text") {
        const auto parse = parse_vtt("", "a.vtt");
        REQUIRE(parse.diagnostics.size() == 2);
        CHECK(parse.diagnostics[0].message == "the file holds no cues");
        CHECK(parse.diagnostics[1].message == "expected the header 'WEBVTT' on the first line, got an empty file");
    }
}

TEST_CASE("the caption format is chosen by the header, then by the extension") {
    const std::string vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n";
    const std::string srt = "1\n00:00:01,000 --> 00:00:02,000\nA\n";
    CHECK(parse_captions(vtt, "x.vtt").diagnostics.empty());
    CHECK(parse_captions(srt, "x.srt").diagnostics.empty());
    CHECK(parse_captions(srt, "x.txt").diagnostics.empty());
    CHECK(parse_captions(vtt, "x").diagnostics.empty());
    SUBCASE("a .VTT file without its header is still read as WebVTT") {
        const auto parse = parse_captions("00:01.000 --> 00:02.000\nA\n", "x.VTT");
        CHECK(only(parse).message.starts_with("expected the header 'WEBVTT'"));
        CHECK(parse.track.cues.size() == 1);
    }
    SUBCASE("a .srt file that holds WebVTT is read as WebVTT, with a warning") {
        const auto parse = parse_captions(vtt, "x.srt");
        const Diagnostic& d = only(parse);
        CHECK(d.severity == Severity::warning);
        CHECK(d.message == "named .srt but holds WebVTT (it begins with WEBVTT); read as WebVTT, expected the extension .vtt");
        CHECK(parse.track.cues.size() == 1);
    }
}

TEST_CASE("a caption file that cannot be used is refused with a clear error") {
    SUBCASE("missing") {
        const auto loaded = load_captions(kDir + "no-such-file.srt");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().message == kDir + "no-such-file.srt: caption file not found");
        CHECK(loaded.error().path == kDir + "no-such-file.srt");
    }
    SUBCASE("empty") {
        const auto loaded = load_captions(kDir + "empty.srt");
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().message == kDir + "empty.srt: caption file is empty (0 bytes)");
    }
    SUBCASE("a folder") {
        const auto loaded = load_captions(kDir);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().message.ends_with(": is a folder, expected a caption file (.srt or .vtt)"));
    }
    SUBCASE("UTF-16") {
        const TempFile f("utf16.srt", std::string("\xFF\xFE" "1\0\n\0", 6));
        const auto loaded = load_captions(f.path);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().message == f.path.string() + ": caption file is UTF-16 text; save it as UTF-8");
    }
    SUBCASE("too big") {
        const TempFile f("big.srt", std::string(kCaptionFileMaxBytes + 1, '\n'));
        const auto loaded = load_captions(f.path);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().message ==
              f.path.string() + ": caption file is 4.0 MiB (4194305 bytes); the limit is 4.0 MiB");
    }
    SUBCASE("exactly at the limit is read") {
        const TempFile f("limit.srt", "00:00:01,000 --> 00:00:02,000\nA\n" +
                                          std::string(kCaptionFileMaxBytes - 32, '\n'));
        const auto loaded = load_captions(f.path);
        REQUIRE(loaded);
        CHECK(loaded->track.cues.size() == 1);
    }
}

TEST_CASE("a flood of problems is cut at a fixed number of diagnostics") {
    std::string garbage;
    for (int i = 0; i < 500; ++i) garbage += "not a cue\n\n";
    const auto parse = parse_srt(garbage, "a.srt");
    REQUIRE(parse.diagnostics.size() == kCaptionMaxDiagnostics + 1);
    CHECK(parse.diagnostics[0].line == 1);
    CHECK(parse.diagnostics[1].line == 3);
    CHECK(parse.diagnostics.back().severity == Severity::error);
    CHECK(parse.diagnostics.back().message == "401 more problems in this file are not listed");
}

TEST_CASE("the reading rate of a cue is its words over its duration") {
    CHECK(cue_word_count("Добро пожаловать — в музей…") == 4);
    CHECK(cue_word_count("  - Yes.\n- No!  ") == 2);
    CHECK(cue_word_count("") == 0);
    CHECK(cue_word_count("... — «»") == 0);
    CHECK(words_per_minute(Cue{0ms, 3000ms, "one two three four five six seven eight nine ten", 1}) ==
          doctest::Approx(200.0));
    CHECK(words_per_minute(Cue{0ms, 0ms, "word", 1}) == std::numeric_limits<double>::infinity());
    CHECK(words_per_minute(Cue{0ms, 1000ms, "...", 1}) == 0.0);
}

TEST_CASE("the linter warns of cues read too fast and of caption lines too long") {
    CaptionTrack track;
    track.cues.push_back(Cue{0ms, 3000ms, "one two three four five\nsix seven eight nine ten", 2});  // 200 wpm: fine
    track.cues.push_back(Cue{3000ms, 5000ms, "one two three four five\nsix seven eight nine", 6});  // 270 wpm
    track.cues.push_back(Cue{5000ms, 9000ms, std::string(42, 'x') + "\n" + std::string(43, 'y'), 10});
    track.cues.push_back(Cue{9000ms, 15000ms, "Ёлки-палки, здравствуйте, дорогие посетители!", 14});  // 45 chars
    track.cues.push_back(Cue{15000ms, 20000ms, "e\u0301e\u0301" + std::string(40, 'a'), 18});            // 42 shown
    const auto ds = check_caption_reading(track, "film.srt");
    REQUIRE(ds.size() == 3);
    CHECK(format(ds[0]) == "film.srt:6:1: warning: cue is read at 270 words a minute (9 words in 2.0 s); over 200 "
                           "is too fast to read: show it longer or say less");
    CHECK(format(ds[1]) == "film.srt:10:1: warning: line 2 of the cue is 43 characters long; a caption line holds at most 42");
    CHECK(ds[2].line == 14);
    CHECK(ds[2].message == "line 1 of the cue is 45 characters long; a caption line holds at most 42");
    CHECK(cue_line_length("Ёлки") == 4);
}
