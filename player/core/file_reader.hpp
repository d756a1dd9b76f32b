#pragma once
// Internal to the playlist loader (included only by its .cpp files): the files a playlist names
// (images, clips, captions, fonts), resolved against its folder and checked before the show.
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/local_value.hpp"
#include "core/playlist_loader.hpp"
#include "core/toml_reader.hpp"

namespace vitrine::core::detail {

enum class MediaKind { image, clip, captions };

// Resolves and checks the files named in a playlist; findings go to `reader`. `reader` and
// `options` must outlive it. Not thread-safe.
// Why a default font cannot be used ("not found", or what `probe` says); "" when it can.
std::string default_font_problem(const std::filesystem::path& font,
                                 const std::function<std::string(const std::filesystem::path&)>& probe);

class FileReader {
public:
    // `base_dir`: the playlist's folder, against which relative names are resolved.
    FileReader(TomlReader& reader, const LoadOptions& options, std::filesystem::path base_dir)
        : reader_(reader), options_(options), base_dir_(std::move(base_dir)) {}

    // A name as written → an absolute or base-relative, lexically normal path (not checked).
    std::filesystem::path resolve(std::string_view written) const {
        const std::filesystem::path p(written);
        return (p.is_absolute() ? p : base_dir_ / p).lexically_normal();
    }

    // A media file named by `key`: resolved, checked to exist, be a non-empty file and pass its
    // probe. nullopt when absent (an error if `required`) or reported.
    std::optional<std::filesystem::path> read_media(Section& s, std::string_view key, MediaKind kind, bool required);
    // The same for a localizable file key: one file for every language, or one per language
    // (`file = { en = "talk.en.ogg", pt = "talk.pt.ogg" }`), each checked. With `clip_use`, each is
    // also checked as a clip (check_clip). Files refused are reported and absent from the value.
    LocalValue<std::filesystem::path> read_local_media(Section& s, std::string_view key, MediaKind kind, bool required,
                                                       std::optional<ClipUse> clip_use = std::nullopt);
    // One media file: the node `n`, named `label` in messages.
    std::optional<std::filesystem::path> media_of(Section& s, const toml::node& n, std::string_view label, MediaKind kind);
    // True when `file` (written as `written`, at `pos`) exists, is a non-empty file and passes the
    // probe for `kind`; else reports why, with a close file name of that folder if there is one.
    bool check_media_file(Section& s, SourcePos pos, std::string_view written, const std::filesystem::path& file,
                          MediaKind kind);
    // Check mode: the clip opens and its first frames decode as `use` needs (options.check_clip).
    // False (reported at `pos`) when it cannot be played; warnings reported too.
    bool check_clip(Section& s, SourcePos pos, std::string_view written, const std::filesystem::path& file, ClipUse use);
    // Check mode: the caption file's own problems, at their lines (options.check_captions).
    void check_captions(Section& s, SourcePos pos, std::string_view written, const std::filesystem::path& file);
    // The font named by `key`, looked up in the playlist's folder, then in options.fonts_dir; on
    // any problem it is reported and `fallback` is returned (and itself checked, once).
    std::filesystem::path read_font(Section& s, std::string_view key, const std::filesystem::path& fallback);

private:
    // Reports once per font when a default font is missing or fails its probe.
    void check_default_font(const std::filesystem::path& font, std::string_view key);

    TomlReader& reader_;
    const LoadOptions& options_;
    std::filesystem::path base_dir_;
    std::set<std::string> fonts_checked_;  // default fonts already checked (reported once)
};

}  // namespace vitrine::core::detail
