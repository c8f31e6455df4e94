#include "main/secret.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>
#include <vector>

namespace planify {
namespace {

TEST(SecretKey, ProcessesStartingTogetherOnAFreshDirectoryAgreeOnOneKey) {
  // Two `planify worker` processes started at once on a new data directory used to race on one
  // temporary file; now the first to link its key wins and the others read it.
  std::mt19937_64 random(std::random_device{}());
  const auto dir =
      std::filesystem::temp_directory_path() / ("planify-secret-" + std::to_string(random()));
  for (int round = 0; round < 20; ++round) {
    std::filesystem::remove_all(dir);
    Config config;
    config.data_dir = dir / "data";
    std::vector<std::string> keys(8);
    std::vector<std::thread> threads;
    threads.reserve(keys.size());
    for (auto& key : keys) {
      threads.emplace_back([&config, &key] {
        auto got = EnsureSecretKey(config);
        key = got ? *got : "error: " + got.error().message;
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& key : keys) {
      ASSERT_EQ(key, keys.front()) << "round " << round;
      ASSERT_EQ(key.size(), 64u) << key;
    }
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(config.data_dir)) {
      (void)entry;
      ++files;
    }
    EXPECT_EQ(files, 1u) << "no temporary file left behind";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace planify
