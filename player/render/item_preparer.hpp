#pragma once
// Makes an item ready for the screen as CPU surfaces: lays out and paints text panels, decodes,
// orients and scales images to the screen, paints captions and clip placeholders.
//
// Thread: one thread at a time (the preload worker; `vitrine render` calls it directly). It owns
// its fonts, which SDL_ttf does not let two threads share. It touches no SDL video state.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/playlist.hpp"
#include "core/result.hpp"
#include "render/panel_painter.hpp"
#include "render/prepared_item.hpp"

namespace vitrine::render {

class ItemPreparer {
public:
    ItemPreparer() = default;

    // Prepares item `index` of `playlist` for a screen of width x height pixels. An error names
    // the item's file and the reason; the caller logs it and the show skips the item.
    // `language`: one of the exhibit's languages (core::body_in); empty: the default language.
    core::Result<PreparedItem> prepare(const core::Playlist& playlist, std::size_t index, int width,
                                       int height, std::string_view language = {});

    // The calm screen shown when nothing is playable: the exhibit's title and a line for visitors.
    core::Result<PreparedItem> prepare_notice(const core::Exhibit& exhibit, int width, int height);

    // The largest zoom a pan-and-zoom may reach; images are decoded for it, so it stays sharp.
    static constexpr double kMaxZoom = 4.0;

private:
    core::Result<PreparedItem> prepare_image(const core::Item& item, const core::ImageItem& image,
                                             const core::Exhibit& exhibit, int width, int height);
    core::Result<PreparedItem> prepare_clip(const core::Item& item, const core::Exhibit& exhibit,
                                            int width, int height);
    // The item's panel (its body as given), clear of its link buttons, labels in `language`.
    core::Result<PreparedItem> prepare_text(const core::Item& item, const core::Exhibit& exhibit,
                                            int width, int height, std::string_view language);

    PanelPainter painter_;
};

}  // namespace vitrine::render
