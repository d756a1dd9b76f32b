#pragma once
// The packet queue between the demux thread and one decode thread (ffplay's PacketQueue).
// Unlike core::BoundedQueue it hands the consumer each packet's serial (the decoder must see a
// serial change to flush its codec), carries an end-of-stream marker and the seek target of its
// serial, and is bounded by the demuxer looking at bytes(), count() and duration() rather than
// by a blocking push: a push that blocks on one full stream would starve the other streams of an
// interleaved file. All members are guarded by mutex_; on_pop is called without it held.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include "core/av_clock.hpp"
#include "media/ffmpeg_ptr.hpp"

namespace vitrine::media {

// One entry of a PacketQueue as the consumer receives it.
struct QueuedPacket {
    PacketPtr packet;             // null: end of stream (no packet follows in this serial until a seek)
    core::QueueSerial serial = 0; // the queue's serial when the packet was pushed
    // The position the serial started at after a seek (clip time): frames that end before it
    // are decoded but not delivered, so the first frame is the one showing at the target.
    std::optional<core::MediaTime> seek_target;

    bool end_of_stream() const { return packet == nullptr; }
};

class PacketQueue {
public:
    // on_pop: called (on the consumer's thread, without the queue's lock) after each pop, so a
    // producer waiting for room can be woken; may be empty.
    explicit PacketQueue(std::function<void()> on_pop = {}) : on_pop_(std::move(on_pop)) {}
    PacketQueue(const PacketQueue&) = delete;
    PacketQueue& operator=(const PacketQueue&) = delete;

    // Appends `packet` (null = end of stream) under the current serial; never blocks.
    // duration: the packet's duration in media time (0 when unknown). False when aborted.
    bool push(PacketPtr packet, core::MediaTime duration = core::MediaTime{0}) {
        std::lock_guard lock(mutex_);
        if (aborted_) return false;
        const std::size_t size = packet ? static_cast<std::size_t>(packet->size) : 0;
        bytes_ += size;
        duration_ += duration;
        items_.push_back(Entry{QueuedPacket{std::move(packet), serial_, seek_target_}, size, duration});
        not_empty_.notify_one();
        return true;
    }

    // Blocks until a packet of the current serial is there or the queue is aborted (nullopt).
    // Packets pushed before the last flush() are skipped.
    std::optional<QueuedPacket> pop() {
        std::optional<QueuedPacket> out;
        {
            std::unique_lock lock(mutex_);
            for (;;) {
                not_empty_.wait(lock, [&] { return aborted_ || !items_.empty(); });
                if (aborted_) return std::nullopt;
                Entry e = std::move(items_.front());
                items_.pop_front();
                bytes_ -= e.bytes;
                duration_ -= e.duration;
                if (e.packet.serial == serial_) {
                    out = std::move(e.packet);
                    break;
                }
            }
        }
        if (on_pop_) on_pop_();
        return out;
    }

    // Drops everything queued and starts a new serial whose packets begin at `seek_target`
    // (nullopt: no seek, deliver every frame). Returns the new serial.
    core::QueueSerial flush(std::optional<core::MediaTime> seek_target = std::nullopt) {
        std::lock_guard lock(mutex_);
        items_.clear();
        bytes_ = 0;
        duration_ = core::MediaTime{0};
        seek_target_ = seek_target;
        return ++serial_;
    }

    // Wakes every waiter; from now on push() and pop() fail.
    void abort() {
        std::lock_guard lock(mutex_);
        aborted_ = true;
        not_empty_.notify_all();
    }

    bool aborted() const {
        std::lock_guard lock(mutex_);
        return aborted_;
    }
    core::QueueSerial serial() const {
        std::lock_guard lock(mutex_);
        return serial_;
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }
    std::size_t bytes() const {  // payload bytes queued
        std::lock_guard lock(mutex_);
        return bytes_;
    }
    core::MediaTime duration() const {  // sum of the queued packets' durations
        std::lock_guard lock(mutex_);
        return duration_;
    }

private:
    struct Entry {
        QueuedPacket packet;
        std::size_t bytes = 0;
        core::MediaTime duration{0};
    };
    const std::function<void()> on_pop_;
    mutable std::mutex mutex_;
    std::condition_variable not_empty_;
    std::deque<Entry> items_;
    std::size_t bytes_ = 0;
    core::MediaTime duration_{0};
    core::QueueSerial serial_ = 0;
    std::optional<core::MediaTime> seek_target_;
    bool aborted_ = false;
};

}  // namespace vitrine::media
