#include "media/clip_checker.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <expected>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "core/duration_parser.hpp"
#include "media/audio_decoder.hpp"
#include "media/demuxer.hpp"
#include "media/video_decoder.hpp"

namespace vitrine::media {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using Checked = std::expected<ClipReport, std::string>;  // the reason alone when it cannot play

constexpr std::size_t kSniffBytes = 4096;  // holds every container's signature; enough to tell text from binary
constexpr core::MediaTime kShortestTimed = 250ms;  // less picture than this times thread start-up, not decoding
constexpr core::MediaTime kSoundAtEnd = 100ms;  // any sound near the end proves it is there
constexpr std::size_t kProblemsKept = 3;  // the first few decode errors say enough

std::string one_decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string clip_time(core::MediaTime t) {
    return core::format_duration(std::chrono::duration_cast<core::Millis>(t));
}

// `message` from the demuxer or a decoder without the path it names (the check's own message
// names the file once) and without the player's "decoding goes on".
std::string without_path(std::string message, const std::string& path) {
    for (const std::string& named : {" in " + path, " of " + path, " for " + path, " " + path}) {
        for (auto at = message.find(named); at != std::string::npos; at = message.find(named)) message.erase(at, named.size());
    }
    if (const auto at = message.find("; decoding goes on"); at != std::string::npos) message.erase(at);
    return message;
}

// Decode and read errors from the demux and decode threads, the first few of each phase.
class Problems {
public:
    explicit Problems(std::string path) : path_(std::move(path)) {}
    std::function<void(const std::string&)> sink() {
        return [this](const std::string& m) {
            std::lock_guard lock(mutex_);
            if (messages_.size() < kProblemsKept) messages_.push_back(without_path(m, path_));
        };
    }
    // The messages so far; the next phase starts with none.
    std::vector<std::string> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(messages_, {});
    }

private:
    const std::string path_;
    std::mutex mutex_;  // guards messages_
    std::vector<std::string> messages_;
};

// Counts the sound the audio decode thread delivers for one packet serial. Once `wanted` is
// counted (or the stream ended) the sink holds the decode thread, which would otherwise decode
// the whole file for nothing, until begin() starts the next phase or stop() ends the check.
// stop() must be called before the AudioDecoder is destroyed (its destructor joins the thread).
class SoundTally {
public:
    static constexpr AudioFormat kFormat{48000, 2, SampleFormat::f32};

    AudioDecoder::Sink sink() {
        return [this](AudioChunk&& c) {
            std::unique_lock lock(mutex_);
            if (c.serial == serial_) {
                if (c.end_of_stream) ended_ = true;
                else counted_ += kFormat.duration_of(c.bytes.size());
                changed_.notify_all();
            }
            changed_.wait(lock, [&] { return stopped_ || c.serial != serial_ || !(counted_ >= wanted_ || ended_); });
            return !stopped_;
        };
    }
    // Starts counting the serial `start` returns (called under the tally's lock, so that no
    // chunk of the new serial goes uncounted), up to `wanted`.
    void begin(const std::function<core::QueueSerial()>& start, core::MediaTime wanted) {
        std::lock_guard lock(mutex_);
        serial_ = start();
        wanted_ = wanted;
        counted_ = core::MediaTime{0};
        ended_ = false;
        changed_.notify_all();
    }
    // Waits until the wanted sound is counted, the stream ended or `deadline`; the sound counted.
    core::MediaTime wait(Clock::time_point deadline) {
        std::unique_lock lock(mutex_);
        changed_.wait_until(lock, deadline, [&] { return counted_ >= wanted_ || ended_; });
        return counted_;
    }
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;  // guards everything below
    std::condition_variable changed_;
    core::QueueSerial serial_ = 0;
    core::MediaTime wanted_{0};
    core::MediaTime counted_{0};
    bool ended_ = false;
    bool stopped_ = false;
};

// The audio decoder and its tally, stopped in the right order however the check ends.
struct SoundCheck {
    SoundTally tally;
    std::unique_ptr<AudioDecoder> decoder;
    SoundCheck() = default;
    SoundCheck(const SoundCheck&) = delete;
    SoundCheck& operator=(const SoundCheck&) = delete;
    ~SoundCheck() { end(); }
    void end() {
        tally.stop();
        decoder.reset();
    }
};

bool looks_like_text(std::span<const unsigned char> bytes) {
    if (bytes.empty()) return false;
    // Every media container has binary sizes or flags (bytes below 0x20) in its first kilobytes.
    return std::none_of(bytes.begin(), bytes.end(), [](unsigned char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
    });
}

// Why a file that exists and is not empty does not open as media, from its first bytes.
// `opened`: the demuxer's message.
std::string why_not_opened(const fs::path& file, const std::string& opened) {
    const std::string path = file.string();
    if (opened.starts_with("no video or audio stream")) {
        return "it holds neither a picture nor sound that can be played";
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return "it cannot be read (" + without_path(opened, path) + ")";
    std::vector<unsigned char> head(kSniffBytes + AVPROBE_PADDING_SIZE, 0);  // FFmpeg's probes read past the end
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(kSniffBytes));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (looks_like_text({head.data(), n})) {
        return "it holds text, not video or audio (a document saved under a media file's name?)";
    }
    AVProbeData probe{};
    probe.filename = "";  // judge the bytes, not the name
    probe.buf = head.data();
    probe.buf_size = static_cast<int>(n);
    int score = 0;
    const AVInputFormat* format = av_probe_input_format3(&probe, 1, &score);
    if (format && score > AVPROBE_SCORE_RETRY) {
        const std::string kind = format->long_name ? format->long_name : format->name;
        return "it is damaged or incomplete: it begins as a " + kind +
               " file but cannot be read (an unfinished copy or export?); copy or export it again";
    }
    return "it is not a video or audio file FFmpeg knows (" + without_path(opened, path) + ")";
}

std::string codec_name(const StreamInfo& s) { return avcodec_get_name(s.parameters->codec_id); }

// Why the decoder of `stream` did not open (`failed`: the decoder's message).
std::string why_no_decoder(const StreamInfo& stream, const std::string& failed, const std::string& path) {
    const AVCodecParameters& par = *stream.parameters;
    const bool picture = par.codec_type == AVMEDIA_TYPE_VIDEO;
    if (!avcodec_find_decoder(par.codec_id)) {
        return std::string("this FFmpeg has no decoder for its ") + (picture ? "video" : "sound") + " codec (" +
               codec_name(stream) + "); re-encode it as " + (picture ? "H.264" : "AAC");
    }
    if (picture && std::int64_t{par.width} * par.height > kMaxVideoPixels) {
        return "its picture is " + std::to_string(par.width) + "x" + std::to_string(par.height) +
               ", larger than the 7680x4320 Vitrine plays; re-encode it smaller";
    }
    return without_path(failed, path);
}

ClipReport facts_of(const Demuxer& dm) {
    ClipReport r;
    r.info.duration = std::chrono::duration_cast<std::chrono::milliseconds>(dm.duration());
    if (const StreamInfo* v = dm.video_stream()) {
        r.info.has_video = true;
        r.info.width = v->parameters->width;
        r.info.height = v->parameters->height;
        r.info.video_codec = codec_name(*v);
        if (v->frame_rate.num > 0 && v->frame_rate.den > 0) r.frame_rate = av_q2d(v->frame_rate);
    }
    if (const StreamInfo* a = dm.audio_stream()) {
        r.info.has_audio = true;
        r.info.audio_codec = codec_name(*a);
    }
    return r;
}

// The first pictures of the current serial, timed.
struct Pictures {
    int count = 0;
    core::MediaTime content{0};  // clip time they cover: last - first + one frame
    double seconds = 0;          // wall time from the first request to the last picture
    bool timed_out = false;
};

Pictures time_pictures(VideoDecoder& video, const ClipCheckOptions& o) {
    const core::QueueSerial serial = video.packet_serial();
    const auto started = Clock::now();
    const auto deadline = started + o.deadline;
    Pictures p;
    core::MediaTime first{0}, last{0}, frame{0};
    while (p.count < std::max(1, o.max_pictures)) {
        auto f = video.frames().pop_for(std::max(deadline - Clock::now(), Clock::duration{0}));
        if (!f) {
            p.timed_out = true;
            break;
        }
        if (f->serial != serial) continue;
        if (f->end_of_stream()) break;
        if (p.count == 0) first = f->pts;
        last = f->pts;
        frame = f->duration;
        ++p.count;
        if (last - first + frame >= o.pictures) break;
    }
    p.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (p.count > 0) p.content = last - first + frame;
    return p;
}

// After a seek that gave `serial`: true once a picture of it decodes; false at its end of
// stream or at `deadline`.
bool picture_after(VideoDecoder& video, core::QueueSerial serial, Clock::time_point deadline) {
    for (;;) {
        auto f = video.frames().pop_for(std::max(deadline - Clock::now(), Clock::duration{0}));
        if (!f) return false;
        if (f->serial != serial) continue;
        return !f->end_of_stream();
    }
}

Checked run_check(const fs::path& file, const ClipCheckOptions& o) {
    const std::string path = file.string();
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (!fs::exists(st)) return std::unexpected("it is not there (file not found)");
    if (fs::is_directory(st)) return std::unexpected("it is a folder, not a media file");
    if (!fs::is_regular_file(st)) return std::unexpected("it is not a regular file");
    const auto size = fs::file_size(file, ec);
    if (ec) return std::unexpected("it cannot be read (" + ec.message() + ")");
    if (size == 0) return std::unexpected("it is empty (0 bytes): copy it again");

    Problems problems(path);
    DemuxerOptions d;
    // Also for an audio item: to say what the file holds when it has no sound. The picture
    // packets nobody decodes then wait in their queue, bounded by max_queued_bytes (15 MB),
    // far more than the second of a clip that is read here.
    d.video = true;
    d.audio = true;
    d.open_deadline = o.deadline;
    d.log = problems.sink();
    auto opened = Demuxer::open(file, d);
    if (!opened) return std::unexpected(why_not_opened(file, opened.error().message));
    Demuxer& dm = **opened;
    ClipReport report = facts_of(dm);
    const bool as_video = o.use == core::ClipUse::video;
    if (as_video && !dm.video_stream()) {
        return std::unexpected("it holds sound only (" + report.info.audio_codec +
                               "), no picture: a video item needs a video stream; make it an audio item");
    }
    if (!as_video && !dm.audio_stream()) {
        return std::unexpected("it holds no sound" +
                               (report.info.has_video ? " (only a " + report.info.video_codec + " picture)" : std::string{}) +
                               ": an audio item needs an audio stream");
    }

    // Sound first: its thread decodes the first o.sound while the pictures are timed, as it
    // would while playing. Destroyed before the Demuxer (declared after it).
    SoundCheck sound;
    if (const StreamInfo* a = dm.audio_stream()) {
        sound.tally.begin([&] { return dm.audio_packets()->serial(); }, o.sound);
        AudioDecoderOptions ao;
        ao.output = SoundTally::kFormat;
        ao.log = problems.sink();
        auto created = AudioDecoder::create(dm, ao, sound.tally.sink());
        if (created) {
            sound.decoder = std::move(*created);
        } else {
            const std::string why = why_no_decoder(*a, created.error().message, path);
            if (!as_video) return std::unexpected(why);
            report.warnings.push_back("its sound cannot be played (" + why + "): it would play silently");
        }
    }

    std::unique_ptr<VideoDecoder> video;
    if (as_video) {
        VideoDecoderOptions vo;
        vo.threads = o.threads;
        vo.log = problems.sink();
        auto created = VideoDecoder::create(dm, vo);
        if (!created) return std::unexpected(why_no_decoder(*dm.video_stream(), created.error().message, path));
        video = std::move(*created);
        report.threads = video->threads();
        const Pictures p = time_pictures(*video, o);
        report.pictures_decoded = p.count;
        if (p.count == 0) {
            const auto seen = problems.take();
            if (p.timed_out) {
                return std::unexpected("no picture decoded within " + clip_time(o.deadline) +
                                       ": the file is damaged, or far too demanding for this machine");
            }
            return std::unexpected("no picture decodes: the file is damaged or incomplete" +
                                   (seen.empty() ? std::string{} : " (" + seen.front() + ")") + "; copy or export it again");
        }
        if (p.content >= kShortestTimed && p.seconds > 0) {
            report.decode_speed = std::chrono::duration<double>(p.content).count() / p.seconds;
            if (report.decode_speed < o.real_time_margin) {
                const bool h264 = report.info.video_codec == "h264";
                report.warnings.push_back(
                    "decodes at " + one_decimal(report.decode_speed) + "x real time here (" + std::to_string(report.info.width) +
                    "x" + std::to_string(report.info.height) + " " + report.info.video_codec + ", " +
                    std::to_string(report.threads) + (report.threads == 1 ? " thread" : " threads") + "): it " + (report.decode_speed < 1.0 ? "will" : "may") +
                    " drop pictures on this machine; re-encode it " +
                    (h264 ? "at a lower resolution or frame rate" : "as H.264, or smaller"));
            }
        }
    }

    if (sound.decoder) {
        report.sound_decoded = sound.tally.wait(Clock::now() + o.deadline);
        if (report.sound_decoded == core::MediaTime{0}) {
            const auto seen = problems.take();
            const std::string detail = seen.empty() ? std::string{} : " (" + seen.front() + ")";
            if (!as_video) {
                return std::unexpected("no sound decodes: the file is damaged or incomplete" + detail + "; copy or export it again");
            }
            report.warnings.push_back("its sound does not decode" + detail + ": it would play silently");
        }
    }
    for (const auto& m : problems.take()) report.warnings.push_back("damaged near the start: " + m);

    const core::MediaTime duration = dm.duration();
    const core::MediaTime near_end = std::min(duration * 9 / 10, duration - 1s);
    if (o.check_end && near_end > (as_video ? o.pictures : o.sound)) {
        bool decodes = false;
        const auto deadline = Clock::now() + o.deadline;
        if (as_video) {
            sound.end();  // the sound near the end is not checked: a video item needs its picture
            decodes = picture_after(*video, dm.seek(near_end), deadline);
        } else {
            sound.tally.begin([&] {
                dm.seek(near_end);
                return dm.audio_packets()->serial();
            }, kSoundAtEnd);
            decodes = sound.tally.wait(deadline) > core::MediaTime{0};
        }
        const auto seen = problems.take();
        if (!decodes) {
            report.warnings.push_back("nothing decodes near its end (at " + clip_time(near_end) + " of the " +
                                      clip_time(duration) + " it states" +
                                      (seen.empty() ? std::string{} : "; " + seen.front()) +
                                      "): it is cut short, probably an unfinished copy, and will end early; copy or export it again");
        } else if (!seen.empty()) {
            report.warnings.push_back("damaged near its end: " + seen.front());
        }
    }
    return report;
}

}  // namespace

core::Result<ClipReport> check_clip(const std::filesystem::path& file, const ClipCheckOptions& options) {
    auto checked = run_check(file, options);
    if (!checked) return core::fail(file.string() + ": " + checked.error(), file.string());
    return std::move(*checked);
}

core::ClipReport check_clip_file(const std::filesystem::path& file, core::ClipUse use) {
    ClipCheckOptions options;
    options.use = use;
    auto checked = run_check(file, options);
    core::ClipReport out;
    if (!checked) {
        out.error = std::move(checked.error());
        return out;
    }
    out.warnings = std::move(checked->warnings);
    return out;
}

}  // namespace vitrine::media
