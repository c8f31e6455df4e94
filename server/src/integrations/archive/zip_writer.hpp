#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace planify::integrations {

// Writes a .zip archive entry by entry (what Windows' Explorer, macOS' Archive Utility and
// `unzip` open): text compressed with deflate, already-compressed files (PDF, images) stored.
// Entries and the archive stay under 4 GiB (no ZIP64): a client's file is far from it.
class ZipWriter {
 public:
  // UNAVAILABLE when the file cannot be created.
  [[nodiscard]] static Result<std::unique_ptr<ZipWriter>> Create(const std::filesystem::path& path);
  // An archive built in memory (small ones: a client's file), taken with Bytes() after Finish().
  [[nodiscard]] static std::unique_ptr<ZipWriter> InMemory();
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // `name` is a relative path with '/' separators (UTF-8); `modified` is shown in local
  // listings as Europe/Paris wall time.
  [[nodiscard]] Result<void> Add(const std::string& name, std::string_view data,
                                 domain::Timestamp modified, bool compress = true);
  // The central directory; the file is complete only after this.
  [[nodiscard]] Result<void> Finish();
  // The archive of an InMemory() writer once finished (moved out).
  [[nodiscard]] std::string Bytes();

 private:
  struct State;
  explicit ZipWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace planify::integrations
