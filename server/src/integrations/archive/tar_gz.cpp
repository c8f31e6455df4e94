#include "integrations/archive/tar_gz.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {

namespace {

constexpr std::size_t kBlock = 512;
constexpr std::size_t kChunk = std::size_t{1} << 20;
constexpr std::uint64_t kOctalSizeLimit = 077777777777ULL;  // 11 octal digits: 8 GiB - 1

using Block = std::array<char, kBlock>;

void PutOctal(char* field, std::size_t width, std::uint64_t value) {
  // width - 1 digits, zero-padded, then NUL, as POSIX writes them.
  for (std::size_t i = width - 1; i-- > 0;) {
    field[i] = static_cast<char>('0' + (value & 7U));
    value >>= 3U;
  }
  field[width - 1] = '\0';
}

unsigned HeaderChecksum(const Block& block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    // The checksum field itself counts as spaces.
    bool in_field = i >= 148 && i < 156;
    sum += in_field ? unsigned{' '} : static_cast<unsigned char>(block[i]);
  }
  return sum;
}

std::optional<std::uint64_t> ParseNumber(const char* field, std::size_t width) {
  auto first = static_cast<unsigned char>(field[0]);
  if ((first & 0x80U) != 0) {  // base-256, big-endian, the flag bit cleared
    std::uint64_t value = first & 0x7FU;
    for (std::size_t i = 1; i < width; ++i) {
      if (value >> 56U != 0) return std::nullopt;
      value = (value << 8U) | static_cast<unsigned char>(field[i]);
    }
    return value;
  }
  std::uint64_t value = 0;
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  bool any = false;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
    value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
    any = true;
  }
  for (; i < width; ++i) {
    if (field[i] != '\0' && field[i] != ' ') return std::nullopt;
  }
  if (!any) return std::nullopt;
  return value;
}

std::uint64_t Padding(std::uint64_t size) { return (kBlock - size % kBlock) % kBlock; }

Error Corrupt(const std::string& what) {
  return Error{
      ErrorCode::kValidation, "the archive is damaged or not a Planify backup: " + what, {}};
}

}  // namespace

struct TarGzWriter::State {
  gzFile file = nullptr;
  std::filesystem::path path;
};

TarGzWriter::TarGzWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}

TarGzWriter::~TarGzWriter() {
  if (state_ && state_->file != nullptr) gzclose(state_->file);
}

Result<std::unique_ptr<TarGzWriter>> TarGzWriter::Create(const std::filesystem::path& path,
                                                         int level) {
  auto state = std::make_unique<State>();
  state->path = path;
  std::string mode = "wb" + std::to_string(level < 1 ? 1 : (level > 9 ? 9 : level));
  state->file = gzopen(path.c_str(), mode.c_str());
  if (state->file == nullptr) {
    return Fail(ErrorCode::kUnavailable,
                "cannot create " + path.string() + ": " + std::strerror(errno));
  }
  gzbuffer(state->file, 256 * 1024);
  return std::unique_ptr<TarGzWriter>(new TarGzWriter(std::move(state)));
}

Result<void> TarGzWriter::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    auto piece = static_cast<unsigned>(std::min<std::size_t>(bytes.size(), kChunk));
    int written = gzwrite(state_->file, bytes.data(), piece);
    if (written <= 0) {
      int code = 0;
      const char* message = gzerror(state_->file, &code);
      return Fail(ErrorCode::kUnavailable, "cannot write " + state_->path.string() + ": " +
                                               (code == Z_ERRNO ? std::strerror(errno) : message));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

Result<void> TarGzWriter::Header(const std::string& name, std::uint64_t size, std::int64_t mtime) {
  if (name.empty() || name.size() >= 100) {
    return Fail(ErrorCode::kInternal, "tar entry name must be 1-99 bytes: " + name);
  }
  Block block{};
  std::memcpy(block.data(), name.data(), name.size());
  PutOctal(block.data() + 100, 8, 0644);  // mode
  PutOctal(block.data() + 108, 8, 0);     // uid
  PutOctal(block.data() + 116, 8, 0);     // gid
  if (size <= kOctalSizeLimit) {
    PutOctal(block.data() + 124, 12, size);
  } else {
    block[124] = static_cast<char>(0x80);
    for (int i = 11; i >= 4; --i) {
      block[124 + static_cast<std::size_t>(i)] = static_cast<char>(size & 0xFFU);
      size >>= 8U;
    }
  }
  PutOctal(block.data() + 136, 12, static_cast<std::uint64_t>(mtime < 0 ? 0 : mtime));
  block[156] = '0';  // regular file
  std::memcpy(block.data() + 257, "ustar", 6);
  std::memcpy(block.data() + 263, "00", 2);
  std::memcpy(block.data() + 265, "planify", 7);  // uname
  std::memcpy(block.data() + 297, "planify", 7);  // gname
  // The checksum: six octal digits, NUL, space.
  PutOctal(block.data() + 148, 7, HeaderChecksum(block));
  block[155] = ' ';
  return Write(std::string_view(block.data(), block.size()));
}

Result<void> TarGzWriter::AddBytes(const std::string& name, std::string_view data,
                                   std::int64_t mtime) {
  if (auto header = Header(name, data.size(), mtime); !header) return header;
  if (auto written = Write(data); !written) return written;
  return Write(std::string(Padding(data.size()), '\0'));
}

Result<void> TarGzWriter::AddFile(const std::string& name, const std::filesystem::path& source,
                                  std::int64_t mtime, const ByteProgress& progress) {
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(source, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable, "cannot read " + source.string() + ": " + ec.message());
  std::ifstream in(source, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, "cannot open " + source.string());
  if (auto header = Header(name, size, mtime); !header) return header;
  std::vector<char> buffer(kChunk);
  std::uint64_t done = 0;
  while (done < size) {
    auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(kChunk, size - done));
    in.read(buffer.data(), want);
    if (in.gcount() != want) {
      return Fail(ErrorCode::kUnavailable, source.string() + " changed while being archived");
    }
    if (auto written = Write(std::string_view(buffer.data(), static_cast<std::size_t>(want)));
        !written) {
      return written;
    }
    done += static_cast<std::uint64_t>(want);
    if (progress) progress(done, size);
  }
  return Write(std::string(Padding(size), '\0'));
}

Result<void> TarGzWriter::Finish() {
  if (auto end = Write(std::string(2 * kBlock, '\0')); !end) return end;
  int code = gzclose(state_->file);
  state_->file = nullptr;
  if (code != Z_OK) {
    return Fail(ErrorCode::kUnavailable, "cannot finish " + state_->path.string());
  }
  return {};
}

struct TarGzReader::State {
  gzFile file = nullptr;
  std::uint64_t remaining = 0;  // data bytes of the current entry not yet read
  std::uint64_t padding = 0;
  bool ended = false;
};

TarGzReader::TarGzReader(std::unique_ptr<State> state) : state_(std::move(state)) {}

TarGzReader::~TarGzReader() {
  if (state_ && state_->file != nullptr) gzclose(state_->file);
}

Result<std::unique_ptr<TarGzReader>> TarGzReader::Open(const std::filesystem::path& path) {
  auto state = std::make_unique<State>();
  state->file = gzopen(path.c_str(), "rb");
  if (state->file == nullptr) {
    return Fail(ErrorCode::kNotFound, "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  gzbuffer(state->file, 256 * 1024);
  // zlib reads a file without the gzip magic as plain bytes: Read refuses that (gzdirect).
  return std::unique_ptr<TarGzReader>(new TarGzReader(std::move(state)));
}

Result<void> TarGzReader::Read(char* into, std::size_t size) {
  while (size > 0) {
    auto piece = static_cast<unsigned>(std::min<std::size_t>(size, kChunk));
    int got = gzread(state_->file, into, piece);
    if (got < 0) {
      int code = 0;
      const char* message = gzerror(state_->file, &code);
      return Fail(Corrupt(code == Z_ERRNO ? std::strerror(errno) : message));
    }
    if (gzdirect(state_->file) != 0) return Fail(Corrupt("it is not gzip-compressed"));
    if (got == 0) return Fail(Corrupt("it ends too early (truncated)"));
    into += got;
    size -= static_cast<std::size_t>(got);
  }
  return {};
}

Result<void> TarGzReader::SkipRest() {
  std::vector<char> buffer(std::min<std::uint64_t>(kChunk, state_->remaining + state_->padding));
  std::uint64_t left = state_->remaining + state_->padding;
  while (left > 0) {
    auto piece = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    if (auto read = Read(buffer.data(), piece); !read) return read;
    left -= piece;
  }
  state_->remaining = 0;
  state_->padding = 0;
  return {};
}

Result<std::optional<TarEntry>> TarGzReader::Next() {
  if (state_->ended) return std::optional<TarEntry>{};
  if (auto skipped = SkipRest(); !skipped) return Fail(skipped.error());
  Block block{};
  if (auto read = Read(block.data(), kBlock); !read) return Fail(read.error());
  if (std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; })) {
    // End of archive: a second zero block, then nothing but the gzip trailer, which zlib
    // checks (CRC-32 and length) when the stream is read to its end.
    if (auto read = Read(block.data(), kBlock); !read) return Fail(read.error());
    char rest[4096];
    for (;;) {
      int got = gzread(state_->file, rest, sizeof rest);
      if (got < 0) {
        int code = 0;
        const char* message = gzerror(state_->file, &code);
        return Fail(Corrupt(code == Z_ERRNO ? std::strerror(errno) : message));
      }
      if (got == 0) break;
      if (std::any_of(rest, rest + got, [](char c) { return c != '\0'; })) {
        return Fail(Corrupt("unexpected data after the end of the archive"));
      }
    }
    state_->ended = true;
    return std::optional<TarEntry>{};
  }
  auto stored = ParseNumber(block.data() + 148, 8);
  if (!stored || *stored != HeaderChecksum(block))
    return Fail(Corrupt("a header's checksum is wrong"));
  if (std::memcmp(block.data() + 257, "ustar", 5) != 0) return Fail(Corrupt("not a ustar header"));
  if (block[156] != '0' && block[156] != '\0')
    return Fail(Corrupt("an entry is not a regular file"));
  auto size = ParseNumber(block.data() + 124, 12);
  if (!size) return Fail(Corrupt("an entry's size is unreadable"));
  TarEntry entry;
  entry.name.assign(block.data(), strnlen(block.data(), 100));
  entry.size = *size;
  state_->remaining = *size;
  state_->padding = Padding(*size);
  return std::optional<TarEntry>{std::move(entry)};
}

Result<std::string> TarGzReader::ReadAll(std::uint64_t max_bytes) {
  if (state_->remaining > max_bytes) return Fail(Corrupt("an entry is larger than expected"));
  std::string data(static_cast<std::size_t>(state_->remaining), '\0');
  if (auto read = Read(data.data(), data.size()); !read) return Fail(read.error());
  state_->remaining = 0;
  return data;
}

Result<std::string> TarGzReader::ExtractTo(const std::filesystem::path& target,
                                           const ByteProgress& progress) {
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + target.string());
  Sha256Stream hash;
  std::vector<char> buffer(kChunk);
  const std::uint64_t total = state_->remaining;
  std::uint64_t done = 0;
  while (state_->remaining > 0) {
    auto piece = static_cast<std::size_t>(std::min<std::uint64_t>(state_->remaining, kChunk));
    if (auto read = Read(buffer.data(), piece); !read) return Fail(read.error());
    hash.Update(std::string_view(buffer.data(), piece));
    out.write(buffer.data(), static_cast<std::streamsize>(piece));
    if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + target.string());
    state_->remaining -= piece;
    done += piece;
    if (progress) progress(done, total);
  }
  out.close();
  if (!out) return Fail(ErrorCode::kUnavailable, "cannot write " + target.string());
  return hash.Hex();
}

}  // namespace planify::integrations
