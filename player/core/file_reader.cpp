#include "core/file_reader.hpp"

#include <functional>
#include <system_error>
#include <vector>

#include "core/caption_track.hpp"
#include "core/did_you_mean.hpp"
#include "core/message_text.hpp"

namespace vitrine::core::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kDirEntriesScanned = 2000;  // for "did you mean" on file names; bounds the work

}  // namespace

bool FileReader::check_media_file(Section& s, SourcePos pos, std::string_view written, const fs::path& file,
                              MediaKind kind) {
    const std::string what = kind == MediaKind::image ? "image" : kind == MediaKind::clip ? "media" : "captions";
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (!fs::exists(st)) {
        std::string message = what + " file " + in_quotes(written) + " not found (looked for " + file.string() + ")";
        // Suggest a file of that folder with a close name: the usual cause is a typo.
        std::vector<std::string> names;
        for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
            if (names.size() >= kDirEntriesScanned) break;
            names.push_back(it->path().filename().string());
        }
        std::vector<std::string_view> views(names.begin(), names.end());
        if (auto suggestion = did_you_mean(file.filename().string(), views)) {
            const fs::path near = fs::path(written).parent_path() / *suggestion;
            message += "; did you mean " + in_quotes(near.generic_string()) + "?";
        }
        reader_.error(s, pos, std::move(message));
        return false;
    }
    if (fs::is_directory(st)) {
        reader_.error(s, pos, in_quotes(written) + " is a folder; expected " + article_for(what) + " " + what + " file");
        return false;
    }
    const auto size = fs::file_size(file, ec);
    if (ec) {
        reader_.error(s, pos, "cannot read " + what + " file " + in_quotes(written) + ": " + ec.message());
        return false;
    }
    if (size == 0) {
        reader_.error(s, pos, what + " file " + in_quotes(written) + " is empty (0 bytes)");
        return false;
    }
    const auto& probe = kind == MediaKind::image ? options_.probe_image
                        : kind == MediaKind::clip ? options_.probe_clip
                                                  : std::function<std::string(const fs::path&)>{};
    if (probe) {
        const std::string reason = probe(file);
        if (!reason.empty()) {
            reader_.error(s, pos, what + " file " + in_quotes(written) + " cannot be used: " + reason);
            return false;
        }
    }
    return true;
}

bool FileReader::check_clip(Section& s, SourcePos pos, std::string_view written, const fs::path& file, ClipUse use) {
    if (!options_.check_clip) return true;
    const ClipReport report = options_.check_clip(file, use);
    for (const auto& w : report.warnings) reader_.warning(s, pos, "media file " + in_quotes(written) + ": " + w);
    if (report.error.empty()) return true;
    reader_.error(s, pos, "media file " + in_quotes(written) + " cannot be played: " + report.error);
    return false;
}

void FileReader::check_captions(Section& s, SourcePos pos, std::string_view written, const fs::path& file) {
    if (!options_.check_captions) return;
    auto loaded = load_captions(file);
    if (!loaded) {
        // The file itself is unusable: an error, but the clip plays without captions.
        reader_.report(Severity::error, pos, "captions file " + in_quotes(written) + " cannot be used: " + loaded.error().message,
                       s.item_id);
        return;
    }
    for (Diagnostic d : loaded->diagnostics) {
        d.item_id = s.item_id;
        reader_.add(std::move(d));
    }
}

std::optional<fs::path> FileReader::read_media(Section& s, std::string_view key, MediaKind kind, bool required) {
    const toml::node* n = s.table.get(key);
    if (!n) {
        if (required) {
            reader_.error(s, pos_of(s.table), s.label + " needs '" + std::string(key) + "': the file to show, relative to the playlist's folder");
        }
        return std::nullopt;
    }
    return media_of(s, *n, key, kind);
}

std::optional<fs::path> FileReader::media_of(Section& s, const toml::node& n, std::string_view label, MediaKind kind) {
    if (!n.is_string()) {
        reader_.type_error(s, label, n, "a file name in quotes, like \"media/photo.jpg\"");
        return std::nullopt;
    }
    const std::string written = trim(n.as_string()->get());
    if (written.empty()) {
        reader_.error(s, pos_of(n), "'" + std::string(label) + "' is empty: name a file, like \"media/photo.jpg\"");
        return std::nullopt;
    }
    const fs::path file = resolve(written);
    if (!check_media_file(s, pos_of(n), written, file, kind)) return std::nullopt;
    return file;
}

LocalValue<fs::path> FileReader::read_local_media(Section& s, std::string_view key, MediaKind kind, bool required,
                                                  std::optional<ClipUse> clip_use) {
    LocalValue<fs::path> out{{}, reader_.default_language(), false};
    const bool present = reader_.for_each_language(
        s, key, "file", [&](const toml::node& n, const std::string& label, const std::string& language) {
            auto file = media_of(s, n, label, kind);
            if (!file) return;
            if (clip_use && !check_clip(s, pos_of(n), trim(n.as_string()->get()), *file, *clip_use)) return;
            out.by_language[language] = std::move(*file);
        });
    if (!present && required) {
        reader_.error(s, pos_of(s.table), s.label + " needs '" + std::string(key) + "': the file to show, relative to the playlist's folder");
    }
    out.per_language = present && s.table.get(key)->is_table();
    return out;
}

fs::path FileReader::read_font(Section& s, std::string_view key, const fs::path& fallback) {
    const toml::node* n = s.table.get(key);
    if (!n) {
        check_default_font(fallback, key);
        return fallback;
    }
    if (!n->is_string()) {
        reader_.type_error(s, key, *n, "a font file name in quotes, like \"DejaVuSerif.ttf\"");
        check_default_font(fallback, key);
        return fallback;
    }
    const std::string written = trim(n->as_string()->get());
    const fs::path in_playlist_dir = resolve(written);
    const fs::path in_fonts_dir = (options_.fonts_dir / written).lexically_normal();
    std::error_code ec;
    fs::path found;
    if (!written.empty() && fs::is_regular_file(in_playlist_dir, ec)) found = in_playlist_dir;
    else if (!written.empty() && !fs::path(written).is_absolute() && fs::is_regular_file(in_fonts_dir, ec)) found = in_fonts_dir;
    if (found.empty()) {
        std::string message = "font " + in_quotes(written) + " not found in the playlist's folder (" +
                              (base_dir_.empty() ? std::string(".") : base_dir_.string()) + ") nor in the fonts folder (" +
                              options_.fonts_dir.string() + ")";
        std::vector<std::string> names;
        for (const fs::path& dir : {base_dir_.empty() ? fs::path(".") : base_dir_, options_.fonts_dir}) {
            for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
                if (names.size() >= kDirEntriesScanned) break;
                const std::string ext = it->path().extension().string();
                if (ext == ".ttf" || ext == ".otf" || ext == ".TTF" || ext == ".OTF") {
                    names.push_back(it->path().filename().string());
                }
            }
        }
        std::vector<std::string_view> views(names.begin(), names.end());
        if (auto suggestion = did_you_mean(fs::path(written).filename().string(), views)) {
            message += "; did you mean " + in_quotes(*suggestion) + "?";
        }
        reader_.error(s, pos_of(*n), message + "; using " + fallback.filename().string());
        check_default_font(fallback, key);
        return fallback;
    }
    if (options_.probe_font) {
        const std::string reason = options_.probe_font(found);
        if (!reason.empty()) {
            reader_.error(s, pos_of(*n), "font " + in_quotes(written) + " cannot be used: " + reason + "; using " +
                                             fallback.filename().string());
            check_default_font(fallback, key);
            return fallback;
        }
    }
    return found;
}

std::string default_font_problem(const fs::path& font, const std::function<std::string(const fs::path&)>& probe) {
    std::error_code ec;
    if (!fs::is_regular_file(font, ec)) return "not found";
    return probe ? probe(font) : std::string{};
}

void FileReader::check_default_font(const fs::path& font, std::string_view key) {
    if (!fonts_checked_.insert(font.string()).second) return;
    const std::string reason = default_font_problem(font, options_.probe_font);
    if (!reason.empty()) {
        reader_.report(Severity::error, SourcePos{},
                       "the default font " + font.string() + " (for '" + std::string(key) + "') cannot be used: " + reason +
                           "; reinstall Vitrine's fonts or name another font in [theme]");
    }
}

}  // namespace vitrine::core::detail
