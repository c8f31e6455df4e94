#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace planify {

// glibc's allocator set up for a server (docs/performance.md, "Memory"). By default each thread
// that allocates while another does gets an arena of its own (up to eight per core) and freed
// memory stays in it: after 64 concurrent calendar requests RSS stayed at 300 MiB. Two arenas
// bound that (MALLOC_ARENA_MAX in the environment wins), and a background thread hands free
// pages back to the kernel every few seconds, so RSS returns near idle after a burst.
class ServerAllocator {
 public:
  explicit ServerAllocator(std::chrono::milliseconds trim_every = std::chrono::seconds(3));
  ~ServerAllocator();
  ServerAllocator(const ServerAllocator&) = delete;
  ServerAllocator& operator=(const ServerAllocator&) = delete;

  // Runs `release` on the trimming thread before each trim, so caches other libraries keep
  // (SQLite's page caches) come back too. While the returned guard lives; one hook at a time.
  class Hook {
   public:
    explicit Hook(ServerAllocator& allocator) : allocator_(allocator) {}
    ~Hook() { allocator_.SetHook(nullptr); }
    Hook(const Hook&) = delete;
    Hook& operator=(const Hook&) = delete;

   private:
    ServerAllocator& allocator_;
  };
  [[nodiscard]] Hook BeforeTrim(std::function<void()> release);

 private:
  void SetHook(std::function<void()> release);

  std::function<void()> hook_;  // guarded by mutex_
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread trimmer_;
};

}  // namespace planify
