#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace planify::http {

// At most `width` holders at once, admitted in arrival order (docs/architecture.md,
// "Admission of downloads"). With 16 downloads in flight on two cores, every request thread
// runnable at once means a preempted one waits a whole round of them: the tail grows with the
// crowd. Waiting here is sleeping, so the few admitted finish on the CPU and the others keep
// their place in line.
//
// Only for work that never waits on a lock another request holds (a read outside any write
// transaction): a holder blocked on such a lock would keep its slot from the others.
class FifoGate {
 public:
  explicit FifoGate(std::size_t width);
  FifoGate(const FifoGate&) = delete;
  FifoGate& operator=(const FifoGate&) = delete;

  class Slot {
   public:
    Slot(Slot&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    friend class FifoGate;
    explicit Slot(FifoGate* gate) : gate_(gate) {}
    FifoGate* gate_;
  };

  // Blocks until every earlier caller is admitted and a slot is free.
  [[nodiscard]] Slot Enter();

  [[nodiscard]] std::size_t width() const { return width_; }
  // Holders now and callers waiting now (for tests and metrics).
  [[nodiscard]] std::size_t Holding() const;
  [[nodiscard]] std::size_t Waiting() const;

 private:
  void Leave();

  // A caller in line, on its own stack: a leaving holder hands its slot to the first one and
  // wakes that one alone (no herd of waiters woken to find they are not next).
  struct Waiter {
    std::condition_variable wake;
    bool admitted = false;
  };

  const std::size_t width_;
  mutable std::mutex mutex_;
  std::deque<Waiter*> line_;
  std::size_t holding_ = 0;
};

}  // namespace planify::http
