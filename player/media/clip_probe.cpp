#include "media/clip_probe.hpp"

#include <system_error>

#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProbeDeadline = std::chrono::seconds(10);  // a probe never hangs `check` or a preload

int past_deadline(void* opaque) {  // AVIOInterruptCB
    const auto* deadline = static_cast<const Clock::time_point*>(opaque);
    return Clock::now() > *deadline ? 1 : 0;
}

}  // namespace

core::Result<FormatContextPtr> open_media_file(const std::filesystem::path& file, const Clock::time_point& deadline) {
    const std::string path = file.string();
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return core::fail("out of memory opening " + path, path);
    raw->interrupt_callback.callback = past_deadline;
    raw->interrupt_callback.opaque = const_cast<Clock::time_point*>(&deadline);
    // reliability.md: only plain files (a playlist-like container must not open URLs or other
    // files), bounded probing, a bounded number of streams.
    AvDictionary opts;
    opts.set("protocol_whitelist", "file");
    opts.set("probesize", "5000000");
    opts.set("analyzeduration", "5000000");
    raw->max_streams = 64;
    // On failure avformat_open_input frees the context itself.
    const int open = avformat_open_input(&raw, path.c_str(), nullptr, opts.get());
    if (open < 0) return core::fail("cannot open " + path + ": " + av_error_text(open), path);
    return FormatContextPtr(raw);
}

core::Result<ClipInfo> probe_clip(const std::filesystem::path& file) {
    const std::string path = file.string();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return core::fail("file not found: " + path, path);
    if (std::filesystem::file_size(file, ec) == 0) return core::fail("file is empty (0 bytes): " + path, path);

    Clock::time_point deadline = Clock::now() + kProbeDeadline;
    auto opened = open_media_file(file, deadline);
    if (!opened) return std::unexpected(opened.error());
    FormatContextPtr fmt = std::move(*opened);
    const int info = avformat_find_stream_info(fmt.get(), nullptr);
    if (info < 0) return core::fail("cannot read the streams of " + path + ": " + av_error_text(info), path);

    ClipInfo out;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVCodecParameters* par = fmt->streams[i]->codecpar;
        const bool decodable = avcodec_find_decoder(par->codec_id) != nullptr;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO && !(fmt->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
            if (!decodable || out.has_video) continue;
            out.has_video = true;
            out.width = par->width;
            out.height = par->height;
            out.video_codec = avcodec_get_name(par->codec_id);
        } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
            if (!decodable || out.has_audio) continue;
            out.has_audio = true;
            out.audio_codec = avcodec_get_name(par->codec_id);
        }
    }
    if (!out.has_video && !out.has_audio) {
        return core::fail("no video or audio stream that can be decoded in " + path, path);
    }
    if (fmt->duration > 0) out.duration = std::chrono::milliseconds(fmt->duration / (AV_TIME_BASE / 1000));
    return out;
}

}  // namespace vitrine::media
