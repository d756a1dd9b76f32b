#include "core/adhoc_playlist.hpp"


#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <system_error>
#include <utility>

#include "core/caption_track.hpp"
#include "core/did_you_mean.hpp"
#include "core/file_reader.hpp"

namespace vitrine::core {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 5> kImageExtensions{"jpg", "jpeg", "png", "gif", "webp"};
constexpr std::array<std::string_view, 11> kVideoExtensions{"mp4", "m4v", "mov", "mkv", "webm", "mpg",
                                                            "mpeg", "ts", "m2ts", "avi", "ogv"};
// wma: FFmpeg's own wmav1/wmav2/wmapro decoders and ASF demuxer, present in every build.
constexpr std::array<std::string_view, 9> kAudioExtensions{"mp3", "opus", "ogg", "oga", "flac",
                                                           "wav", "aac", "m4a", "wma"};
// Pictures people have that the image gate (core/image_header.hpp) does not decode.
constexpr std::array<std::string_view, 8> kImagesToConvert{"tif", "tiff", "bmp", "heic", "heif", "avif", "svg", "psd"};
constexpr std::size_t kFolderEntries = 100'000;  // read of one folder: far more than an exhibit holds, bounds the work
constexpr std::size_t kSuggestionCandidates = 2000;  // names compared for "did you mean" (edit distance is quadratic)

std::string lower_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

// The extension without its dot, lowercase ("JPG" -> "jpg"); "" when there is none.
std::string extension_of(const fs::path& p) {
    std::string ext = p.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    return lower_ascii(std::move(ext));
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string dotted(std::span<const std::string_view> exts) {
    std::string out;
    for (std::string_view e : exts) out += (out.empty() ? "." : " .") + std::string(e);
    return out;
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

// A language tag as captions are named: "en", "pt-BR", "zh-Hant" (BCP 47's shape: 2-3 letters,
// then subtags of 1-8 letters or digits). "final" or "v2" in "talk.final.srt" is not one.
bool is_language_tag(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_ascii_alpha(s[i])) ++i;
    if (i < 2 || i > 3) return false;
    while (i < s.size()) {
        if (s[i] != '-') return false;
        std::size_t j = ++i;
        while (j < s.size() && is_ascii_alnum(s[j])) ++j;
        if (j == i || j - i > 8) return false;
        i = j;
    }
    return true;
}

fs::path folder_of(const fs::path& file) { return file.has_parent_path() ? file.parent_path() : fs::path("."); }

// The names of the regular files directly in a folder, sorted; `complete` is false when the
// folder held more than kFolderEntries entries (the rest are not read).
struct Listing {
    std::vector<std::string> names;
    bool complete = true;
};

Listing list_folder(const fs::path& dir) {
    Listing out;
    std::error_code ec;
    std::size_t seen = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (++seen > kFolderEntries) {
            out.complete = false;
            break;
        }
        std::error_code type_ec;
        if (it->is_regular_file(type_ec)) out.names.push_back(it->path().filename().string());
    }
    std::sort(out.names.begin(), out.names.end());
    return out;
}

// Sidecar captions of the clip named `clip_name` among the sorted `names` of its folder:
// stem.srt / stem.vtt for `language`, stem.<tag>.srt|vtt for others. A tagged file wins over
// an untagged one for the same language, .srt over .vtt (name order).
std::map<std::string, std::string> captions_among(const std::vector<std::string>& names, const fs::path& clip_name,
                                                  const std::string& language) {
    const std::string stem = clip_name.stem().string();
    const std::string prefix = stem + ".";
    std::map<std::string, std::string> tagged, untagged;
    for (auto it = std::lower_bound(names.begin(), names.end(), prefix); it != names.end() && it->starts_with(prefix); ++it) {
        const fs::path f(*it);
        const std::string ext = extension_of(f);
        if (ext != "srt" && ext != "vtt") continue;
        const std::string name = f.stem().string();  // "talk" or "talk.pt"
        if (name == stem) {
            untagged.emplace(language, *it);
        } else if (name.size() > prefix.size() && is_language_tag(std::string_view(name).substr(prefix.size()))) {
            tagged.emplace(name.substr(prefix.size()), *it);
        }
    }
    tagged.merge(untagged);  // keeps the tagged file where both name a language
    return tagged;
}

// An id from a file name, as the loader accepts ids: lowercase a-z, digits, '-' and '_'; any
// other run of characters becomes one '-'.
std::string id_from(const fs::path& file) {
    std::string id;
    for (char c : file.stem().string()) {
        const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_' || l == '-') {
            id += l;
        } else if (!id.empty() && id.back() != '-') {
            id += '-';
        }
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id.empty() ? "item" : id;
}

std::string unique_id(const fs::path& file, std::set<std::string>& used) {
    const std::string base = id_from(file);
    std::string id = base;
    for (int n = 2; used.contains(id); ++n) id = base + "-" + std::to_string(n);
    used.insert(id);
    return id;
}

std::string unknown_kind_message(const fs::path& file) {
    const std::string ext = extension_of(file);
    std::string message = "not an image, video or audio file Vitrine plays (judged by its name";
    message += ext.empty() ? ", which has no extension)" : ", ." + ext + ")";
    if (ext == "srt" || ext == "vtt") {
        return message + "; captions are found beside their clip by name (talk.srt or talk.en.srt beside talk.mp4): "
                         "give the clip instead";
    }
    if (ext == "toml") return message + "; a playlist is played on its own: vitrine play " + file.string();
    if (one_of(kImagesToConvert, ext)) return message + "; convert the picture to .png or .jpg";
    if (!ext.empty()) {
        std::vector<std::string_view> known(kImageExtensions.begin(), kImageExtensions.end());
        known.insert(known.end(), kVideoExtensions.begin(), kVideoExtensions.end());
        known.insert(known.end(), kAudioExtensions.begin(), kAudioExtensions.end());
        if (auto s = did_you_mean(ext, known)) message += "; did you mean ." + *s + "?";
    }
    return message + "; images: " + dotted(kImageExtensions) + "; videos: " + dotted(kVideoExtensions) +
           "; sounds: " + dotted(kAudioExtensions);
}

std::string missing_file_message(const fs::path& file, const std::vector<std::string>& names_beside) {
    std::string message = "no such file";
    const std::size_t n = std::min(names_beside.size(), kSuggestionCandidates);
    std::vector<std::string_view> views(names_beside.begin(), names_beside.begin() + static_cast<std::ptrdiff_t>(n));
    if (auto s = did_you_mean(file.filename().string(), views)) {
        message += "; did you mean \"" + (file.parent_path() / *s).string() + "\"?";
    }
    return message;
}

class Builder {
public:
    explicit Builder(const LoadOptions& options) : options_(options) {}

    void error(const fs::path& p, std::string message, std::string item_id = {}) {
        out_.diagnostics.push_back(Diagnostic{Severity::error, p.string(), 0, 0, std::move(message), std::move(item_id)});
    }
    void warning(const fs::path& p, std::string message, std::string item_id) {
        out_.diagnostics.push_back(Diagnostic{Severity::warning, p.string(), 0, 0, std::move(message), std::move(item_id)});
    }

    void check_default_font(const fs::path& font, std::string_view role) {
        const std::string reason = detail::default_font_problem(font, options_.probe_font);
        if (!reason.empty()) {
            error(font, "the default font (" + std::string(role) + ") cannot be used: " + reason +
                            "; reinstall Vitrine's fonts or set VITRINE_FONTS to their folder");
        }
    }

    // The files given, folders replaced by their media files in name order.
    std::vector<fs::path> expand(const std::vector<fs::path>& files) {
        std::vector<fs::path> expanded;
        for (const fs::path& f : files) {
            std::error_code ec;
            if (!fs::is_directory(f, ec)) {
                expanded.push_back(f);
                continue;
            }
            std::size_t found = 0;
            for (const std::string& name : listing(f).names) {
                if (!media_file_kind(name)) continue;
                expanded.push_back(f / name);
                ++found;
            }
            if (found == 0) {
                error(f, "the folder holds no image, video or audio file Vitrine plays (files directly in it, by name: " +
                             dotted(kImageExtensions) + " " + dotted(kVideoExtensions) + " " + dotted(kAudioExtensions) + ")");
            }
        }
        return expanded;
    }

    // Check mode: the probes and decode checks of `file`; false (reported) when it cannot be used.
    bool passes_checks(const fs::path& file, MediaFileKind kind, const std::string& id) {
        const auto& probe = kind == MediaFileKind::image ? options_.probe_image : options_.probe_clip;
        const bool checked = probe || (kind != MediaFileKind::image && options_.check_clip);
        if (!checked) return true;  // play: the preparer finds out, and the show logs it then
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        if (ec) {
            error(file, "cannot be read: " + ec.message(), id);
            return false;
        }
        if (size == 0) {
            error(file, "is empty (0 bytes)", id);
            return false;
        }
        if (probe) {
            if (const std::string reason = probe(file); !reason.empty()) {
                error(file, "cannot be used: " + reason, id);
                return false;
            }
        }
        if (kind != MediaFileKind::image && options_.check_clip) {
            const ClipReport report = options_.check_clip(file, kind == MediaFileKind::video ? ClipUse::video : ClipUse::audio);
            for (const auto& w : report.warnings) warning(file, w, id);
            if (!report.error.empty()) {
                error(file, "cannot be played: " + report.error, id);
                return false;
            }
        }
        return true;
    }

    // Check mode: each caption file's own problems, at their lines; the clip is kept either way.
    void check_captions(const Clip& clip, const std::string& id) {
        if (!options_.check_captions) return;
        for (const auto& [language, file] : clip.captions) {
            auto loaded = load_captions(file);
            if (!loaded) {
                error(file, "captions (" + language + ") cannot be used: " + loaded.error().message, id);
                continue;
            }
            for (Diagnostic d : loaded->diagnostics) {
                d.item_id = id;
                out_.diagnostics.push_back(std::move(d));
            }
        }
    }

    LoadOutcome build(const std::vector<fs::path>& files) {
        Playlist playlist;
        playlist.exhibit.languages = {playlist.exhibit.language};  // one language: no language buttons
        auto& theme = playlist.exhibit.theme;
        theme.body_font = options_.fonts_dir / "DejaVuSerif.ttf";
        theme.heading_font = options_.fonts_dir / "DejaVuSans-Bold.ttf";
        theme.italic_font = options_.fonts_dir / "DejaVuSerif-Italic.ttf";
        theme.ui_font = options_.fonts_dir / "DejaVuSans.ttf";

        std::set<std::string> used;
        for (const fs::path& f : expand(files)) {
            std::error_code ec;
            const fs::file_status st = fs::status(f, ec);
            if (!fs::exists(st)) {
                error(f, missing_file_message(f, listing(folder_of(f)).names));
                continue;
            }
            if (!fs::is_regular_file(st)) {
                error(f, "not a regular file (a device, pipe or socket): give an image, video or audio file");
                continue;
            }
            const auto kind = media_file_kind(f);
            if (!kind) {
                error(f, unknown_kind_message(f));
                continue;
            }
            Item item;
            item.id = unique_id(f, used);  // taken even if the checks fail, as the loader does
            if (!passes_checks(f, *kind, item.id)) continue;
            if (*kind == MediaFileKind::image) {
                ImageItem image;
                image.file = f;
                item.body = std::move(image);
            } else {
                Clip clip;
                clip.file = f;
                for (auto& [language, name] : captions_among(listing(folder_of(f)).names, f.filename(), playlist.exhibit.language)) {
                    clip.captions.emplace(language, f.parent_path() / name);
                }
                check_captions(clip, item.id);
                item.until_end = true;
                if (*kind == MediaFileKind::video) {
                    VideoItem video;
                    video.clip = std::move(clip);
                    video.title = f.stem().string();
                    item.body = std::move(video);
                } else {
                    AudioItem audio;
                    audio.clip = std::move(clip);
                    audio.title = f.stem().string();
                    item.body = std::move(audio);
                }
            }
            playlist.items.push_back(std::move(item));
        }
        check_default_font(theme.body_font, "body");
        check_default_font(theme.heading_font, "headings");
        check_default_font(theme.italic_font, "italics");
        check_default_font(theme.ui_font, "captions and citations");
        out_.playlist = std::move(playlist);
        return std::move(out_);
    }

private:
    // The folder's listing, read once (a folder of clips looks up each one's captions in it).
    const Listing& listing(const fs::path& dir) {
        auto it = listings_.find(dir);
        if (it == listings_.end()) {
            it = listings_.emplace(dir, list_folder(dir)).first;
            if (!it->second.complete) {
                out_.diagnostics.push_back(Diagnostic{Severity::warning, dir.string(), 0, 0,
                                                      "the folder holds more than " + std::to_string(kFolderEntries) +
                                                          " entries; only the first were read",
                                                      {}});
            }
        }
        return it->second;
    }

    const LoadOptions& options_;
    LoadOutcome out_;
    std::map<fs::path, Listing> listings_;
};

}  // namespace

std::optional<MediaFileKind> media_file_kind(const fs::path& file) {
    const std::string ext = extension_of(file);
    if (one_of(kImageExtensions, ext)) return MediaFileKind::image;
    if (one_of(kVideoExtensions, ext)) return MediaFileKind::video;
    if (one_of(kAudioExtensions, ext)) return MediaFileKind::audio;
    return std::nullopt;
}

LoadOutcome adhoc_playlist(const std::vector<fs::path>& files, const LoadOptions& options) {
    return Builder(options).build(files);
}

LoadOutcome adhoc_playlist(const std::vector<fs::path>& files, const fs::path& fonts_dir) {
    LoadOptions options;
    options.fonts_dir = fonts_dir;
    return adhoc_playlist(files, options);
}

}  // namespace vitrine::core
