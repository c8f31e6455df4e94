#include "domain/scan_codes.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

ScanCode Parsed(std::string_view text) {
  auto code = ParseScanCode(text);
  EXPECT_TRUE(code.has_value()) << text;
  return code.value_or(ScanCode{});
}

TEST(ScanCodes, PlanifyLabelsFromAnyHostNameTheItem) {
  for (const char* text : {"https://planify.example.fr/scanner/materiel/42",
                           "http://192.168.1.20:8080/scanner/materiel/42/",
                           "/scanner/materiel/42?from=label", "  MAT-42\r\n", "mat-42"}) {
    auto code = Parsed(text);
    EXPECT_EQ(code.target, ScanTarget::kItem) << text;
    EXPECT_EQ(code.id, 42) << text;
  }
}

TEST(ScanCodes, KitLabelsNameTheKit) {
  for (const char* text :
       {"https://planify.example.fr/scanner/kit/7", "/scanner/kit/7/", "KIT-7", " kit-7\n"}) {
    auto code = Parsed(text);
    EXPECT_EQ(code.target, ScanTarget::kKit) << text;
    EXPECT_EQ(code.id, 7) << text;
  }
  EXPECT_EQ(Parsed("KIT-").target, ScanTarget::kBarcode);
  EXPECT_EQ(KitScanPath(7), "/scanner/kit/7");
  EXPECT_EQ(KitShortCode(7), "KIT-7");
}

TEST(ScanCodes, UnitLabelsNameTheUnit) {
  for (const char* text : {"https://planify.example.fr/scanner/unite/12", "/scanner/unite/12?x=1",
                           "UNI-12", " uni-12\r\n"}) {
    auto code = Parsed(text);
    EXPECT_EQ(code.target, ScanTarget::kUnit) << text;
    EXPECT_EQ(code.id, 12) << text;
  }
  EXPECT_EQ(Parsed("UNI-x").target, ScanTarget::kBarcode);
  EXPECT_EQ(Parsed("/scanner/unite/0").target, ScanTarget::kBarcode);
  EXPECT_EQ(UnitScanPath(12), "/scanner/unite/12");
  EXPECT_EQ(UnitShortCode(12), "UNI-12");
}

TEST(ScanCodes, LegacyLabelsPrintedOnALanHostNameTheLegacyId) {
  for (const char* text :
       {"http://192.168.1.20:5000/materiels/scan/selection/17",
        "https://old.example.com/materiels/qrcode/scan/17", "/materiels/scan/selection/17#x"}) {
    auto code = Parsed(text);
    EXPECT_EQ(code.target, ScanTarget::kLegacyItem) << text;
    EXPECT_EQ(code.id, 17) << text;
  }
}

TEST(ScanCodes, EverythingElseIsABarcode) {
  for (const char* text : {"3760123456789", "AUTO-1A2B3C4D", "MAT-", "MAT-0", "MAT-12x",
                           "http://host/materiels/scan/selection/abc",
                           "http://host/scanner/materiel/-3", "https://example.com"}) {
    auto code = Parsed(text);
    EXPECT_EQ(code.target, ScanTarget::kBarcode) << text;
    EXPECT_EQ(code.barcode, text) << text;
  }
  EXPECT_EQ(Parsed(" 3760123456789\n").barcode, "3760123456789");
}

TEST(ScanCodes, EmptyHugeOrControlTextIsNoCode) {
  EXPECT_FALSE(ParseScanCode("   \r\n"));
  EXPECT_FALSE(ParseScanCode(std::string(501, '7')));
  EXPECT_FALSE(
      ParseScanCode(std::string("12\0"
                                "34",
                                5)));
  EXPECT_FALSE(
      ParseScanCode("12\x1b"
                    "34"));
  EXPECT_TRUE(ParseScanCode(std::string(500, '7')));
}

TEST(ScanCodes, LabelsPointAtTheScanPageWithAShortCode) {
  EXPECT_EQ(ItemScanPath(42), "/scanner/materiel/42");
  EXPECT_EQ(ItemShortCode(42), "MAT-42");
  EXPECT_EQ(Parsed(ItemScanPath(42)).id, 42);
  EXPECT_EQ(Parsed(ItemShortCode(42)).id, 42);
}

TEST(ScanCodes, BarcodesAreTrimmedPrintableAndBounded) {
  EXPECT_EQ(NormalizeBarcode("  3760123456789 "), "3760123456789");
  EXPECT_FALSE(NormalizeBarcode(""));
  EXPECT_FALSE(NormalizeBarcode("37 60"));
  EXPECT_FALSE(NormalizeBarcode(std::string(101, 'A')));
  EXPECT_TRUE(NormalizeBarcode(std::string(100, 'A')));
}

}  // namespace
}  // namespace planify::domain
