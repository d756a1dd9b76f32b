#pragma once
// `vitrine check` for a clip: opens it as the player does (media/demuxer: file protocol only,
// bounded probing, a deadline on opening), decodes its first second of pictures with the
// player's frame threads and its first sound, then a moment near its end, and says whether it
// plays as its item needs, what it holds, and whether this machine decodes it fast enough to
// play it in real time.
//
// Any thread; it runs its own demux and decode threads and joins them before returning. It
// measures real time (decoding speed is a fact about this machine), so the speed figure and the
// warning about it vary from run to run; everything else does not.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/av_clock.hpp"
#include "core/playlist_loader.hpp"
#include "core/result.hpp"
#include "media/clip_probe.hpp"

namespace vitrine::media {

// Decoding slower than this many times real time warns: while it plays, the player also draws
// the picture and plays the sound on the same cores.
inline constexpr double kRealTimeMargin = 1.25;

struct ClipCheckOptions {
    core::ClipUse use = core::ClipUse::video;  // the stream the item needs: a picture, or sound
    // How much picture is decoded and timed from the start (always at least one picture), and
    // at most how many pictures (bounds the work at high frame rates).
    core::MediaTime pictures = std::chrono::seconds(1);
    int max_pictures = 120;
    core::MediaTime sound = std::chrono::milliseconds(500);  // how much sound is decoded from the start
    // Also decode a moment near the end (at 90% of the stated duration, at least 1 s before
    // it): a copy cut short opens and starts well but stops early.
    bool check_end = true;
    // Bounds each phase (open, start, end): a clip that takes longer has a problem anyway.
    std::chrono::milliseconds deadline{20'000};
    int threads = 0;  // video frame threads; 0 = one per core, as the player decodes
    double real_time_margin = kRealTimeMargin;
};

// What the check found in a clip that plays as its item needs.
struct ClipReport {
    ClipInfo info;  // duration (0 when the container does not say), streams, picture size, codec names
    double frame_rate = 0;      // pictures per second as the container states it; 0 when unknown
    int pictures_decoded = 0;   // from the start (0 for an audio item)
    core::MediaTime sound_decoded{0};  // from the start (0 when it has no sound)
    // Seconds of picture decoded per second of wall time here, over the first pictures, with
    // `threads` frame threads; 0 when not measured (an audio item, a clip shorter than 250 ms).
    double decode_speed = 0;
    int threads = 0;
    // It plays, but: slower than real time here (with the measured speed), damaged pictures or
    // sound near the start, nothing decodes near the end (cut short), a sound that does not
    // decode in a video (it would play silently). Each a sentence a curator can act on.
    std::vector<std::string> warnings;
};

// Error (message "<path>: <reason>", path set) when the clip cannot be played as `options.use`
// needs: missing, not a file, empty (0 bytes), unreadable, text or another kind of file under a
// media name, damaged or incomplete so that it does not open or no picture (no sound) decodes, no
// decoder here for its codec, a picture larger than kMaxVideoPixels, a video item's file without
// a picture, an audio item's file without sound. A video without sound is fine.
core::Result<ClipReport> check_clip(const std::filesystem::path& file, const ClipCheckOptions& options = {});

// check_clip with default options for LoadOptions::check_clip: `error` is the reason alone
// (the loader names the file as the playlist writes it), `warnings` as in ClipReport.
core::ClipReport check_clip_file(const std::filesystem::path& file, core::ClipUse use);

}  // namespace vitrine::media
