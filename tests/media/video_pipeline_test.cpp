// The demux and video decode pipeline on small clips generated at test time with the ffmpeg CLI.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

#include "media/demuxer.hpp"
#include "media/video_decoder.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vitrine::core::MediaTime;
using vitrine::core::QueueSerial;
using vitrine::media::Demuxer;
using vitrine::media::VideoDecoder;
using vitrine::media::VideoFrame;

namespace {

constexpr int kClipFrames = 50;          // 2 s at 25 fps
constexpr MediaTime kFrameDuration = 40ms;
constexpr auto kQueueTimeout = 30s;      // generous: a pop that takes this long is a hang

// The clips, generated once per test run into a temporary directory removed at exit.
struct Clips {
    fs::path dir;
    fs::path h264, vp9, truncated, empty, text, audio_only;
    bool generated = false;

    Clips() {
        dir = fs::temp_directory_path() / ("vitrine_video_pipeline_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        h264 = dir / "testsrc.mp4";
        vp9 = dir / "testsrc.webm";
        truncated = dir / "truncated.mp4";
        empty = dir / "empty.mp4";
        text = dir / "notes.mp4";
        audio_only = dir / "tone.m4a";
        const std::string src = " -f lavfi -i testsrc2=size=320x240:rate=25:duration=2 ";
        auto run = [](const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; };
        // Key frames every second, so a seek to 1.5 s lands on a key frame before the target;
        // faststart puts the index first, so the truncated copy still opens.
        generated =
            run("ffmpeg -nostdin -y -v error" + src + "-c:v libx264 -pix_fmt yuv420p -g 25 -movflags +faststart '" +
                h264.string() + "'") &&
            run("ffmpeg -nostdin -y -v error" + src + "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 300k -g 25 '" +
                vp9.string() + "'") &&
            run("ffmpeg -nostdin -y -v error -f lavfi -i sine=frequency=440:duration=1 -c:a aac '" +
                audio_only.string() + "'");
        if (!generated) return;
        const auto size = fs::file_size(h264);
        fs::copy_file(h264, truncated, fs::copy_options::overwrite_existing);
        fs::resize_file(truncated, size / 2);
        std::ofstream(empty, std::ios::binary).flush();
        std::ofstream(text) << "These are the curator's notes, not a video.\n";
    }
    ~Clips() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Clips& clips() {
    static const Clips instance;
    return instance;
}

// Pops the next frame, failing the test (and aborting the queue, so nothing hangs) when none
// comes within kQueueTimeout.
std::optional<VideoFrame> pop_frame(VideoDecoder& decoder) {
    auto popped = std::async(std::launch::async, [&] { return decoder.frames().pop(); });
    if (popped.wait_for(kQueueTimeout) != std::future_status::ready) {
        FAIL_CHECK("no frame within the timeout");
        decoder.frames().abort();
    }
    return popped.get();
}

struct Pipeline {
    std::unique_ptr<Demuxer> demuxer;        // declared first: destroyed after the decoder
    std::unique_ptr<VideoDecoder> decoder;
    std::vector<std::string> log;
};

std::unique_ptr<Pipeline> open_pipeline(const fs::path& file) {
    auto p = std::make_unique<Pipeline>();
    vitrine::media::DemuxerOptions demuxer_options;
    demuxer_options.log = [log = &p->log](const std::string& line) { log->push_back(line); };
    auto demuxer = Demuxer::open(file, std::move(demuxer_options));
    REQUIRE_MESSAGE(demuxer.has_value(), (demuxer ? "" : demuxer.error().message));
    p->demuxer = std::move(*demuxer);
    vitrine::media::VideoDecoderOptions options;
    options.log = [log = &p->log](const std::string& line) { log->push_back(line); };
    auto decoder = VideoDecoder::create(*p->demuxer, std::move(options));
    REQUIRE_MESSAGE(decoder.has_value(), (decoder ? "" : decoder.error().message));
    p->decoder = std::move(*decoder);
    return p;
}

// Pops frames of the current serial up to the end of the stream; their pts in order.
std::vector<MediaTime> frames_to_end(VideoDecoder& decoder) {
    std::vector<MediaTime> pts;
    for (;;) {
        auto frame = pop_frame(decoder);
        REQUIRE(frame.has_value());
        if (frame->serial != decoder.packet_serial()) continue;
        if (frame->end_of_stream()) return pts;
        CHECK(frame->frame->width == 320);
        CHECK(frame->frame->height == 240);
        pts.push_back(frame->pts);
    }
}

bool strictly_rising(const std::vector<MediaTime>& pts) {
    for (std::size_t i = 1; i < pts.size(); ++i) {
        if (pts[i] <= pts[i - 1]) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("every frame of a clip is decoded once, in order, with its time and duration") {
    REQUIRE(clips().generated);
    fs::path file = clips().h264;
    SUBCASE("H.264 in MP4") { file = clips().h264; }
    SUBCASE("VP9 in WebM") { file = clips().vp9; }
    CAPTURE(file);
    auto p = open_pipeline(file);
    CHECK(p->decoder->width() == 320);
    CHECK(p->decoder->height() == 240);
    CHECK(p->decoder->threads() == static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    CHECK(p->demuxer->duration() >= 1900ms);

    auto first = pop_frame(*p->decoder);
    REQUIRE(first.has_value());
    REQUIRE_FALSE(first->end_of_stream());
    CHECK(first->duration == kFrameDuration);
    CHECK(first->pts == MediaTime{0});
    std::vector<MediaTime> pts{first->pts};
    for (MediaTime t : frames_to_end(*p->decoder)) pts.push_back(t);
    CHECK(pts.size() == kClipFrames);
    CHECK(strictly_rising(pts));
    CHECK(pts.back() == kFrameDuration * (kClipFrames - 1));
    CHECK(p->demuxer->end_of_stream());
    CHECK(p->decoder->decode_errors() == 0);
    CHECK(p->log.empty());
}

namespace {

void check_seek(const fs::path& file, bool after_end) {
    CAPTURE(file);
    CAPTURE(after_end);
    auto p = open_pipeline(file);
    const QueueSerial before = p->decoder->packet_serial();
    for (int i = 0; i < 3; ++i) REQUIRE(pop_frame(*p->decoder).has_value());
    if (after_end) (void)frames_to_end(*p->decoder);

    const MediaTime target = 1500ms;
    const QueueSerial serial = p->demuxer->seek(target);
    CHECK(serial != before);
    CHECK(p->decoder->packet_serial() == serial);

    // Frames queued before the seek may still come out; once a frame of the new serial has
    // come, only frames of the new serial follow.
    std::optional<VideoFrame> first;
    while (!first) {
        auto frame = pop_frame(*p->decoder);
        REQUIRE(frame.has_value());
        if (frame->serial == serial) first = std::move(frame);
        else CHECK(frame->serial == before);
    }
    REQUIRE_FALSE(first->end_of_stream());
    CHECK(first->pts >= target - kFrameDuration);
    CHECK(first->pts <= target);
    CHECK(first->pts == 1480ms);
    std::vector<MediaTime> pts{first->pts};
    for (;;) {
        auto frame = pop_frame(*p->decoder);
        REQUIRE(frame.has_value());
        CHECK(frame->serial == serial);
        if (frame->end_of_stream()) break;
        pts.push_back(frame->pts);
    }
    CHECK(strictly_rising(pts));
    CHECK(pts.size() == 13);  // 1.48 s to 1.96 s
}

}  // namespace

TEST_CASE("after a seek the first frame is the one showing at the target and no older frame follows") {
    REQUIRE(clips().generated);
    SUBCASE("H.264 in MP4, in the middle of the clip") { check_seek(clips().h264, false); }
    SUBCASE("H.264 in MP4, after the end of the stream") { check_seek(clips().h264, true); }
    SUBCASE("VP9 in WebM, in the middle of the clip") { check_seek(clips().vp9, false); }
    SUBCASE("VP9 in WebM, after the end of the stream") { check_seek(clips().vp9, true); }
}

TEST_CASE("a truncated clip plays what it holds and reaches the end of the stream") {
    REQUIRE(clips().generated);
    auto p = open_pipeline(clips().truncated);
    const std::vector<MediaTime> pts = frames_to_end(*p->decoder);
    CAPTURE(pts.size());
    CHECK(pts.size() > 5);
    CHECK(pts.size() < kClipFrames);
    CHECK(strictly_rising(pts));
    CHECK(p->demuxer->end_of_stream());
    // The damage is reported, naming the file, but not once per bad packet.
    REQUIRE_FALSE(p->log.empty());
    CHECK(p->log.size() <= p->decoder->decode_errors() + 1);
    for (const std::string& line : p->log) CHECK(line.find(clips().truncated.string()) != std::string::npos);
}

TEST_CASE("files that are not playable video are refused with the path and the reason") {
    REQUIRE(clips().generated);
    SUBCASE("a zero-byte .mp4") {
        auto demuxer = Demuxer::open(clips().empty);
        REQUIRE_FALSE(demuxer.has_value());
        CHECK(demuxer.error().message == "file is empty (0 bytes): " + clips().empty.string());
        CHECK(demuxer.error().path == clips().empty.string());
    }
    SUBCASE("a text file named .mp4") {
        auto demuxer = Demuxer::open(clips().text);
        REQUIRE_FALSE(demuxer.has_value());
        CHECK(demuxer.error().message ==
              "cannot open " + clips().text.string() + ": Invalid data found when processing input");
    }
    SUBCASE("a missing file") {
        const fs::path missing = clips().dir / "missing.mp4";
        auto demuxer = Demuxer::open(missing);
        REQUIRE_FALSE(demuxer.has_value());
        CHECK(demuxer.error().message == "file not found: " + missing.string());
    }
    SUBCASE("an audio file has no video to decode") {
        auto demuxer = Demuxer::open(clips().audio_only);
        REQUIRE(demuxer.has_value());
        CHECK((*demuxer)->video_stream() == nullptr);
        CHECK((*demuxer)->video_packets() == nullptr);
        REQUIRE((*demuxer)->audio_stream() != nullptr);
        CHECK((*demuxer)->audio_stream()->parameters->codec_id == AV_CODEC_ID_AAC);
        auto decoder = VideoDecoder::create(**demuxer);
        REQUIRE_FALSE(decoder.has_value());
        CHECK(decoder.error().message == "no video stream in " + clips().audio_only.string());
    }
    SUBCASE("an audio file opened for its picture only") {
        vitrine::media::DemuxerOptions options;
        options.audio = false;
        auto demuxer = Demuxer::open(clips().audio_only, std::move(options));
        REQUIRE_FALSE(demuxer.has_value());
        CHECK(demuxer.error().message == "no video stream in " + clips().audio_only.string() + " (audio not wanted)");
    }

}

TEST_CASE("a pipeline destroyed in the middle of a clip stops its threads") {
    REQUIRE(clips().generated);
    auto p = open_pipeline(clips().h264);
    auto frame = pop_frame(*p->decoder);
    REQUIRE(frame.has_value());
    CHECK_FALSE(frame->end_of_stream());
    // The decoder is now blocked on its full frame queue and the demuxer on its full packet
    // queues, or about to be: destruction must wake and join both.
    SUBCASE("decoder and demuxer together") {}
    SUBCASE("the demuxer alone, its decoder already gone") { p->decoder.reset(); }
    auto destroyed = std::async(std::launch::async, [&] { p.reset(); });
    CHECK(destroyed.wait_for(kQueueTimeout) == std::future_status::ready);
    destroyed.get();
}
