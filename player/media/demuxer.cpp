#include "media/demuxer.hpp"

#include <algorithm>
#include <cstdint>
#include <system_error>
#include <tuple>
#include <utility>

namespace vitrine::media {
namespace {

using Clock = std::chrono::steady_clock;
constexpr AVRational kNanoseconds{1, 1'000'000'000};
constexpr std::size_t kEnoughPackets = 25;                // ffplay's MIN_FRAMES: a queue this full is not starving
constexpr auto kEnoughQueued = std::chrono::seconds{1};   // ffplay: and at least a second of media queued
constexpr int kMaxStreams = 64;                           // reliability.md: bound max_streams

core::MediaTime to_media_time(int64_t ts, AVRational time_base) {
    return core::MediaTime{av_rescale_q(ts, time_base, kNanoseconds)};
}

}  // namespace

Demuxer::Demuxer(std::filesystem::path path, DemuxerOptions options)
    : path_(std::move(path)),
      options_(std::move(options)),
      video_([this] { std::lock_guard lock(mutex_); wake_.notify_all(); }),
      audio_([this] { std::lock_guard lock(mutex_); wake_.notify_all(); }),
      subtitle_([this] { std::lock_guard lock(mutex_); wake_.notify_all(); }) {}

core::Result<std::unique_ptr<Demuxer>> Demuxer::open(const std::filesystem::path& file,
                                                     DemuxerOptions options) {
    std::unique_ptr<Demuxer> demuxer(new Demuxer(file, std::move(options)));
    if (auto opened = demuxer->open_input(); !opened) return std::unexpected(opened.error());
    demuxer->thread_ = std::thread([d = demuxer.get()] { d->run(); });
    return demuxer;
}

Demuxer::~Demuxer() {
    abort_ = true;
    {
        std::lock_guard lock(mutex_);
        wake_.notify_all();
    }
    video_.queue.abort();
    audio_.queue.abort();
    subtitle_.queue.abort();
    if (thread_.joinable()) thread_.join();
}

int Demuxer::interrupt(void* opaque) {
    const auto* self = static_cast<const Demuxer*>(opaque);
    if (self->abort_) return 1;
    const auto deadline = self->deadline_.load();
    return deadline != 0 && Clock::now().time_since_epoch().count() > deadline ? 1 : 0;
}

core::Result<void> Demuxer::open_input() {
    const std::string path = path_.string();
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) return core::fail("file not found: " + path, path);
    if (std::filesystem::file_size(path_, ec) == 0) return core::fail("file is empty (0 bytes): " + path, path);

    deadline_ = (Clock::now() + options_.open_deadline).time_since_epoch().count();
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return core::fail("out of memory opening " + path, path);
    raw->interrupt_callback.callback = &Demuxer::interrupt;
    raw->interrupt_callback.opaque = this;
    raw->max_streams = kMaxStreams;
    // reliability.md: plain files only (a playlist-like container must not open URLs or other
    // files), bounded probing.
    AvDictionary opts;
    opts.set("protocol_whitelist", "file");
    opts.set("probesize", "5000000");
    opts.set("analyzeduration", "5000000");
    // On failure avformat_open_input frees the context itself.
    const int open = avformat_open_input(&raw, path.c_str(), nullptr, opts.get());
    if (open < 0) return core::fail("cannot open " + path + ": " + av_error_text(open), path);
    format_.reset(raw);
    const int info = avformat_find_stream_info(format_.get(), nullptr);
    if (info < 0) return core::fail("cannot read the streams of " + path + ": " + av_error_text(info), path);
    deadline_ = 0;  // from here on only the abort flag interrupts a read

    if (format_->start_time != AV_NOPTS_VALUE) start_offset_ = to_media_time(format_->start_time, AV_TIME_BASE_Q);
    if (format_->duration > 0) duration_ = to_media_time(format_->duration, AV_TIME_BASE_Q);

    auto select = [&](AVMediaType type, Selected& into) -> core::Result<void> {
        // Like ffplay, audio and subtitles are chosen to go with the selected video stream.
        const int related = type != AVMEDIA_TYPE_VIDEO && video_.info ? video_.info->index : -1;
        const int index = av_find_best_stream(format_.get(), type, -1, related, nullptr, 0);
        if (index < 0) return {};
        AVStream* st = format_->streams[index];
        // A cover picture in an audio file is not a video stream to play.
        if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) return {};
        StreamInfo stream;
        stream.index = index;
        stream.parameters.reset(avcodec_parameters_alloc());
        if (!stream.parameters || avcodec_parameters_copy(stream.parameters.get(), st->codecpar) < 0) {
            return core::fail("out of memory opening " + path, path);
        }
        stream.time_base = st->time_base;
        if (type == AVMEDIA_TYPE_VIDEO) stream.frame_rate = av_guess_frame_rate(format_.get(), st, nullptr);
        stream.start_offset = start_offset_;
        into.info = std::move(stream);
        return {};
    };
    for (auto [type, into, wanted] : {std::tuple{AVMEDIA_TYPE_VIDEO, &video_, options_.video},
                                      std::tuple{AVMEDIA_TYPE_AUDIO, &audio_, options_.audio},
                                      std::tuple{AVMEDIA_TYPE_SUBTITLE, &subtitle_, options_.subtitles}}) {
        if (!wanted) continue;
        if (auto selected = select(type, *into); !selected) return selected;
    }
    if (!video_.info && !audio_.info) {
        if (!options_.video) return core::fail("no audio stream in " + path, path);
        return core::fail(options_.audio ? "no video or audio stream in " + path
                                         : "no video stream in " + path + " (audio not wanted)", path);
    }
    // Streams nobody decodes are not even demuxed.
    for (unsigned i = 0; i < format_->nb_streams; ++i) {
        if (!selected_for(static_cast<int>(i))) format_->streams[i]->discard = AVDISCARD_ALL;
    }
    return {};
}

Demuxer::Selected* Demuxer::selected_for(int stream_index) {
    for (Selected* s : {&video_, &audio_, &subtitle_}) {
        if (s->info && s->info->index == stream_index) return s;
    }
    return nullptr;
}

bool Demuxer::must_wait_locked() const {
    std::size_t bytes = 0;
    bool all_enough = true;
    for (const Selected* s : {&video_, &audio_, &subtitle_}) {
        if (!s->info) continue;
        bytes += s->queue.bytes();
        const bool enough = s->queue.aborted() ||
                            (s->queue.count() > kEnoughPackets &&
                             (s->queue.duration() == core::MediaTime{0} || s->queue.duration() > kEnoughQueued));
        all_enough = all_enough && enough;
    }
    return bytes > options_.max_queued_bytes || all_enough;
}

void Demuxer::push_end_of_stream_locked() {
    for (Selected* s : {&video_, &audio_, &subtitle_}) {
        if (s->info) s->queue.push(nullptr);
    }
    end_of_stream_ = true;
}

core::QueueSerial Demuxer::seek(core::MediaTime to) {
    std::lock_guard lock(mutex_);
    const core::MediaTime target = std::max(to, core::MediaTime{0});
    seek_to_ = target;
    end_of_stream_ = false;
    read_error_logged_ = false;
    std::optional<core::QueueSerial> serial;
    for (Selected* s : {&video_, &audio_, &subtitle_}) {
        if (!s->info) continue;
        const core::QueueSerial flushed = s->queue.flush(target);
        if (!serial) serial = flushed;
    }
    wake_.notify_all();
    return serial.value_or(0);
}

bool Demuxer::end_of_stream() const {
    std::lock_guard lock(mutex_);
    return end_of_stream_;
}

void Demuxer::run() {
    PacketPtr packet(av_packet_alloc());
    if (!packet) {
        std::lock_guard lock(mutex_);
        push_end_of_stream_locked();
        return;
    }
    for (;;) {
        std::optional<core::MediaTime> seek_to;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return abort_ || seek_to_ || (!end_of_stream_ && !must_wait_locked()); });
            if (abort_) return;
            seek_to = std::exchange(seek_to_, std::nullopt);
        }
        if (seek_to) {
            const int64_t ts = av_rescale_q((*seek_to + start_offset_).count(), kNanoseconds, AV_TIME_BASE_Q);
            // The key frame at or before the target; the decoders skip up to the target itself.
            const int sought = avformat_seek_file(format_.get(), -1, INT64_MIN, ts, ts, 0);
            if (sought < 0 && !abort_ && options_.log) {
                options_.log("cannot seek in " + path_.string() + ": " + av_error_text(sought));
            }
            continue;
        }

        const int read = av_read_frame(format_.get(), packet.get());
        if (abort_) return;
        std::lock_guard lock(mutex_);
        if (seek_to_) {  // read before the seek: belongs to no serial
            av_packet_unref(packet.get());
            continue;
        }
        if (read < 0) {
            // A truncated or corrupt file ends here as well: what was read is played.
            if (read != AVERROR_EOF && !read_error_logged_ && options_.log) {
                read_error_logged_ = true;
                options_.log("reading " + path_.string() + " stopped early: " + av_error_text(read));
            }
            push_end_of_stream_locked();
            continue;
        }
        Selected* s = selected_for(packet->stream_index);
        if (!s) {
            av_packet_unref(packet.get());
            continue;
        }
        PacketPtr owned(av_packet_alloc());
        if (!owned) {
            av_packet_unref(packet.get());
            continue;
        }
        av_packet_move_ref(owned.get(), packet.get());
        const core::MediaTime duration = to_media_time(owned->duration, s->info->time_base);
        s->queue.push(std::move(owned), duration);
    }
}

}  // namespace vitrine::media
