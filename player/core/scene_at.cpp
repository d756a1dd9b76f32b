#include "core/scene_at.hpp"

#include <algorithm>

namespace vitrine::core {

Scene scene_at(const Playlist& playlist, std::size_t index, Millis at) {
    Scene s;
    const auto& items = playlist.items;
    if (index >= items.size()) {
        s.notice = "nothing to show";
        return s;
    }
    const Transition t = transition_into(items[index], playlist.exhibit);
    const bool has_previous = items.size() > 1;
    if (t.kind == TransitionKind::cut || t.duration <= Millis{0} || at >= t.duration) {
        s.current = ItemView{0, index, at};
        return s;
    }
    s.incoming = ItemView{0, index, at};
    s.transition = t.kind;
    s.progress = std::clamp(static_cast<double>(at.count()) / static_cast<double>(t.duration.count()),
                            0.0, 1.0);
    if (has_previous) {
        const std::size_t prev = (index + items.size() - 1) % items.size();
        const Item& p = items[prev];
        const Millis prev_entry = transition_into(p, playlist.exhibit).kind == TransitionKind::cut
                                      ? Millis{0}
                                      : transition_into(p, playlist.exhibit).duration;
        s.current = ItemView{0, prev, prev_entry + item_duration(p, playlist.exhibit) + at};
    } else if (t.kind == TransitionKind::slide) {
        s.transition = TransitionKind::fade;  // nothing to slide away from: fade in, as the Show does
    }
    return s;
}

}  // namespace vitrine::core
