#pragma once
// The playlist model: what a curator wrote, validated and with every default filled in.
// Produced by PlaylistLoader; read-only afterwards (the Show and the renderer share it through
// std::shared_ptr<const Playlist>). Paths are absolute or relative to the working directory,
// already resolved against the playlist's folder.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string_view>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace vitrine::core {

using Millis = std::chrono::milliseconds;

struct SourcePos {
    int line = 0;  // 1-based; 0 = unknown
    int column = 0;
};

struct Color {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Color&, const Color&) = default;
};

enum class TransitionKind { cut, fade, crossfade, slide };

struct Transition {
    TransitionKind kind = TransitionKind::crossfade;
    Millis duration{800};  // 0 for cut
};

enum class Fit { contain, cover };

// A view of an image for pan-and-zoom: the centre of the view as a fraction of the image
// (0..1 on each axis) and the zoom relative to the fit (1 = the whole fitted image).
struct Framing {
    double x = 0.5;
    double y = 0.5;
    double zoom = 1.0;  // >= 1
    friend bool operator==(const Framing&, const Framing&) = default;
};

struct PanZoom {
    Framing start;
    Framing end{0.5, 0.5, 1.15};
};

struct Theme {
    Color background{0x14, 0x13, 0x12};
    Color text{0xF2, 0xEE, 0xE6};
    Color heading{0xFF, 0xFF, 0xFF};
    Color accent{0xE3, 0xB3, 0x5A};  // rules, bullets, slogans
    Color muted{0xC4, 0xBC, 0xAE};   // citations, captions, signatures
    std::filesystem::path body_font;     // resolved file; default fonts/DejaVuSerif.ttf
    std::filesystem::path heading_font;  // default fonts/DejaVuSans-Bold.ttf
    std::filesystem::path italic_font;   // default fonts/DejaVuSerif-Italic.ttf
    std::filesystem::path ui_font;       // captions, citations, controls; default fonts/DejaVuSans.ttf
    double margin = 0.06;  // fraction of the shorter screen side kept clear on every edge
};

// The physical display, from which text sizes are computed (visitor-experience.md).
struct Display {
    double diagonal_inches = 32.0;
    double viewing_distance_m = 2.0;
};

// A key combination such as Ctrl+Alt+Q. `key` is an SDL key name ("Q", "Escape", "F12").
struct KeyChord {
    bool ctrl = false;
    bool alt = false;
    bool shift = false;
    std::string key;
    friend bool operator==(const KeyChord&, const KeyChord&) = default;
};

// Text a visitor reads, in each language it was written in: language code -> text.
using LocalText = std::map<std::string, std::string>;

enum class Corner { top_left, top_right, bottom_left, bottom_right };

// How staff leave a touch-only exhibit: hold a finger in `corner` for `hold`, then type `pin` on
// the keypad that appears (visitors see nothing in that corner).
struct StaffExit {
    Corner corner = Corner::top_left;
    Millis hold{5000};
    std::string pin;  // 4 to 8 digits
};

struct Exhibit {
    std::string title = "Vitrine";  // in the default language
    LocalText titles;               // per language when written so (the menu's heading); may be empty
    std::string language = "en";  // the default language: what a visit starts in, what missing translations fall back to
    // Languages the language button offers, the default first; {language} when not written.
    std::vector<std::string> languages;
    // Each offered language's own name on its button ("Português", "Русский"): built in for common
    // codes, or written under [exhibit.language_names].
    std::map<std::string, std::string> language_names;
    // A visit ends after this long without a touch: the show returns to its attract sequence.
    Millis idle_return{90000};
    Millis idle_warning{10000};  // a warning (which a tap dismisses) shows this long before
    // The section the attract sequence plays (index into Playlist::sections); nullopt = the whole playlist.
    std::optional<std::size_t> attract_section;
    // While a visitor is engaged, timed items stay until they move on (false), or advance as usual (true).
    bool advance_while_engaged = false;
    Millis controls_timeout{5000};  // the controls fade after this long untouched
    std::optional<StaffExit> staff_exit;
    Millis default_duration{10000};
    Transition transition;
    Theme theme;
    Display display;
    KeyChord exit_keys{true, true, false, "Q"};
    std::string start_id;  // item the show begins with; empty = the first item
    double volume = 1.0;   // 0..1: every clip's sound is multiplied by it
    // Which captions a clip shows when it has several ("en", "pt-BR"); empty = `language`.
    // A clip without captions in it shows those in `language`, else its only ones.
    std::string caption_language;
};

// --- item kinds ---------------------------------------------------------------------------

struct TextItem {  // a plain panel: optional title, paragraphs
    std::string title;
    std::vector<std::string> paragraphs;
};

struct ExcerptItem {  // a passage from a document with its citation
    std::string heading;  // optional
    std::string text;
    std::string from;       // source title
    std::string by;         // author
    std::string published;  // where and when
};

struct ArticleItem {
    std::string headline;
    std::vector<std::string> paragraphs;
    std::string slogan;  // optional, shown as an accent line
};

struct StatementItem {
    std::string title;
    std::vector<std::string> paragraphs;
    std::string signed_by;  // e.g. "The Chairperson"
};

struct ListItem {
    std::string title;
    std::vector<std::string> entries;
};

struct ImageItem {
    std::filesystem::path file;
    Fit fit = Fit::contain;
    std::string caption;  // optional
    std::optional<PanZoom> pan_zoom;
};

// Options common to video and audio clips (played by the media layer, issue 3).
struct Clip {
    std::filesystem::path file;
    double volume = 1.0;  // 0..1, multiplied by nothing else yet
    bool loop = false;
    bool mute = false;
    Millis start{0};               // start point within the clip
    std::optional<Millis> end;     // end point within the clip
    std::map<std::string, std::filesystem::path> captions;  // language -> .srt/.vtt file
};

struct VideoItem {
    Clip clip;
    Fit fit = Fit::contain;
    std::string title;  // optional; shown on the placeholder and in logs
};

struct AudioItem {
    Clip clip;
    std::string title;
    std::filesystem::path image;  // optional
    std::string transcript;       // optional
    // Background sound: not an item of its own on screen, it plays under the items that follow
    // it in the playlist: the next `spans` of them (0 = up to the next background sound or the
    // end). A video or audio item among them interrupts it; it resumes after.
    bool background = false;
    std::size_t spans = 0;
};

using ItemBody = std::variant<TextItem, ExcerptItem, ArticleItem, StatementItem, ListItem,
                              ImageItem, VideoItem, AudioItem>;

// A screen region as fractions (0..1) of the screen's width and height.
struct Region {
    double x = 0, y = 0, w = 0, h = 0;
    friend bool operator==(const Region&, const Region&) = default;
};

// A way from an item to another item or section: a labelled button, or (with a region) a hotspot
// over part of the item, e.g. a detail of a photograph.
struct Link {
    LocalText label;  // holds the default language
    enum class Target { item, section };
    Target target_kind = Target::item;
    std::size_t target = 0;       // index into Playlist::items or Playlist::sections
    std::string target_id;        // as written
    std::optional<Region> region;  // nullopt: a button
    SourcePos pos;
};

struct Item {
    std::string id;  // unique; generated ("item-3") when the playlist gives none
    ItemBody body;   // in the exhibit's default language
    // The body in each other language of the exhibit that any of its texts or files was written
    // in; fields without a translation hold the default language's value. See body_in().
    std::map<std::string, ItemBody> translations;
    std::vector<Link> links;
    // How long the item stays. nullopt with until_end=false means "the exhibit default, or
    // the reading time of the text if longer" (see item_duration()).
    std::optional<Millis> duration;
    bool until_end = false;                 // clips only: stay until the clip ends
    std::optional<Transition> transition;   // transition INTO this item; nullopt = exhibit's
    SourcePos pos;                          // where the item's table starts
};

// A part of the exhibit a visitor opens from the menu ("Documents", "Gallery", "Films").
struct Section {
    std::string id;
    LocalText title;                   // holds the default language
    std::filesystem::path image;       // the tile's picture: written, else the first image item's; may be empty
    std::vector<std::size_t> items;    // indices into Playlist::items, in the curator's order; empty for a parent
    std::optional<std::size_t> parent; // index into Playlist::sections: nested one level under it
    SourcePos pos;
};

// A text or file written without a value for one of the exhibit's languages (it falls back to
// the default language). `vitrine check` lists them per language.
struct MissingTranslation {
    std::string language;
    std::string owner;  // "item 'welcome'", "section 'documents'"
    std::string field;  // "title", "text", "link label"; "every text" when nothing of it is translated
    SourcePos pos;
};

struct Playlist {
    std::filesystem::path path;  // the playlist file
    Exhibit exhibit;
    std::vector<Item> items;
    std::vector<Section> sections;  // in the order written; children after their parents or not
    std::vector<MissingTranslation> missing_translations;
};

// The item's body in `language`: its translation, else the default-language body.
const ItemBody& body_in(const Item& item, std::string_view language);

// `text` in `language`, else in `fallback` (the default language), else any; "" when empty.
const std::string& text_in(const LocalText& text, std::string_view language, std::string_view fallback);

// The sections directly under `parent` (nullopt: the top level), in the order written.
std::vector<std::size_t> child_sections(const Playlist& playlist, std::optional<std::size_t> parent);

// Index of the item / section with this id.
std::optional<std::size_t> find_item(const Playlist& playlist, std::string_view id);
std::optional<std::size_t> find_section(const Playlist& playlist, std::string_view id);

// A language's own name ("Português" for "pt"): the exhibit's language_names, the built-in table,
// else the code itself.
std::string language_name(const Exhibit& exhibit, std::string_view code);

// The clip of a video or audio item; null for the other kinds.
const Clip* clip_of(const ItemBody& body);

// Name of the item kind as written in playlists ("excerpt", "image", ...).
std::string_view kind_name(const ItemBody& body);

// Words a visitor reads on the item (for the reading-time rule: about 130 words a minute).
std::size_t word_count(const ItemBody& body);

// How long the item stays on screen when nothing interrupts it.
Millis item_duration(const Item& item, const Exhibit& exhibit);
// The same for the item read in `language` (a translation may take longer to read).
Millis item_duration(const Item& item, const Exhibit& exhibit, std::string_view language);

// The caption file a clip shows: the exhibit's caption language, else its language, else the
// clip's only (or first) captions. Empty when the clip has none.
std::filesystem::path caption_file_for(const Clip& clip, const Exhibit& exhibit);
// The same, for a visitor who chose `language`: that language's captions first.
std::filesystem::path caption_file_for(const Clip& clip, const Exhibit& exhibit, std::string_view language);

// The language caption_file_for picks for embedded subtitle streams.
std::string caption_language_of(const Exhibit& exhibit);

// The transition used when entering `item`.
Transition transition_into(const Item& item, const Exhibit& exhibit);

}  // namespace vitrine::core
