#include "core/playlist_keys.hpp"

namespace vitrine::core::detail {

std::span<const std::string_view> keys_of_kind(std::string_view kind) {
    if (kind == "text") return kTextKeys;
    if (kind == "excerpt") return kExcerptKeys;
    if (kind == "article") return kArticleKeys;
    if (kind == "statement") return kStatementKeys;
    if (kind == "list") return kListKeys;
    if (kind == "image") return kImageKeys;
    if (kind == "video") return kVideoKeys;
    if (kind == "audio") return kAudioKeys;
    return {};
}

bool is_clip_kind(std::string_view kind) { return kind == "video" || kind == "audio"; }
bool is_text_kind(std::string_view kind) {
    return kind == "text" || kind == "excerpt" || kind == "article" || kind == "statement" || kind == "list";
}

}  // namespace vitrine::core::detail
