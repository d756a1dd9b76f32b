#pragma once
// Internal to the playlist loader (included only by its .cpp files): the keys and names a playlist
// may use, per table and per item kind. Messages list them in this order.
#include <array>
#include <span>
#include <string_view>

namespace vitrine::core::detail {

inline constexpr std::array<std::string_view, 8> kKinds{"text", "excerpt", "article", "statement",
                                                        "list", "image",   "video",   "audio"};
inline constexpr std::array<std::string_view, 5> kCommonItemKeys{"id", "kind", "duration", "transition",
                                                                 "transition_duration"};
inline constexpr std::array<std::string_view, 3> kTextKeys{"title", "text", "paragraphs"};
inline constexpr std::array<std::string_view, 5> kExcerptKeys{"heading", "text", "from", "by", "published"};
inline constexpr std::array<std::string_view, 4> kArticleKeys{"headline", "paragraphs", "text", "slogan"};
inline constexpr std::array<std::string_view, 4> kStatementKeys{"title", "paragraphs", "text", "signed"};
inline constexpr std::array<std::string_view, 2> kListKeys{"title", "items"};
inline constexpr std::array<std::string_view, 4> kImageKeys{"file", "fit", "caption", "pan_zoom"};
inline constexpr std::array<std::string_view, 9> kVideoKeys{"file", "fit",  "title", "start",   "end",
                                                            "loop", "volume", "mute", "captions"};
inline constexpr std::array<std::string_view, 12> kAudioKeys{"file", "title",  "image", "transcript", "start",
                                                             "end",  "loop",   "volume", "mute",     "captions",
                                                             "background", "spans"};
inline constexpr std::array<std::string_view, 4> kTopKeys{"exhibit", "theme", "section", "item"};
inline constexpr std::array<std::string_view, 18> kExhibitKeys{
    "title",        "language",         "duration",       "transition",   "transition_duration",
    "exit_keys",    "start",            "display",        "volume",       "caption_language",
    "languages",    "language_names",   "idle_return",    "idle_warning", "attract",
    "advance_while_engaged", "controls_timeout", "staff_exit"};
inline constexpr std::array<std::string_view, 3> kStaffExitKeys{"corner", "hold", "pin"};
inline constexpr std::array<std::string_view, 4> kCornerNames{"top-left", "top-right", "bottom-left", "bottom-right"};
inline constexpr std::array<std::string_view, 5> kSectionKeys{"id", "title", "image", "items", "parent"};
// [[item.link]]: allowed in every item, but not listed among an item's keys in messages (it is a
// table of its own, documented apart).
inline constexpr std::array<std::string_view, 1> kItemTableKeys{"link"};
inline constexpr std::array<std::string_view, 3> kLinkKeys{"label", "to", "region"};
inline constexpr std::array<std::string_view, 4> kRegionKeys{"x", "y", "w", "h"};
inline constexpr std::array<std::string_view, 2> kDisplayKeys{"diagonal", "viewing_distance"};
inline constexpr std::array<std::string_view, 10> kThemeKeys{"background", "text",         "heading",     "accent",
                                                             "muted",      "body_font",    "heading_font", "italic_font",
                                                             "ui_font",    "margin"};
inline constexpr std::array<std::string_view, 2> kPanZoomKeys{"from", "to"};
inline constexpr std::array<std::string_view, 3> kFramingKeys{"x", "y", "zoom"};
inline constexpr std::array<std::string_view, 4> kTransitionNames{"cut", "fade", "crossfade", "slide"};
inline constexpr std::array<std::string_view, 2> kFitNames{"contain", "cover"};

// The keys of one item kind (besides kCommonItemKeys); empty for an unknown kind.
std::span<const std::string_view> keys_of_kind(std::string_view kind);

// video and audio: items that play a Clip.
bool is_clip_kind(std::string_view kind);
// text, excerpt, article, statement, list: items read by visitors (timed by their words).
bool is_text_kind(std::string_view kind);

}  // namespace vitrine::core::detail
