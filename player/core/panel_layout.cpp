#include "core/panel_layout.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <tuple>

#include "core/text_layout.hpp"
#include "core/typography.hpp"

namespace vitrine::core {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

constexpr double kOpticalCentre = 0.45;   // share of the free height above a centred block: optical centre
constexpr double kSloganGap = 0.35;       // of body size, between a headline and its slogan
constexpr double kEntryGap = 0.45;        // of body size, between list entries (short, but apart)
constexpr double kRuleGapAbove = 1.1;     // of body size, passage to the citation rule
constexpr double kRuleGapBelow = 0.7;     // of body size, rule to the first citation line
constexpr double kRuleLength = 2.5;       // of body size: a short rule reads as a divider, not a frame
constexpr double kRuleThickness = 0.07;   // of body size
constexpr double kBulletSize = 0.28;      // of body size: a small square, visible from afar
constexpr double kBulletRaise = 0.38;      // of cap height: a bullet's centre above the baseline, mid lower-case
constexpr double kBulletIndent = 1.0;     // of body size: hanging indent of list entries
constexpr double kLabelGap = 0.7;         // of citation size, between a label and its value
constexpr double kMarkerGap = 0.5;        // of body size, between text and the page marker

// One line of the flow: its runs and rules relative to the column's left edge and the row's top.
struct Row {
    int height = 0;
    int space_before = 0;         // dropped at the top of a page
    bool keep_with_next = false;  // no page break between this row and the next
    bool flush_right = false;     // aligned to the right edge of the text block
    std::vector<PanelRun> runs;
    std::vector<PanelRule> rules;

    int right_extent() const {
        int r = 0;
        for (const auto& run : runs) r = std::max(r, run.x + run.width);
        for (const auto& rule : rules) r = std::max(r, rule.x + rule.width);
        return r;
    }
};

int scaled(double factor, int px) { return static_cast<int>(std::lround(factor * px)); }

// Builds the rows of a panel at one type scale.
class FlowBuilder {
public:
    FlowBuilder(const TypeScale& scale, const TextMeasurer& measurer, const PanelOptions& options)
        : s_(scale), m_(measurer), o_(options) {}

    std::vector<Row> take() { return std::move(rows_); }

    void heading(const std::string& text) {
        if (text.empty()) return;
        text_block(text, FontRole::heading, s_.heading_px, s_.heading_line, ColorRole::heading, 0,
                   s_.column_px, true);
        for (auto& r : block()) r.keep_with_next = true;  // a heading never ends a page
        next_gap_ = s_.heading_gap;
    }

    void slogan(const std::string& text) {
        if (text.empty()) return;
        if (!rows_.empty()) next_gap_ = scaled(kSloganGap, s_.body_px);
        text_block(text, FontRole::italic, s_.slogan_px, s_.slogan_line, ColorRole::accent, 0,
                   s_.column_px, false);
        for (auto& r : block()) r.keep_with_next = true;
        next_gap_ = s_.heading_gap;
    }

    void paragraph(const std::string& text) {
        if (text.empty()) return;
        text_block(text, FontRole::body, s_.body_px, s_.body_line, ColorRole::text, 0, s_.column_px,
                   false);
        keep_lines_together();
        next_gap_ = s_.paragraph_gap;
    }

    void entry(const std::string& text) {
        if (text.empty()) return;
        const int indent = scaled(kBulletIndent, s_.body_px);
        if (entries_ > 0) next_gap_ = scaled(kEntryGap, s_.body_px);
        // Balanced: an entry's second line is not left with one word.
        text_block(text, FontRole::body, s_.body_px, s_.body_line, ColorRole::text, indent,
                   s_.column_px - indent, true);
        auto lines = block();
        if (lines.empty()) return;
        // A square bullet hanging in the indent, centred on the lower-case letters.
        const int size = std::max(3, scaled(kBulletSize, s_.body_px));
        const FontMetrics fm = m_.metrics(FontRole::body, s_.body_px);
        const int centre = lines.front().runs.front().baseline - scaled(kBulletRaise, fm.cap_height);
        lines.front().rules.push_back({ColorRole::accent, 0, centre - size / 2, size, size});
        keep_lines_together();
        ++entries_;
        next_gap_ = s_.paragraph_gap;
    }

    void citation(const std::string& from, const std::string& by, const std::string& published) {
        const std::pair<const std::string&, const std::string*> fields[] = {
            {o_.from_label, &from}, {o_.by_label, &by}, {o_.published_label, &published}};
        int label_width = 0;
        bool any = false;
        for (const auto& [label, value] : fields) {
            if (value->empty()) continue;
            any = true;
            label_width = std::max(label_width, m_.width(FontRole::ui, s_.citation_px, label));
        }
        if (!any) return;
        if (!rows_.empty()) rows_.back().keep_with_next = true;  // the passage's end stays with its source
        const std::size_t rule_index = rows_.size();
        Row rule;
        rule.height = std::max(1, scaled(kRuleThickness, s_.body_px));
        rule.space_before = rows_.empty() ? 0 : scaled(kRuleGapAbove, s_.body_px);
        rule.keep_with_next = true;
        rule.rules.push_back({ColorRole::accent, 0, 0, scaled(kRuleLength, s_.body_px), rule.height});
        rows_.push_back(std::move(rule));
        next_gap_ = scaled(kRuleGapBelow, s_.body_px);

        const int value_x = label_width + scaled(kLabelGap, s_.citation_px);
        const int value_width = std::max(1, s_.column_px - value_x);
        for (const auto& [label, value] : fields) {
            if (value->empty()) continue;
            const std::size_t first = rows_.size();
            text_block(*value, FontRole::ui, s_.citation_px, s_.citation_line, ColorRole::muted,
                       value_x, value_width, false);
            if (rows_.size() == first) continue;
            Row& head = rows_[first];
            PanelRun label_run = head.runs.front();
            label_run.text = label;
            label_run.x = 0;
            label_run.width = m_.width(FontRole::ui, s_.citation_px, label);
            label_run.color = ColorRole::accent;
            head.runs.insert(head.runs.begin(), std::move(label_run));
            next_gap_ = 0;
        }
        // The whole citation on one page.
        for (std::size_t i = rule_index; i < rows_.size(); ++i) rows_[i].keep_with_next = i + 1 < rows_.size();
    }

    void signature(const std::string& name) {
        if (name.empty()) return;
        if (!rows_.empty()) rows_.back().keep_with_next = true;  // never a signature alone
        text_block("— " + name, FontRole::italic, s_.slogan_px, s_.slogan_line, ColorRole::muted, 0,
                   s_.column_px, false);
        auto lines = block();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            lines[i].flush_right = true;
            lines[i].keep_with_next = i + 1 < lines.size();
        }
    }

private:
    // The rows added by the last text_block.
    std::span<Row> block() { return std::span<Row>(rows_).subspan(block_start_); }

    void text_block(const std::string& text, FontRole role, int px, int line_height, ColorRole color,
                    int x, int width, bool balanced) {
        block_start_ = rows_.size();
        const WidthFunction measure = [&](std::string_view s) { return m_.width(role, px, s); };
        const auto lines = balanced ? break_lines_balanced(text, width, measure)
                                    : break_lines(text, width, measure);
        const FontMetrics fm = m_.metrics(role, px);
        // Glyphs centred in the line box: the extra leading is shared above and below.
        const int baseline = (line_height - (fm.ascent + fm.descent)) / 2 + fm.ascent;
        for (const auto& line : lines) {
            Row row;
            row.height = line_height;
            row.space_before = rows_.size() == block_start_ && !rows_.empty() ? next_gap_ : 0;
            if (!line.text.empty())
                row.runs.push_back({role, px, color, line.text, x, 0, line.width, line_height, baseline});
            rows_.push_back(std::move(row));
        }
    }

    // Orphans and widows: a paragraph of 2 or 3 lines stays whole; a longer one keeps its first
    // two lines together and its last two.
    void keep_lines_together() {
        auto lines = block();
        const std::size_t n = lines.size();
        if (n < 2) return;
        if (n <= 3) {
            for (std::size_t i = 0; i + 1 < n; ++i) lines[i].keep_with_next = true;
            return;
        }
        lines[0].keep_with_next = true;
        lines[n - 2].keep_with_next = true;
    }

    const TypeScale& s_;
    const TextMeasurer& m_;
    const PanelOptions& o_;
    std::vector<Row> rows_;
    std::size_t block_start_ = 0;
    int next_gap_ = 0;
    int entries_ = 0;
};

std::vector<Row> build_rows(const ItemBody& body, const TypeScale& scale, const TextMeasurer& m,
                            const PanelOptions& o) {
    FlowBuilder f(scale, m, o);
    std::visit(Overloaded{
                   [&](const TextItem& t) {
                       f.heading(t.title);
                       for (const auto& p : t.paragraphs) f.paragraph(p);
                   },
                   [&](const ExcerptItem& e) {
                       f.heading(e.heading);
                       f.paragraph(e.text);
                       f.citation(e.from, e.by, e.published);
                   },
                   [&](const ArticleItem& a) {
                       f.heading(a.headline);
                       f.slogan(a.slogan);
                       for (const auto& p : a.paragraphs) f.paragraph(p);
                   },
                   [&](const StatementItem& s) {
                       f.heading(s.title);
                       for (const auto& p : s.paragraphs) f.paragraph(p);
                       f.signature(s.signed_by);
                   },
                   [&](const ListItem& l) {
                       f.heading(l.title);
                       for (const auto& e : l.entries) f.entry(e);
                   },
                   [&](const ImageItem&) {},
                   [&](const VideoItem& v) { f.heading(v.title); },
                   [&](const AudioItem& a) {
                       f.heading(a.title);
                       f.paragraph(a.transcript);
                   },
               },
               body);
    return f.take();
}

int flow_height(const std::vector<Row>& rows, std::size_t begin, std::size_t end) {
    int h = 0;
    for (std::size_t i = begin; i < end; ++i) h += (i == begin ? 0 : rows[i].space_before) + rows[i].height;
    return h;
}

// Page breaks: the index of the first row of each page. A break never falls after a row that
// keeps with the next one, unless a chain of such rows is taller than a page.
std::vector<std::size_t> paginate(const std::vector<Row>& rows, int page_height) {
    std::vector<std::size_t> starts{0};
    std::size_t start = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i == start || flow_height(rows, start, i + 1) <= page_height) continue;
        std::size_t b = i;
        while (b > start && rows[b - 1].keep_with_next) --b;
        if (b == start || flow_height(rows, b, i + 1) > page_height) b = i;
        starts.push_back(b);
        start = b;
    }
    return starts;
}

struct Flow {
    TypeScale scale;
    std::vector<Row> rows;
};

Flow flow_at(const Typography& t, int body_px, const ItemBody& body, const TextMeasurer& m, const PanelOptions& o) {
    Flow f{type_scale(t, body_px, m), {}};
    f.rows = build_rows(body, f.scale, m, o);
    return f;
}

int marker_reserve(const TypeScale& s) { return s.citation_line + scaled(kMarkerGap, s.body_px); }

// Places rows [begin, end) as one page whose block starts at (x, y).
PanelPage place(const std::vector<Row>& rows, std::size_t begin, std::size_t end, int block_x,
                int block_width, int top) {
    PanelPage page;
    int y = top;
    for (std::size_t i = begin; i < end; ++i) {
        const Row& row = rows[i];
        if (i != begin) y += row.space_before;
        const int shift = block_x + (row.flush_right ? block_width - row.right_extent() : 0);
        for (PanelRun run : row.runs) {
            run.x += shift;
            run.baseline += y;
            run.y += y;
            page.runs.push_back(std::move(run));
        }
        for (PanelRule rule : row.rules) {
            rule.x += shift;
            rule.y += y;
            page.rules.push_back(rule);
        }
        y += row.height;
    }
    return page;
}

}  // namespace

Color color_of(ColorRole role, const Theme& theme) {
    switch (role) {
        case ColorRole::text: return theme.text;
        case ColorRole::heading: return theme.heading;
        case ColorRole::accent: return theme.accent;
        case ColorRole::muted: return theme.muted;
    }
    return theme.text;
}

std::vector<PanelPage> layout_panel(const ItemBody& body, const Theme& theme, const Display& display,
                                    Size screen, const TextMeasurer& measurer, const PanelOptions& options) {
    if (std::holds_alternative<ImageItem>(body)) return {};
    Typography t = compute_typography(display, screen, theme, measurer);
    // Sizes stay those of the whole screen; only the room for the text ends above what is reserved.
    if (options.reserved_bottom > 0) {
        const int bottom = screen.height - options.reserved_bottom;
        t.content_height = std::max(1, std::min(t.content_height, bottom - t.content_y));
    }

    // The largest body size, up to the growth limit, at which everything fits on one page.
    auto fits = [&](int px) {
        const Flow f = flow_at(t, px, body, measurer, options);
        return flow_height(f.rows, 0, f.rows.size()) <= t.content_height;
    };
    std::optional<int> single;
    if (fits(t.min_body_px)) {
        int lo = t.min_body_px, hi = t.max_body_px + 1;  // fits(lo); hi is the first size not tried
        while (hi - lo > 1) {
            const int mid = lo + (hi - lo) / 2;
            if (fits(mid)) lo = mid;
            else hi = mid;
        }
        single = lo;
    }

    std::vector<Row> rows;
    std::vector<std::size_t> starts;
    TypeScale scale;
    if (single) {
        Flow f = flow_at(t, *single, body, measurer, options);
        rows = std::move(f.rows);
        scale = f.scale;
        starts = {0};
    } else {
        // Too long for one page: split into as few pages as the minimum size needs, set at the
        // largest size (up to the target) that needs no more.
        auto pages_at = [&](int px) {
            Flow f = flow_at(t, px, body, measurer, options);
            const int avail = t.content_height - marker_reserve(f.scale);
            auto s = paginate(f.rows, avail);
            return std::make_pair(std::move(f), std::move(s));
        };
        auto [f, s] = pages_at(t.min_body_px);
        const std::size_t count = s.size();
        int lo = t.min_body_px, hi = std::max(t.body_px, t.min_body_px) + 1;
        while (hi - lo > 1) {
            const int mid = lo + (hi - lo) / 2;
            if (pages_at(mid).second.size() <= count) lo = mid;
            else hi = mid;
        }
        if (lo != t.min_body_px) std::tie(f, s) = pages_at(lo);
        rows = std::move(f.rows);
        scale = f.scale;
        starts = std::move(s);
    }

    // The block is centred on its widest line (ragged right leaves the column's edge unseen).
    int block_width = 0;
    for (const auto& r : rows) block_width = std::max(block_width, r.right_extent());
    const int block_x = t.content_x + (t.content_width - block_width) / 2;

    std::vector<PanelPage> pages;
    const std::size_t count = starts.size();
    for (std::size_t p = 0; p < count; ++p) {
        const std::size_t begin = starts[p];
        const std::size_t end = p + 1 < count ? starts[p + 1] : rows.size();
        // Each page is seen alone (pages change with a transition): each is centred on its own,
        // a split page within the room left above its marker.
        const int room = t.content_height - (count > 1 ? marker_reserve(scale) : 0);
        const int free = room - flow_height(rows, begin, end);
        const int top = t.content_y + static_cast<int>(std::lround(kOpticalCentre * std::max(0, free)));
        PanelPage page = place(rows, begin, end, block_x, block_width, top);
        page.body_px = scale.body_px;
        page.number = static_cast<int>(p) + 1;
        page.page_count = static_cast<int>(count);
        if (count > 1) {
            const std::string marker = std::to_string(p + 1) + "/" + std::to_string(count);
            const int w = measurer.width(FontRole::ui, scale.citation_px, marker);
            const FontMetrics fm = measurer.metrics(FontRole::ui, scale.citation_px);
            const int line = scale.citation_line;
            const int y = t.content_y + t.content_height - line;
            page.runs.push_back({FontRole::ui, scale.citation_px, ColorRole::muted, marker,
                                 block_x + block_width - w, y, w, line,
                                 y + (line - (fm.ascent + fm.descent)) / 2 + fm.ascent});
        }
        pages.push_back(std::move(page));
    }
    return pages;
}

}  // namespace vitrine::core
