#include "domain/images.hpp"

#include <gtest/gtest.h>

#include "domain/billing.hpp"
#include "support/images.hpp"

namespace planify::domain {
namespace {

using testing::PngChunk;
using testing::TestJpeg;
using testing::TestPng;
using testing::TestWebp;

// A 1×1 PNG written by a real encoder (what the signature pad sends, and the e2e logo).
const std::string kEncoderPng = [] {
  const unsigned char bytes[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
      0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
      0xDA, 0x63, 0x64, 0x60, 0xF8, 0x5F, 0x0F, 0x00, 0x02, 0x87, 0x01, 0x80, 0xEB, 0x47,
      0xBA, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}();

TEST(Images, ReadsTypeAndSizeFromTheStructure) {
  auto png = InspectImage(kEncoderPng);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->type, "image/png");
  EXPECT_EQ(png->width, 1);
  EXPECT_EQ(png->height, 1);
  auto built = InspectImage(TestPng(64, 4));
  ASSERT_TRUE(built);
  EXPECT_EQ(built->width, 64);
  auto jpeg = InspectImage(TestJpeg(640, 480));
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->type, "image/jpeg");
  EXPECT_EQ(jpeg->width, 640);
  EXPECT_EQ(jpeg->height, 480);
  auto webp = InspectImage(TestWebp(300, 200));
  ASSERT_TRUE(webp);
  EXPECT_EQ(webp->type, "image/webp");
  EXPECT_EQ(webp->width, 300);
  EXPECT_EQ(webp->height, 200);
  EXPECT_EQ(SniffImageType(TestJpeg(1, 1)), "image/jpeg");
}

TEST(Images, TheTestBuilderWritesChecksumsLikeARealEncoder) {
  // The IHDR chunk of the encoder's file, rebuilt by the test helper: same bytes, same CRC.
  EXPECT_EQ(PngChunk("IHDR", kEncoderPng.substr(16, 13)), kEncoderPng.substr(8, 25));
}

TEST(Images, ASignatureFollowedByGarbageIsNotAnImage) {
  const std::string png_magic("\x89PNG\r\n\x1a\n", 8);
  EXPECT_FALSE(InspectImage(png_magic + std::string(200, 'p')));
  EXPECT_FALSE(InspectImage(std::string("\xFF\xD8\xFF\xE0", 4) + std::string(300, 'j')));
  EXPECT_FALSE(InspectImage(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)));
  EXPECT_FALSE(InspectImage("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"));
  EXPECT_FALSE(InspectImage("GIF89a"));
  EXPECT_FALSE(InspectImage(""));
}

TEST(Images, ABrokenPngIsRefused) {
  const std::string good = TestPng(8, 2);
  ASSERT_TRUE(InspectImage(good));
  // Every truncation.
  for (std::size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(InspectImage(good.substr(0, n))) << n;
  }
  // Any flipped byte after the signature breaks a length, a type or a checksum.
  for (std::size_t i = 8; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(InspectImage(bad)) << i;
  }
  // Something hidden after IEND (a polyglot), a chunk before IHDR, no IDAT, a second IHDR.
  EXPECT_FALSE(InspectImage(good + "<html>"));
  const std::string magic = good.substr(0, 8);
  const std::string ihdr = good.substr(8, 25);
  const std::string iend = PngChunk("IEND", "");
  EXPECT_FALSE(InspectImage(magic + PngChunk("tEXt", "a") + good.substr(8)));
  EXPECT_FALSE(InspectImage(magic + ihdr + iend));
  EXPECT_FALSE(InspectImage(magic + ihdr + ihdr + good.substr(33)));
  // Header fields out of their ranges: colour type 2 with 4 bits, colour type 5, interlace 2.
  for (auto [offset, value] : {std::pair{8, '\x04'}, std::pair{9, '\x05'}, std::pair{12, '\x02'}}) {
    std::string fields = good.substr(16, 13);
    fields[static_cast<std::size_t>(offset)] = value;
    EXPECT_FALSE(InspectImage(magic + PngChunk("IHDR", fields) + good.substr(33))) << offset;
  }
  // A palette image without a palette.
  std::string palette = good.substr(16, 13);
  palette[9] = '\x03';
  EXPECT_FALSE(InspectImage(magic + PngChunk("IHDR", palette) + good.substr(33)));
  EXPECT_TRUE(InspectImage(magic + PngChunk("IHDR", palette) +
                           PngChunk("PLTE", std::string("\xFF\x00\x00", 3)) + good.substr(33)));
}

TEST(Images, AHugeCanvasInASmallFileIsRefused) {
  EXPECT_TRUE(InspectImage(TestPng(kMaxImageSide, 1)));
  EXPECT_FALSE(InspectImage(TestPng(kMaxImageSide + 1, 1)));
  EXPECT_FALSE(InspectImage(TestPng(0, 1)));
  EXPECT_FALSE(InspectImage(TestPng(0x7FFFFFFF, 0x7FFFFFFF)));
  EXPECT_FALSE(InspectImage(TestPng(8000, 8000))) << "64 Mpx > " << kMaxImagePixels;
  EXPECT_FALSE(InspectImage(TestJpeg(9000, 10)));
  EXPECT_FALSE(InspectImage(TestJpeg(10, 0)));
  EXPECT_FALSE(InspectImage(TestWebp(16384, 16384)));
}

TEST(Images, ABrokenJpegOrWebpIsRefused) {
  const std::string jpeg = TestJpeg(16, 16);
  for (std::size_t n = 0; n < jpeg.size(); ++n) {
    EXPECT_FALSE(InspectImage(jpeg.substr(0, n))) << n;
  }
  // A camera's trailer after EOI is kept (photos of cheques from phones have one).
  EXPECT_TRUE(InspectImage(jpeg + "trailer"));
  // No frame header before the scan; a segment longer than the file.
  const std::size_t sof = jpeg.find("\xFF\xC0");
  const std::size_t dht = jpeg.find("\xFF\xC4");
  EXPECT_FALSE(InspectImage(jpeg.substr(0, sof) + jpeg.substr(dht)));
  std::string long_segment = jpeg;
  long_segment[sof + 2] = '\x7F';
  EXPECT_FALSE(InspectImage(long_segment));

  const std::string webp = TestWebp(4, 4);
  for (std::size_t n = 0; n < webp.size(); ++n) {
    EXPECT_FALSE(InspectImage(webp.substr(0, n))) << n;
  }
  EXPECT_FALSE(InspectImage(webp + "xx")) << "the RIFF size must be the file's";
  std::string version = webp;
  version[24] = static_cast<char>(version[24] | 0x20);  // VP8L version bits
  EXPECT_FALSE(InspectImage(version));
}

TEST(Images, PaymentProofsReadImagesTheSameWay) {
  EXPECT_EQ(SniffProofType(TestJpeg(800, 600)), "image/jpeg");
  EXPECT_EQ(SniffProofType(TestPng(4, 4)), "image/png");
  EXPECT_EQ(SniffProofType("%PDF-1.7\n"), "application/pdf");
  EXPECT_FALSE(SniffProofType(std::string("\xFF\xD8\xFF\xE0jpeg", 8)));
  EXPECT_FALSE(SniffProofType(TestWebp(4, 4))) << "proofs are PDF, PNG or JPEG";
}

}  // namespace
}  // namespace planify::domain
