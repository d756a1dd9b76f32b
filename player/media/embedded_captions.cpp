#include "media/embedded_captions.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>

#include "core/utf8.hpp"
#include "media/clip_probe.hpp"

namespace vitrine::media {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kReadDeadline = std::chrono::seconds(10);  // reading a film's captions takes well under a second

struct SubtitleDeleter {
    void operator()(AVSubtitle* s) const noexcept {
        avsubtitle_free(s);
        delete s;
    }
};

// ISO 639-2 (bibliographic and terminology) codes of the languages a venue is likely to carry.
constexpr std::array<std::pair<const char*, const char*>, 40> kLanguages{{
    {"eng", "en"}, {"por", "pt"}, {"rus", "ru"}, {"fra", "fr"}, {"fre", "fr"}, {"deu", "de"}, {"ger", "de"},
    {"spa", "es"}, {"ita", "it"}, {"nld", "nl"}, {"dut", "nl"}, {"pol", "pl"}, {"ukr", "uk"}, {"ces", "cs"},
    {"cze", "cs"}, {"slk", "sk"}, {"slo", "sk"}, {"hun", "hu"}, {"ron", "ro"}, {"rum", "ro"}, {"bul", "bg"},
    {"ell", "el"}, {"gre", "el"}, {"tur", "tr"}, {"ara", "ar"}, {"heb", "he"}, {"zho", "zh"}, {"chi", "zh"},
    {"jpn", "ja"}, {"kor", "ko"}, {"swe", "sv"}, {"dan", "da"}, {"nor", "no"}, {"fin", "fi"}, {"cat", "ca"},
    {"eus", "eu"}, {"baq", "eu"}, {"glg", "gl"}, {"hrv", "hr"}, {"srp", "sr"},
}};

std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

}  // namespace

std::string two_letter_language(const std::string& tag) {
    std::string lower = tag;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const auto& [three, two] : kLanguages) {
        if (lower == three) return two;
    }
    return lower;
}

std::string caption_text_of(const std::string& source, bool is_ass) {
    std::string text = source;
    if (is_ass) {
        std::size_t at = 0;
        for (int commas = 0; commas < 8 && at != std::string::npos; ++commas) {
            at = text.find(',', at);
            if (at != std::string::npos) ++at;
        }
        text = at == std::string::npos ? std::string{} : text.substr(at);
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') {  // an override block: {\i1}, {\an8}
            const auto close = text.find('}', i);
            if (close == std::string::npos) break;
            i = close;
        } else if (c == '\\' && i + 1 < text.size() && (text[i + 1] == 'N' || text[i + 1] == 'n')) {
            out += '\n';
            ++i;
        } else if (c == '\\' && i + 1 < text.size() && text[i + 1] == 'h') {
            out += ' ';
            ++i;
        } else {
            out += c;
        }
    }
    std::string joined;
    std::size_t pos = 0;
    while (pos <= out.size()) {
        const std::size_t eol = std::min(out.find('\n', pos), out.size());
        const std::string line = trim(out.substr(pos, eol - pos));
        if (!line.empty()) joined += (joined.empty() ? "" : "\n") + line;
        pos = eol + 1;
    }
    if (!core::find_invalid_utf8(joined)) return joined;
    std::string valid;  // bad bytes become U+FFFD, as in caption files
    core::for_each_code_point(joined, [&](char32_t cp) { valid += core::encode_utf8(cp); });
    return valid;
}

core::Result<std::optional<EmbeddedCaptions>> read_embedded_captions(const std::filesystem::path& clip,
                                                                    const std::string& language) {
    const std::string path = clip.string();
    const Clock::time_point deadline = Clock::now() + kReadDeadline;
    auto opened = open_media_file(clip, deadline);
    if (!opened) return std::unexpected(opened.error());
    FormatContextPtr fmt = std::move(*opened);
    if (const int r = avformat_find_stream_info(fmt.get(), nullptr); r < 0) {
        return core::fail("cannot read the streams of " + path + ": " + av_error_text(r), path);
    }
    const std::string wanted = two_letter_language(language.substr(0, language.find('-')));
    int chosen = -1, fallback = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        const AVStream* st = fmt->streams[i];
        if (st->codecpar->codec_type != AVMEDIA_TYPE_SUBTITLE) continue;
        const AVCodecDescriptor* desc = avcodec_descriptor_get(st->codecpar->codec_id);
        if (!desc || !(desc->props & AV_CODEC_PROP_TEXT_SUB) || !avcodec_find_decoder(st->codecpar->codec_id)) continue;
        const AVDictionaryEntry* tag = av_dict_get(st->metadata, "language", nullptr, 0);
        if (chosen < 0 && tag && two_letter_language(tag->value) == wanted) chosen = static_cast<int>(i);
        if (fallback < 0 || (st->disposition & AV_DISPOSITION_DEFAULT)) {
            if (fallback < 0 || !(fmt->streams[fallback]->disposition & AV_DISPOSITION_DEFAULT)) fallback = static_cast<int>(i);
        }
    }
    if (chosen < 0) chosen = fallback;
    if (chosen < 0) return std::optional<EmbeddedCaptions>{};
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (static_cast<int>(i) != chosen) fmt->streams[i]->discard = AVDISCARD_ALL;
    }
    AVStream* st = fmt->streams[chosen];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return core::fail("out of memory reading the captions of " + path, path);
    if (avcodec_parameters_to_context(ctx.get(), st->codecpar) < 0) return core::fail("cannot read the captions of " + path, path);
    ctx->pkt_timebase = st->time_base;
    if (const int r = avcodec_open2(ctx.get(), codec, nullptr); r < 0) {
        return core::fail("cannot open the captions of " + path + ": " + av_error_text(r), path);
    }

    EmbeddedCaptions out;
    out.codec = codec->name;
    if (const AVDictionaryEntry* tag = av_dict_get(st->metadata, "language", nullptr, 0)) {
        out.language = two_letter_language(tag->value);
    }
    const int64_t start_time = fmt->start_time != AV_NOPTS_VALUE ? fmt->start_time : 0;  // AV_TIME_BASE units
    PacketPtr packet(av_packet_alloc());
    if (!packet) return core::fail("out of memory reading the captions of " + path, path);
    while (out.track.cues.size() < kMaxEmbeddedCues && Clock::now() < deadline) {
        if (av_read_frame(fmt.get(), packet.get()) < 0) break;  // the end (or a damaged tail: keep what was read)
        if (packet->stream_index != chosen || packet->pts == AV_NOPTS_VALUE) {
            av_packet_unref(packet.get());
            continue;
        }
        std::unique_ptr<AVSubtitle, SubtitleDeleter> sub(new AVSubtitle{});
        int got = 0;
        const int r = avcodec_decode_subtitle2(ctx.get(), sub.get(), &got, packet.get());
        const int64_t pts_ms = av_rescale_q(packet->pts, st->time_base, AVRational{1, 1000}) - start_time / 1000;
        const int64_t duration_ms = packet->duration > 0 ? av_rescale_q(packet->duration, st->time_base, AVRational{1, 1000}) : 0;
        av_packet_unref(packet.get());
        if (r < 0 || !got) continue;  // avsubtitle_free of an empty AVSubtitle is harmless
        std::string text;
        for (unsigned i = 0; i < sub->num_rects; ++i) {
            const AVSubtitleRect* rect = sub->rects[i];
            std::string piece;
            if (rect->ass) piece = caption_text_of(rect->ass, true);
            else if (rect->text) piece = caption_text_of(rect->text, false);
            if (!piece.empty()) text += (text.empty() ? "" : "\n") + piece;
        }
        const int64_t begin = pts_ms + sub->start_display_time;
        int64_t end = sub->end_display_time > sub->start_display_time ? pts_ms + sub->end_display_time : pts_ms + duration_ms;
        if (text.empty() || end <= begin) continue;
        out.track.cues.push_back(core::Cue{core::Millis{begin}, core::Millis{end}, std::move(text), 0});
    }
    std::stable_sort(out.track.cues.begin(), out.track.cues.end(),
                     [](const core::Cue& a, const core::Cue& b) { return a.start < b.start; });
    return std::optional<EmbeddedCaptions>(std::move(out));
}

}  // namespace vitrine::media
