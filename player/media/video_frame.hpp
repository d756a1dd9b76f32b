#pragma once
// A decoded video frame on its way from the video decode thread to the thread that presents
// it, with the timing the frame timer needs (core::FrameTiming). Move-only: it owns its AVFrame.
#include "core/frame_timer.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {

struct VideoFrame {
    FramePtr frame;                // the picture; null marks the end of the stream of `serial`
    core::MediaTime pts{0};        // clip time (stream time minus the container's start time)
    core::MediaTime duration{0};   // nominal, from the frame rate (the packet duration without one)
    core::QueueSerial serial = 0;  // serial of the packet queue the frame was decoded from

    bool end_of_stream() const { return frame == nullptr; }
    core::FrameTiming timing() const { return core::FrameTiming{pts, duration, serial}; }
};

}  // namespace vitrine::media
