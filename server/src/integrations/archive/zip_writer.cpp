#include "integrations/archive/zip_writer.hpp"

#include <zlib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <vector>

#include "domain/local_time.hpp"

namespace planify::integrations {

namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint16_t kUtf8Names = 1U << 11U;  // general purpose flag bit 11
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint16_t kVersion = 20;  // 2.0: deflate, directories

void Put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFFU));
  out.push_back(static_cast<char>((v >> 8U) & 0xFFU));
}

void Put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8U * i)) & 0xFFU));
}

// MS-DOS date and time (two-second steps), in Paris wall time as archive tools show it.
std::pair<std::uint16_t, std::uint16_t> DosDateTime(domain::Timestamp t) {
  const auto local = t + domain::UtcOffset("Europe/Paris", t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(local - day)};
  int year = static_cast<int>(ymd.year());
  if (year < 1980) year = 1980;
  const auto date =
      static_cast<std::uint16_t>(((year - 1980) << 9) | (static_cast<unsigned>(ymd.month()) << 5U) |
                                 static_cast<unsigned>(ymd.day()));
  const auto time = static_cast<std::uint16_t>(
      (hms.hours().count() << 11) | (hms.minutes().count() << 5) | (hms.seconds().count() / 2));
  return {date, time};
}

Result<std::string> Deflate(std::string_view data) {
  z_stream stream{};
  // Raw deflate (negative window bits): zip adds its own header and CRC.
  if (deflateInit2(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Fail(ErrorCode::kInternal, "zlib deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return Fail(ErrorCode::kInternal, "zlib deflate failed");
  return out;
}

struct CentralEntry {
  std::string name;
  std::uint16_t method = kStored;
  std::uint16_t date = 0;
  std::uint16_t time = 0;
  std::uint32_t crc = 0;
  std::uint32_t compressed = 0;
  std::uint32_t size = 0;
  std::uint32_t offset = 0;
};

}  // namespace

struct ZipWriter::State {
  std::ofstream file;
  std::ostringstream memory;
  std::ostream* sink = nullptr;
  std::filesystem::path path;
  std::vector<CentralEntry> entries;
  std::uint64_t written = 0;
};

ZipWriter::ZipWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
ZipWriter::~ZipWriter() = default;

Result<std::unique_ptr<ZipWriter>> ZipWriter::Create(const std::filesystem::path& path) {
  auto state = std::make_unique<State>();
  state->path = path;
  state->file.open(path, std::ios::binary | std::ios::trunc);
  if (!state->file) return Fail(ErrorCode::kUnavailable, "cannot create " + path.string());
  state->sink = &state->file;
  return std::unique_ptr<ZipWriter>(new ZipWriter(std::move(state)));
}

std::unique_ptr<ZipWriter> ZipWriter::InMemory() {
  auto state = std::make_unique<State>();
  state->path = "(memory)";
  state->sink = &state->memory;
  return std::unique_ptr<ZipWriter>(new ZipWriter(std::move(state)));
}

std::string ZipWriter::Bytes() { return std::move(state_->memory).str(); }

Result<void> ZipWriter::Add(const std::string& name, std::string_view data,
                            domain::Timestamp modified, bool compress) {
  if (name.empty() || name.size() > 0xFFFF || name.front() == '/' ||
      name.find("..") != std::string::npos) {
    return Fail(ErrorCode::kInternal, "bad zip entry name: " + name);
  }
  if (data.size() > 0xFFFFFFFFULL || state_->written > 0xFFFFFFFFULL) {
    return Fail(ErrorCode::kInternal, "zip archive over 4 GiB");
  }
  CentralEntry entry;
  entry.name = name;
  std::tie(entry.date, entry.time) = DosDateTime(modified);
  entry.crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  entry.size = static_cast<std::uint32_t>(data.size());
  entry.offset = static_cast<std::uint32_t>(state_->written);
  std::string body;
  if (compress) {
    auto deflated = Deflate(data);
    if (!deflated) return Fail(deflated.error());
    body = std::move(*deflated);
    entry.method = kDeflated;
  }
  if (!compress || body.size() >= data.size()) {  // not worth it: stored
    body.assign(data);
    entry.method = kStored;
  }
  entry.compressed = static_cast<std::uint32_t>(body.size());
  std::string header;
  Put32(header, kLocalHeader);
  Put16(header, kVersion);
  Put16(header, kUtf8Names);
  Put16(header, entry.method);
  Put16(header, entry.time);
  Put16(header, entry.date);
  Put32(header, entry.crc);
  Put32(header, entry.compressed);
  Put32(header, entry.size);
  Put16(header, static_cast<std::uint16_t>(name.size()));
  Put16(header, 0);  // extra field
  header += name;
  state_->sink->write(header.data(), static_cast<std::streamsize>(header.size()));
  state_->sink->write(body.data(), static_cast<std::streamsize>(body.size()));
  if (!*state_->sink) return Fail(ErrorCode::kUnavailable, "cannot write " + state_->path.string());
  state_->written += header.size() + body.size();
  state_->entries.push_back(std::move(entry));
  return {};
}

Result<void> ZipWriter::Finish() {
  std::string directory;
  for (const auto& e : state_->entries) {
    Put32(directory, kCentralHeader);
    Put16(directory, (3U << 8U) | kVersion);  // made by: Unix, 2.0
    Put16(directory, kVersion);
    Put16(directory, kUtf8Names);
    Put16(directory, e.method);
    Put16(directory, e.time);
    Put16(directory, e.date);
    Put32(directory, e.crc);
    Put32(directory, e.compressed);
    Put32(directory, e.size);
    Put16(directory, static_cast<std::uint16_t>(e.name.size()));
    Put16(directory, 0);                // extra
    Put16(directory, 0);                // comment
    Put16(directory, 0);                // disk
    Put16(directory, 0);                // internal attributes
    Put32(directory, 0100644U << 16U);  // external: a regular file, rw-r--r--
    Put32(directory, e.offset);
    directory += e.name;
  }
  const auto count = static_cast<std::uint16_t>(state_->entries.size());
  std::string end;
  Put32(end, kEndOfDirectory);
  Put16(end, 0);
  Put16(end, 0);
  Put16(end, count);
  Put16(end, count);
  Put32(end, static_cast<std::uint32_t>(directory.size()));
  Put32(end, static_cast<std::uint32_t>(state_->written));
  Put16(end, 0);  // comment
  state_->sink->write(directory.data(), static_cast<std::streamsize>(directory.size()));
  state_->sink->write(end.data(), static_cast<std::streamsize>(end.size()));
  if (state_->sink == &state_->file) state_->file.close();
  if (!*state_->sink) return Fail(ErrorCode::kUnavailable, "cannot write " + state_->path.string());
  return {};
}

}  // namespace planify::integrations
