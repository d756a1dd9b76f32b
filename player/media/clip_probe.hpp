#pragma once
// Opens a video or audio file with libavformat, as safely as a kiosk needs (file protocol
// only, bounded probing, a deadline on every blocking read), and says what it holds.
// Any thread; no shared state.
#include <chrono>
#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {

struct ClipInfo {
    std::chrono::milliseconds duration{0};  // 0 when the container does not say
    bool has_video = false;
    bool has_audio = false;
    int width = 0, height = 0;
    std::string video_codec, audio_codec;  // FFmpeg codec names
};

// Opens `file` for reading with the kiosk's limits: the file protocol only, bounded probing
// (5 MB, 5 s of content), at most 64 streams, and every blocking read interrupted once
// `deadline` has passed. `deadline` must outlive the returned context (its interrupt callback
// reads it). Error with the path and FFmpeg's reason.
core::Result<FormatContextPtr> open_media_file(const std::filesystem::path& file,
                                               const std::chrono::steady_clock::time_point& deadline);

// Fails with the path and FFmpeg's reason when the file is missing, unreadable, not a media
// file, or holds no stream FFmpeg can decode.
core::Result<ClipInfo> probe_clip(const std::filesystem::path& file);

}  // namespace vitrine::media
