#include "media/audio_output.hpp"

#include <algorithm>
#include <cstring>

namespace vitrine::media {

namespace {

SDL_AudioFormat to_sdl(SampleFormat f) { return f == SampleFormat::s16 ? AUDIO_S16SYS : AUDIO_F32SYS; }

core::WallTime wall_now() { return std::chrono::steady_clock::now(); }

}  // namespace

core::Result<std::unique_ptr<AudioOutput>> AudioOutput::open(const AudioOutputConfig& config) {
    if (SDL_WasInit(SDL_INIT_AUDIO) == 0) {
        return core::fail("no sound: SDL's audio subsystem is not running (no audio driver or device)");
    }
    const char* driver = SDL_GetCurrentAudioDriver();
    // The object exists before the device so the callback's userdata is valid. SDL opens the
    // device paused: no callback runs until the format and capacity below are set.
    auto output = std::unique_ptr<AudioOutput>(new AudioOutput(config));
    SDL_AudioSpec have{};
    output->device_ = output->open_device(
        config.wanted, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE, have);
    if (output->device_ == 0) {
        return core::fail("cannot open the audio device" +
                          (config.device_name.empty() ? std::string{} : " '" + config.device_name + "'") +
                          " (driver " + (driver ? driver : "none") + "): " + SDL_GetError());
    }
    output->format_ = AudioFormat{have.freq, have.channels, config.wanted.format};
    const auto& got = output->format_;
    const auto frames = static_cast<std::size_t>(config.fifo_length.count()) * static_cast<std::size_t>(got.rate) / 1000;
    output->fifo_capacity_ = std::max<std::size_t>(frames, 1) * got.bytes_per_frame();
    output->device_buffer_bytes_ = have.size;
    {
        std::lock_guard lock(output->mutex_);
        output->device_open_ = true;
    }
    SDL_PauseAudioDevice(output->device_, 0);
    return output;
}

AudioOutput::AudioOutput(const AudioOutputConfig& config) : config_(config), format_(config.wanted) {}

AudioOutput::~AudioOutput() {
    abort();
    close_device();
}

SDL_AudioDeviceID AudioOutput::open_device(const AudioFormat& wanted, int allowed, SDL_AudioSpec& have) {
    SDL_AudioSpec want{};
    want.freq = wanted.rate;
    want.format = to_sdl(wanted.format);
    want.channels = static_cast<Uint8>(wanted.channels);
    want.samples = config_.device_samples;
    want.callback = &AudioOutput::callback;
    want.userdata = this;
    return SDL_OpenAudioDevice(config_.device_name.empty() ? nullptr : config_.device_name.c_str(), 0,
                               &want, &have, allowed);
}

void AudioOutput::close_device() {
    if (device_ == 0) return;
    // Waits for a running callback to return; mutex_ is not held here.
    SDL_CloseAudioDevice(device_);
    device_ = 0;
}

void SDLCALL AudioOutput::callback(void* self, Uint8* stream, int len) {
    static_cast<AudioOutput*>(self)->fill(stream, len > 0 ? static_cast<std::size_t>(len) : 0);
}

void AudioOutput::fill(Uint8* stream, std::size_t len) {
    const auto now = wall_now();
    std::lock_guard lock(mutex_);
    if (recording_ && records_.size() < kMaxCallbackRecords) records_.push_back(CallbackRecord{now, frames_handed_});
    frames_handed_ += len / format_.bytes_per_frame();
    std::size_t written = 0;
    while (written < len && !fifo_.empty()) {
        Chunk& chunk = fifo_.front();
        const std::size_t n = std::min(chunk.bytes.size() - chunk.offset, len - written);
        std::memcpy(stream + written, chunk.bytes.data() + chunk.offset, n);
        chunk.offset += n;
        written += n;
        queued_bytes_ -= n;
        written_until_ = chunk.pts + format_.duration_of(chunk.offset);
        if (chunk.offset == chunk.bytes.size()) fifo_.pop_front();
    }
    if (written < len) {
        // Both formats are signed: silence is all zero bytes.
        std::memset(stream + written, 0, len - written);
        if (fed_since_flush_ && !starved_) ++underruns_;  // one per episode, not per callback
    }
    starved_ = written < len;
    const auto current = clock_.get(now, serial_);
    if (written > 0) {
        // The last sample written is heard after the rest of this buffer's data ahead of it and
        // the one buffer SDL is playing now: that is the sound being heard at `now`.
        const auto heard = written_until_ - format_.duration_of(written + device_buffer_bytes_);
        if (current && *current > heard) {
            // The callback came late: rather than step back, stand still until the sound
            // catches up (the clock never runs backwards nor ahead by more than that delay).
            clock_.set(*current, serial_, now);
            clock_.pause(now);
            held_ = true;
        } else {
            if (held_ && !paused_) clock_.resume(now);
            held_ = false;
            clock_.set(heard, serial_, now);
        }
    } else if (fed_since_flush_ && current && !held_) {
        // Nothing left to play: the clock stops where it is rather than run past the sound.
        clock_.set(std::min(*current, written_until_), serial_, now);
        clock_.pause(now);
        held_ = true;
    }
    changed_.notify_all();
}

PushResult AudioOutput::push(std::span<const std::uint8_t> bytes, core::MediaTime pts, core::QueueSerial serial) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
        return aborted_ || serial != serial_ || !device_open_ || queued_bytes_ == 0 ||
               queued_bytes_ + bytes.size() <= fifo_capacity_;
    });
    if (aborted_) return PushResult::aborted;
    if (serial != serial_) return PushResult::stale;
    if (!device_open_) return PushResult::no_device;
    const std::size_t whole = bytes.size() - bytes.size() % format_.bytes_per_frame();
    if (whole == 0) return PushResult::queued;
    fifo_.push_back(Chunk{std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + whole), 0, pts, serial});
    queued_bytes_ += whole;
    fed_since_flush_ = true;
    return PushResult::queued;
}

void AudioOutput::flush(core::QueueSerial serial) {
    const auto now = wall_now();
    std::lock_guard lock(mutex_);
    fifo_.clear();
    queued_bytes_ = 0;
    serial_ = serial;
    clock_ = core::AvClock{};
    if (paused_) clock_.pause(now);
    written_until_ = core::MediaTime{0};
    fed_since_flush_ = false;
    starved_ = false;
    held_ = false;
    changed_.notify_all();
}

core::QueueSerial AudioOutput::begin_stream() {
    {
        std::lock_guard lock(mutex_);
        last_serial_ = std::max(last_serial_, serial_) + 1;  // also past serials given to flush() directly
    }
    flush(last_serial_);
    return last_serial_;
}

core::QueueSerial AudioOutput::current_serial() const {
    std::lock_guard lock(mutex_);
    return serial_;
}

void AudioOutput::record_callbacks(bool on) {
    std::lock_guard lock(mutex_);
    recording_ = on;
}

std::vector<AudioOutput::CallbackRecord> AudioOutput::take_callback_records() {
    std::lock_guard lock(mutex_);
    std::vector<CallbackRecord> out;
    out.swap(records_);
    return out;
}

void AudioOutput::abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    changed_.notify_all();
}

void AudioOutput::pause() {
    if (device_ != 0) SDL_PauseAudioDevice(device_, 1);
    std::lock_guard lock(mutex_);
    paused_ = true;
    clock_.pause(wall_now());
}

void AudioOutput::resume() {
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
        if (!held_) clock_.resume(wall_now());
    }
    if (device_ != 0) SDL_PauseAudioDevice(device_, 0);
}

std::optional<core::MediaTime> AudioOutput::clock(core::WallTime now, core::QueueSerial serial) const {
    std::lock_guard lock(mutex_);
    if (!device_open_) return std::nullopt;
    return clock_.get(now, serial);
}

bool AudioOutput::wait_until_drained(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return queued_bytes_ == 0 || !device_open_ || aborted_; });
    return queued_bytes_ == 0;
}

std::size_t AudioOutput::queued_bytes() const {
    std::lock_guard lock(mutex_);
    return queued_bytes_;
}

std::uint64_t AudioOutput::underruns() const {
    std::lock_guard lock(mutex_);
    return underruns_;
}

bool AudioOutput::has_device() const {
    std::lock_guard lock(mutex_);
    return device_open_;
}

void AudioOutput::on_device_removed() {
    close_device();
    std::lock_guard lock(mutex_);
    device_open_ = false;
    fifo_.clear();
    queued_bytes_ = 0;
    clock_ = core::AvClock{};
    if (paused_) clock_.pause(wall_now());
    starved_ = false;
    held_ = false;
    fed_since_flush_ = false;
    changed_.notify_all();
}

bool AudioOutput::reopen() {
    if (device_ != 0) return true;
    SDL_AudioSpec have{};
    const SDL_AudioDeviceID id = open_device(format_, 0, have);
    if (id == 0) return false;
    device_ = id;
    device_buffer_bytes_ = have.size;
    bool paused = false;
    {
        std::lock_guard lock(mutex_);
        device_open_ = true;
        paused = paused_;
    }
    if (!paused) SDL_PauseAudioDevice(device_, 0);
    return true;
}

}  // namespace vitrine::media
