// libFuzzer target: the caption parsers (core/caption_track.hpp), the cue-time and markup
// helpers (core/caption_text.hpp) and the reading checks (core/caption_reading.hpp), fed any
// bytes. Besides ASan and UBSan it checks the documented contracts of what comes out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/caption_reading.hpp"
#include "core/caption_text.hpp"
#include "core/caption_track.hpp"
#include "core/utf8.hpp"
#include "fuzz_check.hpp"

using namespace vitrine::core;

namespace {

void check_parse(const CaptionParse& parse, std::string_view input) {
    const auto& cues = parse.track.cues;
    for (std::size_t i = 0; i < cues.size(); ++i) {
        const Cue& c = cues[i];
        FUZZ_CHECK(c.start < c.end);
        FUZZ_CHECK(c.start.count() >= 0);
        FUZZ_CHECK(!c.text.empty());
        FUZZ_CHECK(!find_invalid_utf8(c.text));
        FUZZ_CHECK(c.line >= 1 && static_cast<std::size_t>(c.line) <= input.size());
        if (i > 0) FUZZ_CHECK(cues[i - 1].start <= c.start);
    }
    // +1: the "N more problems" line; +1: parse_captions' note on a .srt holding WebVTT.
    FUZZ_CHECK(parse.diagnostics.size() <= kCaptionMaxDiagnostics + 2);
    for (const Diagnostic& d : parse.diagnostics) {
        FUZZ_CHECK(!d.message.empty());
        FUZZ_CHECK(!find_invalid_utf8(d.message));  // input is quoted only after repair
        FUZZ_CHECK(d.line >= 0 && d.column >= 0);
        FUZZ_CHECK(static_cast<std::size_t>(d.line) <= input.size() + 1);
        (void)format(d);
    }
    // at() against a plain scan, at the instants where the answer changes.
    for (std::size_t i = 0; i < cues.size() && i < 64; ++i) {
        for (const Millis t : {cues[i].start - Millis(1), cues[i].start, cues[i].end - Millis(1), cues[i].end}) {
            const auto shown = parse.track.at(t);
            std::size_t expected = 0;
            for (const Cue& c : cues) expected += (c.start <= t && t < c.end) ? 1 : 0;
            FUZZ_CHECK(shown.size() == expected);
            for (const Cue* c : shown) FUZZ_CHECK(c->start <= t && t < c->end);
        }
    }
    for (const Diagnostic& d : check_caption_reading(parse.track, "fuzz.srt")) FUZZ_CHECK(d.line >= 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    check_parse(parse_srt(input, "fuzz.srt"), input);
    check_parse(parse_vtt(input, "fuzz.vtt"), input);
    check_parse(parse_captions(input, "fuzz.srt"), input);

    // A time that parses prints back as itself.
    for (const CaptionFormat f : {CaptionFormat::srt, CaptionFormat::vtt}) {
        if (const auto t = parse_cue_time(input, f)) {
            FUZZ_CHECK(t->count() >= 0);
            FUZZ_CHECK(parse_cue_time(format_cue_time(*t, f), f) == t);
        }
        const std::string shown = strip_cue_markup(input, f);
        FUZZ_CHECK(shown.size() <= input.size());  // markup is only removed, references only shrink
    }
    const std::string repaired = repair_utf8(input);
    FUZZ_CHECK(!find_invalid_utf8(repaired));
    FUZZ_CHECK((count_invalid_utf8(input) == 0) == !find_invalid_utf8(input));
    (void)cue_word_count(repaired);
    (void)cue_line_length(repaired);
    return 0;
}
