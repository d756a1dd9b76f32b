#include "media/embedded_captions.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/utf8.hpp"
#include "media/clip_probe.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {
namespace {

using Clock = std::chrono::steady_clock;
constexpr AVRational kMilliseconds{1, 1000};
constexpr int kAssFieldsBeforeText = 8;  // ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect

struct SubtitleDeleter {
    void operator()(AVSubtitle* s) const noexcept {
        avsubtitle_free(s);
        delete s;
    }
};
using SubtitlePtr = std::unique_ptr<AVSubtitle, SubtitleDeleter>;

// ISO 639-2 codes (bibliographic and terminology forms) of the languages a venue is likely to
// carry, with their ISO 639-1 codes.
constexpr auto kLanguages = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"eng", "en"}, {"por", "pt"}, {"rus", "ru"}, {"fra", "fr"}, {"fre", "fr"}, {"deu", "de"}, {"ger", "de"},
    {"spa", "es"}, {"ita", "it"}, {"nld", "nl"}, {"dut", "nl"}, {"pol", "pl"}, {"ukr", "uk"}, {"bel", "be"},
    {"ces", "cs"}, {"cze", "cs"}, {"slk", "sk"}, {"slo", "sk"}, {"slv", "sl"}, {"hun", "hu"}, {"ron", "ro"},
    {"rum", "ro"}, {"bul", "bg"}, {"hrv", "hr"}, {"srp", "sr"}, {"bos", "bs"}, {"mkd", "mk"}, {"mac", "mk"},
    {"sqi", "sq"}, {"alb", "sq"}, {"ell", "el"}, {"gre", "el"}, {"tur", "tr"}, {"lit", "lt"}, {"lav", "lv"},
    {"est", "et"}, {"fin", "fi"}, {"swe", "sv"}, {"dan", "da"}, {"nor", "no"}, {"nob", "nb"}, {"nno", "nn"},
    {"isl", "is"}, {"ice", "is"}, {"gle", "ga"}, {"cym", "cy"}, {"wel", "cy"}, {"cat", "ca"}, {"eus", "eu"},
    {"baq", "eu"}, {"glg", "gl"}, {"lat", "la"}, {"kat", "ka"}, {"geo", "ka"}, {"hye", "hy"}, {"arm", "hy"},
    {"ara", "ar"}, {"heb", "he"}, {"fas", "fa"}, {"per", "fa"}, {"hin", "hi"}, {"ben", "bn"}, {"urd", "ur"},
    {"zho", "zh"}, {"chi", "zh"}, {"jpn", "ja"}, {"kor", "ko"}, {"vie", "vi"}, {"tha", "th"}, {"ind", "id"},
    {"msa", "ms"}, {"may", "ms"}, {"kaz", "kk"}, {"aze", "az"}, {"uzb", "uz"}, {"swa", "sw"}, {"afr", "af"},
    {"epo", "eo"}, {"yid", "yi"},
});

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

// "pt-BR" -> "pt", "eng" -> "en", "" -> "": the part of a tag two streams must share to be in
// the same language.
std::string primary_language(std::string_view tag) {
    return two_letter_language(std::string(tag.substr(0, tag.find_first_of("-_"))));
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\f\v");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\f\v");
    return std::string(s.substr(first, last - first + 1));
}

// Text subtitle streams only: bitmap subtitles (dvd_subtitle, hdmv_pgs_subtitle, dvb_subtitle,
// xsub) carry AV_CODEC_PROP_BITMAP_SUB and are ignored, see the header.
bool is_text_subtitle(const AVStream& st) {
    if (st.codecpar->codec_type != AVMEDIA_TYPE_SUBTITLE) return false;
    const AVCodecDescriptor* desc = avcodec_descriptor_get(st.codecpar->codec_id);
    return desc && (desc->props & AV_CODEC_PROP_TEXT_SUB) && avcodec_find_decoder(st.codecpar->codec_id);
}

std::string language_tag_of(const AVStream& st) {
    const AVDictionaryEntry* tag = av_dict_get(st.metadata, "language", nullptr, 0);
    return tag ? tag->value : "";
}

// The index of the stream read_embedded_captions reads (its contract), -1 when there is none.
int choose_stream(const AVFormatContext& fmt, const std::string& language) {
    const std::string wanted = primary_language(language);
    int best = -1;
    std::tuple<bool, bool, bool> best_rank{};
    for (unsigned i = 0; i < fmt.nb_streams; ++i) {
        const AVStream& st = *fmt.streams[i];
        if (!is_text_subtitle(st)) continue;
        const bool in_language = !wanted.empty() && primary_language(language_tag_of(st)) == wanted;
        // Lexicographic: the language first, then complete over forced, then default; ties go
        // to the first stream.
        const std::tuple rank{in_language, !(st.disposition & AV_DISPOSITION_FORCED),
                              (st.disposition & AV_DISPOSITION_DEFAULT) != 0};
        if (best < 0 || rank > best_rank) {
            best = static_cast<int>(i);
            best_rank = rank;
        }
    }
    return best;
}

std::string valid_utf8(std::string text) {
    if (!core::find_invalid_utf8(text)) return text;
    std::string out;
    core::for_each_code_point(text, [&](char32_t cp) { out += core::encode_utf8(cp); });
    return out;
}

}  // namespace

std::string two_letter_language(const std::string& tag) {
    const std::string lower = lowercase(tag);
    if (lower == "und") return {};  // ISO 639-2 "undetermined": MP4's tag for untagged tracks
    if (lower.size() == 2) return lower;
    for (const auto& [three, two] : kLanguages) {
        if (lower == three) return std::string(two);
    }
    return tag;
}

std::string caption_text_of(const std::string& source, bool is_ass) {
    std::string text;
    if (is_ass) {
        std::size_t at = 0;
        for (int commas = 0; commas < kAssFieldsBeforeText; ++commas) {
            at = source.find(',', at);
            if (at == std::string::npos) return {};  // not a dialogue line FFmpeg 5 makes
            ++at;
        }
        for (std::size_t i = at; i < source.size(); ++i) {
            const char c = source[i];
            const char next = i + 1 < source.size() ? source[i + 1] : '\0';
            if (c == '{') {
                // Renderers hide every {...} block (overrides like {\i1}, {\an8}, and comments);
                // an unclosed brace is shown as it is.
                const auto close = source.find('}', i);
                if (close != std::string::npos) {
                    i = close;
                    continue;
                }
                text += c;
            } else if (c == '\\' && (next == 'N' || next == 'n')) {
                text += '\n';
                ++i;
            } else if (c == '\\' && next == 'h') {
                text += ' ';
                ++i;
            } else {
                text += c;
            }
        }
    } else {
        text = source;
    }
    std::string joined;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        const std::string line = trim(std::string_view(text).substr(pos, eol - pos));
        if (!line.empty()) {
            if (!joined.empty()) joined += '\n';
            joined += line;
        }
        pos = eol + 1;
    }
    return valid_utf8(std::move(joined));
}

core::Result<std::optional<EmbeddedCaptions>> read_embedded_captions(const std::filesystem::path& clip,
                                                                    const std::string& language) {
    const std::string path = clip.string();
    // Declared before the context: its interrupt callback reads it until the context is closed.
    const Clock::time_point deadline = Clock::now() + kEmbeddedCaptionsDeadline;
    auto opened = open_media_file(clip, deadline);
    if (!opened) return std::unexpected(opened.error());
    FormatContextPtr fmt = std::move(*opened);
    // Needed with every stream: the container's start time, which is the clip's 0, is the
    // earliest of all of them.
    if (const int r = avformat_find_stream_info(fmt.get(), nullptr); r < 0) {
        return core::fail("cannot read the streams of " + path + ": " + av_error_text(r), path);
    }
    const int chosen = choose_stream(*fmt, language);
    if (chosen < 0) return std::optional<EmbeddedCaptions>{};
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (static_cast<int>(i) != chosen) fmt->streams[i]->discard = AVDISCARD_ALL;
    }
    const AVStream* st = fmt->streams[chosen];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return core::fail("out of memory reading the captions of " + path, path);
    if (const int r = avcodec_parameters_to_context(ctx.get(), st->codecpar); r < 0) {
        return core::fail("cannot read the captions of " + path + ": " + av_error_text(r), path);
    }
    ctx->pkt_timebase = st->time_base;  // lets the decoder turn packet durations into end times
    if (const int r = avcodec_open2(ctx.get(), codec, nullptr); r < 0) {
        return core::fail("cannot read the captions of " + path + ": " + av_error_text(r), path);
    }

    EmbeddedCaptions out;
    out.codec = avcodec_get_name(st->codecpar->codec_id);
    out.language = two_letter_language(language_tag_of(*st));
    std::vector<core::Cue>& cues = out.track.cues;
    const int64_t start_us = fmt->start_time != AV_NOPTS_VALUE ? fmt->start_time : 0;
    auto to_clip_ms = [&](int64_t ts) {
        return av_rescale_q(av_rescale_q(ts, st->time_base, AV_TIME_BASE_Q) - start_us, AV_TIME_BASE_Q, kMilliseconds);
    };
    // Cues whose end the stream does not give, held with end == start until the next one starts.
    std::vector<std::size_t> open_cues;
    auto close_open_cues = [&](int64_t at_ms) {
        std::erase_if(open_cues, [&](std::size_t i) {
            if (cues[i].start.count() >= at_ms) return false;
            cues[i].end = core::Millis{at_ms};
            return true;
        });
    };

    PacketPtr packet(av_packet_alloc());
    if (!packet) return core::fail("out of memory reading the captions of " + path, path);
    while (cues.size() < kMaxEmbeddedCues && Clock::now() < deadline) {
        // Past the end, a damaged tail or the deadline (the interrupt callback): keep what was read.
        if (av_read_frame(fmt.get(), packet.get()) < 0) break;
        const int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        if (packet->stream_index != chosen || ts == AV_NOPTS_VALUE) {
            av_packet_unref(packet.get());
            continue;
        }
        SubtitlePtr sub(new AVSubtitle{});
        int got = 0;
        const int decoded = avcodec_decode_subtitle2(ctx.get(), sub.get(), &got, packet.get());
        const int64_t packet_ms = to_clip_ms(ts);
        const int64_t duration_ms =
            packet->duration > 0 ? av_rescale_q(packet->duration, st->time_base, kMilliseconds) : 0;
        av_packet_unref(packet.get());
        if (decoded < 0 || !got) continue;  // a damaged cue, or an empty sample (a gap in mov_text)

        std::string text;
        for (unsigned i = 0; i < sub->num_rects; ++i) {
            const AVSubtitleRect* rect = sub->rects[i];
            const std::string piece = rect->ass    ? caption_text_of(rect->ass, true)
                                      : rect->text ? caption_text_of(rect->text, false)
                                                   : std::string{};
            if (piece.empty()) continue;
            if (!text.empty()) text += '\n';
            text += piece;
        }
        // UINT32_MAX is FFmpeg's "until the next subtitle".
        const bool end_given = sub->end_display_time > sub->start_display_time && sub->end_display_time != UINT32_MAX;
        const int64_t begin = std::max<int64_t>(packet_ms + sub->start_display_time, 0);
        const int64_t end = end_given ? packet_ms + sub->end_display_time : duration_ms > 0 ? packet_ms + duration_ms : begin;
        close_open_cues(begin);
        if (text.empty() || (end_given && end <= begin)) continue;
        if (end <= begin) open_cues.push_back(cues.size());
        cues.push_back(core::Cue{core::Millis{begin}, core::Millis{std::max(end, begin)}, std::move(text), 0});
    }
    if (fmt->duration > 0) close_open_cues(av_rescale_q(fmt->duration, AV_TIME_BASE_Q, kMilliseconds));
    std::erase_if(cues, [](const core::Cue& c) { return c.end <= c.start; });  // open to the end of an unknown length
    std::stable_sort(cues.begin(), cues.end(), [](const core::Cue& a, const core::Cue& b) { return a.start < b.start; });
    return std::optional<EmbeddedCaptions>(std::move(out));
}

}  // namespace vitrine::media
