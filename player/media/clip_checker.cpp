#include "media/clip_checker.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "media/audio_decoder.hpp"
#include "media/demuxer.hpp"
#include "media/video_decoder.hpp"

namespace vitrine::media {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr core::MediaTime kPicturesChecked = 1s;  // a second of pictures: enough to time the decoder
constexpr int kMaxPicturesChecked = 60;
constexpr core::MediaTime kSoundChecked = 500ms;
constexpr auto kCheckDeadline = 20s;  // a clip that takes longer than this to give a second is hopeless

std::string one_decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// Messages from the decode threads (decode errors), collected for the report.
struct Problems {
    std::mutex mutex;
    std::vector<std::string> messages;
    void add(const std::string& m) {
        std::lock_guard lock(mutex);
        if (messages.size() < 3) messages.push_back(m);
    }
};

}  // namespace

core::ClipReport check_clip_file(const std::filesystem::path& file, core::ClipUse use) {
    core::ClipReport report;
    Problems problems;
    DemuxerOptions d;
    d.video = true;  // also for an audio item: to say so when the file is a video without sound
    d.audio = true;
    d.log = [&problems](const std::string& m) { problems.add(m); };
    auto demuxer = Demuxer::open(file, d);
    if (!demuxer) {
        report.error = demuxer.error().message;
        return report;
    }
    Demuxer& dm = **demuxer;
    if (use == core::ClipUse::video && !dm.video_stream()) {
        report.error = "it holds no picture (a video item needs a video stream)";
        return report;
    }
    if (use == core::ClipUse::audio && !dm.audio_stream()) {
        report.error = "it holds no sound (an audio item needs an audio stream)";
        return report;
    }

    // Sound first, on its own thread, counted by a sink that stops at kSoundChecked.
    std::unique_ptr<AudioDecoder> audio;
    std::mutex sound_mutex;
    core::MediaTime sound{0};
    bool sound_ended = false;
    if (dm.audio_stream()) {
        AudioDecoderOptions a;
        a.output = AudioFormat{48000, 2, SampleFormat::f32};
        a.log = [&problems](const std::string& m) { problems.add(m); };
        auto created = AudioDecoder::create(dm, a, [&](AudioChunk&& c) {
            std::lock_guard lock(sound_mutex);
            if (c.end_of_stream) sound_ended = true;
            sound += a.output.duration_of(c.bytes.size());
            return sound < kSoundChecked && !sound_ended;
        });
        if (!created) {
            if (use == core::ClipUse::audio) {
                report.error = created.error().message;
                return report;
            }
            report.warnings.push_back("its sound cannot be decoded (" + created.error().message + "); it would play silently");
        } else {
            audio = std::move(*created);
        }
    }

    if (use == core::ClipUse::video) {
        VideoDecoderOptions v;
        v.log = [&problems](const std::string& m) { problems.add(m); };
        auto video = VideoDecoder::create(dm, v);
        if (!video) {
            report.error = video.error().message;
            return report;
        }
        const auto started = Clock::now();
        int pictures = 0;
        core::MediaTime first{0}, last{0}, frame{0};
        bool ended = false;
        while (pictures < kMaxPicturesChecked && Clock::now() - started < kCheckDeadline) {
            auto f = (*video)->frames().pop_for(kCheckDeadline);
            if (!f || f->end_of_stream()) {
                ended = true;
                break;
            }
            if (pictures == 0) first = f->pts;
            last = f->pts;
            frame = f->duration;
            ++pictures;
            if (last - first + frame >= kPicturesChecked) break;
        }
        const auto took = std::chrono::duration<double>(Clock::now() - started).count();
        if (pictures == 0) {
            report.error = "no picture could be decoded" +
                           (problems.messages.empty() ? std::string(" (the file may be truncated or damaged)")
                                                      : ": " + problems.messages.front());
            return report;
        }
        const double content = std::chrono::duration<double>(last - first + frame).count();
        if (!ended && content > 0 && took > 0) {
            const double speed = content / took;
            if (speed < kRealTimeMargin) {
                report.warnings.push_back("this machine decodes it at " + one_decimal(speed) + "x real time (" +
                                          std::to_string((*video)->width()) + "x" + std::to_string((*video)->height()) + " " +
                                          avcodec_get_name(dm.video_stream()->parameters->codec_id) +
                                          "): it will drop pictures here; encode it smaller or as H.264");
            }
        }
        video->reset();
    }

    if (audio) {
        // Give the sound the same deadline; stop its thread by aborting its queue.
        const auto started = Clock::now();
        for (;;) {
            {
                std::lock_guard lock(sound_mutex);
                if (sound >= kSoundChecked || sound_ended) break;
            }
            if (Clock::now() - started > kCheckDeadline) break;
            std::this_thread::sleep_for(5ms);
        }
        audio.reset();
        std::lock_guard lock(sound_mutex);
        if (sound == core::MediaTime{0}) {
            if (use == core::ClipUse::audio) {
                report.error = "no sound could be decoded" +
                               (problems.messages.empty() ? std::string{} : ": " + problems.messages.front());
                return report;
            }
            report.warnings.push_back("its sound does not decode; it would play silently");
        }
    }
    for (const auto& m : problems.messages) report.warnings.push_back("damaged near the start: " + m);
    return report;
}

}  // namespace vitrine::media
