#pragma once
// Lays out an item's text as a museum panel: a centred column of about 55 characters, heading,
// text, and the item's apparatus (citation, signature, bullets), sized to fill the panel and
// shrunk to fit, never below the minimum size; a text too long for one page at the minimum is
// split into pages at line boundaries. Pure: fonts are known through the TextMeasurer.
//
// Item kinds:
//   TextItem       title (heading), paragraphs (body)
//   ExcerptItem    heading?, passage (body), a short accent rule, then the citation in the ui
//                  font, smaller and muted, each line labelled: From / By / Published
//   ArticleItem    headline (heading), slogan (italic, accent), paragraphs (body)
//   StatementItem  title (heading), paragraphs (body), signature "— name" (italic, muted),
//                  set flush right under the text
//   ListItem       title (heading), entries (body) with square accent bullets and a hanging indent
//   VideoItem      title (heading) — a placeholder panel
//   AudioItem      title (heading), transcript (body)
//   ImageItem      no panel (its caption is laid out by layout_caption)
#include <string>
#include <vector>

#include "core/panel_page.hpp"
#include "core/playlist.hpp"
#include "core/size.hpp"
#include "core/text_measurer.hpp"

namespace vitrine::core {

// What the panel shares its screen with, and the words of its apparatus.
struct PanelOptions {
    // Pixels at the bottom of the screen the text must keep clear (link buttons stand there).
    int reserved_bottom = 0;
    // The citation's labels, in the visitor's language (core::ui_text).
    std::string from_label = "From";
    std::string by_label = "By";
    std::string published_label = "Published";
};

// Pages of the panel for `body` on a screen of `screen` pixels (at least one page for a text
// kind; none for an ImageItem). Every run lies inside the content area (screen minus margins)
// and is no wider than the column; body text is never smaller than Typography::min_body_px.
// Every page of a split text carries a discreet "n/N" marker at its bottom right; the
// heading is on the first page, the citation or signature whole on the last. Screen sizes
// must be positive.
std::vector<PanelPage> layout_panel(const ItemBody& body, const Theme& theme, const Display& display,
                                    Size screen, const TextMeasurer& measurer, const PanelOptions& options = {});

}  // namespace vitrine::core
