#include "http/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace planify::http {
namespace {

std::string Gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST(Compression, ReadsAcceptEncoding) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000, br"));
  EXPECT_FALSE(AcceptsGzip("x-gzip"));
}

TEST(Compression, GzipRoundTrips) {
  std::string json = "[";
  for (int i = 0; i < 5000; ++i)
    json += R"({"id":)" + std::to_string(i) + R"(,"title":"Mariage"},)";
  json += "null]";
  auto packed = Gzip(json);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size(), json.size() / 5);
  EXPECT_EQ(Gunzip(*packed), json);
  EXPECT_EQ(Gunzip(*Gzip("")), "");
}

}  // namespace
}  // namespace planify::http
