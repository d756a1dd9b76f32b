#pragma once
// A visitor's side of the exhibit, around the Show: touch points and clock ticks in, the Show's
// commands out, and the Scene with its Overlay (controls, menu, links, language, staff keypad,
// idle warning). Pure and single-threaded, like the Show: a whole visit is a scripted list of
// touch points and ticks in tests.
//
// What it keeps:
// - A tap shows the controls for Exhibit::controls_timeout; a tap on a clip also pauses or
//   resumes it; a tap on a control, link or tile acts on release, inside the target.
// - Swipe left/right: next/previous within the sequence (the item follows the finger; a short
//   drag settles back). Swipe up/down: the pages of a long text. Every gesture has a button.
// - Links and menu choices remember where the visitor came from: back returns there.
// - Idle for Exhibit::idle_return: the attract sequence again, in the default language, with
//   controls, menu and history reset; a warning shows idle_warning before, and a touch keeps
//   the visit going.
// - Staff: a hold of StaffExit::hold in its corner opens the PIN keypad; the right PIN asks the
//   app to exit (Exit command). Nothing else a visitor can do leaves the exhibit.
// - No latency of its own: what a touch changes is in scene() as soon as handle() returns.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/command.hpp"
#include "core/event.hpp"
#include "core/gesture_recognizer.hpp"
#include "core/show.hpp"
#include "core/touch_layout.hpp"

namespace vitrine::core {

struct VisitOptions {
    ShowOptions show;
    int width = 1920, height = 1080;  // the screen, pixels (ScreenSize changes it)
};

class Visit {
public:
    explicit Visit(std::shared_ptr<const Playlist> playlist, VisitOptions options = {});

    // Any event: touch points and the visitor's moves are handled here, the rest goes to the
    // Show. Present commands carry the full scene (overlay included).
    std::vector<Command> handle(const Event& event);

    const Scene& scene() const { return scene_; }
    const Show& show() const { return show_; }
    const Playlist& playlist() const { return show_.playlist(); }
    const std::shared_ptr<const Playlist>& playlist_ptr() const { return show_.playlist_ptr(); }
    const TouchLayout& layout() const { return layout_; }
    bool finished() const { return show_.finished(); }
    // A visitor is engaged (touched within idle_return and the attract loop has not resumed).
    bool engaged() const { return last_touch_.has_value(); }
    // The visitor's trail for back: the items they came from, most recent last.
    std::size_t history_size() const { return history_.size(); }
    // Something moves on its own (a fade, a drag settling): the app should draw every frame.
    bool animating() const;

    static constexpr Millis kFadeIn{150};        // controls and panels appear at half strength on the next frame, whole after this...
    static constexpr Millis kFadeOut{300};       // ...and leave gently
    static constexpr Millis kPinTimeout{30000};  // an abandoned keypad closes
    static constexpr int kPinAttempts = 5;       // wrong PINs before the keypad locks...
    static constexpr Millis kPinLockout{60000};  // ...for this long

private:
    struct Place {
        std::size_t index = 0;
        std::optional<std::size_t> sequence;
    };

    void on_tick(Millis now, std::vector<Command>& out);
    void on_touch(const TouchPoint& p, std::vector<Command>& out);
    void on_gesture(const Gesture& g, std::vector<Command>& out);
    void on_tap(double x, double y, std::vector<Command>& out);
    void on_drag(const Drag& d, std::vector<Command>& out);
    void act(const Target& t, std::vector<Command>& out);
    void act_on_menu(const Target& t, std::vector<Command>& out);
    void act_on_pin(const Target& t, std::vector<Command>& out);
    void open_section(std::size_t section, std::vector<Command>& out);
    void follow_link(const Link& link, std::vector<Command>& out);
    void go_back(std::vector<Command>& out);
    void touched(std::vector<Command>& out);
    void return_to_attract(std::vector<Command>& out);
    void check_staff_hold(std::vector<Command>& out);
    void show_controls();
    void hide_controls();
    void open_panel(Overlay::Panel panel);  // Panel::none closes the open one
    void seek_to(double x, std::vector<Command>& out);
    void forward(const Event& e, std::vector<Command>& out);

    // The targets a tap can hit now, in priority order.
    std::vector<Target> controls_targets() const;
    std::vector<Target> link_targets() const;
    std::vector<Target> menu_targets() const;
    std::optional<Place> here() const;
    bool shown_is_clip() const;
    void update_scene();

    Show show_;
    GestureRecognizer recognizer_;
    TouchLayout layout_;
    Millis now_{0};

    std::optional<Millis> last_touch_;   // engaged since; nullopt: the attract loop runs
    std::optional<Millis> controls_until_;
    Millis controls_changed_{0};         // when they last appeared or began to fade
    bool controls_on_ = false;

    Overlay::Panel panel_ = Overlay::Panel::none;
    Millis panel_changed_{0};
    Overlay::Panel fading_panel_ = Overlay::Panel::none;  // drawn while it fades out
    std::optional<std::size_t> menu_parent_;
    std::size_t menu_page_ = 0;

    std::vector<Place> history_;
    std::optional<Target> pressed_;      // the target under the finger now
    bool gesture_on_target_ = false;     // the finger went down on a target: no item drag
    bool dragging_item_ = false;
    bool seeking_ = false;
    bool staff_hold_done_ = false;       // this hold already opened the keypad
    bool swallow_ = false;               // this touch only dismissed the idle warning

    std::string pin_;
    bool pin_wrong_ = false;
    int pin_failures_ = 0;
    Millis pin_locked_until_{0};
    Millis pin_touched_{0};

    std::optional<std::pair<std::size_t, std::size_t>> progress_key_;
    double clip_progress_ = 0.0;

    Scene scene_;
};

}  // namespace vitrine::core
