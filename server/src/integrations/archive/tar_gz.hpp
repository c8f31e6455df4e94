#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::integrations {

// Called as bytes go through: (done, total) for the current entry.
using ByteProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Writes a gzip-compressed POSIX tar (ustar) archive entry by entry, streaming: `tar xzf`
// opens it. Sizes above 8 GiB use the base-256 size field GNU tar and libarchive read.
class TarGzWriter {
 public:
  // UNAVAILABLE when the file cannot be created. `level`: zlib's 1 (fast) … 9 (small).
  [[nodiscard]] static Result<std::unique_ptr<TarGzWriter>> Create(
      const std::filesystem::path& path, int level = 1);
  ~TarGzWriter();
  TarGzWriter(const TarGzWriter&) = delete;
  TarGzWriter& operator=(const TarGzWriter&) = delete;

  [[nodiscard]] Result<void> AddBytes(const std::string& name, std::string_view data,
                                      std::int64_t mtime);
  // Copies `source` in 1 MiB reads.
  [[nodiscard]] Result<void> AddFile(const std::string& name, const std::filesystem::path& source,
                                     std::int64_t mtime, const ByteProgress& progress = {});
  // The end-of-archive blocks and the gzip trailer; the file is complete only after this.
  [[nodiscard]] Result<void> Finish();

 private:
  struct State;
  explicit TarGzWriter(std::unique_ptr<State> state);
  [[nodiscard]] Result<void> Write(std::string_view bytes);
  [[nodiscard]] Result<void> Header(const std::string& name, std::uint64_t size,
                                    std::int64_t mtime);
  std::unique_ptr<State> state_;
};

struct TarEntry {
  std::string name;
  std::uint64_t size = 0;
};

// Reads what TarGzWriter wrote (regular files only), checking each header's checksum and, at
// the end, gzip's CRC-32 and length of the whole stream: a flipped byte anywhere is an error.
// Errors are VALIDATION with a message saying what is wrong with the file.
class TarGzReader {
 public:
  [[nodiscard]] static Result<std::unique_ptr<TarGzReader>> Open(const std::filesystem::path& path);
  ~TarGzReader();
  TarGzReader(const TarGzReader&) = delete;
  TarGzReader& operator=(const TarGzReader&) = delete;

  // The next entry, or nullopt at the end of the archive (after which the gzip trailer has been
  // verified). The previous entry's unread data is skipped.
  [[nodiscard]] Result<std::optional<TarEntry>> Next();
  // The current entry's data as a string; VALIDATION above `max_bytes`.
  [[nodiscard]] Result<std::string> ReadAll(std::uint64_t max_bytes);
  // The current entry's data into `target` (created or truncated), returning its SHA-256 hex.
  [[nodiscard]] Result<std::string> ExtractTo(const std::filesystem::path& target,
                                              const ByteProgress& progress = {});

 private:
  struct State;
  explicit TarGzReader(std::unique_ptr<State> state);
  [[nodiscard]] Result<void> Read(char* into, std::size_t size);
  [[nodiscard]] Result<void> SkipRest();
  std::unique_ptr<State> state_;
};

}  // namespace planify::integrations
