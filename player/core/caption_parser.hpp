#pragma once
// The line-by-line reader behind parse_srt and parse_vtt (caption_track.hpp), which share all
// but their header, their times and their block keywords. One instance reads one text, once.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/caption_text.hpp"
#include "core/caption_track.hpp"

namespace vitrine::core {

class CaptionParser {
public:
    // `path` is copied into every diagnostic.
    CaptionParser(CaptionFormat format, std::string path);

    // Parses `text` (any bytes; a UTF-8 BOM is skipped). Call once.
    CaptionParse parse(std::string_view text);

private:
    enum class State {
        header,       // VTT: the lines after "WEBVTT" up to the first blank line
        between,      // between cues, expecting a cue number/identifier or a timing line
        after_label,  // after a cue number (SRT) or identifier (VTT): expecting the timing line
        text,         // collecting the current cue's text
        skip,         // skipping a block: a NOTE/STYLE/REGION block or a malformed cue's text
    };

    struct PendingCue {
        Millis start{0};
        Millis end{0};
        int line = 0;
        std::vector<std::string_view> lines;  // raw text lines, markup still in
    };

    void read_line(std::string_view line, int number);
    void read_timing(std::string_view line, int number);
    std::optional<Millis> read_time(std::string_view token, std::string_view line, int number);
    void finish_cue();
    void finish_track();
    void report(Severity severity, int line, int column, std::string message);
    std::string example_time() const;
    std::string example_timing() const;

    CaptionFormat format_;
    std::string path_;
    State state_ = State::between;
    std::optional<PendingCue> cue_;
    std::string_view label_;  // the cue number or identifier seen in State::after_label
    int label_line_ = 0;
    bool comma_reported_ = false;  // VTT: the first ',' time is reported, not every one
    CaptionTrack track_;
    std::vector<Diagnostic> diagnostics_;
    std::size_t dropped_ = 0;  // diagnostics past kCaptionMaxDiagnostics
    bool dropped_error_ = false;
};

}  // namespace vitrine::core
