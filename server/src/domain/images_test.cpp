#include "domain/images.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(Images, SniffsTheRealTypeFromTheBytes) {
  EXPECT_EQ(SniffImageType(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(SniffImageType(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(SniffImageType(std::string("RIFF\x10\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
  EXPECT_FALSE(SniffImageType("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"));
  EXPECT_FALSE(SniffImageType("GIF89a"));
  EXPECT_FALSE(SniffImageType(""));
}

}  // namespace
}  // namespace planify::domain
