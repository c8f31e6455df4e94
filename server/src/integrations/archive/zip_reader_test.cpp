#include "integrations/archive/zip_reader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "integrations/archive/zip_writer.hpp"
#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {
namespace {

// Archives made by an independent writer, Python's zipfile: what `zip`, Windows and macOS make.
class ZipReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("planify-unzip-" + RandomHex(6));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs `body` (Python, with `z` an open ZipFile for writing) and returns the archive's bytes.
  std::string Python(const std::string& body) {
    const auto script = dir_ / "make.py";
    const auto out = dir_ / "made.zip";
    std::ofstream(script) << "import sys, zipfile\n"
                             "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
                          << body;
    const std::string command = "/usr/bin/python3 '" + script.string() + "' '" + out.string() + "'";
    if (std::system(command.c_str()) != 0) return {};
    std::ifstream in(out, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  std::filesystem::path dir_;
};

// The offset of the first central directory header naming `name`.
std::size_t CentralHeaderOf(const std::string& zip, const std::string& name) {
  std::size_t at = 0;
  while ((at = zip.find(std::string("PK\x01\x02", 4), at)) != std::string::npos) {
    if (zip.compare(at + 46, name.size(), name) == 0) return at;
    ++at;
  }
  return std::string::npos;
}

void Put32(std::string& zip, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((v >> (8U * i)) & 0xFFU);
}

TEST_F(ZipReaderTest, ReadsStoredAndDeflatedEntriesOfAStaticFolder) {
  const std::string zip = Python(
      "    z.writestr('static/', '')\n"
      "    z.writestr('static/uploads/logo_ab.png', b'\\x89PNG' + bytes(range(256)) * 40,"
      " compress_type=zipfile.ZIP_STORED)\n"
      "    z.writestr('static/uploads/notes.txt', 'Relevé de compte ' * 500,"
      " compress_type=zipfile.ZIP_DEFLATED)\n"
      "    z.writestr('static/uploads/empty.txt', '', compress_type=zipfile.ZIP_DEFLATED)\n");
  ASSERT_FALSE(zip.empty());
  auto reader = ZipReader::Open(zip);
  ASSERT_TRUE(reader) << reader.error().message;
  ASSERT_EQ(reader->entries().size(), 4U);
  EXPECT_TRUE(reader->entries()[0].directory);
  EXPECT_EQ(reader->Find("static"), nullptr) << "only files are found";
  EXPECT_FALSE(reader->Read(reader->entries()[0], 100)) << "a folder has no content";

  const auto* logo = reader->Find("static/uploads/logo_ab.png");
  ASSERT_NE(logo, nullptr);
  auto bytes = reader->Read(*logo, 1 << 20);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(bytes->size(), 4U + 256 * 40);
  EXPECT_EQ(bytes->substr(0, 4), "\x89PNG");

  const auto* notes = reader->Find("static/uploads/notes.txt");
  ASSERT_NE(notes, nullptr);
  EXPECT_EQ(notes->method, 8);
  EXPECT_LT(notes->compressed_size, notes->size);
  auto text = reader->Read(*notes, 1 << 20);
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(text->size(), std::string("Relevé de compte ").size() * 500);
  EXPECT_EQ(text->substr(0, 7), "Relevé");

  auto empty = reader->Read(*reader->Find("static/uploads/empty.txt"), 10);
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_TRUE(empty->empty());

  // The caller's bound is the declared size's: nothing is inflated past it.
  auto small = reader->Read(*notes, 100);
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code, ErrorCode::kValidation);
  EXPECT_NE(small.error().message.find("trop lourd"), std::string::npos);
  EXPECT_EQ(reader->Find("static/uploads/absent.png"), nullptr);
}

TEST_F(ZipReaderTest, ReadsWhatOurOwnWriterWrites) {
  auto writer = ZipWriter::InMemory();
  const auto when = *domain::ParseIsoUtc("2026-07-01T08:00:00.000Z");
  ASSERT_TRUE(writer->Add("client.json", std::string(3000, '{'), when));
  ASSERT_TRUE(writer->Add("documents/a.pdf", "%PDF-1.7", when, false));
  ASSERT_TRUE(writer->Finish());
  auto reader = ZipReader::Open(writer->Bytes());
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(*reader->Read(*reader->Find("client.json"), 5000), std::string(3000, '{'));
  EXPECT_EQ(*reader->Read(*reader->Find("documents/a.pdf"), 5000), "%PDF-1.7");
}

TEST_F(ZipReaderTest, NamesThatLeaveTheFolderAndLinksAreNeverFound) {
  const std::string zip = Python(
      "    z.writestr('../evil.png', 'x')\n"
      "    z.writestr('/etc/passwd', 'x')\n"
      "    z.writestr('a/../../b.png', 'x')\n"
      "    z.writestr('C:/windows.png', 'x')\n"
      "    z.writestr('a\\\\b.png', 'x')\n"
      "    info = zipfile.ZipInfo('static/uploads/link.png')\n"
      "    info.create_system = 3\n"
      "    info.external_attr = 0o120777 << 16\n"
      "    z.writestr(info, '/etc/passwd')\n");
  ASSERT_FALSE(zip.empty());
  auto reader = ZipReader::Open(zip);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(reader->entries().size(), 6U);
  // Python's writer keeps "../evil.png" but drops a leading '/' ("etc/passwd"): either way,
  // only safe names are indexed.
  EXPECT_EQ(reader->Find("../evil.png"), nullptr);
  EXPECT_EQ(reader->Find("evil.png"), nullptr);
  EXPECT_EQ(reader->Find("b.png"), nullptr);
  EXPECT_EQ(reader->Find("a/../../b.png"), nullptr);
  EXPECT_EQ(reader->Find("C:/windows.png"), nullptr);
  EXPECT_EQ(reader->Find("a\\b.png"), nullptr);
  ASSERT_NE(reader->Find("a/b.png"), nullptr) << "a Windows separator is a separator";
  EXPECT_EQ(*reader->Read(*reader->Find("a/b.png"), 10), "x");
  const auto* link = reader->Find("static/uploads/link.png");
  ASSERT_NE(link, nullptr);
  EXPECT_TRUE(link->symlink);
  auto read = reader->Read(*link, 100);
  ASSERT_FALSE(read) << "a link is never read, not even its target's name";
  EXPECT_NE(read.error().message.find("lien symbolique"), std::string::npos);

  EXPECT_EQ(ZipReader::Normalise("uploads/profiles/1_ab.png"), "uploads/profiles/1_ab.png");
  EXPECT_EQ(ZipReader::Normalise("uploads/"), "uploads");
  EXPECT_FALSE(ZipReader::Normalise("uploads/./a.png"));
  EXPECT_FALSE(ZipReader::Normalise("uploads//a.png"));
  EXPECT_FALSE(ZipReader::Normalise(".."));
  EXPECT_FALSE(ZipReader::Normalise("..\\evil.png"));
  EXPECT_EQ(ZipReader::Normalise("uploads\\a.png"), "uploads/a.png");
  EXPECT_FALSE(ZipReader::Normalise(std::string("a\0b", 3)));
  EXPECT_FALSE(ZipReader::Normalise(""));
}

TEST_F(ZipReaderTest, ABombOrALyingEntryIsRefusedWithoutInflatingIt) {
  // 64 MiB of zeros deflate to about 64 KiB.
  const std::string zip =
      Python("    z.writestr('bomb.bin', bytes(64 << 20), compress_type=zipfile.ZIP_DEFLATED)\n");
  ASSERT_FALSE(zip.empty());
  ASSERT_LT(zip.size(), 1U << 20);
  auto reader = ZipReader::Open(zip);
  ASSERT_TRUE(reader) << reader.error().message;
  auto read = reader->Read(*reader->Find("bomb.bin"), 8 << 20);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("trop lourd"), std::string::npos);

  // The same entry declaring 1,000 bytes: inflate stops after 1,001.
  std::string lying = zip;
  const auto central = CentralHeaderOf(lying, "bomb.bin");
  ASSERT_NE(central, std::string::npos);
  Put32(lying, central + 24, 1000);
  auto liar = ZipReader::Open(lying);
  ASSERT_TRUE(liar) << liar.error().message;
  auto lied = liar->Read(*liar->Find("bomb.bin"), 8 << 20);
  ASSERT_FALSE(lied);
  EXPECT_NE(lied.error().message.find("taille autre que déclarée"), std::string::npos);
}

TEST_F(ZipReaderTest, CorruptTruncatedEncryptedOrForeignBytesAreRefused) {
  const std::string zip = Python(
      "    z.writestr('a.txt', 'bonjour', compress_type=zipfile.ZIP_STORED)\n"
      "    z.writestr('b.txt', 'au revoir ' * 50, compress_type=zipfile.ZIP_DEFLATED)\n");
  ASSERT_FALSE(zip.empty());

  std::string flipped = zip;
  flipped[flipped.find("bonjour")] = 'B';
  auto crc = ZipReader::Open(flipped);
  ASSERT_TRUE(crc);
  auto bad = crc->Read(*crc->Find("a.txt"), 100);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("CRC-32"), std::string::npos);
  EXPECT_TRUE(crc->Read(*crc->Find("b.txt"), 1000)) << "the other entry is intact";

  std::string encrypted = zip;
  const auto central = CentralHeaderOf(encrypted, "b.txt");
  encrypted[central + 8] = static_cast<char>(encrypted[central + 8] | 1);
  auto locked = ZipReader::Open(encrypted);
  ASSERT_TRUE(locked);
  EXPECT_FALSE(locked->Read(*locked->Find("b.txt"), 1000));

  std::string beyond = zip;
  Put32(beyond, CentralHeaderOf(beyond, "b.txt") + 42, 0x00FFFFFF);  // local header far away
  auto far = ZipReader::Open(beyond);
  ASSERT_TRUE(far);
  EXPECT_FALSE(far->Read(*far->Find("b.txt"), 1000));

  for (const std::string& garbage :
       {std::string(), std::string("SQLite format 3"), zip.substr(0, zip.size() - 10),
        zip.substr(0, zip.size() / 2), std::string(4096, 'P')}) {
    auto refused = ZipReader::Open(garbage);
    ASSERT_FALSE(refused) << garbage.size();
    EXPECT_EQ(refused.error().code, ErrorCode::kValidation);
    EXPECT_NE(refused.error().message.find("zip"), std::string::npos);
  }
  // The directory pointing past the end record.
  std::string outside = zip;
  Put32(outside, outside.size() - 6, static_cast<std::uint32_t>(outside.size()));
  EXPECT_FALSE(ZipReader::Open(outside));
}

}  // namespace
}  // namespace planify::integrations
