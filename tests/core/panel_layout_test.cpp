// Panel layout and typography over a fake measurer (tests/core/fake_text_measurer.hpp): every
// sample text of the exhibit (tests/fixtures/layout/sample-material.toml, a copy of
// /work/shared/content/sample-material.toml) laid out on the three screens Vitrine must serve.
#include <doctest/doctest.h>

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/caption_layout.hpp"
#include "core/panel_layout.hpp"
#include "core/text_layout.hpp"
#include "core/typography.hpp"
#include "core/fake_text_measurer.hpp"  // tests/core

using namespace vitrine::core;
using vitrine::testing::fake_measurer;

namespace {

struct Sample {
    std::string id;
    ItemBody body;
};

std::string str(const toml::table& t, std::string_view key) { return t[key].value_or(std::string{}); }

std::vector<std::string> strings(const toml::table& t, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* a = t[key].as_array())
        for (const auto& v : *a) out.push_back(v.value_or(std::string{}));
    return out;
}

struct Material {
    std::vector<Sample> panels;
    std::vector<std::string> captions;
};

Material load_material() {
    auto parsed = toml::parse_file(VITRINE_FIXTURES "/layout/sample-material.toml");
    REQUIRE_MESSAGE(parsed.succeeded(), parsed.error().description());
    const toml::table& root = parsed.table();
    Material m;
    auto each = [&](std::string_view kind, auto make) {
        if (const auto* arr = root[kind].as_array())
            for (const auto& node : *arr) {
                const toml::table& t = *node.as_table();
                m.panels.push_back({str(t, "id"), make(t)});
            }
    };
    each("excerpt", [](const toml::table& t) -> ItemBody {
        return ExcerptItem{str(t, "heading"), str(t, "text"), str(t, "from"), str(t, "by"), str(t, "published")};
    });
    each("article", [](const toml::table& t) -> ItemBody {
        return ArticleItem{str(t, "headline"), strings(t, "paragraphs"), str(t, "slogan")};
    });
    each("statement", [](const toml::table& t) -> ItemBody {
        return StatementItem{str(t, "title"), strings(t, "paragraphs"), str(t, "signed")};
    });
    each("list", [](const toml::table& t) -> ItemBody {
        return ListItem{str(t, "title"), strings(t, "items")};
    });
    if (const auto* arr = root["captioned_image"].as_array())
        for (const auto& node : *arr) m.captions.push_back(str(*node.as_table(), "caption"));
    // The calm notice and a clip placeholder, as the item preparer builds them.
    m.panels.push_back({"notice", TextItem{"Vitrine", {"The exhibit will continue shortly."}}});
    m.panels.push_back({"video-placeholder",
                        TextItem{"Interview with the curator", {"Video · 3:24", "This clip is shown as a still panel in this version of Vitrine."}}});
    return m;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> out;
    std::istringstream in{std::string(text)};
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// The words of the passage runs (body font) of all pages, in order.
std::vector<std::string> body_words(const std::vector<PanelPage>& pages) {
    std::vector<std::string> out;
    for (const auto& p : pages)
        for (const auto& r : p.runs)
            if (r.role == FontRole::body)
                for (auto& w : words_of(r.text)) out.push_back(std::move(w));
    return out;
}

std::vector<std::string> body_words_of(const ItemBody& body) {
    std::vector<std::string> out;
    for (const auto& [role, text] : texts_by_role(body))
        if (role == FontRole::body)
            for (auto& w : words_of(text)) out.push_back(std::move(w));
    return out;
}

bool is_marker(const PanelRun& r) { return r.text.find('/') != std::string::npos && r.role == FontRole::ui && r.text.size() <= 7; }

struct Screen {
    const char* name;
    Size size;
};
constexpr Screen kScreens[] = {{"1920x1080", {1920, 1080}}, {"1080x1920", {1080, 1920}}, {"1280x720", {1280, 720}}};

}  // namespace

TEST_CASE("typography for a 32-inch 1080p panel read from 2 m follows the visitor-experience numbers") {
    const auto m = fake_measurer();
    const Typography t = compute_typography(Display{}, {1920, 1080}, Theme{}, m);
    CHECK(t.px_per_mm == doctest::Approx(2.7103).epsilon(0.001));
    CHECK(t.target_cap_px == 32);  // 20′ of arc at 2 m = 11.64 mm = 31.5 px
    CHECK(t.min_cap_px == 26);     // 16′ = 9.31 mm = 25.2 px, rounded up
    // The body size is the smallest whose capitals reach the target.
    CHECK(m.metrics(FontRole::body, t.body_px).cap_height >= 32);
    CHECK(m.metrics(FontRole::body, t.body_px - 1).cap_height < 32);
    CHECK(t.body_px == 46);  // 0.7 × 45 falls just short of 31.5 in floating point
    CHECK(m.metrics(FontRole::body, t.min_body_px).cap_height >= 26);
    CHECK(m.metrics(FontRole::body, t.min_body_px - 1).cap_height < 26);
    CHECK(t.max_column_px == 1498);  // 78 % of the width: wide empty sides on a landscape panel
    CHECK(t.max_body_px == 68);      // under 1.5 × 46: where 40 characters fill that column
    CHECK(t.margin_px == 65);    // 6 % of 1080
    CHECK(t.content_width == 1920 - 130);
    CHECK(t.content_height == 1080 - 130);

    const TypeScale s = type_scale(t, t.body_px, m);
    const double chars = s.column_px / (0.55 * s.body_px);
    CHECK(chars == doctest::Approx(55.0).epsilon(0.02));
    CHECK(s.body_line >= 1.5 * s.body_px);
    CHECK(s.citation_line >= 1.5 * s.citation_px);
    CHECK(s.paragraph_gap > 0);
    CHECK(s.heading_px > s.body_px);
    CHECK(s.citation_px < s.body_px);
    CHECK(m.metrics(FontRole::ui, s.citation_px).cap_height >= 22);  // 14′ of arc

    SUBCASE("a larger screen from further away sets larger type") {
        const Typography far = compute_typography(Display{55.0, 4.0}, {1920, 1080}, Theme{}, m);
        // 55" has fewer px per mm, 4 m doubles the angle's size: net about 1.16× larger.
        CHECK(far.target_cap_px == 37);
        CHECK(far.body_px > t.body_px);
    }
    SUBCASE("720p on the same panel has fewer pixels per millimetre") {
        const Typography small = compute_typography(Display{}, {1280, 720}, Theme{}, m);
        CHECK(small.px_per_mm == doctest::Approx(1.8069).epsilon(0.001));
        CHECK(small.target_cap_px == 21);
        CHECK(small.min_cap_px == 17);
    }
}

TEST_CASE("every sample text lays out inside the margins at a readable size on every screen") {
    const auto m = fake_measurer();
    const Material material = load_material();
    REQUIRE(material.panels.size() == 8);
    for (const Screen& screen : kScreens) {
        SUBCASE(screen.name) {
            const Typography t = compute_typography(Display{}, screen.size, Theme{}, m);
            const int left = t.margin_px, top = t.margin_px;
            const int right = screen.size.width - t.margin_px, bottom = screen.size.height - t.margin_px;
            for (const Sample& sample : material.panels) {
                CAPTURE(sample.id);
                const auto pages = layout_panel(sample.body, Theme{}, Display{}, screen.size, m);
                REQUIRE(!pages.empty());
                std::size_t body_chars = 0, body_lines = 0;
                for (const PanelPage& page : pages) {
                    CAPTURE(page.number);
                    CHECK(page.page_count == static_cast<int>(pages.size()));
                    CHECK(page.body_px >= t.min_body_px);
                    CHECK(page.body_px <= t.max_body_px);
                    const TypeScale s = type_scale(t, page.body_px, m);
                    REQUIRE(!page.runs.empty());
                    for (const PanelRun& r : page.runs) {
                        CAPTURE(r.text);
                        CHECK(r.x >= left);
                        CHECK(r.x + r.width <= right);
                        CHECK(r.y >= top);
                        CHECK(r.y + r.height <= bottom);
                        CHECK(r.width <= s.column_px);
                        CHECK(r.y < r.baseline);
                        CHECK(r.baseline < r.y + r.height);
                        CHECK(r.width == m.width(r.role, r.px, r.text));
                        if (r.role == FontRole::body) {
                            CHECK(r.px >= t.min_body_px);
                            CHECK(r.height >= 1.5 * r.px);
                            CHECK(count_code_points(r.text) <= 80);
                            body_chars += count_code_points(r.text);
                            ++body_lines;
                        }
                    }
                    for (const PanelRule& rule : page.rules) {
                        CHECK(rule.x >= left);
                        CHECK(rule.x + rule.width <= right);
                        CHECK(rule.y >= top);
                        CHECK(rule.y + rule.height <= bottom);
                    }
                    // No two runs overlap.
                    for (std::size_t i = 0; i < page.runs.size(); ++i)
                        for (std::size_t j = i + 1; j < page.runs.size(); ++j) {
                            const PanelRun &a = page.runs[i], &b = page.runs[j];
                            const bool apart = a.x + a.width <= b.x || b.x + b.width <= a.x ||
                                               a.y + a.height <= b.y || b.y + b.height <= a.y;
                            CHECK_MESSAGE(apart, a.text, " overlaps ", b.text);
                        }
                }
                if (body_lines > 0) CHECK(double(body_chars) / double(body_lines) <= 80.0);
                // Nothing lost, nothing added, in reading order.
                CHECK(body_words(pages) == body_words_of(sample.body));
                // Heading larger than body, citation smaller.
                for (const PanelRun& r : pages.front().runs) {
                    if (r.role == FontRole::heading) CHECK(r.px > pages.front().body_px);
                    if (r.role == FontRole::ui && !is_marker(r)) CHECK(r.px < pages.front().body_px);
                }
            }
        }
    }
}

TEST_CASE("an excerpt's citation sits below its passage, labelled, smaller and muted, after a rule") {
    const auto m = fake_measurer();
    const Material material = load_material();
    for (const Screen& screen : kScreens) {
        SUBCASE(screen.name) {
            for (const Sample& sample : material.panels) {
                if (!std::holds_alternative<ExcerptItem>(sample.body)) continue;
                CAPTURE(sample.id);
                const auto pages = layout_panel(sample.body, Theme{}, Display{}, screen.size, m);
                REQUIRE(pages.size() == 1);
                const PanelPage& page = pages.front();
                int passage_bottom = 0, citation_top = 1 << 30;
                std::vector<std::string> labels;
                for (const PanelRun& r : page.runs) {
                    if (r.role == FontRole::body) passage_bottom = std::max(passage_bottom, r.y + r.height);
                    if (r.role == FontRole::ui) {
                        citation_top = std::min(citation_top, r.y);
                        CHECK(r.px < page.body_px);
                        if (r.color == ColorRole::accent) labels.push_back(r.text);
                        else CHECK(r.color == ColorRole::muted);
                    }
                }
                CHECK(labels == std::vector<std::string>{"From", "By", "Published"});
                CHECK(citation_top > passage_bottom);
                REQUIRE(page.rules.size() == 1);
                CHECK(page.rules[0].y >= passage_bottom);
                CHECK(page.rules[0].y + page.rules[0].height <= citation_top);
                CHECK(page.rules[0].color == ColorRole::accent);
            }
        }
    }
}

TEST_CASE("a short text grows to fill the panel, up to one and a half times the target size") {
    const auto m = fake_measurer();
    const Typography t = compute_typography(Display{}, {1920, 1080}, Theme{}, m);
    const auto pages = layout_panel(TextItem{"Vitrine", {"The exhibit will continue shortly."}}, Theme{},
                                    Display{}, {1920, 1080}, m);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].body_px == t.max_body_px);
    // Centred: as much room left as right of the widest line, and the block near mid-height.
    int x0 = 1920, x1 = 0, y0 = 1080, y1 = 0;
    for (const auto& r : pages[0].runs) {
        x0 = std::min(x0, r.x), x1 = std::max(x1, r.x + r.width);
        y0 = std::min(y0, r.y), y1 = std::max(y1, r.y + r.height);
    }
    CHECK(std::abs((x0 - 0) - (1920 - x1)) <= 1);
    CHECK(y0 > 300);
    CHECK(std::abs((y0 + y1) / 2 - 540) < 60);
}

TEST_CASE("a text that fills the panel is set at the largest size at which it fits") {
    const auto m = fake_measurer();
    const Material material = load_material();
    const auto it = std::find_if(material.panels.begin(), material.panels.end(),
                                 [](const Sample& s) { return s.id == "no-cup"; });
    REQUIRE(it != material.panels.end());
    const Typography t = compute_typography(Display{}, {1080, 1920}, Theme{}, m);
    const auto pages = layout_panel(it->body, Theme{}, Display{}, {1080, 1920}, m);
    REQUIRE(pages.size() == 1);
    const int px = pages[0].body_px;
    CHECK(px >= t.min_body_px);
    CHECK(px < t.max_body_px);
    // One size larger would have overflowed: the tallest run reaches into the lower part.
    int bottom = 0;
    for (const auto& r : pages[0].runs) bottom = std::max(bottom, r.y + r.height);
    CHECK(bottom > 1920 - t.margin_px - 3 * type_scale(t, px, m).body_line);
}

TEST_CASE("a text too long for one page is split into pages without losing a line") {
    const auto m = fake_measurer();
    // 14 paragraphs of varied words: far more than one page holds at the minimum size.
    std::vector<std::string> paragraphs;
    for (int p = 0; p < 14; ++p) {
        std::string text;
        for (int w = 0; w < 60; ++w) {
            text += (w ? " " : "") + std::string("w") + std::to_string(p) + "x" + std::to_string(w) +
                    std::string(static_cast<std::size_t>((w * 7 + p) % 9), 'a');
        }
        paragraphs.push_back(text);
    }
    for (const Screen& screen : kScreens) {
        SUBCASE(screen.name) {
            const Typography t = compute_typography(Display{}, screen.size, Theme{}, m);
            SUBCASE("a text with a title") {
                const TextItem item{"A long history", paragraphs};
                const auto pages = layout_panel(item, Theme{}, Display{}, screen.size, m);
                REQUIRE(pages.size() > 1);
                CHECK(body_words(pages) == body_words_of(item));
                for (const PanelPage& page : pages) {
                    CAPTURE(page.number);
                    CHECK(page.body_px >= t.min_body_px);
                    CHECK(page.body_px <= t.body_px);
                    const bool has_heading = std::any_of(page.runs.begin(), page.runs.end(),
                                                         [](const PanelRun& r) { return r.role == FontRole::heading; });
                    CHECK(has_heading == (page.number == 1));
                    const std::string marker = std::to_string(page.number) + "/" + std::to_string(pages.size());
                    const auto found = std::find_if(page.runs.begin(), page.runs.end(),
                                                    [&](const PanelRun& r) { return r.text == marker; });
                    REQUIRE(found != page.runs.end());
                    CHECK(found->color == ColorRole::muted);
                    for (const PanelRun& r : page.runs) {
                        CHECK(r.y >= t.margin_px);
                        CHECK(r.y + r.height <= screen.size.height - t.margin_px);
                        if (&r != &*found) CHECK(r.y + r.height <= found->y);  // the marker is below the text
                    }
                }
            }
            SUBCASE("an excerpt keeps its citation whole on the last page") {
                std::string passage;
                for (const auto& p : paragraphs) passage += p + " ";
                const ExcerptItem item{"A heading", passage, "A source", "An author", "Somewhere, 1900"};
                const auto pages = layout_panel(item, Theme{}, Display{}, screen.size, m);
                REQUIRE(pages.size() > 1);
                CHECK(body_words(pages) == body_words_of(item));
                for (const PanelPage& page : pages) {
                    std::size_t citation_runs = 0;
                    for (const PanelRun& r : page.runs)
                        if (r.role == FontRole::ui && !is_marker(r)) ++citation_runs;
                    CHECK(citation_runs == (page.number == page.page_count ? 6u : 0u));
                    CHECK(page.rules.size() == (page.number == page.page_count ? 1u : 0u));
                }
            }
        }
    }
}

TEST_CASE("a statement's signature is set flush right under its text, in muted italic") {
    const auto m = fake_measurer();
    const StatementItem item{"Our doors are open", {"This is a short statement that spans a line or two on a panel."}, "The Chairperson"};
    const auto pages = layout_panel(item, Theme{}, Display{}, {1920, 1080}, m);
    REQUIRE(pages.size() == 1);
    const PanelRun& sig = pages[0].runs.back();
    CHECK(sig.text == "— The Chairperson");
    CHECK(sig.role == FontRole::italic);
    CHECK(sig.color == ColorRole::muted);
    int right = 0, bottom = 0;
    for (const auto& r : pages[0].runs)
        if (&r != &sig) right = std::max(right, r.x + r.width), bottom = std::max(bottom, r.y + r.height);
    CHECK(sig.x + sig.width == right);
    CHECK(sig.y >= bottom);
}

TEST_CASE("list entries hang from square accent bullets") {
    const auto m = fake_measurer();
    const ListItem item{"Reading", {"A first entry that is long enough to wrap onto a second line on a portrait screen", "Second"}};
    const auto pages = layout_panel(item, Theme{}, Display{}, {1080, 1920}, m);
    REQUIRE(pages.size() == 1);
    REQUIRE(pages[0].rules.size() == 2);
    std::vector<const PanelRun*> body;
    for (const auto& r : pages[0].runs)
        if (r.role == FontRole::body) body.push_back(&r);
    REQUIRE(body.size() >= 3);
    const auto& bullet = pages[0].rules[0];
    CHECK(bullet.width == bullet.height);
    CHECK(bullet.color == ColorRole::accent);
    CHECK(bullet.x + bullet.width < body[0]->x);
    CHECK(body[1]->x == body[0]->x);  // the wrapped line aligns with the entry's text, not the bullet
    CHECK(bullet.y > body[0]->y);
    CHECK(bullet.y + bullet.height < body[0]->baseline);
}

TEST_CASE("an image has no panel") {
    const auto m = fake_measurer();
    CHECK(layout_panel(ImageItem{}, Theme{}, Display{}, {1920, 1080}, m).empty());
}

TEST_CASE("a caption sits on a band at the bottom, inside the safe area, in at most two lines") {
    const auto m = fake_measurer();
    const Material material = load_material();
    REQUIRE(material.captions.size() == 1);
    const std::string long_caption =
        "A caption far longer than any caption should be, written by a curator who had a great deal "
        "to say about the drawing, its author, the coworker, the inventory and the prices of the day, "
        "and who kept on writing long after the band had run out of room.";
    for (const Screen& screen : kScreens) {
        SUBCASE(screen.name) {
            const int w = screen.size.width, h = screen.size.height;
            const Typography t = compute_typography(Display{}, screen.size, Theme{}, m);
            const std::size_t max_lines = h > w ? 3 : 2;
            for (const std::string& text : {material.captions[0], long_caption}) {
                CAPTURE(text);
                const CaptionLayout c = layout_caption(text, Theme{}, Display{}, screen.size, m);
                REQUIRE(!c.lines.empty());
                CHECK(c.lines.size() <= max_lines);
                CHECK(c.px >= t.min_caption_px);
                CHECK(c.band_x >= w / 8);
                CHECK(c.band_x + c.band_width <= w - w / 8);
                CHECK(c.band_y >= h / 20);
                CHECK(c.band_y + c.band_height <= h - h / 20);
                CHECK(c.band_y + c.band_height >= h - h / 20 - 2);  // at the bottom of the safe area
                for (const auto& l : c.lines) {
                    CHECK(count_code_points(l.text) <= 42);
                    CHECK(l.x >= c.band_x);
                    CHECK(l.x + l.width <= c.band_x + c.band_width);
                    CHECK(l.y >= c.band_y);
                    CHECK(l.y + l.height <= c.band_y + c.band_height);
                    CHECK(std::abs((l.x + l.width / 2) - w / 2) <= 1);  // centred
                }
                CHECK(c.truncated == (text == long_caption));
                if (c.truncated) CHECK(c.lines.back().text.ends_with("…"));
            }
            const CaptionLayout drawing = layout_caption(material.captions[0], Theme{}, Display{}, screen.size, m);
            CHECK(drawing.px >= t.caption_px - 1);  // a one-line-ish caption is not shrunk
            std::string joined;
            for (const auto& l : drawing.lines) joined += (joined.empty() ? "" : " ") + l.text;
            CHECK(joined == material.captions[0]);
        }
    }
    CHECK(layout_caption("", Theme{}, Display{}, {1920, 1080}, m).lines.empty());
}

TEST_CASE("caption text keeps 7:1 contrast against its band over any picture") {
    CHECK(contrast_ratio({255, 255, 255}, {0, 0, 0}) == doctest::Approx(21.0));
    CHECK(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));
    CHECK(contrast_ratio(caption_text_color(Theme{}), caption_band_worst_case()) >= 7.0);
    Theme grey;
    grey.text = {0x80, 0x80, 0x80};
    CHECK(caption_text_color(grey) == Color{255, 255, 255, 255});
}

TEST_CASE("fonts are chosen by role from the theme, one mapping for layout and the loader") {
    Theme theme;
    theme.body_font = "b.ttf";
    theme.italic_font = "i.ttf";
    theme.heading_font = "h.ttf";
    theme.ui_font = "u.ttf";
    CHECK(font_for(FontRole::body, theme) == "b.ttf");
    CHECK(font_for(FontRole::italic, theme) == "i.ttf");
    CHECK(font_for(FontRole::heading, theme) == "h.ttf");
    CHECK(font_for(FontRole::ui, theme) == "u.ttf");
    const ItemBody article = ArticleItem{"Headline", {"One.", "Two."}, "#Slogan"};
    const auto roles = texts_by_role(article);
    REQUIRE(roles.size() == 4);
    CHECK(roles[0] == std::pair{FontRole::heading, std::string_view("Headline")});
    CHECK(roles[1] == std::pair{FontRole::italic, std::string_view("#Slogan")});
    CHECK(roles[3] == std::pair{FontRole::body, std::string_view("Two.")});
    const ItemBody item = ExcerptItem{"", "Text", "From", "", "1900"};
    const auto excerpt = texts_by_role(item);
    REQUIRE(excerpt.size() == 3);
    CHECK(excerpt[1].first == FontRole::ui);
}

TEST_CASE("a display without a size is taken as the default panel, and tiny screens still lay out") {
    const auto m = fake_measurer();
    const Typography normal = compute_typography(Display{}, {1920, 1080}, Theme{}, m);
    const Typography zero = compute_typography(Display{0.0, -1.0}, {1920, 1080}, Theme{}, m);
    CHECK(zero.body_px == normal.body_px);
    const Typography far = compute_typography(Display{32.0, 100.0}, {1920, 1080}, Theme{}, m);
    CHECK(far.target_cap_px == 135);  // capped at an eighth of the screen height

    const ExcerptItem excerpt{"Heading", "A passage of a few words that must wrap.", "Source", "Author", "1900"};
    const ItemBody body = excerpt;
    const auto pages = layout_panel(body, Theme{}, Display{}, {200, 150}, m);
    REQUIRE(!pages.empty());
    CHECK(body_words(pages) == body_words_of(body));
    CHECK(layout_panel(TextItem{}, Theme{}, Display{}, {1920, 1080}, m).size() == 1);
}
