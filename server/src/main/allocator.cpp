#include "main/allocator.hpp"

#include <malloc.h>

#include <cstdlib>

namespace planify {

ServerAllocator::ServerAllocator(std::chrono::milliseconds trim_every) {
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
  trimmer_ = std::thread([this, trim_every] {
    std::unique_lock lock(mutex_);
    while (!stop_.wait_for(lock, trim_every, [this] { return stopping_; })) {
      lock.unlock();
      malloc_trim(0);
      lock.lock();
    }
  });
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
