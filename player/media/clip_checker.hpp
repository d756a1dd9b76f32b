#pragma once
// `vitrine check` for a clip: opens it as the player would (media/demuxer), decodes its first
// second of pictures with the player's frame threads and its first sound, and says whether it
// plays, and whether this machine decodes it fast enough to play it in real time.
//
// Any thread; it runs its own decode threads and joins them before returning. Measures real
// time (decoding speed is a fact about this machine), so its figures vary from run to run.
#include <filesystem>

#include "core/playlist_loader.hpp"

namespace vitrine::media {

// Decoding slower than real time by this margin warns: the player also draws and plays sound.
inline constexpr double kRealTimeMargin = 1.25;

// error: missing, empty, not a media file, truncated so that nothing decodes, no decoder for
// its codec, a picture larger than kMaxVideoPixels, a video item without a picture stream, an
// audio item without sound. warnings: decoding slower than kRealTimeMargin x real time here
// (with the measured speed), decode errors in the first frames, a sound that does not decode
// in a video (it would play silently).
core::ClipReport check_clip_file(const std::filesystem::path& file, core::ClipUse use);

}  // namespace vitrine::media
