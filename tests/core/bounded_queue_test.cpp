#include <doctest/doctest.h>

#include <thread>

#include "core/bounded_queue.hpp"

using vitrine::core::BoundedQueue;

TEST_CASE("a bounded queue hands values over in order and refuses past its capacity") {
    BoundedQueue<int> q(2);
    CHECK(q.try_push(1));
    CHECK(q.try_push(2));
    CHECK_FALSE(q.try_push(3));
    CHECK(q.pop() == 1);
    CHECK(q.try_pop() == 2);
    CHECK_FALSE(q.try_pop());
}

TEST_CASE("a flush drops what was queued before it") {
    BoundedQueue<int> q(8);
    q.push(1);
    q.push(2);
    const auto before = q.serial();
    q.flush();
    CHECK(q.serial() == before + 1);
    q.push(3);
    CHECK(q.pop() == 3);
}

TEST_CASE("abort wakes a consumer blocked on an empty queue and a producer blocked on a full one") {
    BoundedQueue<int> empty(1), full(1);
    REQUIRE(full.try_push(0));
    std::optional<int> popped = 42;
    bool pushed = true;
    std::thread consumer([&] { popped = empty.pop(); });
    std::thread producer([&] { pushed = full.push(1); });
    empty.abort();
    full.abort();
    consumer.join();
    producer.join();
    CHECK_FALSE(popped.has_value());
    CHECK_FALSE(pushed);
}

TEST_CASE("values cross threads intact") {
    BoundedQueue<int> q(4);
    long sum = 0;
    std::thread consumer([&] {
        while (auto v = q.pop()) {
            if (*v < 0) break;
            sum += *v;
        }
    });
    for (int i = 1; i <= 1000; ++i) q.push(i);
    q.push(-1);
    consumer.join();
    CHECK(sum == 500500);
}
