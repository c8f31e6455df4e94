// The .zip reader of Administration → Importer (the legacy static/ folder an administrator
// sends): any bytes are opened as an archive; every entry's name is normalised and looked up,
// and every entry read with a small bound. Properties: a normalised name never climbs out
// (no "..", no leading '/', no backslash), Find gives back a file entry of that name, and a read
// that succeeds returns exactly the declared size, within the bound, never a link's target.
//
// Input: the archive's bytes (seeds: archives made by Python's zipfile and by our ZipWriter).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "integrations/archive/zip_reader.hpp"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using planify::integrations::ZipReader;
  auto reader = ZipReader::Open(std::string(reinterpret_cast<const char*>(data), size));
  if (!reader) return 0;
  Check(reader->entries().size() <= ZipReader::kMaxEntries);
  constexpr std::size_t kBound = 64 * 1024;
  for (const auto& entry : reader->entries()) {
    if (auto name = ZipReader::Normalise(entry.name)) {
      Check(!name->empty() && name->find('\\') == std::string::npos);
      std::size_t start = 0;
      while (start <= name->size()) {  // every component a plain name
        const std::size_t slash = std::min(name->find('/', start), name->size());
        const std::string part = name->substr(start, slash - start);
        Check(!part.empty() && part != "." && part != "..");
        start = slash + 1;
      }
      const auto* found = reader->Find(*name);
      if (entry.directory) {
        Check(found == nullptr || !found->directory);
      } else {
        Check(found != nullptr && !found->directory && ZipReader::Normalise(found->name) == name);
      }
    }
    auto bytes = reader->Read(entry, kBound);
    if (bytes) {
      Check(!entry.symlink && !entry.directory && !entry.encrypted);
      Check(bytes->size() == entry.size && bytes->size() <= kBound);
    }
  }
  return 0;
}
