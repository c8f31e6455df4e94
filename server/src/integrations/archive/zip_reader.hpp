#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/result.hpp"

namespace planify::integrations {

// Reads a .zip archive held in memory that nobody vouches for (the legacy app's static/ folder
// sent from the browser): the central directory is checked against the archive's bounds, an
// entry is inflated only when asked, never past the size its caller allows nor past the size
// the archive declares, and its CRC-32 is checked. Stored and deflated entries only; no ZIP64,
// no encryption, no multi-disk archives (refused as a whole or per entry, with a reason).
class ZipReader {
 public:
  struct Entry {
    std::string name;  // as stored; Safe() says whether it may name a file of ours
    std::uint16_t method = 0;
    std::uint16_t flags = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressed_size = 0;
    std::uint64_t size = 0;
    std::uint64_t local_offset = 0;
    bool directory = false;
    bool symlink = false;  // a Unix symbolic link (never followed, never read)
    bool encrypted = false;
  };

  static constexpr std::size_t kMaxEntries = 20000;

  // VALIDATION (message in French, for the page) when the bytes are not a zip archive this
  // reader handles: no end of central directory, a directory outside the archive, more than
  // kMaxEntries entries, ZIP64 or several disks.
  [[nodiscard]] static Result<ZipReader> Open(std::string bytes);
  // The same without copying bytes someone else holds (a 1 GiB archive given on the command line).
  [[nodiscard]] static Result<ZipReader> Open(std::shared_ptr<const std::string> bytes);

  // The archive's size in bytes.
  [[nodiscard]] std::size_t size() const { return bytes_ ? bytes_->size() : 0; }

  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

  // The file (not folder) entry whose normalised name (Normalise) is `path`, the first of that
  // name; none when absent or unsafe.
  [[nodiscard]] const Entry* Find(std::string_view path) const;

  // The entry's content. VALIDATION when it is a directory, a link, encrypted, of a method other
  // than stored or deflate, larger than `max_bytes` (declared or actual), or corrupt (its data
  // outside the archive, an inflate error, a size or CRC-32 other than declared).
  [[nodiscard]] Result<std::string> Read(const Entry& entry, std::size_t max_bytes) const;

  // A name usable as a relative path: '/'-separated (a backslash, as older Windows tools write
  // it, is read as '/'), no empty or "." or ".." component, no leading '/', no drive letter, no
  // control character; "a/./b" and "a//b" are refused rather than cleaned. nullopt when unsafe.
  [[nodiscard]] static std::optional<std::string> Normalise(std::string_view name);

 private:
  ZipReader() = default;
  std::shared_ptr<const std::string> bytes_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> index_;  // normalised name → entry (first)
};

}  // namespace planify::integrations
