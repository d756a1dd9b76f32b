#include "core/show.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <utility>

namespace vitrine::core {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};

std::string item_label(const Playlist& p, std::size_t index) {
    return "item=" + p.items[index].id;
}

// A value for a key=value log line, quoted with its own quotes and backslashes escaped.
std::string log_quoted(std::string_view v) {
    std::string out = "\"";
    for (char c : v) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

}  // namespace

Show::Show(std::shared_ptr<const Playlist> playlist, ShowOptions options)
    : playlist_(std::move(playlist)), options_(options) {
    assert(playlist_);
    language_ = playlist_->exhibit.language;
    slots_.resize(playlist_->items.size());
    if (!playlist_->items.empty()) {
        std::size_t start = 0;
        for (std::size_t i = 0; i < playlist_->items.size(); ++i) {
            if (playlist_->items[i].id == playlist_->exhibit.start_id) start = i;
        }
        wanted_ = start;
    }
    update_scene();
}

std::vector<Command> Show::handle(const Event& event) {
    std::vector<Command> out;
    std::visit(Overloaded{
                   [&](const Tick& e) { on_tick(e.now, out); },
                   [&](const Navigate& e) { pending_moves_ += e.delta; },
                   [&](const TogglePause&) {
                       paused_ = !paused_;
                       out.push_back(Log{LogLevel::info, paused_ ? "event=paused" : "event=resumed"});
                   },
                   [&](const ItemReady& e) { on_ready(e, out); },
                   [&](const ItemFailed& e) { on_failed(e, out); },
                   [&](const MediaEnded& e) { on_media_ended(e); },
                   [&](const PlaylistLoaded& e) { on_reload(e, out); },
                   [&](const GoTo& e) { on_go_to(e, out); },
                   [&](const SetSequence& e) {
                       sequence_ = e.section && *e.section < playlist_->sections.size() ? e.section : std::nullopt;
                   },
                   [&](const SetLanguage& e) {
                       if (e.language == language_) return;
                       language_ = e.language;
                       out.push_back(Log{LogLevel::info, "event=language language=" + language_});
                       restart(playlist_, out);
                   },
                   [&](const Engage& e) { engaged_ = e.engaged; },
                   [&](const DragItem& e) {
                       // A visitor who grabs the screen mid-slide wants to move on, now.
                       if (incoming_) finish_transition(out);
                       dragging_ = true;
                       drag_ = std::clamp(e.offset, -1.0, 1.0);
                   },
                   [&](const DragRelease& e) { on_drag_release(e, out); },
                   [&](const TurnPage& e) { on_turn_page(e); },
                   [](const MediaProgress&) {},
                   [](const ScreenSize&) {},
                   [](const TouchPoint&) {},
               },
               event);
    // What an event changed is in scene() at once: a visitor's touch shows on the next frame drawn,
    // not one tick later.
    update_scene();
    return out;
}

void Show::on_tick(Millis now, std::vector<Command>& out) {
    const Millis dt = started_ ? std::max(Millis{0}, now - now_) : Millis{0};
    started_ = true;
    now_ = now;

    if (incoming_) {
        // A transition runs to its end even when paused: a half-faded screen is no pause.
        transition_elapsed_ += dt;
        if (current_) current_->view.elapsed += dt;
        incoming_->view.elapsed += dt;
        if (transition_elapsed_ >= transition_.duration) finish_transition(out);
    } else if (current_ && !paused_) {
        current_->view.elapsed += dt;
    }
    settle_drag(dt);

    apply_navigation(out);
    auto_advance();
    start_transition_if_ready(out);
    keep_prepared(out);
    update_background(out);
    update_scene();
    out.push_back(Present{scene_});
}

void Show::on_ready(const ItemReady& e, std::vector<Command>& out) {
    if (e.generation != generation_ || e.index >= slots_.size() ||
        slots_[e.index].prep != Prep::preparing) {
        // An answer nobody waits for any more (released, or an older playlist): free it.
        out.push_back(Release{e.generation, e.index});
        return;
    }
    Slot& slot = slots_[e.index];
    slot.prep = Prep::ready;
    slot.natural_duration = e.natural_duration;
    slot.pages = std::max<std::size_t>(1, e.pages);
    slot.page_duration = e.page_duration;
    slot.ends_itself = e.ends_itself && is_clip(e.index) && playlist_->items[e.index].until_end;
}

void Show::on_failed(const ItemFailed& e, std::vector<Command>& out) {
    if (e.generation != generation_ || e.index >= slots_.size()) return;
    Slot& slot = slots_[e.index];
    slot.prep = Prep::failed;
    slot.failed_at = now_;
    out.push_back(Log{LogLevel::error, "event=item-skipped " + item_label(*playlist_, e.index) +
                                           " reason=" + log_quoted(e.reason)});
    if (wanted_ == e.index) {
        // Skip it in the direction we were going; if it was the only candidate, wait.
        wanted_ = first_playable(e.index, wanted_forward_);
    }
}

void Show::on_media_ended(const MediaEnded& e) {
    for (auto* s : {&current_, &incoming_}) {
        if (*s && (*s)->view.generation == e.generation && (*s)->view.index == e.index) {
            (*s)->ended = true;
        }
    }
}

void Show::on_reload(const PlaylistLoaded& e, std::vector<Command>& out) {
    assert(e.playlist);
    restart(e.playlist, out);
    if (sequence_ && *sequence_ >= playlist_->sections.size()) sequence_.reset();
    out.push_back(Log{LogLevel::info, "event=playlist-reloaded items=" +
                                          std::to_string(playlist_->items.size())});
}

void Show::restart(std::shared_ptr<const Playlist> playlist, std::vector<Command>& out) {
    if (incoming_) finish_transition(out);
    drag_ = 0.0;
    dragging_ = false;
    // Everything prepared for the old generation goes, except what is on screen, which stays
    // until the new version of it (or the new start) is ready to replace it.
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (slots_[i].prep == Prep::ready || slots_[i].prep == Prep::preparing) {
            if (!current_ || current_->view.index != i) out.push_back(Release{generation_, i});
        }
    }
    const std::string current_id =
        current_ ? playlist_->items[current_->view.index].id : std::string{};
    if (background_) {
        out.push_back(StopMedia{generation_, *background_, true});
        background_.reset();
        background_interrupted_ = false;
    }
    playlist_ = std::move(playlist);
    ++generation_;
    slots_.assign(playlist_->items.size(), Slot{});
    wanted_.reset();
    wanted_manual_ = false;
    wanted_forward_ = true;
    pending_moves_ = 0;
    for (std::size_t i = 0; i < playlist_->items.size(); ++i) {
        if (playlist_->items[i].id == current_id) wanted_ = i;
    }
    if (!wanted_ && !playlist_->items.empty()) {
        wanted_ = 0;
        for (std::size_t i = 0; i < playlist_->items.size(); ++i) {
            if (playlist_->items[i].id == playlist_->exhibit.start_id) wanted_ = i;
        }
    }
    // The same item again (new language, new layout) replaces the old one in place.
    wanted_quick_ = false;
}

void Show::on_go_to(const GoTo& e, std::vector<Command>& out) {
    if (e.index >= slots_.size() || is_background(e.index)) return;
    if (incoming_) finish_transition(out);
    drag_ = 0.0;
    dragging_ = false;
    pending_moves_ = 0;
    if (current_ && current_->view.generation == generation_ && current_->view.index == e.index) {
        current_->view.page.reset();
        wanted_.reset();
        return;
    }
    wanted_ = e.index;
    wanted_manual_ = true;
    wanted_quick_ = e.quick;
    wanted_forward_ = e.forward;
    if (slots_[e.index].prep == Prep::failed) slots_[e.index].prep = Prep::none;  // asked for: try again
    out.push_back(Log{LogLevel::info, "event=go-to " + item_label(*playlist_, e.index)});
}

void Show::on_drag_release(const DragRelease& e, std::vector<Command>& out) {
    dragging_ = false;
    if (!e.navigate || drag_ == 0.0) return;  // settles back on the ticks
    if (incoming_) finish_transition(out);
    if (!current_ || current_->view.generation != generation_) return;
    const bool forward = drag_ < 0;
    const auto target = step(manual_base(), forward ? +1 : -1);
    if (!target) return;
    wanted_ = target;
    wanted_manual_ = true;
    wanted_quick_ = true;
    wanted_forward_ = forward;
    pending_moves_ = 0;
    // The slide goes on from where the finger left the item (if the item is ready now).
    transition_from_ = std::abs(drag_);
    out.push_back(Log{LogLevel::info, "event=navigate moves=" + std::to_string(forward ? 1 : -1) + " by=swipe " +
                                          item_label(*playlist_, *target)});
}

void Show::settle_drag(Millis dt) {
    if (dragging_ || drag_ == 0.0) return;
    const double step = static_cast<double>(dt.count()) / static_cast<double>(kSettle.count());
    drag_ = drag_ > 0 ? std::max(0.0, drag_ - step) : std::min(0.0, drag_ + step);
}

void Show::on_turn_page(const TurnPage& e) {
    if (!current_ || incoming_ || current_->view.generation != generation_) return;
    const Slot& slot = slots_[current_->view.index];
    const std::size_t pages = slot.pages;
    if (pages <= 1) return;
    const std::size_t by_time =
        slot.page_duration > Millis{0} ? static_cast<std::size_t>(current_->view.elapsed / slot.page_duration) : 0;
    const std::size_t now_page = current_->view.page.value_or(std::min(pages - 1, by_time));
    const long long next = static_cast<long long>(now_page) + e.delta;
    current_->view.page = static_cast<std::size_t>(std::clamp<long long>(next, 0, static_cast<long long>(pages) - 1));
}

std::size_t Show::manual_base() const {
    // A move asked for while the last one still waits for its item goes on from that item:
    // five quick swipes move five items.
    if (wanted_ && wanted_manual_) return *wanted_;
    return current_->view.index;
}

std::optional<double> Show::progress() const {
    if (!current_ || incoming_ || current_->view.generation != generation_) return std::nullopt;
    const Millis span = hold_time(*current_) - current_->entry;
    if (span <= Millis{0}) return std::nullopt;
    return std::clamp(static_cast<double>((current_->view.elapsed - current_->entry).count()) /
                          static_cast<double>(span.count()), 0.0, 1.0);
}

std::optional<ItemView> Show::shown() const {
    if (incoming_) return incoming_->view;
    if (current_) return current_->view;
    return std::nullopt;
}

void Show::finish_transition(std::vector<Command>& out) {
    assert(incoming_);
    const std::optional<OnScreen> leaving = current_;
    current_ = *incoming_;
    incoming_.reset();
    if (leaving && !(leaving->view.generation == current_->view.generation &&
                     leaving->view.index == current_->view.index)) {
        leave_screen(*leaving, out);
    }
}

void Show::leave_screen(const OnScreen& s, std::vector<Command>& out) {
    if (s.view.generation != generation_) {
        // From an older playlist: nothing else will ever ask for it again.
        out.push_back(Release{s.view.generation, s.view.index});
        return;
    }
    if (is_clip(s.view.index)) out.push_back(StopMedia{s.view.generation, s.view.index});
}

void Show::apply_navigation(std::vector<Command>& out) {
    if (pending_moves_ == 0) return;
    const int moves = pending_moves_;
    pending_moves_ = 0;
    if (incoming_) finish_transition(out);  // a visitor who swipes again wants to move on, now
    if (!current_ || current_->view.generation != generation_) return;
    const auto target = step(manual_base(), moves);
    if (!target) return;
    wanted_ = target;
    wanted_manual_ = true;
    wanted_quick_ = true;
    wanted_forward_ = moves > 0;
    out.push_back(Log{LogLevel::info, "event=navigate moves=" + std::to_string(moves) + " " +
                                          item_label(*playlist_, *target)});
}

void Show::auto_advance() {
    if (!current_ || incoming_ || wanted_ || paused_) return;
    if (current_->view.generation != generation_) return;
    if (current_->view.elapsed < hold_time(*current_)) return;
    // A visitor reading is not hurried: timed items wait (a clip that ends still moves on).
    const bool clip_end = is_clip(current_->view.index) && playlist_->items[current_->view.index].until_end;
    if (engaged_ && !playlist_->exhibit.advance_while_engaged && !clip_end) return;
    const auto next = step(current_->view.index, +1);
    if (options_.once && next && *next <= current_->view.index) {
        finished_ = true;  // the pass is complete: stay on the last item, the app leaves
        return;
    }
    wanted_ = next;
    wanted_manual_ = false;
    wanted_quick_ = false;
    wanted_forward_ = true;
}

Millis Show::hold_time(const OnScreen& s) const {
    const Item& item = playlist_->items[s.view.index];
    const Slot& slot = slots_[s.view.index];
    if (is_clip(s.view.index) && item.until_end) {
        if (slot.ends_itself && s.ended) return s.entry;  // its end was reported: go now
        const Millis natural = slot.natural_duration.value_or(playlist_->exhibit.default_duration);
        return s.entry + natural + (slot.ends_itself ? kClipEndGrace : Millis{0});
    }
    return s.entry + item_duration(item, playlist_->exhibit, language_);
}

void Show::start_transition_if_ready(std::vector<Command>& out) {
    if (!wanted_ || incoming_) return;
    const std::size_t target = *wanted_;
    if (slots_[target].prep != Prep::ready) return;

    const Item& item = playlist_->items[target];
    Transition t = transition_into(item, playlist_->exhibit);
    if (wanted_manual_ && wanted_quick_ && t.kind != TransitionKind::cut) {
        t = Transition{TransitionKind::slide, kManualTransition};
    }
    // A visitor's swipe: the slide starts where the finger left it.
    const double from = std::exchange(transition_from_, 0.0);
    const bool swiped = from > 0.0 && wanted_manual_ && wanted_quick_;
    if (!current_) {
        // The very first item: fade in from the background rather than slide from nowhere.
        if (t.kind == TransitionKind::slide) t.kind = TransitionKind::fade;
    }
    wanted_.reset();
    OnScreen next{ItemView{generation_, target, Millis{0}}, Millis{0}, false};
    if (is_clip(target)) out.push_back(StartMedia{generation_, target});
    out.push_back(Log{LogLevel::info, "event=show " + item_label(*playlist_, target) +
                                          " kind=" + std::string(kind_name(item.body))});
    if (t.kind == TransitionKind::cut || t.duration <= Millis{0}) {
        if (current_ && !(current_->view.generation == generation_ && current_->view.index == target)) {
            leave_screen(*current_, out);
        }
        current_ = next;
        return;
    }
    // With nothing on screen yet (the first item), this fades in from the background.
    next.entry = t.duration;
    transition_ = t;
    transition_elapsed_ = Millis{0};
    if (swiped && t.kind == TransitionKind::slide) {
        // Slides are eased: find the time at which the eased position equals the drag.
        double lo = 0.0, hi = 1.0;
        for (int i = 0; i < 30; ++i) {
            const double mid = (lo + hi) / 2;
            const double eased = mid < 0.5 ? 4 * mid * mid * mid : 1 - std::pow(-2 * mid + 2, 3) / 2;
            (eased < from ? lo : hi) = mid;
        }
        transition_elapsed_ = Millis(static_cast<long long>(lo * static_cast<double>(t.duration.count())));
    }
    drag_ = 0.0;
    forward_ = wanted_forward_;
    incoming_ = next;
}

void Show::keep_prepared(std::vector<Command>& out) {
    // Failed items get another chance after a while (a file may have been fixed or re-copied).
    for (auto& slot : slots_) {
        if (slot.prep == Prep::failed && now_ - slot.failed_at >= kRetryFailedAfter) {
            slot.prep = Prep::none;
        }
    }
    if (wanted_ && !playable(*wanted_)) wanted_ = first_playable(*wanted_, wanted_forward_);

    std::vector<std::size_t> keep;
    auto add = [&](std::optional<std::size_t> i) {
        if (i && std::find(keep.begin(), keep.end(), *i) == keep.end()) keep.push_back(*i);
    };
    if (wanted_) add(wanted_);
    const OnScreen* shown = incoming_ ? &*incoming_ : (current_ ? &*current_ : nullptr);
    if (shown && shown->view.generation == generation_) {
        add(shown->view.index);
        add(step(shown->view.index, +1));
        add(step(shown->view.index, -1));
    }
    if (current_ && current_->view.generation == generation_) add(current_->view.index);
    // Background sound is opened with the items it spans, so it starts with them.
    for (std::size_t n = 0, count = keep.size(); n < count; ++n) add(background_for(keep[n]));

    for (std::size_t i = 0; i < slots_.size(); ++i) {
        const bool wanted = std::find(keep.begin(), keep.end(), i) != keep.end();
        Slot& slot = slots_[i];
        if (wanted && slot.prep == Prep::none) {
            slot.prep = Prep::preparing;
            out.push_back(Prepare{generation_, i, language_});
        } else if (!wanted && (slot.prep == Prep::ready || slot.prep == Prep::preparing)) {
            slot.prep = Prep::none;
            out.push_back(Release{generation_, i});
        }
    }

    bool any_playable = false;
    for (std::size_t i = 0; i < slots_.size(); ++i) any_playable = any_playable || playable(i);
    notice_ = (!any_playable && !current_ && !incoming_) ? "nothing to show" : "";
}

void Show::update_scene() {
    Scene s;
    s.paused = paused_;
    s.notice = notice_;
    s.language = language_;
    if (drag_ != 0.0 && current_ && !incoming_ && current_->view.generation == generation_) {
        s.drag = drag_;
        if (const auto n = step(current_->view.index, drag_ < 0 ? +1 : -1);
            n && slots_[*n].prep == Prep::ready && *n != current_->view.index) {
            s.neighbour = ItemView{generation_, *n, Millis{0}};
        }
    }
    if (current_) s.current = current_->view;
    if (incoming_) {
        s.incoming = incoming_->view;
        s.transition = transition_.kind;
        const double total = static_cast<double>(transition_.duration.count());
        s.progress = total > 0 ? std::clamp(transition_elapsed_.count() / total, 0.0, 1.0) : 1.0;
        s.forward = forward_;
    }
    scene_ = s;
}

bool Show::playable(std::size_t index) const {
    return index < slots_.size() && slots_[index].prep != Prep::failed && !is_background(index);
}

bool Show::is_background(std::size_t index) const {
    const auto* audio = std::get_if<AudioItem>(&playlist_->items[index].body);
    return audio && audio->background;
}

std::optional<std::size_t> Show::background_for(std::size_t index) const {
    if (index >= playlist_->items.size() || is_background(index)) return std::nullopt;
    for (std::size_t b = index; b-- > 0;) {
        if (!is_background(b)) continue;
        const std::size_t spans = std::get<AudioItem>(playlist_->items[b].body).spans;
        if (spans != 0 && index - b > spans) return std::nullopt;
        if (slots_[b].prep == Prep::failed) return std::nullopt;
        return b;
    }
    return std::nullopt;
}

void Show::update_background(std::vector<Command>& out) {
    const OnScreen* shown = incoming_ ? &*incoming_ : (current_ ? &*current_ : nullptr);
    std::optional<std::size_t> wanted;
    bool interrupt = false;
    if (shown && shown->view.generation == generation_) {
        wanted = background_for(shown->view.index);
        interrupt = is_clip(shown->view.index);
    }
    if (background_ && background_ != wanted) {
        out.push_back(StopMedia{generation_, *background_, true});
        out.push_back(Log{LogLevel::info, "event=background-stop " + item_label(*playlist_, *background_)});
        background_.reset();
        background_interrupted_ = false;
    }
    if (!wanted || slots_[*wanted].prep != Prep::ready) return;
    if (!background_) {
        background_ = wanted;
        background_interrupted_ = interrupt;
        if (!interrupt) {
            out.push_back(StartMedia{generation_, *wanted});
            out.push_back(Log{LogLevel::info, "event=background-start " + item_label(*playlist_, *wanted)});
        }
        return;
    }
    if (interrupt != background_interrupted_) {
        background_interrupted_ = interrupt;
        if (interrupt) out.push_back(StopMedia{generation_, *wanted, false});
        else out.push_back(StartMedia{generation_, *wanted});
    }
}

std::vector<std::size_t> Show::sequence_items() const {
    if (sequence_ && *sequence_ < playlist_->sections.size()) {
        std::vector<std::size_t> items;
        for (std::size_t i : playlist_->sections[*sequence_].items) {
            if (i < slots_.size()) items.push_back(i);
        }
        if (!items.empty()) return items;
    }
    std::vector<std::size_t> all(slots_.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
}

std::optional<std::size_t> Show::step(std::size_t from, int delta) const {
    std::vector<std::size_t> order = sequence_items();
    // An item outside the sequence (reached by a link) steps through the whole playlist.
    if (std::find(order.begin(), order.end(), from) == order.end()) {
        order.resize(slots_.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    }
    const std::size_t n = order.size();
    if (n == 0) return std::nullopt;
    std::size_t at = static_cast<std::size_t>(std::find(order.begin(), order.end(), from) - order.begin());
    if (at == n) return std::nullopt;
    const bool dir = delta >= 0;
    int remaining = delta >= 0 ? delta : -delta;
    while (remaining > 0) {
        std::size_t probe = at;
        std::size_t tried = 0;
        do {
            probe = dir ? (probe + 1) % n : (probe + n - 1) % n;
            ++tried;
        } while (!playable(order[probe]) && tried < n);
        if (!playable(order[probe])) return std::nullopt;
        at = probe;
        --remaining;
    }
    return order[at];
}

std::optional<std::size_t> Show::first_playable(std::size_t from, bool forward) const {
    if (playable(from)) return from;
    const auto s = step(from, forward ? 1 : -1);
    return s;
}

bool Show::is_clip(std::size_t index) const {
    const auto& body = playlist_->items[index].body;
    return std::holds_alternative<VideoItem>(body) || std::holds_alternative<AudioItem>(body);
}

}  // namespace vitrine::core
