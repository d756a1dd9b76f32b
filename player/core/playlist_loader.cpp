#include "core/playlist_loader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <limits>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

#include "core/did_you_mean.hpp"
#include "core/exhibit_reader.hpp"
#include "core/file_reader.hpp"
#include "core/glyph_check.hpp"
#include "core/item_ids.hpp"
#include "core/item_reader.hpp"
#include "core/key_depth_guard.hpp"
#include "core/link_reader.hpp"
#include "core/message_text.hpp"
#include "core/playlist_keys.hpp"
#include "core/section_reader.hpp"
#include "core/toml_prepass.hpp"
#include "core/toml_reader.hpp"
#include "core/utf8.hpp"

// The parts live in their own files (all in vitrine::core::detail, for this loader only):
//   toml_reader     typed values out of toml++ nodes, and the diagnostics
//   file_reader     media and font files named by the playlist
//   exhibit_reader  [exhibit], [exhibit.display], [exhibit.language_names], [exhibit.staff_exit], [theme]
//   item_reader     one [[item]] of any kind, in each of its languages; glyph_check the fonts against its texts
//   link_reader     an item's [[item.link]], and their targets once everything is read
//   section_reader  [[section]], read after the items
//   item_ids        ids across items, and [exhibit] start
//   local_value     values written once for every language or per language
//   playlist_keys, message_text, value_syntax: the key tables, message wording, value syntax
namespace vitrine::core {
namespace {

namespace fs = std::filesystem;
using namespace detail;

// The whole playlist: top-level keys, then [exhibit] and [theme], then the items, then the
// sections, then what names items and sections (links, attract, start).
class Loader {
public:
    // `prepared` maps toml++'s positions (in the text it parsed) back to the curator's.
    Loader(const fs::path& path, const LoadOptions& options, const PreparedToml& prepared)
        : path_(path),
          reader_(path.string(), prepared),
          files_(reader_, options, path.parent_path()),
          glyphs_(reader_, options),
          exhibit_(reader_, files_, options),
          items_(reader_, files_, glyphs_),
          sections_(reader_, files_, glyphs_) {}

    std::vector<Diagnostic> take_diagnostics() { return reader_.take_diagnostics(); }

    Playlist load(const toml::table& root);

private:
    // [exhibit] attract → ex.attract_section, once the sections are known.
    void resolve_attract(Playlist& playlist, const ItemIds& ids, const LeftOut& left_out);

    const fs::path& path_;
    TomlReader reader_;
    FileReader files_;
    GlyphCheck glyphs_;
    ExhibitReader exhibit_;
    ItemReader items_;
    SectionReader sections_;
};

void Loader::resolve_attract(Playlist& playlist, const ItemIds& ids, const LeftOut& left_out) {
    const auto& attract = exhibit_.attract();
    if (!attract) return;
    const std::string& id = attract->id;
    if (auto s = find_section(playlist, id)) {
        playlist.exhibit.attract_section = *s;
    } else if (auto it = left_out.sections.find(id); it != left_out.sections.end()) {
        reader_.report(Severity::warning, attract->pos,
                       "'attract' names section " + in_quotes(id) + ", which has errors and is left out" + because(it->second) +
                           "; the attract sequence is the whole playlist");
    } else if (ids.first_with_id.contains(id)) {
        reader_.report(Severity::error, attract->pos,
                       "'attract' names " + in_quotes(id) + ", which is an item; 'attract' takes the id of a section "
                       "(leave it out and the attract sequence is the whole playlist)");
    } else {
        std::string message = "'attract' names section " + in_quotes(id) + ", but no section has that id";
        std::vector<std::string_view> known;
        for (const core::Section& s : playlist.sections) known.push_back(s.id);
        for (const auto& [other, why] : left_out.sections) known.push_back(other);
        if (auto suggestion = did_you_mean(id, known)) message += "; did you mean \"" + *suggestion + "\"?";
        else message += "; the attract sequence is the whole playlist";
        reader_.report(Severity::error, attract->pos, std::move(message));
    }
}

Playlist Loader::load(const toml::table& root) {
    Playlist playlist;
    playlist.path = path_;
    Exhibit& ex = playlist.exhibit;

    // Top-level keys: the three tables, and a helpful word for keys that belong inside one.
    for (auto&& [key, value] : root) {
        const std::string_view name = key.str();
        if (contains(kTopKeys, name)) continue;
        std::string message = "unknown key '" + std::string(name) + "' at the top of the playlist";
        if (contains(kExhibitKeys, name)) message += "; '" + std::string(name) + "' belongs under [exhibit]";
        else if (contains(kThemeKeys, name)) message += "; '" + std::string(name) + "' belongs under [theme]";
        else if (contains(kCommonItemKeys, name)) message += "; item keys go under [[item]]";
        else if (auto s = did_you_mean(name, kTopKeys)) message += "; did you mean '" + *s + "'?";
        else message += "; expected [exhibit], [theme], [[section]] or [[item]]";
        reader_.report(Severity::error, pos_of(key.source()), std::move(message));
    }

    exhibit_.read_exhibit(root, ex);
    exhibit_.read_theme(root, ex.theme);
    exhibit_.check_language_names(root, ex, glyphs_);
    reader_.set_languages(ex.language, ex.languages);

    std::vector<const toml::table*> tables;
    if (const toml::node* items = root.get("item")) {
        if (const toml::array* a = items->as_array()) {
            for (const toml::node& e : *a) {
                if (const toml::table* t = e.as_table()) tables.push_back(t);
                else reader_.report(Severity::error, pos_of(e), "each item must be a table written [[item]], got " + describe(e));
            }
        } else if (items->is_table()) {
            reader_.report(Severity::error, pos_of(*items), "write each item as [[item]] with two brackets; [item] makes a single table, not a list of items");
        } else {
            reader_.report(Severity::error, pos_of(*items), "'item' must be a list of tables, each written [[item]], got " + describe(*items));
        }
    }
    if (tables.empty() && !root.contains("item")) {
        reader_.report(Severity::error, SourcePos{}, "the playlist is empty: add an [[item]]");
        return playlist;
    }

    const ItemIds ids = assign_item_ids(tables, reader_);

    std::set<std::string> kept;
    LeftOut left_out;
    std::vector<std::vector<LinkDraft>> links;  // of each item kept
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const std::size_t mark = reader_.diagnostic_count();
        if (auto read = items_.read_item(*tables[i], ids.ids[i], ids.failed[i], ex)) {
            kept.insert(read->item.id);
            playlist.items.push_back(std::move(read->item));
            links.push_back(std::move(read->links));
            for (auto& m : read->missing) playlist.missing_translations.push_back(std::move(m));
        } else if (!left_out.items.contains(ids.ids[i])) {
            std::string why = reader_.first_error_since(mark);
            if (why.empty()) why = reader_.first_error_about(ids.ids[i]);  // its id, refused before it was read
            left_out.items.emplace(ids.ids[i], std::move(why));
        }
    }

    SectionsRead sections = sections_.read(root, playlist, ids, left_out.items, ex);
    playlist.sections = std::move(sections.sections);
    left_out.sections = std::move(sections.left_out);
    for (auto& m : sections.missing) playlist.missing_translations.push_back(std::move(m));
    for (std::size_t i = 0; i < playlist.items.size(); ++i) resolve_links(playlist, i, links[i], left_out, reader_);
    resolve_attract(playlist, ids, left_out);
    // Listed by language (in the exhibit's order), then in file order.
    const auto rank = [&](const std::string& language) {
        return std::find(ex.languages.begin(), ex.languages.end(), language) - ex.languages.begin();
    };
    std::stable_sort(playlist.missing_translations.begin(), playlist.missing_translations.end(),
                     [&](const MissingTranslation& a, const MissingTranslation& b) {
                         return std::make_tuple(rank(a.language), a.pos.line, a.pos.column) <
                                std::make_tuple(rank(b.language), b.pos.line, b.pos.column);
                     });

    check_start_item(root, ids, kept, ex, reader_);
    if (playlist.items.empty()) {
        reader_.report(Severity::error, SourcePos{}, "the playlist has no playable items");
    }
    return playlist;
}

void sort_in_file_order(std::vector<Diagnostic>& ds) {
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        auto key = [](const Diagnostic& d) {
            // Whole-file findings (line 0) come last: they sum up the rest.
            return std::make_pair(d.line == 0 ? std::numeric_limits<int>::max() : d.line, d.column);
        };
        return key(a) < key(b);
    });
}

LoadOutcome unusable(const fs::path& path, SourcePos pos, std::string message) {
    LoadOutcome out;
    out.diagnostics.push_back(Diagnostic{Severity::error, path.string(), pos.line, pos.column, std::move(message), {}});
    return out;
}

std::string size_text(std::uintmax_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string too_big_message(std::uintmax_t size, std::size_t limit) {
    return "the playlist is " + std::to_string(size) + " bytes; the limit is " + size_text(limit) +
           " (a playlist holds text and file names; put long texts in fewer words or split the exhibit)";
}

}  // namespace

LoadOutcome parse_playlist(std::string_view toml_text, const fs::path& path, const LoadOptions& options) {
    if (toml_text.size() > options.max_file_bytes) {
        return unusable(path, {}, too_big_message(toml_text.size(), options.max_file_bytes));
    }
    if (auto bad = find_invalid_utf8(toml_text)) {
        // Show what comes before the bad byte on its line, so the place can be found in any editor.
        const std::size_t line_start = toml_text.rfind('\n', bad->offset == 0 ? 0 : bad->offset - 1);
        const std::size_t from = (line_start == std::string_view::npos || bad->offset == 0) ? 0 : line_start + 1;
        std::string before(toml_text.substr(from, bad->offset - from));
        const std::string_view b = before;
        const std::size_t skip = b.size() > 60 ? b.size() - 60 : 0;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", bad->byte);
        return unusable(path, {bad->line, bad->column},
                        std::string("the playlist is not valid UTF-8: byte ") + hex + " after " +
                            in_quotes(trim(b.substr(skip))) +
                            " is not part of any character; save the file with the UTF-8 encoding");
    }
    if (auto deep = find_key_deeper_than(toml_text, kMaxKeyDepth)) {
        return unusable(path, {deep->line, deep->column},
                        "keys may be nested at most " + std::to_string(kMaxKeyDepth) + " levels deep; " +
                            in_quotes(deep->preview) + " goes " + std::to_string(deep->depth) + " levels deep");
    }
    auto prepared = prepare_toml(toml_text);
    if (!prepared) {
        return unusable(path, {prepared.error().line, prepared.error().column},
                        "this is not valid TOML: " + prepared.error().message);
    }
    toml::parse_result parsed = toml::parse(prepared->text(), std::string_view(path.string()));
    if (!parsed) {
        const toml::parse_error& e = parsed.error();
        std::string description(e.description());
        if (!description.empty()) description[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
        std::string message = "this is not valid TOML: " + description;
        if (description.find("could not determine value type") != std::string::npos) {
            message += " (text must be in quotes, like title = \"Our doors are open\")";
        }
        return unusable(path, prepared->original(pos_of(e.source())), std::move(message));
    }
    Loader loader(path, options, *prepared);
    LoadOutcome out;
    out.playlist = loader.load(parsed.table());
    out.diagnostics = loader.take_diagnostics();
    sort_in_file_order(out.diagnostics);
    return out;
}

LoadOutcome load_playlist(const fs::path& file, const LoadOptions& options) {
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (!fs::exists(st)) return unusable(file, {}, "cannot open the playlist: no such file");
    if (fs::is_directory(st)) return unusable(file, {}, "this is a folder; expected a playlist file (.toml)");
    const auto size = fs::file_size(file, ec);
    if (ec) return unusable(file, {}, "cannot read the playlist: " + ec.message());
    if (size > options.max_file_bytes) return unusable(file, {}, too_big_message(size, options.max_file_bytes));
    std::ifstream in(file, std::ios::binary);
    if (!in) return unusable(file, {}, "cannot open the playlist: " + std::error_code(errno, std::generic_category()).message());
    // Read in chunks up to one byte past the limit: the file may have grown since it was measured.
    constexpr std::size_t kChunkBytes = 64 * 1024;
    std::string text;
    while (in && text.size() <= options.max_file_bytes) {
        const std::size_t old_size = text.size();
        text.resize(old_size + kChunkBytes);
        in.read(text.data() + old_size, static_cast<std::streamsize>(kChunkBytes));
        text.resize(old_size + static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return unusable(file, {}, "cannot read the playlist: " + std::error_code(errno, std::generic_category()).message());
    return parse_playlist(text, file, options);
}

}  // namespace vitrine::core
