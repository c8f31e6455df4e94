#include "integrations/archive/zip_writer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "integrations/crypto/sodium.hpp"

namespace planify::integrations {
namespace {

// Python's zipfile, an independent reader: names, sizes, CRC check (testzip), content, times.
nlohmann::json ReadBack(const std::filesystem::path& zip, const std::filesystem::path& dir) {
  const auto script = dir / "read.py";
  std::ofstream(script) << R"py(
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = {"bad": bad, "entries": []}
    for info in z.infolist():
        out["entries"].append({"name": info.filename, "size": info.file_size,
                               "method": info.compress_type, "time": list(info.date_time),
                               "text": z.read(info).decode("utf-8", "replace")})
print(json.dumps(out))
)py";
  const auto output = dir / "read.json";
  const std::string command = "/usr/bin/python3 '" + script.string() + "' '" + zip.string() +
                              "' > '" + output.string() + "'";
  if (std::system(command.c_str()) != 0) return nullptr;
  std::ifstream in(output);
  return nlohmann::json::parse(in, nullptr, false);
}

TEST(ZipWriter, WritesWhatAnIndependentReaderOpensWithNamesTimesAndContent) {
  const auto dir = std::filesystem::temp_directory_path() / ("planify-zip-" + RandomHex(6));
  std::filesystem::create_directories(dir);
  const auto file = dir / "client.zip";
  auto writer = ZipWriter::Create(file);
  ASSERT_TRUE(writer);
  std::string json = "{\"nom\": \"Éléonore Martin\", \"lignes\": [";
  for (int i = 0; i < 500; ++i) json += std::to_string(i) + ",";
  json += "0]}";
  // 14:30 UTC on 25 November 2026 is 15:30 in Paris.
  const auto when = *domain::ParseIsoUtc("2026-11-25T14:30:12.000Z");
  ASSERT_TRUE((*writer)->Add("client.json", json, when));
  ASSERT_TRUE((*writer)->Add("documents/FAC-2026-00001.pdf", "%PDF-1.7 fake bytes", when, false));
  ASSERT_TRUE((*writer)->Finish());

  auto read = ReadBack(file, dir);
  ASSERT_TRUE(read.is_object()) << read;
  EXPECT_TRUE(read["bad"].is_null()) << "a CRC is wrong: " << read["bad"];
  ASSERT_EQ(read["entries"].size(), 2U);
  EXPECT_EQ(read["entries"][0]["name"], "client.json");
  EXPECT_EQ(read["entries"][0]["text"], json);
  EXPECT_EQ(read["entries"][0]["method"], 8) << "text is deflated";
  EXPECT_EQ(read["entries"][0]["time"], (nlohmann::json{2026, 11, 25, 15, 30, 12}));
  EXPECT_EQ(read["entries"][1]["name"], "documents/FAC-2026-00001.pdf");
  EXPECT_EQ(read["entries"][1]["method"], 0) << "a PDF is stored as it is";
  EXPECT_EQ(read["entries"][1]["text"], "%PDF-1.7 fake bytes");
  std::filesystem::remove_all(dir);
}

TEST(ZipWriter, BuildsTheSameArchiveInMemory) {
  const auto dir = std::filesystem::temp_directory_path() / ("planify-zip-" + RandomHex(6));
  std::filesystem::create_directories(dir);
  auto writer = ZipWriter::InMemory();
  const auto when = *domain::ParseIsoUtc("2026-07-01T08:00:00.000Z");
  ASSERT_TRUE(writer->Add("LISEZMOI.txt", "Données du client", when));
  ASSERT_TRUE(writer->Add("signatures/signature-D-2026-0001.png", "\x89PNG", when, false));
  ASSERT_TRUE(writer->Finish());
  const std::string bytes = writer->Bytes();
  ASSERT_GT(bytes.size(), 22U);
  const auto file = dir / "memory.zip";
  std::ofstream(file, std::ios::binary) << bytes;

  auto read = ReadBack(file, dir);
  ASSERT_TRUE(read.is_object()) << read;
  EXPECT_TRUE(read["bad"].is_null()) << read["bad"];
  ASSERT_EQ(read["entries"].size(), 2U);
  EXPECT_EQ(read["entries"][0]["text"], "Données du client");
  EXPECT_EQ(read["entries"][0]["time"], (nlohmann::json{2026, 7, 1, 10, 0, 0})) << "summer: +2";
  EXPECT_EQ(read["entries"][1]["name"], "signatures/signature-D-2026-0001.png");
  std::filesystem::remove_all(dir);
}

TEST(ZipWriter, RefusesNamesThatWouldLeaveTheFolder) {
  const auto dir = std::filesystem::temp_directory_path() / ("planify-zip-" + RandomHex(6));
  std::filesystem::create_directories(dir);
  auto writer = ZipWriter::Create(dir / "x.zip");
  ASSERT_TRUE(writer);
  const auto when = *domain::ParseIsoUtc("2026-11-25T14:30:12.000Z");
  EXPECT_FALSE((*writer)->Add("../evil.txt", "x", when));
  EXPECT_FALSE((*writer)->Add("/etc/passwd", "x", when));
  EXPECT_FALSE((*writer)->Add("", "x", when));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace planify::integrations
