// The QR code SVG read back by another reader: its modules drawn to a PNG by this test, then
// decoded by zbarimg (zbar-tools).
#include "integrations/qr/qr_svg.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

namespace planify::integrations {
namespace {

// Draws the SVG's rectangles ("M x y h w v1 h-w z") on a white PNG at 8 pixels per module.
void Rasterise(const std::string& svg, const std::filesystem::path& png) {
  std::smatch box;
  ASSERT_TRUE(std::regex_search(svg, box, std::regex("viewBox=\"0 0 (\\d+) \\d+\"")));
  const int side = std::stoi(box[1]);
  constexpr int kScale = 8;
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, side * kScale, side * kScale);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const std::regex module("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");
  for (std::sregex_iterator it(svg.begin(), svg.end(), module), end; it != end; ++it) {
    cairo_rectangle(cr, std::stoi((*it)[1]) * kScale, std::stoi((*it)[2]) * kScale,
                    std::stoi((*it)[3]) * kScale, kScale);
  }
  cairo_fill(cr);
  cairo_surface_write_to_png(surface, png.c_str());
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

TEST(QrSvg, AFeedAddressDecodesBackExactly) {
  const std::string url =
      "webcal://planify.example.fr/api/v1/public/calendar/"
      "cal_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.ics";
  auto svg = QrSvg(url);
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U);
  std::random_device random;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("planify-qr-" + std::to_string(random()) + std::to_string(random()));
  std::filesystem::create_directories(dir);
  Rasterise(*svg, dir / "qr.png");
  const std::string command = "zbarimg --quiet --raw '" + (dir / "qr.png").string() + "' > '" +
                              (dir / "out.txt").string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(dir / "out.txt");
  std::string decoded((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  EXPECT_EQ(decoded, url);
}

TEST(QrSvg, TextTooLongForAQrCodeIsRefused) { EXPECT_FALSE(QrSvg(std::string(8000, 'a'))); }

}  // namespace
}  // namespace planify::integrations
