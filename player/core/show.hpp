#pragma once
// The exhibit's state machine: events in (time, navigation, preparation results), commands out
// (prepare, release, start/stop media, present, log). Pure and single-threaded: the app calls
// handle() from its loop; tests script whole days of events in milliseconds.
//
// Rules it keeps:
// - Nothing appears before it is prepared: a transition starts only when the item coming in is
//   ready, so the screen never shows a gap the playlist did not ask for. The current item stays
//   on screen (its clock running on) while the next one is still being prepared.
// - The next and the previous item are prepared ahead; everything else is released.
// - Items that fail to prepare are logged and skipped; after kRetryFailedAfter they are tried
//   again. With nothing playable, the scene carries a notice instead of an item.
// - Navigation requests are merged: all Navigate events between two ticks make one move.
// - An item's display time counts after its incoming transition; its `elapsed` (which drives
//   pan-and-zoom) counts from the start of that transition and stops while paused.
// - Background sound (an audio item with background = true) is never on screen: it is started
//   while an item it spans is shown, interrupted (StopMedia without rewind) while a clip is
//   shown, resumed after, and stopped when the show leaves its span.
// - With `once`, the show stops advancing at the end of the playlist and finished() turns true.
// - A visitor's moves: GoTo (links, menu), SetSequence (a section's items, or all), SetLanguage
//   (items are prepared again in it, the place kept, like a reload), Engage (timed items wait),
//   DragItem/DragRelease (the item follows a finger; released far enough, the slide goes on from
//   where the finger left it, else it settles back), TurnPage (a long text's pages).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/command.hpp"
#include "core/event.hpp"
#include "core/playlist.hpp"
#include "core/scene.hpp"

namespace vitrine::core {

struct ShowOptions {
    bool once = false;  // one pass through the playlist, then finished() (vitrine play --once)
};

class Show {
public:
    // `playlist` must not be null. It may have no items: the show then presents a notice.
    explicit Show(std::shared_ptr<const Playlist> playlist, ShowOptions options = {});

    std::vector<Command> handle(const Event& event);

    const Scene& scene() const { return scene_; }
    const Playlist& playlist() const { return *playlist_; }
    const std::shared_ptr<const Playlist>& playlist_ptr() const { return playlist_; }
    std::size_t generation() const { return generation_; }
    // With ShowOptions::once: the last item has had its time (the app leaves).
    bool finished() const { return finished_; }
    const std::string& language() const { return language_; }
    // The section whose items navigation runs through; nullopt: the whole playlist.
    std::optional<std::size_t> sequence() const { return sequence_; }
    bool engaged() const { return engaged_; }
    // The item a visitor sees now (the incoming one during a transition), if any.
    std::optional<ItemView> shown() const;
    // How much of the current item's time has passed, 0..1 (nullopt during a transition).
    std::optional<double> progress() const;
    // The background sound playing now (not interrupted), if any.
    std::optional<std::size_t> background() const {
        return background_ && !background_interrupted_ ? background_ : std::nullopt;
    }

    static constexpr Millis kManualTransition{450};   // a visitor's or staff's move: quick, but seen
    static constexpr Millis kRetryFailedAfter{60000}; // a file fixed on disk comes back within a minute
    static constexpr Millis kClipEndGrace{2000};      // a clip that reports no end is moved on after this
    static constexpr Millis kSettle{250};             // a released drag settles back from the screen's edge in this

private:
    enum class Prep { none, preparing, ready, failed };
    struct Slot {
        Prep prep = Prep::none;
        std::optional<Millis> natural_duration;
        bool ends_itself = false;
        std::size_t pages = 1;
        Millis page_duration{0};
        Millis failed_at{0};
    };
    struct OnScreen {
        ItemView view;
        Millis entry{0};  // length of the transition it came in with
        bool ended = false;  // its clip reported its end
    };

    void on_tick(Millis now, std::vector<Command>& out);
    void on_ready(const ItemReady& e, std::vector<Command>& out);
    void on_failed(const ItemFailed& e, std::vector<Command>& out);
    void on_media_ended(const MediaEnded& e);
    void on_reload(const PlaylistLoaded& e, std::vector<Command>& out);
    // A new generation of `playlist` (a reload, a new language): keeps the place by id.
    void restart(std::shared_ptr<const Playlist> playlist, std::vector<Command>& out);
    void on_go_to(const GoTo& e, std::vector<Command>& out);
    void on_drag_release(const DragRelease& e, std::vector<Command>& out);
    void on_turn_page(const TurnPage& e);
    void settle_drag(Millis dt);
    // The item a visitor's next/previous counts from: the one a pending move waits for, else the current.
    std::size_t manual_base() const;
    // The items navigation walks, in order.
    std::vector<std::size_t> sequence_items() const;

    void finish_transition(std::vector<Command>& out);
    void apply_navigation(std::vector<Command>& out);
    void auto_advance();
    void start_transition_if_ready(std::vector<Command>& out);
    void keep_prepared(std::vector<Command>& out);
    void update_scene();

    bool playable(std::size_t index) const;
    std::optional<std::size_t> step(std::size_t from, int delta) const;
    std::optional<std::size_t> first_playable(std::size_t from, bool forward) const;
    Millis hold_time(const OnScreen& s) const;
    bool is_clip(std::size_t index) const;
    bool is_background(std::size_t index) const;
    // The background sound whose span holds item `index`, if any.
    std::optional<std::size_t> background_for(std::size_t index) const;
    void update_background(std::vector<Command>& out);
    void leave_screen(const OnScreen& s, std::vector<Command>& out);

    std::shared_ptr<const Playlist> playlist_;
    ShowOptions options_;
    bool finished_ = false;
    std::string language_;
    std::optional<std::size_t> sequence_;
    bool engaged_ = false;
    double drag_ = 0.0;          // the current item's offset, fraction of the width
    bool dragging_ = false;      // a finger holds it (else it settles back to 0)
    double transition_from_ = 0.0;  // a released drag's slide starts this far through
    std::optional<std::size_t> background_;  // started in generation_ (maybe interrupted)
    bool background_interrupted_ = false;
    std::size_t generation_ = 0;
    std::vector<Slot> slots_;

    bool started_ = false;
    Millis now_{0};
    bool paused_ = false;
    int pending_moves_ = 0;

    std::optional<OnScreen> current_;
    std::optional<OnScreen> incoming_;
    Transition transition_;
    Millis transition_elapsed_{0};
    bool forward_ = true;

    std::optional<std::size_t> wanted_;  // the item to show next, once it is ready
    bool wanted_manual_ = false;
    bool wanted_forward_ = true;
    bool wanted_quick_ = true;   // a manual move: the quick slide (false: the item's own transition)

    std::string notice_;
    Scene scene_;
};

}  // namespace vitrine::core
