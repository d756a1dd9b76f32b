#pragma once
// The clips of the show that are open (prerolled, playing or just left), keyed like the
// compositor's items by (generation, index). Carries out StartMedia / StopMedia, and once per
// frame moves each clip's picture on and hands it to the compositor (as YUV planes for the
// texture path, or converted straight into the CPU path's texture), with the caption cue due
// and the progress line; reports clips that reached their end; measures what it presented
// (pictures shown and dropped, the A/V offset when each picture reached the screen).
//
// Thread: the render thread only (it calls the compositor and paints caption cues with its own
// fonts). Destroying it joins the clips' threads.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/logger.hpp"
#include "app/timing_log.hpp"
#include "core/av_clock.hpp"
#include "core/caption_track.hpp"
#include "core/playlist.hpp"
#include "media/audio_output.hpp"
#include "media/clip_player.hpp"
#include "media/frame_converter.hpp"
#include "render/compositor.hpp"
#include "render/panel_painter.hpp"

namespace vitrine::app {

// What the deck needs to know of a clip's item besides the player.
struct ClipItem {
    std::string id;                // for logs and the timing log
    core::Fit fit = core::Fit::contain;
    core::CaptionTrack captions;   // the cues in the language shown; empty when none
    core::Theme theme;             // caption look
    core::Display display;         // caption size
};

// The captions `clip` shows to a visitor reading `language` (core::caption_file_for): its sidecar
// file, else its own text subtitle stream in that language (or its default one). In the default
// language (or with `language` empty) the exhibit's caption_language holds. Problems are logged
// (with `id`); the clip then plays with the cues that could be read, or none. Any thread (the
// preloader's).
core::CaptionTrack captions_for(const core::Clip& clip, const core::Exhibit& exhibit, std::string_view language,
                                const std::string& id, Logger& log);

// Totals for the exit summary.
struct PlaybackSummary {
    std::size_t shown = 0;
    std::size_t dropped = 0;
    std::size_t late_decodes = 0;
    std::size_t av_samples = 0;
    double av_mean_ms = 0.0;   // mean of (picture - sound) at presentation; + = picture early
    double av_worst_ms = 0.0;  // the one furthest from 0, signed
};

class ClipDeck {
public:
    using Key = std::pair<std::size_t, std::size_t>;  // (generation, index)
    using WallTime = core::WallTime;

    ClipDeck(Logger& log, TimingLog* timing) : log_(log), timing_(timing) {}

    // Takes an opened (prerolled) clip; its first picture and caption go to the compositor,
    // which must already hold the item (Compositor::adopt).
    void adopt(Key key, std::unique_ptr<media::ClipPlayer> player, ClipItem item, render::Compositor& compositor);
    void release(Key key);
    bool holds(Key key) const { return clips_.count(key) != 0; }

    void start(Key key, WallTime now);
    void stop(Key key, WallTime now, bool rewind);
    // The show paused or resumed: every playing clip with it.
    void set_paused(bool paused, WallTime now);

    // Moves clip `key` to `fraction` (0..1, clamped) of the way from its start point to its end
    // point (or the file's end), as a tap or a drag on its progress line asks (ClipPlayer::seek:
    // playing goes on playing from there, paused stays paused, stopped starts from there; the
    // picture there is shown as soon as it is decoded, through update()). The clip reports its
    // end again when it reaches it. False (nothing done) for an unknown key or a clip whose
    // length is unknown.
    bool seek(Key key, double fraction, WallTime now);
    // How far clip `key` is at `now`, 0..1 of the same span (0 at the start point, 1 at the end
    // point); nullopt for an unknown key or a clip whose length is unknown.
    std::optional<double> progress(Key key, WallTime now) const;

    // Moves every playing clip on to what is due at `target` and gives the compositor its new
    // picture, caption and progress (a stopped clip: those of the place it will start from, once
    // decoded after a rewind or a seek). Returns the clips that reached their end since last time.
    std::vector<Key> update(render::Compositor& compositor, WallTime target);
    // After SDL_RenderPresent: the pictures presented now are measured (A/V offset) and logged.
    void presented(WallTime now);
    // The screen was rebuilt (resize, lost textures): pictures and captions are uploaded again.
    void reupload(render::Compositor& compositor);

    // When the next picture falls due, or the picture of a seek is awaited (the loop sleeps
    // until then at most); nullopt: none.
    std::optional<WallTime> next_due() const;
    bool any_playing() const;
    PlaybackSummary summary() const;
    std::size_t natural_duration_ms(Key key) const;

private:
    struct Entry {
        std::unique_ptr<media::ClipPlayer> player;
        ClipItem item;
        media::FrameConverter converter;
        std::size_t uploaded_picture = 0;   // player's picture_serial() last uploaded
        std::size_t presented_picture = 0;  // ... last measured after a present
        std::string caption_text;           // the cue text on screen ("" = none)
        bool end_reported = false;
    };
    void upload_picture(Key key, Entry& e, render::Compositor& compositor);
    void update_caption(Key key, Entry& e, render::Compositor& compositor, WallTime now);
    void update_progress(Key key, Entry& e, render::Compositor& compositor, WallTime now);
    void add_to_totals(const Entry& e);

    Logger& log_;
    TimingLog* timing_;  // may be null
    std::map<Key, Entry> clips_;
    render::PanelPainter painter_;  // caption cues, painted on this thread
    PlaybackSummary released_;      // totals of clips already released
    double av_sum_ms_ = 0.0;
    bool paused_ = false;
};

}  // namespace vitrine::app
