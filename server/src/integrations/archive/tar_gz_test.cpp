#include "integrations/archive/tar_gz.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {
namespace {

class TarGz : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("planify-tar-" + RandomHex(6));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string Slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // An archive with a small text entry and a 3 MiB file of varied bytes (several 1 MiB reads,
  // a size that is not a multiple of 512).
  std::filesystem::path Sample() {
    std::mt19937 random(7);
    data_.resize(3 * 1024 * 1024 + 77);
    for (auto& c : data_) c = static_cast<char>(random() % 16);  // compressible, not trivial
    std::ofstream(dir_ / "payload.bin", std::ios::binary) << data_;
    auto file = dir_ / "sample.tar.gz";
    auto writer = TarGzWriter::Create(file);
    EXPECT_TRUE(writer);
    EXPECT_TRUE((*writer)->AddBytes("manifest.json", "{\"a\":1}\n", 1764800000));
    std::uint64_t last = 0;
    EXPECT_TRUE((*writer)->AddFile("database.sqlite", dir_ / "payload.bin", 1764800000,
                                   [&](std::uint64_t done, std::uint64_t) { last = done; }));
    EXPECT_EQ(last, data_.size());
    EXPECT_TRUE((*writer)->Finish());
    return file;
  }

  std::filesystem::path dir_;
  std::string data_;
};

TEST_F(TarGz, WhatItWritesReadsBackEntryByEntryWithTheSameHash) {
  auto file = Sample();
  auto reader = TarGzReader::Open(file);
  ASSERT_TRUE(reader);
  auto first = (*reader)->Next();
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->name, "manifest.json");
  EXPECT_EQ(*(*reader)->ReadAll(1024), "{\"a\":1}\n");
  auto second = (*reader)->Next();
  ASSERT_TRUE(second && *second);
  EXPECT_EQ((*second)->name, "database.sqlite");
  EXPECT_EQ((*second)->size, data_.size());
  auto sha = (*reader)->ExtractTo(dir_ / "out.bin");
  ASSERT_TRUE(sha) << sha.error().message;
  Sha256Stream expected;
  expected.Update(data_);
  EXPECT_EQ(*sha, expected.Hex());
  EXPECT_EQ(Slurp(dir_ / "out.bin"), data_);
  auto end = (*reader)->Next();
  ASSERT_TRUE(end) << end.error().message;
  EXPECT_FALSE(*end);
}

TEST_F(TarGz, TheSystemTarOpensIt) {
  auto file = Sample();
  auto out = dir_ / "x";
  std::filesystem::create_directories(out);
  std::string command = "tar -xzf '" + file.string() + "' -C '" + out.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(Slurp(out / "manifest.json"), "{\"a\":1}\n");
  EXPECT_EQ(Slurp(out / "database.sqlite"), data_);
}

TEST_F(TarGz, AFlippedByteAnywhereOrATruncationIsAnError) {
  const std::string bytes = Slurp(Sample());
  // Read everything as a restore does; the error may come at any entry or at the very end.
  auto read_all = [&](const std::string& content) -> Result<void> {
    auto file = dir_ / "candidate.tar.gz";
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
    auto reader = TarGzReader::Open(file);
    if (!reader) return Fail(reader.error());
    for (int i = 0;; ++i) {
      auto entry = (*reader)->Next();
      if (!entry) return Fail(entry.error());
      if (!*entry) return {};
      auto sha = (*reader)->ExtractTo(dir_ / ("part" + std::to_string(i)));
      if (!sha) return Fail(sha.error());
    }
  };
  ASSERT_TRUE(read_all(bytes));
  for (std::size_t at = 0; at < bytes.size(); at += bytes.size() / 37 + 1) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
    auto result = read_all(damaged);
    // Bytes 3-9 of the gzip header (text flag, timestamp, compression hint, OS) describe no
    // data and zlib ignores them; everything after is checked.
    if (at >= 3 && at <= 9) continue;
    EXPECT_FALSE(result) << "byte " << at << " of " << bytes.size();
  }
  for (std::size_t at : {bytes.size() - 1, bytes.size() - 5, bytes.size() - 8}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x01);
    EXPECT_FALSE(read_all(damaged)) << "trailer byte " << at;
  }
  auto cut = read_all(bytes.substr(0, bytes.size() - 100));
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code, ErrorCode::kValidation);
  EXPECT_FALSE(read_all("plain text, not gzip"));
  EXPECT_FALSE(read_all(""));
}

}  // namespace
}  // namespace planify::integrations
