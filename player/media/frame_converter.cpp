#include "media/frame_converter.hpp"

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixfmt.h>
}

#include <algorithm>
#include <thread>

namespace vitrine::media {
namespace {

// Full-range (JPEG) variants of the 8-bit YUV formats mean "full range": swscale wants the
// plain format and the range set through its colour details instead.
int plain_format(int format) {
    switch (format) {
        case AV_PIX_FMT_YUVJ420P: return AV_PIX_FMT_YUV420P;
        case AV_PIX_FMT_YUVJ422P: return AV_PIX_FMT_YUV422P;
        case AV_PIX_FMT_YUVJ444P: return AV_PIX_FMT_YUV444P;
        default: return format;
    }
}

bool full_range(const AVFrame& f) {
    return f.color_range == AVCOL_RANGE_JPEG || f.format == AV_PIX_FMT_YUVJ420P || f.format == AV_PIX_FMT_YUVJ422P ||
           f.format == AV_PIX_FMT_YUVJ444P;
}

int sws_colorspace(const AVFrame& f) {
    switch (f.colorspace) {
        case AVCOL_SPC_BT709: return SWS_CS_ITU709;
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
        case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
        case AVCOL_SPC_BT470BG:
        case AVCOL_SPC_SMPTE170M: return SWS_CS_ITU601;
        default: return f.height > 576 ? SWS_CS_ITU709 : SWS_CS_ITU601;  // unspecified: what HD and SD mean
    }
}

}  // namespace

bool FrameConverter::texture_ready(int pixel_format) {
    // Not the full-range yuvj420p: textures take YUV as limited range, so it is converted.
    return pixel_format == AV_PIX_FMT_YUV420P || pixel_format == AV_PIX_FMT_NV12;
}

SwsContext* FrameConverter::context_for(const AVFrame& frame, int out_format, int out_w, int out_h) {
    const Key key{frame.format, frame.width, frame.height, out_format, out_w, out_h, sws_colorspace(frame),
                  full_range(frame) ? 1 : 0};
    if (sws_ && key == key_) return sws_.get();
    sws_.reset(sws_alloc_context());
    if (!sws_) return nullptr;
    SwsContext* c = sws_.get();
    const bool scaled = out_w != frame.width || out_h != frame.height;
    av_opt_set_int(c, "srcw", frame.width, 0);
    av_opt_set_int(c, "srch", frame.height, 0);
    av_opt_set_int(c, "src_format", plain_format(frame.format), 0);
    av_opt_set_int(c, "dstw", out_w, 0);
    av_opt_set_int(c, "dsth", out_h, 0);
    av_opt_set_int(c, "dst_format", out_format, 0);
    // Bilinear is what a GPU would do; without scaling only the conversion runs.
    av_opt_set_int(c, "sws_flags", scaled ? SWS_BILINEAR : SWS_POINT, 0);
    // Slices on every core: a 2160p picture converted on one core alone takes a frame's time.
    av_opt_set_int(c, "threads", static_cast<int>(std::max(1u, std::thread::hardware_concurrency())), 0);
    if (sws_init_context(c, nullptr, nullptr) < 0) {
        sws_.reset();
        return nullptr;
    }
    const int* coefficients = sws_getCoefficients(key.colorspace);
    if (out_format == AV_PIX_FMT_YUV420P) {
        // YUV stays in its own matrix and becomes limited range, which is what the screen assumes.
        sws_setColorspaceDetails(c, coefficients, key.range, coefficients, 0, 0, 1 << 16, 1 << 16);
    } else {
        sws_setColorspaceDetails(c, coefficients, key.range, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    }
    key_ = key;
    return c;
}

core::Result<void> FrameConverter::to_xrgb(const AVFrame& frame, std::uint8_t* pixels, int pitch, int w, int h) {
    SwsContext* c = context_for(frame, AV_PIX_FMT_0RGB32, w, h);
    if (!c) return core::fail("cannot convert a video picture of format " + std::to_string(frame.format));
    std::uint8_t* dst[4] = {pixels, nullptr, nullptr, nullptr};
    const int dst_pitch[4] = {pitch, 0, 0, 0};
    const int rows = sws_scale(c, frame.data, frame.linesize, 0, frame.height, dst, dst_pitch);
    if (rows <= 0) return core::fail("converting a video picture failed");
    return {};
}

core::Result<const AVFrame*> FrameConverter::to_i420(const AVFrame& frame) {
    if (!i420_ || i420_->width != frame.width || i420_->height != frame.height) {
        i420_.reset(av_frame_alloc());
        if (!i420_) return core::fail("out of memory converting a video picture");
        i420_->format = AV_PIX_FMT_YUV420P;
        i420_->width = frame.width;
        i420_->height = frame.height;
        if (const int r = av_frame_get_buffer(i420_.get(), 0); r < 0) {
            i420_.reset();
            return core::fail("out of memory converting a video picture: " + av_error_text(r));
        }
    }
    SwsContext* c = context_for(frame, AV_PIX_FMT_YUV420P, frame.width, frame.height);
    if (!c) return core::fail("cannot convert a video picture of format " + std::to_string(frame.format));
    if (sws_scale(c, frame.data, frame.linesize, 0, frame.height, i420_->data, i420_->linesize) <= 0) {
        return core::fail("converting a video picture failed");
    }
    return i420_.get();
}

}  // namespace vitrine::media
