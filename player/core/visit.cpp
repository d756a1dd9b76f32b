#include "core/visit.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace vitrine::core {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

constexpr Millis kLongAgo{-1000000};  // "never": fades computed from it are over

GestureConfig gesture_config(const TouchLayout& layout) {
    GestureConfig c;
    c.width = layout.width();
    c.height = layout.height();
    c.px_per_mm = layout.px_per_mm();
    return c;
}

bool is_background(const Item& item) {
    const auto* a = std::get_if<AudioItem>(&item.body);
    return a && a->background;
}

bool is_clip(const Item& item) {
    return std::holds_alternative<VideoItem>(item.body) || std::holds_alternative<AudioItem>(item.body);
}

// The first item a sequence shows: the exhibit's start item when it is in it, else its first.
std::optional<std::size_t> first_of(const Playlist& p, std::optional<std::size_t> section) {
    auto candidate = [&](std::size_t i) { return i < p.items.size() && !is_background(p.items[i]); };
    if (!section) {
        if (auto start = find_item(p, p.exhibit.start_id); start && candidate(*start)) return start;
        for (std::size_t i = 0; i < p.items.size(); ++i) {
            if (candidate(i)) return i;
        }
        return std::nullopt;
    }
    const auto& items = p.sections[*section].items;
    if (auto start = find_item(p, p.exhibit.start_id);
        start && candidate(*start) && std::find(items.begin(), items.end(), *start) != items.end()) {
        return start;
    }
    for (std::size_t i : items) {
        if (candidate(i)) return i;
    }
    return std::nullopt;
}

double fade(bool on, Millis since, Millis in, Millis out) {
    const double t = static_cast<double>(since.count());
    // Appearing starts at half strength: the frame after the touch already answers it.
    return on ? std::clamp(0.5 + 0.5 * t / static_cast<double>(in.count()), 0.5, 1.0)
              : std::clamp(1.0 - t / static_cast<double>(out.count()), 0.0, 1.0);
}

}  // namespace

Visit::Visit(std::shared_ptr<const Playlist> playlist, VisitOptions options)
    : show_(playlist, options.show),
      layout_(options.width, options.height, playlist->exhibit.display.diagonal_inches),
      controls_changed_(kLongAgo),
      panel_changed_(kLongAgo) {
    recognizer_.set_config(gesture_config(layout_));
    // The exhibit starts as it will return after every visit: in its attract sequence.
    const auto& p = show_.playlist();
    if (p.exhibit.attract_section) {
        show_.handle(SetSequence{p.exhibit.attract_section});
        const auto first = first_of(p, p.exhibit.attract_section);
        if (first && first != find_item(p, p.exhibit.start_id)) show_.handle(GoTo{*first, true, false});
    }
    update_scene();
}

std::vector<Command> Visit::handle(const Event& event) {
    std::vector<Command> out;
    std::visit(Overloaded{
                   [&](const Tick& e) { on_tick(e.now, out); },
                   [&](const TouchPoint& p) { on_touch(p, out); },
                   [&](const ScreenSize& e) {
                       layout_ = TouchLayout(e.width, e.height, show_.playlist().exhibit.display.diagonal_inches);
                       recognizer_.set_config(gesture_config(layout_));
                   },
                   [&](const MediaProgress& e) {
                       progress_key_ = std::make_pair(e.generation, e.index);
                       clip_progress_ = std::clamp(e.fraction, 0.0, 1.0);
                   },
                   [&](const Navigate& e) {
                       touched(out);
                       forward(e, out);
                   },
                   [&](const TogglePause& e) {
                       touched(out);
                       forward(e, out);
                   },
                   [&](const PlaylistLoaded& e) {
                       forward(e, out);
                       // Sections and links may have changed: the trail and the menu start afresh.
                       history_.clear();
                       menu_parent_.reset();
                       menu_page_ = 0;
                       if (panel_ == Overlay::Panel::menu) panel_ = Overlay::Panel::none;
                       const auto& langs = show_.playlist().exhibit.languages;
                       if (std::find(langs.begin(), langs.end(), show_.language()) == langs.end()) {
                           forward(SetLanguage{show_.playlist().exhibit.language}, out);
                       }
                   },
                   [&](const auto& e) { forward(e, out); },
               },
               event);
    update_scene();
    for (auto& c : out) {
        if (auto* p = std::get_if<Present>(&c)) p->scene = scene_;
    }
    return out;
}

void Visit::forward(const Event& e, std::vector<Command>& out) {
    auto more = show_.handle(e);
    out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

void Visit::on_tick(Millis now, std::vector<Command>& out) {
    now_ = std::max(now_, now);
    for (const auto& g : recognizer_.tick(now_)) on_gesture(g, out);
    check_staff_hold(out);
    const Exhibit& ex = show_.playlist().exhibit;
    if (last_touch_ && now_ - *last_touch_ >= ex.idle_return) return_to_attract(out);
    if (controls_on_ && controls_until_ && now_ >= *controls_until_) {
        controls_on_ = false;
        controls_changed_ = now_;
    }
    if (panel_ == Overlay::Panel::pin && now_ - pin_touched_ >= kPinTimeout) {
        fading_panel_ = panel_;
        panel_ = Overlay::Panel::none;
        panel_changed_ = now_;
    }
    forward(Tick{now_}, out);
}

void Visit::touched(std::vector<Command>& out) {
    if (!last_touch_) {
        forward(Engage{true}, out);
        out.push_back(Log{LogLevel::info, "event=visit-start"});
    }
    last_touch_ = now_;
}

void Visit::on_touch(const TouchPoint& p, std::vector<Command>& out) {
    now_ = std::max(now_, p.at);
    const Exhibit& ex = show_.playlist().exhibit;
    if (p.phase == TouchPoint::Phase::down && last_touch_ && now_ - *last_touch_ >= ex.idle_return - ex.idle_warning) {
        // The warning is up: this touch keeps the visit going and does nothing else.
        swallow_ = true;
    }
    touched(out);
    for (const auto& g : recognizer_.feed(p)) on_gesture(g, out);
    if (p.phase == TouchPoint::Phase::up || p.phase == TouchPoint::Phase::cancel) {
        staff_hold_done_ = false;
        swallow_ = false;
    }
}

std::vector<Target> Visit::controls_targets() const {
    const Exhibit& ex = show_.playlist().exhibit;
    return layout_.controls(ex.languages.size(), !history_.empty(), scene_.overlay.progress.has_value(),
                            !show_.playlist().sections.empty());
}

std::vector<Target> Visit::link_targets() const {
    const auto shown = show_.scene().current;
    if (!shown || show_.scene().incoming || shown->generation != show_.generation()) return {};
    return layout_.links(show_.playlist().items[shown->index].links);
}

std::vector<Target> Visit::menu_targets() const {
    return layout_.menu(MenuShape{child_sections(show_.playlist(), menu_parent_).size(), menu_page_, menu_parent_.has_value()});
}

void Visit::on_gesture(const Gesture& g, std::vector<Command>& out) {
    if (swallow_) return;
    std::visit(Overloaded{
                   [&](const Press& e) {
                       std::vector<Target> targets;
                       if (panel_ == Overlay::Panel::pin) targets = layout_.pin_pad();
                       else if (panel_ == Overlay::Panel::menu) targets = menu_targets();
                       else {
                           if (controls_on_) targets = controls_targets();
                           const auto links = link_targets();
                           targets.insert(targets.end(), links.begin(), links.end());
                       }
                       pressed_ = TouchLayout::hit(targets, e.x, e.y);
                       gesture_on_target_ = pressed_.has_value() || panel_ != Overlay::Panel::none;
                       seeking_ = pressed_ && pressed_->control == Control::progress && scene_.overlay.seekable;
                       if (seeking_) seek_to(e.x, out);
                   },
                   [&](const Tap& e) {
                       pressed_.reset();
                       if (std::exchange(seeking_, false)) {
                           show_controls();
                           return;
                       }
                       on_tap(e.x, e.y, out);
                   },
                   [&](const LongPress&) { pressed_.reset(); },
                   [&](const Drag& d) { on_drag(d, out); },
                   [&](const Swipe& s) {
                       pressed_.reset();
                       const bool was_seeking = std::exchange(seeking_, false);
                       if (std::exchange(dragging_item_, false)) {
                           forward(DragRelease{true}, out);
                           return;
                       }
                       if (was_seeking || gesture_on_target_) return;
                       if (panel_ == Overlay::Panel::menu) {
                           const std::size_t pages = layout_.pages(child_sections(show_.playlist(), menu_parent_).size());
                           if (s.direction == Direction::left && menu_page_ + 1 < pages) ++menu_page_;
                           if (s.direction == Direction::right && menu_page_ > 0) --menu_page_;
                           return;
                       }
                       if (panel_ != Overlay::Panel::none) return;
                       if (s.direction == Direction::up) forward(TurnPage{+1}, out);
                       if (s.direction == Direction::down) forward(TurnPage{-1}, out);
                   },
                   [&](const DragCancel&) {
                       pressed_.reset();
                       seeking_ = false;
                       if (std::exchange(dragging_item_, false)) forward(DragRelease{false}, out);
                   },
                   [&](const Lift&) {
                       pressed_.reset();
                       seeking_ = false;
                       if (std::exchange(dragging_item_, false)) forward(DragRelease{false}, out);
                   },
               },
               g);
}

void Visit::on_drag(const Drag& d, std::vector<Command>& out) {
    if (seeking_) {
        seek_to(d.x0 + d.dx, out);
        return;
    }
    if (pressed_ && !pressed_->rect.contains(d.x0 + d.dx, d.y0 + d.dy)) pressed_.reset();  // slid off: no tap
    if (gesture_on_target_ || panel_ != Overlay::Panel::none || d.axis != Axis::horizontal) return;
    dragging_item_ = true;
    forward(DragItem{d.dx / static_cast<double>(layout_.width())}, out);
}

void Visit::seek_to(double x, std::vector<Command>& out) {
    const auto shown = show_.shown();
    if (!shown || !shown_is_clip()) return;
    const Rect line = layout_.progress_line();
    const double f = std::clamp((x - line.x) / std::max(1, line.w), 0.0, 1.0);
    clip_progress_ = f;  // the line follows the finger at once
    progress_key_ = std::make_pair(shown->generation, shown->index);
    out.push_back(SeekMedia{shown->generation, shown->index, f});
}

void Visit::on_tap(double x, double y, std::vector<Command>& out) {
    if (panel_ == Overlay::Panel::pin) {
        if (auto t = TouchLayout::hit(layout_.pin_pad(), x, y)) act_on_pin(*t, out);
        return;
    }
    if (panel_ == Overlay::Panel::menu) {
        if (auto t = TouchLayout::hit(menu_targets(), x, y)) act_on_menu(*t, out);
        return;
    }
    if (controls_on_) {
        if (auto t = TouchLayout::hit(controls_targets(), x, y)) {
            act(*t, out);
            if (panel_ == Overlay::Panel::none) show_controls();
            return;
        }
    }
    if (auto t = TouchLayout::hit(link_targets(), x, y)) {
        act(*t, out);
        return;
    }
    if (shown_is_clip()) {
        forward(TogglePause{}, out);
        show_controls();
        return;
    }
    if (controls_on_) {
        controls_on_ = false;
        controls_changed_ = now_;
    } else {
        show_controls();
    }
}

void Visit::show_controls() {
    if (!controls_on_) {
        controls_on_ = true;
        controls_changed_ = now_;
    }
    controls_until_ = now_ + show_.playlist().exhibit.controls_timeout;
}

void Visit::hide_controls() {
    if (!controls_on_) return;
    controls_on_ = false;
    controls_changed_ = now_;
}

void Visit::open_panel(Overlay::Panel panel) {
    if (panel_ == panel) return;
    fading_panel_ = panel_;
    panel_ = panel;
    panel_changed_ = now_;
}

void Visit::act(const Target& t, std::vector<Command>& out) {
    const Playlist& p = show_.playlist();
    switch (t.control) {
        case Control::back: go_back(out); break;
        case Control::previous: forward(Navigate{-1}, out); break;
        case Control::next: forward(Navigate{+1}, out); break;
        case Control::play_pause: forward(TogglePause{}, out); break;
        case Control::progress: break;  // seeks on press and drag
        case Control::menu:
            menu_parent_.reset();
            menu_page_ = 0;
            hide_controls();
            open_panel(Overlay::Panel::menu);
            out.push_back(Log{LogLevel::info, "event=menu-open"});
            break;
        case Control::language:
            if (t.index < p.exhibit.languages.size()) forward(SetLanguage{p.exhibit.languages[t.index]}, out);
            break;
        case Control::link: {
            const auto shown = show_.scene().current;
            if (shown && t.index < p.items[shown->index].links.size()) follow_link(p.items[shown->index].links[t.index], out);
            break;
        }
        default: break;
    }
}

void Visit::act_on_menu(const Target& t, std::vector<Command>& out) {
    const Playlist& p = show_.playlist();
    switch (t.control) {
        case Control::menu_close: open_panel(Overlay::Panel::none); break;
        case Control::menu_up:
            menu_parent_.reset();
            menu_page_ = 0;
            break;
        case Control::menu_page_previous:
            if (menu_page_ > 0) --menu_page_;
            break;
        case Control::menu_page_next: ++menu_page_; break;
        case Control::menu_tile: {
            const auto tiles = child_sections(p, menu_parent_);
            if (t.index >= tiles.size()) break;
            const std::size_t s = tiles[t.index];
            if (!child_sections(p, s).empty()) {
                menu_parent_ = s;
                menu_page_ = 0;
                break;
            }
            open_panel(Overlay::Panel::none);
            open_section(s, out);
            break;
        }
        default: break;
    }
}

void Visit::act_on_pin(const Target& t, std::vector<Command>& out) {
    pin_touched_ = now_;
    const auto& staff = show_.playlist().exhibit.staff_exit;
    switch (t.control) {
        case Control::pin_close: open_panel(Overlay::Panel::none); break;
        case Control::pin_delete:
            if (!pin_.empty()) pin_.pop_back();
            break;
        case Control::pin_digit:
            if (pin_.size() < 8) pin_ += static_cast<char>('0' + t.index);
            pin_wrong_ = false;
            break;
        case Control::pin_ok:
            if (pin_.empty()) break;  // nothing typed: no attempt
            if (now_ < pin_locked_until_) {
                pin_.clear();
                pin_wrong_ = true;
                break;
            }
            if (staff && pin_ == staff->pin) {
                out.push_back(Log{LogLevel::info, "event=staff-exit"});
                out.push_back(Exit{});
                open_panel(Overlay::Panel::none);
            } else {
                pin_wrong_ = true;
                ++pin_failures_;
                out.push_back(Log{LogLevel::warning, "event=staff-pin-wrong attempts=" + std::to_string(pin_failures_)});
                if (pin_failures_ >= kPinAttempts) {
                    pin_locked_until_ = now_ + kPinLockout;
                    pin_failures_ = 0;
                    out.push_back(Log{LogLevel::warning, "event=staff-pin-locked seconds=" +
                                                             std::to_string(kPinLockout.count() / 1000)});
                }
            }
            pin_.clear();
            break;
        default: break;
    }
}

std::optional<Visit::Place> Visit::here() const {
    const auto shown = show_.shown();
    if (!shown || shown->generation != show_.generation()) return std::nullopt;
    return Place{shown->index, show_.sequence()};
}

void Visit::open_section(std::size_t section, std::vector<Command>& out) {
    const Playlist& p = show_.playlist();
    const auto first = first_of(p, section);
    if (!first) return;
    if (auto h = here()) history_.push_back(*h);
    forward(SetSequence{section}, out);
    forward(GoTo{*first, true, true}, out);
    out.push_back(Log{LogLevel::info, "event=section-open section=" + p.sections[section].id});
}

void Visit::follow_link(const Link& link, std::vector<Command>& out) {
    const Playlist& p = show_.playlist();
    out.push_back(Log{LogLevel::info, "event=link to=" + link.target_id});
    if (link.target_kind == Link::Target::section) {
        if (link.target >= p.sections.size()) return;
        if (!child_sections(p, link.target).empty()) {
            menu_parent_ = link.target;
            menu_page_ = 0;
            hide_controls();
            open_panel(Overlay::Panel::menu);
            return;
        }
        open_section(link.target, out);
        return;
    }
    if (link.target >= p.items.size()) return;
    if (auto h = here()) history_.push_back(*h);
    // Next and previous then run through a section the item belongs to (the current one if it
    // does), else through the whole exhibit.
    std::optional<std::size_t> sequence;
    auto holds = [&](std::size_t s) {
        const auto& items = p.sections[s].items;
        return std::find(items.begin(), items.end(), link.target) != items.end();
    };
    if (show_.sequence() && holds(*show_.sequence())) {
        sequence = show_.sequence();
    } else {
        for (std::size_t s = 0; s < p.sections.size() && !sequence; ++s) {
            if (holds(s)) sequence = s;
        }
    }
    forward(SetSequence{sequence}, out);
    forward(GoTo{link.target, true, true}, out);
}

void Visit::go_back(std::vector<Command>& out) {
    if (history_.empty()) return;
    const Place place = history_.back();
    history_.pop_back();
    forward(SetSequence{place.sequence}, out);
    forward(GoTo{place.index, false, true}, out);
    out.push_back(Log{LogLevel::info, "event=back"});
}

void Visit::return_to_attract(std::vector<Command>& out) {
    const Playlist& p = show_.playlist();
    out.push_back(Log{LogLevel::info, "event=idle-return"});
    last_touch_.reset();
    hide_controls();
    open_panel(Overlay::Panel::none);
    history_.clear();
    menu_parent_.reset();
    menu_page_ = 0;
    pin_.clear();
    pin_wrong_ = false;
    if (show_.scene().paused) forward(TogglePause{}, out);
    forward(SetLanguage{p.exhibit.language}, out);
    forward(SetSequence{p.exhibit.attract_section}, out);
    if (const auto first = first_of(p, p.exhibit.attract_section)) forward(GoTo{*first, true, false}, out);
    forward(Engage{false}, out);
}

void Visit::check_staff_hold(std::vector<Command>& out) {
    const auto& staff = show_.playlist().exhibit.staff_exit;
    if (!staff || staff_hold_done_ || panel_ == Overlay::Panel::pin) return;
    const auto held = recognizer_.held();
    if (!held) return;
    const Rect corner = layout_.staff_corner(staff->corner);
    if (!corner.contains(held->x0, held->y0) || !corner.contains(held->x, held->y)) return;
    if (now_ - held->since < staff->hold) return;
    staff_hold_done_ = true;
    pressed_.reset();
    pin_.clear();
    pin_wrong_ = false;
    pin_touched_ = now_;
    hide_controls();
    open_panel(Overlay::Panel::pin);
    out.push_back(Log{LogLevel::info, "event=staff-keypad"});
}

bool Visit::shown_is_clip() const {
    const auto shown = show_.shown();
    return shown && shown->generation == show_.generation() && is_clip(show_.playlist().items[shown->index]);
}

bool Visit::animating() const {
    const Overlay& o = scene_.overlay;
    const bool controls_fading = o.controls > 0.0 && o.controls < 1.0;
    const bool panel_fading = o.panel_opacity > 0.0 && o.panel_opacity < 1.0;
    return controls_fading || panel_fading || (scene_.drag != 0.0 && !dragging_item_);
}

void Visit::update_scene() {
    scene_ = show_.scene();
    Overlay o;
    const Playlist& p = show_.playlist();
    o.controls = fade(controls_on_, now_ - controls_changed_, kFadeIn, kFadeOut);
    o.playing = !scene_.paused;
    o.back = !history_.empty();
    o.menu = !p.sections.empty();
    const auto& langs = p.exhibit.languages;
    o.language = static_cast<std::size_t>(std::find(langs.begin(), langs.end(), show_.language()) - langs.begin());
    if (o.language >= langs.size()) o.language = 0;
    if (o.controls > 0.0) {
        const auto shown = show_.shown();
        if (shown_is_clip()) {
            const bool known = progress_key_ && *progress_key_ == std::make_pair(shown->generation, shown->index);
            o.progress = known ? clip_progress_ : 0.0;
            o.seekable = true;
        } else if (const auto f = show_.progress()) {
            o.progress = std::round(*f * 1000.0) / 1000.0;  // a change under a pixel is no new frame
        }
    }
    o.pressed = pressed_;
    const Overlay::Panel panel = panel_ != Overlay::Panel::none ? panel_ : fading_panel_;
    o.panel_opacity = fade(panel_ != Overlay::Panel::none, now_ - panel_changed_, kFadeIn, kFadeOut);
    o.panel = o.panel_opacity > 0.0 ? panel : Overlay::Panel::none;
    o.menu_parent = menu_parent_;
    o.menu_page = menu_page_;
    o.pin_digits = pin_.size();
    o.pin_wrong = pin_wrong_;
    if (last_touch_) {
        const Millis idle = now_ - *last_touch_;
        const Exhibit& ex = p.exhibit;
        if (idle >= ex.idle_return - ex.idle_warning && idle < ex.idle_return) {
            const Millis left = ex.idle_return - idle;
            o.idle_left = Millis{(left.count() + 999) / 1000 * 1000};  // whole seconds: one frame a second
        }
    }
    scene_.overlay = o;
}

}  // namespace vitrine::core
