#include "core/caption_parser.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kArrow = "-->";
constexpr std::size_t kQuoteMaxCodePoints = 60;  // enough to recognise a line, short enough for a log

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// `word` alone or followed by a space or tab: "WEBVTT", "WEBVTT - title", "NOTE this".
bool starts_with_word(std::string_view line, std::string_view word) {
    return line.starts_with(word) &&
           (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t');
}

// A line as quoted in a message: in single quotes, cut (between code points) when long.
std::string quote(std::string_view s) { return "'" + utf8_prefix(s, kQuoteMaxCodePoints) + "'"; }

// The 1-based column, in code points, where `part` (a view into `line`) begins.
int column_in(std::string_view line, std::string_view part) {
    return position_of(line, static_cast<std::size_t>(part.data() - line.data())).column;
}

}  // namespace

CaptionParser::CaptionParser(CaptionFormat format, std::string path)
    : format_(format), path_(std::move(path)) {}

CaptionParse CaptionParser::parse(std::string_view text) {
    const std::size_t bom = text.starts_with(kBom) ? kBom.size() : 0;
    text.remove_prefix(bom);
    std::string repaired;
    if (const auto bad = find_invalid_utf8(text)) {
        const SourcePos at = position_of(text, bad->offset);
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", bad->byte);
        std::string message = "invalid UTF-8 at byte offset " + std::to_string(bad->offset + bom) +
                              " (byte " + byte + ")";
        if (const std::size_t count = count_invalid_utf8(text); count > 1)
            message += "; " + std::to_string(count) + " invalid sequences in the file";
        message += "; they are shown as '\uFFFD'; save the file as UTF-8";
        report(Severity::error, at.line, at.column, std::move(message));
        repaired = repair_utf8(text);
        text = repaired;
    }
    if (format_ == CaptionFormat::vtt && text.empty())
        report(Severity::error, 1, 1, "expected the header 'WEBVTT' on the first line, got an empty file");

    int number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        ++number;
        if (number == 1 && format_ == CaptionFormat::vtt) {
            if (starts_with_word(line, "WEBVTT")) {
                state_ = State::header;
            } else {
                report(Severity::error, 1, 1,
                       "expected the header 'WEBVTT' on the first line, got " +
                           (trim(line).empty() ? std::string("an empty line") : quote(line)));
                // A timing line is the first cue; any other line is taken for a mistyped
                // header ("WEBVTT:", "webvtt"), not for a cue identifier.
                if (line.find(kArrow) != std::string_view::npos) read_line(line, number);
                else state_ = State::skip;
            }
        } else {
            read_line(line, number);
        }
        pos = end;
        if (pos < text.size()) pos += (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
    }

    if (state_ == State::text) finish_cue();
    if (state_ == State::after_label)
        report(Severity::error, label_line_, 1,
               "expected a timing line like " + example_timing() + " after " + quote(label_) +
                   ", got the end of the file");
    finish_track();
    return CaptionParse{std::move(track_), std::move(diagnostics_)};
}

void CaptionParser::read_line(std::string_view line, int number) {
    const std::string_view content = trim(line);
    if (content.empty()) {
        if (state_ == State::text) finish_cue();
        if (state_ == State::after_label)
            report(Severity::error, number, 1,
                   "expected a timing line like " + example_timing() + " after " + quote(label_) +
                       ", got an empty line");
        state_ = State::between;
        return;
    }
    if (line.find(kArrow) != std::string_view::npos) {
        // A timing line wherever it appears starts a cue: a missing blank line must not glue two
        // cues together.
        if (state_ == State::text) {
            // In SRT the number of this cue was taken for the last line of the previous one.
            if (format_ == CaptionFormat::srt && !cue_->lines.empty() && all_digits(trim(cue_->lines.back())))
                cue_->lines.pop_back();
            report(Severity::warning, number, 1,
                   "expected an empty line before this cue, after the text of the cue at line " +
                       std::to_string(cue_->line));
            finish_cue();
        } else if (state_ == State::header) {
            report(Severity::warning, number, 1, "expected an empty line between the WEBVTT header and the first cue");
        }
        read_timing(line, number);
        return;
    }
    switch (state_) {
        case State::header:  // header metadata ("Kind: captions", "Language: en"): not used
        case State::skip:
            return;
        case State::text:
            cue_->lines.push_back(line);
            return;
        case State::after_label:
            report(Severity::error, number, column_in(line, content),
                   "expected a timing line like " + example_timing() + " after " + quote(label_) +
                       ", got " + quote(content));
            state_ = State::skip;
            return;
        case State::between:
            break;
    }
    if (format_ == CaptionFormat::vtt) {
        if (starts_with_word(line, "NOTE") || starts_with_word(line, "STYLE") || starts_with_word(line, "REGION")) {
            state_ = State::skip;
            return;
        }
        label_ = content;  // a cue identifier: any text
    } else if (all_digits(content)) {
        label_ = content;
    } else {
        report(Severity::error, number, column_in(line, content),
               "expected a cue number or a timing line like " + example_timing() + ", got " + quote(content));
        state_ = State::skip;
        return;
    }
    label_line_ = number;
    state_ = State::after_label;
}

void CaptionParser::read_timing(std::string_view line, int number) {
    state_ = State::skip;  // until the line proves good
    const std::size_t arrow = line.find(kArrow);
    const std::string_view left = trim(line.substr(0, arrow));
    if (left.empty()) {
        report(Severity::error, number, position_of(line, arrow).column,
               "expected a time like " + example_time() + " before '-->', got nothing");
        return;
    }
    const auto start = read_time(left, line, number);
    if (!start) return;
    std::string_view rest = line.substr(arrow + kArrow.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    // Whatever follows the end time (SRT X1:.. coordinates, VTT cue settings) is not used.
    const std::string_view end_token = rest.substr(0, rest.find_first_of(" \t"));
    if (end_token.empty()) {
        report(Severity::error, number, position_of(line, arrow + kArrow.size()).column,
               "expected a time like " + example_time() + " after '-->', got nothing");
        return;
    }
    const auto end = read_time(end_token, line, number);
    if (!end) return;
    if (*end <= *start) {
        report(Severity::error, number, column_in(line, end_token),
               "the cue ends at " + format_cue_time(*end, format_) + ", which is not after its start at " +
                   format_cue_time(*start, format_) + "; the cue is skipped");
        return;
    }
    cue_ = PendingCue{*start, *end, number, {}};
    state_ = State::text;
}

std::optional<Millis> CaptionParser::read_time(std::string_view token, std::string_view line, int number) {
    if (const auto t = parse_cue_time(token, format_)) return t;
    const int column = column_in(line, token);
    if (format_ == CaptionFormat::vtt && token.find(',') != std::string_view::npos) {
        if (const auto t = parse_cue_time(token, CaptionFormat::srt)) {
            if (!comma_reported_)
                report(Severity::warning, number, column,
                       "WebVTT times take '.' before the milliseconds: expected " + format_cue_time(*t, format_) +
                           ", got " + quote(token) + " (browsers drop such cues)");
            comma_reported_ = true;
            return t;
        }
    }
    report(Severity::error, number, column, "expected a time like " + example_time() + ", got " + quote(token));
    return std::nullopt;
}

void CaptionParser::finish_cue() {
    if (!cue_) return;
    std::string text;
    for (const std::string_view raw : cue_->lines) {
        const std::string shown = strip_cue_markup(raw, format_);
        if (shown.empty()) continue;  // a line of markup only ("{\an8}", "<i></i>")
        if (!text.empty()) text += '\n';
        text += shown;
    }
    if (text.empty()) {
        report(Severity::warning, cue_->line, 1,
               "the cue from " + format_cue_time(cue_->start, format_) + " to " +
                   format_cue_time(cue_->end, format_) + " has no text; it is skipped");
    } else {
        track_.cues.push_back(Cue{cue_->start, cue_->end, std::move(text), cue_->line});
    }
    cue_.reset();
}

void CaptionParser::finish_track() {
    auto& cues = track_.cues;
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.start < b.start; });
    // Against the earlier cue that ends last: the one still on screen the longest.
    std::optional<std::size_t> latest;
    for (std::size_t i = 0; i < cues.size(); ++i) {
        if (latest && cues[i].start < cues[*latest].end) {
            const Cue& other = cues[*latest];
            report(Severity::warning, cues[i].line, 1,
                   "this cue (" + format_cue_time(cues[i].start, format_) + " to " +
                       format_cue_time(cues[i].end, format_) + ") overlaps the cue at line " +
                       std::to_string(other.line) + " (" + format_cue_time(other.start, format_) + " to " +
                       format_cue_time(other.end, format_) + "); both are shown at once");
        }
        if (!latest || cues[i].end > cues[*latest].end) latest = i;
    }
    if (cues.empty()) report(Severity::warning, 0, 0, "the file holds no cues");
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    if (dropped_ > 0) {
        diagnostics_.push_back(Diagnostic{dropped_error_ ? Severity::error : Severity::warning, path_, 0, 0,
                                          std::to_string(dropped_) + " more problems in this file are not listed",
                                          {}});
    }
}

void CaptionParser::report(Severity severity, int line, int column, std::string message) {
    if (diagnostics_.size() >= kCaptionMaxDiagnostics) {
        ++dropped_;
        dropped_error_ = dropped_error_ || severity == Severity::error;
        return;
    }
    diagnostics_.push_back(Diagnostic{severity, path_, line, column, std::move(message), {}});
}

std::string CaptionParser::example_time() const {
    return format_ == CaptionFormat::srt ? "00:01:02,500" : "00:01:02.500";
}

std::string CaptionParser::example_timing() const {
    return format_ == CaptionFormat::srt ? "'00:01:02,500 --> 00:01:04,000'" : "'00:01:02.500 --> 00:01:04.000'";
}

}  // namespace vitrine::core
