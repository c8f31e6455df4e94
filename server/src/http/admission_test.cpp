#include "http/admission.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace planify::http {
namespace {

// Waits on the gate's visible state, never on time.
template <typename Predicate>
void WaitFor(Predicate done) {
  while (!done()) std::this_thread::yield();
}

TEST(FifoGate, AdmitsAtMostItsWidth) {
  FifoGate gate(2);
  std::optional<FifoGate::Slot> a(gate.Enter());
  std::optional<FifoGate::Slot> b(gate.Enter());
  EXPECT_EQ(gate.Holding(), 2u);
  std::atomic<bool> admitted{false};
  std::thread third([&] {
    auto slot = gate.Enter();
    admitted = true;
  });
  WaitFor([&] { return gate.Waiting() == 1; });
  EXPECT_FALSE(admitted.load());
  a.reset();
  third.join();
  EXPECT_TRUE(admitted.load());
  EXPECT_EQ(gate.Holding(), 1u);
  b.reset();
  EXPECT_EQ(gate.Holding(), 0u);
  EXPECT_EQ(gate.Waiting(), 0u);
}

TEST(FifoGate, AdmitsInArrivalOrder) {
  FifoGate gate(1);
  std::optional<FifoGate::Slot> held(gate.Enter());
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int i = 0; i < 5; ++i) {
    waiters.emplace_back([&, i] {
      auto slot = gate.Enter();
      std::lock_guard lock(order_mutex);
      order.push_back(i);
    });
    // The next one starts only once this one is in line.
    WaitFor([&] { return gate.Waiting() == static_cast<std::size_t>(i + 1); });
  }
  held.reset();
  for (auto& t : waiters) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(FifoGate, AZeroWidthStillAdmitsOne) {
  FifoGate gate(0);
  EXPECT_EQ(gate.width(), 1u);
  auto slot = gate.Enter();
  EXPECT_EQ(gate.Holding(), 1u);
}

}  // namespace
}  // namespace planify::http
