// The demo exhibit (playlists/demo.toml) as the loader reads it: every item kind and transition,
// the menu of sections, the attract section, links, and every visitor text in Portuguese too.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/playlist_loader.hpp"

using namespace vitrine::core;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kRepo = (fs::path(VITRINE_FIXTURES) / ".." / "..").lexically_normal();

// The demo, loaded once per test; fails the test (with every diagnostic shown) if it has any.
Playlist load_demo() {
    const fs::path demo = kRepo / "playlists" / "demo.toml";
    REQUIRE(fs::exists(demo));
    // The demo's media come from scripts/make-demo-media.sh; without them this test cannot judge.
    REQUIRE_MESSAGE(fs::exists(kRepo / "media" / "demo-tone.pt.ogg"), "run scripts/make-demo-media.sh first");
    LoadOptions options;
    options.fonts_dir = kRepo / "fonts";
    const LoadOutcome out = load_playlist(demo, options);
    std::string diagnostics;
    for (const auto& d : out.diagnostics) diagnostics += format(d) + "\n";
    CAPTURE(diagnostics);
    CHECK(out.diagnostics.empty());
    REQUIRE(out.playlist);
    return *out.playlist;
}

const Item& item(const Playlist& p, std::string_view id) {
    const auto i = find_item(p, id);
    REQUIRE_MESSAGE(i.has_value(), "no item ", std::string(id));
    return p.items[*i];
}

const Section& section(const Playlist& p, std::string_view id) {
    const auto i = find_section(p, id);
    REQUIRE_MESSAGE(i.has_value(), "no section ", std::string(id));
    return p.sections[*i];
}

std::vector<std::string> ids_of(const Playlist& p, const std::vector<std::size_t>& items) {
    std::vector<std::string> out;
    for (const std::size_t i : items) out.push_back(p.items.at(i).id);
    return out;
}

std::vector<std::string> section_ids(const Playlist& p, const std::vector<std::size_t>& sections) {
    std::vector<std::string> out;
    for (const std::size_t s : sections) out.push_back(p.sections.at(s).id);
    return out;
}

bool has_visitor_text(const ItemBody& body) { return word_count(body) > 0; }

}  // namespace

TEST_CASE("the demo playlist loads with no error, every item kept and every transition used") {
    const Playlist p = load_demo();
    CHECK(p.items.size() == 15);
    CHECK(p.exhibit.start_id == "introduction");

    std::set<std::string> kinds;
    std::set<TransitionKind> transitions{p.exhibit.transition.kind};
    for (const Item& i : p.items) {
        kinds.insert(std::string(kind_name(i.body)));
        transitions.insert(transition_into(i, p.exhibit).kind);
    }
    CHECK(kinds == std::set<std::string>{"text", "excerpt", "article", "statement", "list", "image", "video", "audio"});
    CHECK(transitions == std::set<TransitionKind>{TransitionKind::cut, TransitionKind::fade, TransitionKind::crossfade,
                                                  TransitionKind::slide});
    // The background sound sits just before the four pictures it plays under.
    const auto ambience_at = find_item(p, "gallery-ambience");
    REQUIRE(ambience_at);
    const auto& ambience = std::get<AudioItem>(p.items[*ambience_at].body);
    CHECK(ambience.background);
    CHECK(ambience.spans == 4);
    CHECK(ambience.clip.loop);
    REQUIRE(*ambience_at + 4 < p.items.size());
    for (std::size_t k = 1; k <= 4; ++k) {
        CAPTURE(p.items[*ambience_at + k].id);
        CHECK(std::holds_alternative<ImageItem>(p.items[*ambience_at + k].body));
    }
    CHECK(std::get<ImageItem>(item(p, "mandelbrot").body).pan_zoom.has_value());
    CHECK(std::get<ImageItem>(item(p, "reading-room").body).fit == Fit::cover);
    const auto& clip = std::get<VideoItem>(item(p, "demo-clip").body).clip;
    CHECK(clip.captions.size() == 2);  // English and Portuguese
    CHECK(caption_file_for(clip, p.exhibit).filename() == "demo-clip.en.srt");
}

TEST_CASE("the demo's menu has five tiles, Documents holding two sections, each with a picture") {
    const Playlist p = load_demo();
    CHECK(section_ids(p, child_sections(p, std::nullopt)) ==
          std::vector<std::string>{"highlights", "library", "documents", "gallery", "films"});
    const auto documents = find_section(p, "documents");
    REQUIRE(documents);
    CHECK(section_ids(p, child_sections(p, *documents)) == std::vector<std::string>{"soviet-documents", "other-documents"});
    CHECK(p.sections[*documents].items.empty());  // a parent lists sections, not items
    CHECK(text_in(p.sections[*documents].title, "en", "en") == "Documents");

    CHECK(ids_of(p, section(p, "soviet-documents").items) ==
          std::vector<std::string>{"lenin-moscow-soviet", "constitution-article-122", "constitution-article-122-full"});
    CHECK(ids_of(p, section(p, "other-documents").items) == std::vector<std::string>{"engels-on-authority", "no-cup"});
    CHECK(ids_of(p, section(p, "gallery").items) ==
          std::vector<std::string>{"gallery-ambience", "mandelbrot", "drawing", "portrait", "reading-room"});
    CHECK(ids_of(p, section(p, "films").items) == std::vector<std::string>{"demo-clip", "demo-tone"});
    CHECK(text_in(section(p, "films").title, "en", "en") == "Films and sound");

    // Every item can be reached from the menu.
    std::set<std::string> reachable;
    for (const Section& s : p.sections)
        for (const auto& id : ids_of(p, s.items)) reachable.insert(id);
    for (const Item& i : p.items) {
        CAPTURE(i.id);
        CHECK(reachable.contains(i.id));
    }
    // Every tile has a picture on disk: written, or the first picture among the section's items.
    for (const Section& s : p.sections) {
        CAPTURE(s.id);
        CHECK_FALSE(s.image.empty());
        CHECK(fs::exists(s.image));
    }
    CHECK(section(p, "highlights").image.filename() == "mandelbrot.jpg");  // its first picture
    CHECK(section(p, "films").image.filename() == "films.jpg");
}

TEST_CASE("the demo's attract loop is a short round of highlights, and staff leave by the corner and PIN") {
    const Playlist p = load_demo();
    const Exhibit& ex = p.exhibit;
    REQUIRE(ex.attract_section.has_value());
    const Section& highlights = p.sections.at(*ex.attract_section);
    CHECK(highlights.id == "highlights");
    CHECK(ids_of(p, highlights.items) == std::vector<std::string>{"introduction", "mandelbrot", "constitution-article-122",
                                                                  "drawing", "welcome", "reading-room"});
    // Short: the whole round (items and their entry transitions) within three minutes.
    Millis round{0};
    for (const std::size_t i : highlights.items) {
        const auto t = transition_into(p.items[i], ex);
        round += (t.kind == TransitionKind::cut ? 0ms : t.duration) + item_duration(p.items[i], ex);
    }
    CHECK(round <= 3min);
    CHECK(round >= 1min);

    CHECK(ex.idle_return == 60s);
    CHECK(ex.idle_warning == 10s);
    CHECK(ex.controls_timeout == 5s);
    CHECK_FALSE(ex.advance_while_engaged);
    REQUIRE(ex.staff_exit.has_value());
    CHECK(ex.staff_exit->corner == Corner::top_left);
    CHECK(ex.staff_exit->hold == 5s);
    CHECK(ex.staff_exit->pin == "2468");
    CHECK(ex.exit_keys == KeyChord{true, true, false, "Q"});
}

TEST_CASE("the demo links a passage to its full text, a shelf to the reading list and the list to a section") {
    const Playlist p = load_demo();

    const Item& excerpt = item(p, "constitution-article-122");
    REQUIRE(excerpt.links.size() == 1);
    const Link& full = excerpt.links[0];
    CHECK(text_in(full.label, "en", "en") == "Read the full text");
    CHECK(text_in(full.label, "pt", "en") == "Ler o texto completo");
    CHECK(full.target_kind == Link::Target::item);
    CHECK(p.items.at(full.target).id == "constitution-article-122-full");
    CHECK_FALSE(full.region.has_value());
    // The full text is longer than the passage that links to it, in both languages.
    for (const char* lang : {"en", "pt"}) {
        CAPTURE(lang);
        const auto& whole = std::get<ExcerptItem>(body_in(p.items[full.target], lang)).text;
        const auto& passage = std::get<ExcerptItem>(body_in(excerpt, lang)).text;
        CHECK(whole.size() > 4 * passage.size());
    }

    const Item& shelves = item(p, "reading-room");
    REQUIRE(shelves.links.size() == 1);
    CHECK(shelves.links[0].target_kind == Link::Target::item);
    CHECK(p.items.at(shelves.links[0].target).id == "reading-list");
    REQUIRE(shelves.links[0].region.has_value());
    CHECK(*shelves.links[0].region == Region{0.25, 0.25, 0.5, 0.5});

    const Item& list = item(p, "reading-list");
    REQUIRE(list.links.size() == 2);
    CHECK(list.links[0].target_kind == Link::Target::section);
    CHECK(p.sections.at(list.links[0].target).id == "documents");
    CHECK(list.links[1].target_kind == Link::Target::item);
    CHECK(p.items.at(list.links[1].target).id == "reading-room");

    // Every link names what it goes to by the id written.
    for (const Item& i : p.items) {
        for (const Link& l : i.links) {
            CAPTURE(i.id);
            CAPTURE(l.target_id);
            const std::string& id = l.target_kind == Link::Target::item ? p.items.at(l.target).id : p.sections.at(l.target).id;
            CHECK(id == l.target_id);
            CHECK(l.pos.line > 0);
        }
    }
}

TEST_CASE("every visitor text of the demo has a Portuguese version, and nothing is listed as missing") {
    const Playlist p = load_demo();
    CHECK(p.exhibit.languages == std::vector<std::string>{"en", "pt"});
    CHECK(p.exhibit.language == "en");
    CHECK(language_name(p.exhibit, "pt") == "Português");
    CHECK(language_name(p.exhibit, "en") == "English");
    for (const auto& m : p.missing_translations) {
        CAPTURE(m.language);
        CAPTURE(m.owner);
        CAPTURE(m.field);
        CAPTURE(m.pos.line);
        FAIL_CHECK("a translation is missing");
    }

    SUBCASE("every section title") {
        for (const Section& s : p.sections) {
            CAPTURE(s.id);
            REQUIRE(s.title.contains("pt"));
            CHECK_FALSE(s.title.at("pt").empty());
            CHECK(s.title.at("pt") != s.title.at("en"));
        }
    }
    SUBCASE("every link label") {
        for (const Item& i : p.items) {
            for (const Link& l : i.links) {
                CAPTURE(i.id);
                REQUIRE(l.label.contains("pt"));
                CHECK(l.label.at("pt") != l.label.at("en"));
            }
        }
    }
    SUBCASE("every image caption") {
        for (const Item& i : p.items) {
            const auto* en = std::get_if<ImageItem>(&i.body);
            if (!en) continue;
            CAPTURE(i.id);
            REQUIRE(i.translations.contains("pt"));
            const auto& pt = std::get<ImageItem>(i.translations.at("pt"));
            CHECK_FALSE(pt.caption.empty());
            CHECK(pt.caption != en->caption);
            CHECK(pt.file == en->file);  // one picture for both languages
        }
    }
    SUBCASE("every item a visitor reads") {
        for (const Item& i : p.items) {
            CAPTURE(i.id);
            if (!has_visitor_text(i.body)) {
                CHECK(i.id == "gallery-ambience");  // background sound: nothing to read
                continue;
            }
            REQUIRE(i.translations.contains("pt"));
            CHECK(&body_in(i, "pt") == &i.translations.at("pt"));
            CHECK(kind_name(body_in(i, "pt")) == kind_name(i.body));
            CHECK(word_count(body_in(i, "pt")) > 0);
        }
    }
    SUBCASE("the texts asked for by name") {
        CHECK(std::get<TextItem>(body_in(item(p, "introduction"), "pt")).title == "Uma biblioteca e museu virtuais");
        const auto& welcome = std::get<StatementItem>(body_in(item(p, "welcome"), "pt"));
        CHECK(welcome.title == "Nossas portas estão abertas");
        REQUIRE(welcome.paragraphs.size() == 3);
        CHECK(welcome.paragraphs[2] == "Nossas portas estão abertas. Entre!");
        const auto& no_cup = std::get<ArticleItem>(body_in(item(p, "no-cup"), "pt"));
        CHECK(no_cup.headline == "“Não vai ter Copa”");
        CHECK(no_cup.slogan == "#NãoVaiTerCopa");  // the same in both languages
        REQUIRE(no_cup.paragraphs.size() == 2);
        CHECK(no_cup.paragraphs[0].find("Movimento dos Trabalhadores Sem Teto") != std::string::npos);
        const auto& list = std::get<ListItem>(body_in(item(p, "reading-list"), "pt"));
        CHECK(list.title == "Na sala de leitura");
        CHECK(list.entries.size() == std::get<ListItem>(item(p, "reading-list").body).entries.size());
    }
}

TEST_CASE("the Soviet documents keep their Russian titles in Cyrillic in both languages") {
    const Playlist p = load_demo();
    for (const char* lang : {"en", "pt"}) {
        CAPTURE(lang);
        CHECK(std::get<ExcerptItem>(body_in(item(p, "constitution-article-122"), lang)).from.find("Проект Конституции СССР") !=
              std::string::npos);
        CHECK(std::get<ExcerptItem>(body_in(item(p, "constitution-article-122-full"), lang))
                  .from.find("Конституция (Основной Закон) Союза Советских Социалистических Республик") != std::string::npos);
    }
    CHECK(std::get<ExcerptItem>(body_in(item(p, "lenin-moscow-soviet"), "pt")).published.find("Правда") != std::string::npos);
}

TEST_CASE("a Portuguese visitor hears the Portuguese recording and reads the Portuguese captions") {
    const Playlist p = load_demo();
    const Item& tone = item(p, "demo-tone");
    const Clip* en = clip_of(body_in(tone, "en"));
    const Clip* pt = clip_of(body_in(tone, "pt"));
    REQUIRE(en);
    REQUIRE(pt);
    CHECK(en->file.filename() == "demo-tone.ogg");
    CHECK(pt->file.filename() == "demo-tone.pt.ogg");
    REQUIRE(fs::exists(en->file));
    REQUIRE(fs::exists(pt->file));
    CHECK(fs::file_size(en->file) != fs::file_size(pt->file));  // two recordings, not one copied
    CHECK(pt->volume == en->volume);  // what is not localized is the same
    CHECK(std::get<AudioItem>(body_in(tone, "pt")).title == "Um suave acorde de dó maior");

    const Item& film = item(p, "demo-clip");
    const Clip* film_clip = clip_of(film.body);
    REQUIRE(film_clip);
    CHECK(caption_file_for(*film_clip, p.exhibit, "pt").filename() == "demo-clip.pt.srt");
    CHECK(caption_file_for(*film_clip, p.exhibit, "en").filename() == "demo-clip.en.srt");
    CHECK(clip_of(body_in(film, "pt"))->file == film_clip->file);  // one film, captions per language
}
