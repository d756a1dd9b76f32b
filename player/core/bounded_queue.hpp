#pragma once
// A queue between threads with a capacity, an abort flag and a serial (ffplay's model).
// push() blocks while full, pop() blocks while empty; abort() wakes everyone and makes both
// return false from then on. The serial lets a consumer recognise items queued before a
// flush (a seek or a skip) and drop them. All members are guarded by mutex_.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace vitrine::core {

template <class T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity ? capacity : 1) {}

    // Blocks while the queue is full. False when aborted (the value is dropped).
    bool push(T value) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return aborted_ || items_.size() < capacity_; });
        if (aborted_) return false;
        items_.push_back(Entry{std::move(value), serial_});
        not_empty_.notify_one();
        return true;
    }

    // Never blocks. False when full or aborted.
    bool try_push(T value) {
        std::lock_guard lock(mutex_);
        if (aborted_ || items_.size() >= capacity_) return false;
        items_.push_back(Entry{std::move(value), serial_});
        not_empty_.notify_one();
        return true;
    }

    // Blocks while empty. nullopt when aborted. Items from before the last flush() are skipped.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        for (;;) {
            not_empty_.wait(lock, [&] { return aborted_ || !items_.empty(); });
            if (aborted_) return std::nullopt;
            Entry e = std::move(items_.front());
            items_.pop_front();
            not_full_.notify_one();
            if (e.serial == serial_) return std::move(e.value);
        }
    }

    // Like pop(), but gives up after `timeout` (nullopt then too).
    template <class Rep, class Period>
    std::optional<T> pop_for(std::chrono::duration<Rep, Period> timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::unique_lock lock(mutex_);
        for (;;) {
            if (!not_empty_.wait_until(lock, deadline, [&] { return aborted_ || !items_.empty(); })) return std::nullopt;
            if (aborted_) return std::nullopt;
            Entry e = std::move(items_.front());
            items_.pop_front();
            not_full_.notify_one();
            if (e.serial == serial_) return std::move(e.value);
        }
    }

    // Never blocks. nullopt when empty or aborted.
    std::optional<T> try_pop() {
        std::lock_guard lock(mutex_);
        while (!aborted_ && !items_.empty()) {
            Entry e = std::move(items_.front());
            items_.pop_front();
            not_full_.notify_one();
            if (e.serial == serial_) return std::move(e.value);
        }
        return std::nullopt;
    }

    // Drops everything queued and starts a new serial.
    void flush() {
        std::lock_guard lock(mutex_);
        items_.clear();
        ++serial_;
        not_full_.notify_all();
    }

    void abort() {
        std::lock_guard lock(mutex_);
        aborted_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }
    std::size_t serial() const {
        std::lock_guard lock(mutex_);
        return serial_;
    }

private:
    struct Entry {
        T value;
        std::size_t serial;
    };
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<Entry> items_;
    std::size_t serial_ = 0;
    bool aborted_ = false;
};

}  // namespace vitrine::core
