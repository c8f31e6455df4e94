#include "http/admission.hpp"

#include <algorithm>

namespace planify::http {

FifoGate::FifoGate(std::size_t width) : width_(std::max<std::size_t>(width, 1)) {}

FifoGate::Slot::~Slot() {
  if (gate_ != nullptr) gate_->Leave();
}

FifoGate::Slot FifoGate::Enter() {
  std::unique_lock lock(mutex_);
  if (line_.empty() && holding_ < width_) {
    ++holding_;
    return Slot(this);
  }
  Waiter me;
  line_.push_back(&me);
  me.wake.wait(lock, [&] { return me.admitted; });
  return Slot(this);  // the slot was handed over: holding_ already counts it
}

void FifoGate::Leave() {
  std::lock_guard lock(mutex_);
  if (line_.empty()) {
    --holding_;
    return;
  }
  Waiter* next = line_.front();
  line_.pop_front();
  next->admitted = true;
  // Notified under the lock: the waiter's condition variable lives on its stack, and it may
  // return (destroying it) as soon as it sees `admitted` after the lock is released.
  next->wake.notify_one();
}

std::size_t FifoGate::Holding() const {
  std::lock_guard lock(mutex_);
  return holding_;
}

std::size_t FifoGate::Waiting() const {
  std::lock_guard lock(mutex_);
  return line_.size();
}

}  // namespace planify::http
