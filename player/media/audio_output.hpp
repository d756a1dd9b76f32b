#pragma once
// AudioOutput: the SDL audio device, a bounded FIFO of converted samples in front of it, and the
// audio clock (the master clock of a clip with sound).
//
// Threads and locks:
// - The producer (the audio decode thread) calls push(). It blocks while the FIFO is full.
// - SDL's audio thread runs the device callback: it pulls from the FIFO (silence on underrun,
//   counted) and sets the clock.
// - The owner's thread (the app's main thread) calls open, flush, abort, pause, resume,
//   on_device_removed, reopen and the destructor; these must not be called concurrently with
//   each other. clock(), queued_bytes(), underruns(), has_device() and wait_until_drained() may
//   be called from any thread.
// - mutex_ guards every field marked "[mutex_]", shared between the callback and the callers.
//   No SDL audio call is made while holding it (SDL holds its own device lock around the
//   callback, which takes mutex_: the other order would deadlock).
#include <SDL.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/av_clock.hpp"
#include "core/result.hpp"
#include "media/audio_resampler.hpp"

namespace vitrine::media {

struct AudioOutputConfig {
    // The format asked for; the device may give another rate and channel count (the sample
    // format is kept: SDL converts if it must). Build the AudioResampler for format().
    AudioFormat wanted{48000, 2, SampleFormat::f32};
    // The device buffer in sample frames, a power of two: 1024 is ~21 ms at 48 kHz, small
    // enough for lip sync, large enough not to starve on a busy 2-core machine.
    std::uint16_t device_samples = 1024;
    // How much sound the FIFO holds before push() blocks; converted to bytes of format().
    std::chrono::milliseconds fifo_length{200};
    // The SDL device name; empty for the system's default device.
    std::string device_name;
};

// What push() did with a chunk.
enum class PushResult {
    queued,     // in the FIFO, will be played
    stale,      // its serial is not the current one (flushed): dropped
    aborted,    // abort() was called: dropped
    no_device,  // the device is gone (removed, not reopened): dropped, so the producer runs on
};

class AudioOutput {
public:
    // Opens the device (allowing a change of rate and channel count) and starts it: it plays
    // silence until data is pushed. Error with SDL's reason when SDL's audio subsystem is not
    // running or no device can be opened: the caller plays without sound.
    static core::Result<std::unique_ptr<AudioOutput>> open(const AudioOutputConfig& config);

    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;
    // Closes the device (waiting for the callback to return) before anything it uses goes.
    ~AudioOutput();

    // The format the device plays (fixed from open on; a reopen asks for exactly this).
    const AudioFormat& format() const { return format_; }
    // The SDL id, to match an SDL_AUDIODEVICEREMOVED event's adevice.which; 0 when closed.
    // Owner's thread.
    SDL_AudioDeviceID device_id() const { return device_; }
    std::size_t fifo_capacity_bytes() const { return fifo_capacity_; }

    // Producer thread. Queues `bytes` (interleaved, in format(), whole sample frames) whose first
    // sample frame has time `pts`, decoded under packet-queue serial `serial`. Blocks while the
    // FIFO is full (a chunk larger than the whole FIFO goes in when the FIFO is empty), until
    // room is made, or flush, abort or device removal wakes it.
    PushResult push(std::span<const std::uint8_t> bytes, core::MediaTime pts, core::QueueSerial serial);

    // Drops everything queued, makes `serial` the current one (pushes under other serials are
    // refused from now on) and unsets the clock until sound of the new serial is played.
    // The serial is 0 until the first flush.
    void flush(core::QueueSerial serial);
    // flush() to a serial this output has never used, returned: how a clip takes the device for
    // its sound (a clip starting, a loop, a rewind). Owner's thread.
    core::QueueSerial begin_stream();
    // The serial pushes are accepted under now (whose stream has the device). Any thread.
    core::QueueSerial current_serial() const;
    // Wakes a blocked push(); every later push() returns aborted. For teardown.
    void abort();

    // Stops or restarts the device; the clock stands still meanwhile. Owner's thread.
    void pause();
    void resume();

    // The media time of the sample being heard at `now`, read for packet-queue serial `serial`:
    // nullopt before any sound of that serial was played, after a flush to another serial, and
    // while there is no device (then video runs on the wall clock). Any thread.
    std::optional<core::MediaTime> clock(core::WallTime now, core::QueueSerial serial) const;

    // Waits until the FIFO is empty (everything handed to the device), the device is gone or
    // abort() was called, at most `timeout`. True when the FIFO is empty. Any thread.
    bool wait_until_drained(std::chrono::milliseconds timeout) const;

    std::size_t queued_bytes() const;  // bytes in the FIFO now. Any thread.
    // Underrun episodes: runs of device callbacks that found the FIFO short after sound had
    // been pushed since the last flush (the end of a clip counts once too). Any thread.
    std::uint64_t underruns() const;
    bool has_device() const;  // false after on_device_removed() until a reopen(). Any thread.

    // For SDL_AUDIODEVICEREMOVED of device_id(), on the owner's thread: closes the device, drops
    // the FIFO and unsets the clock, so clock() reads nullopt and video falls back to the wall
    // clock; push() then drops its chunks (no_device) instead of blocking.
    void on_device_removed();
    // Tries to open a device again in exactly format() (true when open, also when it was
    // never closed). Resumes playing unless paused. Owner's thread.
    bool reopen();

    // One device callback, for timing measurements (bench/): when it ran and how many sample
    // frames the device had been handed before it (since open; the disk driver's file holds
    // exactly these frames in order).
    struct CallbackRecord {
        core::WallTime at;
        std::uint64_t frames_before = 0;
    };
    // Starts keeping CallbackRecords (off by default; at most kMaxCallbackRecords are kept
    // between takes). Owner's thread.
    void record_callbacks(bool on);
    // The records kept since the last take. Any thread.
    std::vector<CallbackRecord> take_callback_records();
    static constexpr std::size_t kMaxCallbackRecords = 4096;  // ~87 s of 1024-frame callbacks at 48 kHz

private:
    struct Chunk {
        std::vector<std::uint8_t> bytes;
        std::size_t offset = 0;  // bytes already played
        core::MediaTime pts{0};  // time of bytes[0]
        core::QueueSerial serial = 0;
    };

    explicit AudioOutput(const AudioOutputConfig& config);
    static void SDLCALL callback(void* self, Uint8* stream, int len);
    void fill(Uint8* stream, std::size_t len);  // SDL's audio thread
    // Opens the device with userdata this; `allowed` are SDL_AUDIO_ALLOW_* flags. 0 on failure.
    SDL_AudioDeviceID open_device(const AudioFormat& wanted, int allowed, SDL_AudioSpec& have);
    void close_device();  // owner's thread; never under mutex_

    const AudioOutputConfig config_;
    // Set in open() before the device first runs (and device_buffer_bytes_ again in reopen(),
    // while the device is paused); read-only while it runs.
    AudioFormat format_;
    std::size_t fifo_capacity_ = 0;         // bytes
    std::size_t device_buffer_bytes_ = 0;   // SDL's buffer, bytes

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;  // FIFO shrank/emptied, flush, abort, removal
    std::deque<Chunk> fifo_;                    // [mutex_]
    std::size_t queued_bytes_ = 0;              // [mutex_] unplayed bytes in fifo_
    core::QueueSerial serial_ = 0;              // [mutex_] the current serial
    core::AvClock clock_;                       // [mutex_] the audio clock
    core::MediaTime written_until_{0};          // [mutex_] time just after the last sample handed to SDL
    bool fed_since_flush_ = false;              // [mutex_] something was pushed since the last flush
    bool starved_ = false;                      // [mutex_] the last callback found the FIFO short
    bool held_ = false;                         // [mutex_] clock_ stopped by the callback (late or dry)
    bool paused_ = false;                       // [mutex_]
    bool aborted_ = false;                      // [mutex_]
    bool device_open_ = false;                  // [mutex_]
    std::uint64_t underruns_ = 0;               // [mutex_]
    std::uint64_t frames_handed_ = 0;           // [mutex_] sample frames given to the device since open
    bool recording_ = false;                    // [mutex_]
    std::vector<CallbackRecord> records_;       // [mutex_]
    core::QueueSerial last_serial_ = 0;         // owner's thread: the highest serial flushed to

    SDL_AudioDeviceID device_ = 0;  // owner's thread; closed in the destructor before the rest
};

}  // namespace vitrine::media
