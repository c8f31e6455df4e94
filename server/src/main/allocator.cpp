#include "main/allocator.hpp"

#include <malloc.h>

#include <cstdlib>
#include <utility>

namespace planify {

ServerAllocator::ServerAllocator(std::chrono::milliseconds trim_every) {
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  trimmer_ = std::thread([this, trim_every] {
    std::unique_lock lock(mutex_);
    while (!stop_.wait_for(lock, trim_every, [this] { return stopping_; })) {
      if (hook_) hook_();  // under the mutex: SetHook waits for a running hook
      lock.unlock();
      malloc_trim(0);
      lock.lock();
    }
  });
}

ServerAllocator::Hook ServerAllocator::BeforeTrim(std::function<void()> release) {
  SetHook(std::move(release));
  return Hook(*this);
}

void ServerAllocator::SetHook(std::function<void()> release) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(release);
}

ServerAllocator::~ServerAllocator() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  trimmer_.join();
}

}  // namespace planify
