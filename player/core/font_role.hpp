#pragma once
// Which of the theme's four fonts sets which text. The single source of this mapping: the
// layout, the painter and the playlist loader's glyph check all go through font_for() and
// texts_by_role(), so a glyph the loader accepted is a glyph the painter can draw.
//
//   heading  titles and headlines (TextItem/StatementItem/ListItem title, ExcerptItem heading,
//            ArticleItem headline, VideoItem/AudioItem title)
//   body     running text: paragraphs, excerpt passages, list entries, audio transcripts
//   italic   voices set apart: an article's slogan, a statement's signature
//   ui       apparatus: citation lines (From / By / Published and their labels), image
//            captions, page markers
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "core/playlist.hpp"

namespace vitrine::core {

enum class FontRole { body, italic, heading, ui };

// The theme's font file for `role`. The reference lives as long as `theme`.
const std::filesystem::path& font_for(FontRole role, const Theme& theme);

// "body", "italic", "heading", "ui": for messages and logs.
std::string_view role_name(FontRole role);

// Every visitor-visible text of an item with the role it is set in (empty fields omitted),
// in reading order. Views into `body`; valid while it lives. Fixed texts the layout adds
// ("From", "By", "Published", page markers "1/2") are in the ui font and plain ASCII.
std::vector<std::pair<FontRole, std::string_view>> texts_by_role(const ItemBody& body);

}  // namespace vitrine::core
