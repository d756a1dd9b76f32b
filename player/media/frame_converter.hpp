#pragma once
// Converts decoded video pictures with libswscale, once, where the screen cannot take them as
// they are: into the 32-bit XRGB texture of the CPU path at their size on screen (conversion
// and scaling in one pass, straight into the pixels the software renderer shows), or into
// yuv420p for the texture path when the decoder's format is one textures do not take
// (10-bit, 4:2:2, 4:4:4...). Colour matrix and range follow the frame (BT.709 for HD).
//
// Thread: one owner (the render thread). The context is kept while the input and output stay
// the same and remade when they change.
#include <cstdint>

#include "core/result.hpp"
#include "media/ffmpeg_ptr.hpp"
#include "media/sws_ptr.hpp"

namespace vitrine::media {

class FrameConverter {
public:
    // Scales and converts `frame` into `pixels` (w x h, `pitch` bytes a row, SDL's RGB888 layout:
    // one native-endian 32-bit 0x00RRGGBB per pixel). Error with FFmpeg's reason.
    core::Result<void> to_xrgb(const AVFrame& frame, std::uint8_t* pixels, int pitch, int w, int h);
    // `frame` as yuv420p at its own size, in a frame owned by the converter (valid until the
    // next call). Error with FFmpeg's reason.
    core::Result<const AVFrame*> to_i420(const AVFrame& frame);

    // The formats the texture path uploads without conversion.
    static bool texture_ready(int pixel_format);

private:
    struct Key {
        int in_format = -1, in_w = 0, in_h = 0, out_format = -1, out_w = 0, out_h = 0;
        int colorspace = -1, range = -1;
        bool operator==(const Key&) const = default;
    };
    SwsContext* context_for(const AVFrame& frame, int out_format, int out_w, int out_h);

    Key key_;
    SwsContextPtr sws_;
    FramePtr i420_;
};

}  // namespace vitrine::media
