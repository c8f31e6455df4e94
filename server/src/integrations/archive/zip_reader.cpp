#include "integrations/archive/zip_reader.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace planify::integrations {

namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;
constexpr std::uint16_t kEncrypted = 1U;  // general purpose flag bit 0
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint32_t kUnixHost = 3;
constexpr std::uint32_t kTypeMask = 0170000;
constexpr std::uint32_t kSymlinkType = 0120000;
constexpr std::uint32_t kDirectoryType = 0040000;

std::uint16_t Get16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(
      static_cast<unsigned char>(b[at]) |
      (static_cast<unsigned>(static_cast<unsigned char>(b[at + 1])) << 8U));
}

std::uint32_t Get32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(Get16(b, at)) |
         (static_cast<std::uint32_t>(Get16(b, at + 2)) << 16U);
}

Unexpected NotAZip(const std::string& why) {
  return Fail(ErrorCode::kValidation, "Archive .zip illisible : " + why + ".");
}

Unexpected BadEntry(const ZipReader::Entry& entry, const std::string& why) {
  return Fail(ErrorCode::kValidation, "« " + entry.name + " » dans l'archive : " + why + ".");
}

}  // namespace

std::optional<std::string> ZipReader::Normalise(std::string_view raw) {
  std::string name(raw);
  std::replace(name.begin(), name.end(), '\\', '/');  // Compress-Archive of older PowerShells
  if (name.empty() || name.size() > 1024 || name.front() == '/') return std::nullopt;
  if (name.size() >= 2 && name[1] == ':') return std::nullopt;  // C:…
  std::string_view rest = name;
  if (rest.back() == '/') rest.remove_suffix(1);  // a directory's name
  if (rest.empty()) return std::nullopt;
  for (unsigned char c : rest) {
    if (c < 0x20 || c == 0x7f) return std::nullopt;
  }
  std::size_t start = 0;
  while (start <= rest.size()) {
    const std::size_t slash = std::min(rest.find('/', start), rest.size());
    const std::string_view part = rest.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return std::nullopt;
    start = slash + 1;
  }
  return std::string(rest);
}

Result<ZipReader> ZipReader::Open(std::string bytes) {
  return Open(std::make_shared<const std::string>(std::move(bytes)));
}

Result<ZipReader> ZipReader::Open(std::shared_ptr<const std::string> bytes) {
  if (!bytes) return NotAZip("pas une archive zip");
  const std::string_view b = *bytes;
  if (b.size() < kEndSize) return NotAZip("pas une archive zip");
  // The end of central directory record: within the last 64 KiB (+ its size) of the archive,
  // the comment after it accounting exactly for the bytes left.
  std::optional<std::size_t> end;
  const std::size_t lowest = b.size() > kEndSize + 0xFFFF ? b.size() - kEndSize - 0xFFFF : 0;
  for (std::size_t at = b.size() - kEndSize + 1; at-- > lowest;) {
    if (Get32(b, at) == kEndOfDirectory && at + kEndSize + Get16(b, at + 20) == b.size()) {
      end = at;
      break;
    }
  }
  if (!end) return NotAZip("pas une archive zip");
  if (*end >= 20 && Get32(b, *end - 20) == kZip64Locator) {
    return NotAZip("archive ZIP64 (plus de 4 Go ou 65 535 fichiers) non prise en charge");
  }
  const std::uint16_t disk = Get16(b, *end + 4);
  const std::uint16_t directory_disk = Get16(b, *end + 6);
  const std::uint16_t on_disk = Get16(b, *end + 8);
  const std::uint16_t count = Get16(b, *end + 10);
  const std::uint32_t directory_size = Get32(b, *end + 12);
  const std::uint32_t directory_offset = Get32(b, *end + 16);
  if (disk != 0 || directory_disk != 0 || on_disk != count) {
    return NotAZip("archive en plusieurs parties non prise en charge");
  }
  if (count == 0xFFFF || directory_size == 0xFFFFFFFFU || directory_offset == 0xFFFFFFFFU) {
    return NotAZip("archive ZIP64 (plus de 4 Go ou 65 535 fichiers) non prise en charge");
  }
  if (static_cast<std::uint64_t>(directory_offset) + directory_size > *end) {
    return NotAZip("répertoire central hors de l'archive (fichier tronqué ?)");
  }
  if (count > kMaxEntries) {
    return NotAZip("plus de " + std::to_string(kMaxEntries) + " fichiers");
  }
  ZipReader reader;
  reader.entries_.reserve(count);
  std::size_t at = directory_offset;
  const std::size_t directory_end = std::size_t{directory_offset} + directory_size;
  for (std::uint16_t i = 0; i < count; ++i) {
    if (at + kCentralSize > directory_end || Get32(b, at) != kCentralHeader) {
      return NotAZip("répertoire central abîmé (fichier tronqué ?)");
    }
    Entry entry;
    const std::uint32_t host = Get16(b, at + 4) >> 8U;
    entry.flags = Get16(b, at + 8);
    entry.method = Get16(b, at + 10);
    entry.crc = Get32(b, at + 16);
    entry.compressed_size = Get32(b, at + 20);
    entry.size = Get32(b, at + 24);
    const std::size_t name_length = Get16(b, at + 28);
    const std::size_t extra_length = Get16(b, at + 30);
    const std::size_t comment_length = Get16(b, at + 32);
    const std::uint32_t external = Get32(b, at + 38);
    entry.local_offset = Get32(b, at + 42);
    const std::size_t next = at + kCentralSize + name_length + extra_length + comment_length;
    if (next > directory_end) return NotAZip("répertoire central abîmé (fichier tronqué ?)");
    entry.name.assign(b.substr(at + kCentralSize, name_length));
    entry.encrypted = (entry.flags & kEncrypted) != 0;
    const std::uint32_t mode = external >> 16U;
    entry.symlink = host == kUnixHost && (mode & kTypeMask) == kSymlinkType;
    entry.directory = (!entry.name.empty() && entry.name.back() == '/') ||
                      (host == kUnixHost && (mode & kTypeMask) == kDirectoryType);
    if (entry.compressed_size == 0xFFFFFFFFU || entry.size == 0xFFFFFFFFU ||
        entry.local_offset == 0xFFFFFFFFU) {
      return NotAZip("archive ZIP64 (plus de 4 Go ou 65 535 fichiers) non prise en charge");
    }
    if (auto normal = Normalise(entry.name); normal && !entry.directory) {
      reader.index_.try_emplace(*normal, reader.entries_.size());
    }
    reader.entries_.push_back(std::move(entry));
    at = next;
  }
  reader.bytes_ = std::move(bytes);
  return reader;
}

const ZipReader::Entry* ZipReader::Find(std::string_view path) const {
  auto it = index_.find(std::string(path));
  return it == index_.end() ? nullptr : &entries_[it->second];
}

Result<std::string> ZipReader::Read(const Entry& entry, std::size_t max_bytes) const {
  if (entry.directory) return BadEntry(entry, "c'est un dossier");
  if (entry.symlink) return BadEntry(entry, "lien symbolique, non suivi");
  if (entry.encrypted) return BadEntry(entry, "fichier chiffré");
  if (entry.method != kStored && entry.method != kDeflated) {
    return BadEntry(entry, "méthode de compression non prise en charge");
  }
  if (entry.size > max_bytes) {
    return BadEntry(entry, "trop lourd (" + std::to_string(entry.size) + " octets, " +
                               std::to_string(max_bytes) + " au plus)");
  }
  const std::string_view b = *bytes_;
  const std::uint64_t local = entry.local_offset;
  if (local + kLocalSize > b.size() || Get32(b, local) != kLocalHeader) {
    return BadEntry(entry, "en-tête hors de l'archive (fichier abîmé)");
  }
  const std::uint64_t data = local + kLocalSize + Get16(b, local + 26) + Get16(b, local + 28);
  if (data + entry.compressed_size > b.size()) {
    return BadEntry(entry, "données hors de l'archive (fichier tronqué ?)");
  }
  const std::string_view packed = b.substr(data, entry.compressed_size);
  std::string out;
  if (entry.method == kStored) {
    if (entry.compressed_size != entry.size) return BadEntry(entry, "tailles incohérentes");
    out.assign(packed);
  } else {
    // Inflated into exactly the declared size, plus one byte to catch an entry that lies.
    out.resize(static_cast<std::size_t>(entry.size) + 1);
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
      return Fail(ErrorCode::kInternal, "zlib inflateInit2 failed");
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    stream.avail_in = static_cast<uInt>(packed.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&stream, Z_FINISH);
    const auto produced = static_cast<std::size_t>(stream.total_out);
    inflateEnd(&stream);
    if (rc != Z_STREAM_END || produced != entry.size) {
      return BadEntry(entry, "données compressées abîmées ou taille autre que déclarée");
    }
    out.resize(produced);
  }
  const auto crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())));
  if (crc != entry.crc) return BadEntry(entry, "somme de contrôle CRC-32 fausse (fichier abîmé)");
  return out;
}

}  // namespace planify::integrations
