#include "core/adhoc_playlist.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <system_error>

namespace vitrine::core {
namespace {

namespace fs = std::filesystem;

enum class Kind { none, image, video, audio };

constexpr std::array<std::string_view, 5> kImageExtensions{"jpg", "jpeg", "png", "gif", "webp"};
constexpr std::array<std::string_view, 11> kVideoExtensions{"mp4", "m4v", "mov", "mkv", "webm", "mpg",
                                                            "mpeg", "ts", "m2ts", "avi", "ogv"};
constexpr std::array<std::string_view, 8> kAudioExtensions{"mp3", "opus", "ogg", "oga", "flac", "wav", "aac", "m4a"};

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, const std::string& ext) {
    return std::find(list.begin(), list.end(), ext) != list.end();
}

Kind kind_of(const fs::path& p) {
    std::string ext = p.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    ext = lower(ext);
    if (in(kImageExtensions, ext)) return Kind::image;
    if (in(kVideoExtensions, ext)) return Kind::video;
    if (in(kAudioExtensions, ext)) return Kind::audio;
    return Kind::none;
}

// Sidecar captions of `clip`: stem.srt / stem.vtt for `language`, stem.<lang>.srt|vtt for others.
std::map<std::string, fs::path> captions_beside(const fs::path& clip, const std::string& language) {
    std::map<std::string, fs::path> found;
    std::error_code ec;
    const fs::path dir = clip.has_parent_path() ? clip.parent_path() : fs::path(".");
    const std::string stem = clip.stem().string();
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        const fs::path f = entry.path();
        const std::string ext = lower(f.extension().string());
        if (ext != ".srt" && ext != ".vtt") continue;
        const std::string name = f.stem().string();  // "talk" or "talk.pt"
        if (name == stem) {
            found.emplace(language, f);
        } else if (name.size() > stem.size() + 1 && name.compare(0, stem.size() + 1, stem + ".") == 0) {
            const std::string lang = name.substr(stem.size() + 1);
            const bool code = lang.size() >= 2 && lang.size() <= 8 &&
                              std::all_of(lang.begin(), lang.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
            if (code) found[lang] = f;
        }
    }
    return found;
}

std::string unique_id(const fs::path& file, std::set<std::string>& used) {
    std::string base;
    for (char c : file.stem().string()) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || (static_cast<unsigned char>(c) >= 0x80);
        base += keep ? c : '-';
    }
    if (base.empty()) base = "item";
    std::string id = base;
    for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
    used.insert(id);
    return id;
}

}  // namespace

LoadOutcome adhoc_playlist(const std::vector<fs::path>& files, const fs::path& fonts_dir) {
    LoadOutcome out;
    Playlist playlist;
    auto& theme = playlist.exhibit.theme;
    theme.body_font = fonts_dir / "DejaVuSerif.ttf";
    theme.heading_font = fonts_dir / "DejaVuSans-Bold.ttf";
    theme.italic_font = fonts_dir / "DejaVuSerif-Italic.ttf";
    theme.ui_font = fonts_dir / "DejaVuSans.ttf";
    auto error = [&](const fs::path& p, std::string message) {
        out.diagnostics.push_back(Diagnostic{Severity::error, p.string(), 0, 0, std::move(message), {}});
    };

    std::vector<fs::path> expanded;
    for (const fs::path& f : files) {
        std::error_code ec;
        if (fs::is_directory(f, ec)) {
            std::vector<fs::path> inside;
            for (const auto& entry : fs::directory_iterator(f, ec)) {
                if (entry.is_regular_file(ec) && kind_of(entry.path()) != Kind::none) inside.push_back(entry.path());
            }
            std::sort(inside.begin(), inside.end());
            if (inside.empty()) error(f, "the folder holds no image, video or audio file Vitrine plays");
            expanded.insert(expanded.end(), inside.begin(), inside.end());
        } else {
            expanded.push_back(f);
        }
    }

    std::set<std::string> used;
    for (const fs::path& f : expanded) {
        std::error_code ec;
        if (!fs::exists(f, ec)) {
            error(f, "no such file");
            continue;
        }
        if (!fs::is_regular_file(f, ec)) {
            error(f, "not a regular file");
            continue;
        }
        const Kind kind = kind_of(f);
        if (kind == Kind::none) {
            error(f, "not an image, video or audio file Vitrine plays (by its name); images: .jpg .jpeg .png .gif "
                     ".webp, videos: .mp4 .m4v .mov .mkv .webm .mpg .mpeg .ts .m2ts .avi .ogv, sounds: .mp3 .opus "
                     ".ogg .oga .flac .wav .aac .m4a");
            continue;
        }
        Item item;
        item.id = unique_id(f, used);
        if (kind == Kind::image) {
            ImageItem im;
            im.file = f;
            item.body = std::move(im);
        } else {
            Clip clip;
            clip.file = f;
            clip.captions = captions_beside(f, playlist.exhibit.language);
            item.until_end = true;
            if (kind == Kind::video) {
                VideoItem v;
                v.clip = std::move(clip);
                v.title = f.filename().string();
                item.body = std::move(v);
            } else {
                AudioItem a;
                a.clip = std::move(clip);
                a.title = f.stem().string();
                item.body = std::move(a);
            }
        }
        playlist.items.push_back(std::move(item));
    }
    out.playlist = std::move(playlist);
    return out;
}

}  // namespace vitrine::core
