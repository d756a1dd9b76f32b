#include "core/caption_track.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "core/caption_parser.hpp"
#include "core/caption_text.hpp"
#include "core/utf8.hpp"

namespace vitrine::core {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool has_vtt_header(std::string_view text) {
    if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
    return text.starts_with("WEBVTT") &&
           (text.size() == 6 || text[6] == ' ' || text[6] == '\t' || text[6] == '\n' || text[6] == '\r');
}

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return ext;
}

std::string mebibytes(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

}  // namespace

std::vector<const Cue*> CaptionTrack::at(Millis t) const {
    std::vector<const Cue*> shown;
    // Cues are sorted by start: none from the first that starts after t on can be on screen.
    const auto last = std::upper_bound(cues.begin(), cues.end(), t,
                                       [](Millis time, const Cue& c) { return time < c.start; });
    for (auto it = cues.begin(); it != last; ++it)
        if (t < it->end) shown.push_back(&*it);
    return shown;
}

CaptionParse parse_srt(std::string_view text, const std::string& path) {
    return CaptionParser(CaptionFormat::srt, path).parse(text);
}

CaptionParse parse_vtt(std::string_view text, const std::string& path) {
    return CaptionParser(CaptionFormat::vtt, path).parse(text);
}

CaptionParse parse_captions(std::string_view text, const std::string& path) {
    const std::string ext = lower_extension(path);
    if (has_vtt_header(text)) {
        CaptionParse parse = parse_vtt(text, path);
        if (ext == ".srt") {
            parse.diagnostics.insert(parse.diagnostics.begin(),
                                     Diagnostic{Severity::warning, path, 1, 1,
                                                "named .srt but holds WebVTT (it begins with WEBVTT); "
                                                "read as WebVTT, expected the extension .vtt",
                                                {}});
        }
        return parse;
    }
    if (ext == ".vtt") return parse_vtt(text, path);
    return parse_srt(text, path);
}

Result<CaptionParse> load_captions(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        return fail(name + ": caption file not found", name);
    if (ec) return fail(name + ": caption file cannot be read: " + ec.message(), name);
    if (std::filesystem::is_directory(status))
        return fail(name + ": is a folder, expected a caption file (.srt or .vtt)", name);
    if (!std::filesystem::is_regular_file(status))
        return fail(name + ": is not a regular file, expected a caption file (.srt or .vtt)", name);

    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(name + ": caption file cannot be opened", name);
    // Read one byte past the limit, so that a file that grew since it was measured is still
    // refused and never read whole.
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    const std::size_t want = ec ? kCaptionFileMaxBytes + 1
                                : static_cast<std::size_t>(std::min<std::uintmax_t>(size, kCaptionFileMaxBytes) + 1);
    std::string text(want, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return fail(name + ": caption file cannot be read", name);
    text.resize(static_cast<std::size_t>(in.gcount()));

    if (text.empty()) return fail(name + ": caption file is empty (0 bytes)", name);
    if (text.size() > kCaptionFileMaxBytes) {
        const std::uintmax_t shown = ec ? text.size() : std::max<std::uintmax_t>(size, text.size());
        return fail(name + ": caption file is " + (ec ? "over " : "") + mebibytes(shown) + " (" +
                        std::to_string(shown) + " bytes); the limit is " + mebibytes(kCaptionFileMaxBytes),
                    name);
    }
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
        return fail(name + ": caption file is UTF-16 text; save it as UTF-8", name);
    const std::string_view body = std::string_view(text).substr(text.starts_with(kBom) ? kBom.size() : 0);
    if (const auto bad = find_invalid_utf8(body)) {
        const SourcePos at = position_of(body, bad->offset);
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", bad->byte);
        const std::size_t offset = bad->offset + (text.size() - body.size());
        return fail(name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                        ": caption file is not UTF-8: invalid byte sequence at byte offset " + std::to_string(offset) +
                        " (byte " + byte + "), " + std::to_string(count_invalid_utf8(body)) +
                        " invalid sequences in all; save it as UTF-8",
                    name, at.line, at.column);
    }
    return parse_captions(text, name);
}

}  // namespace vitrine::core
