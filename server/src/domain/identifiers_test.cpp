#include "domain/identifiers.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

TEST(Identifiers, CompactRemovesSeparatorsAndUpperCases) {
  EXPECT_EQ(Compact(" fr 40 303.265-045 "), "FR40303265045");
  EXPECT_EQ(Compact("732\xC2\xA0"
                    "829\xE2\x80\xAF"
                    "320"),
            "732829320");
}

TEST(Identifiers, SirenAndSiretUseLuhn) {
  EXPECT_TRUE(IsValidSiren("732829320"));
  EXPECT_FALSE(IsValidSiren("732829321"));
  EXPECT_FALSE(IsValidSiren("73282932"));
  EXPECT_FALSE(IsValidSiren("73282932A"));
  EXPECT_TRUE(IsValidSiret("73282932000074"));
  EXPECT_FALSE(IsValidSiret("73282932000075"));
}

TEST(Identifiers, LaPosteSiretsUseTheDigitSum) {
  // 356000000 + 00056: digit sum 25, a multiple of 5 -> valid; + 00055: 24 -> invalid (Luhn
  // alone would say the opposite for both).
  EXPECT_TRUE(IsValidSiret("35600000000056"));
  EXPECT_FALSE(IsValidSiret("35600000000055"));
  EXPECT_TRUE(IsValidSiren("356000000"));
}

TEST(Identifiers, FrenchVatKeyMatchesTheSiren) {
  EXPECT_EQ(FrenchVatKey("732829320"), 44);
  EXPECT_TRUE(IsValidVatNumber("FR44732829320"));
  EXPECT_FALSE(IsValidVatNumber("FR45732829320"));
  EXPECT_FALSE(IsValidVatNumber("FR44732829321"));
  EXPECT_TRUE(IsValidVatNumber("BE0123456789"));
  EXPECT_FALSE(IsValidVatNumber("F1234"));
}

TEST(Identifiers, IbanMod97AndBic) {
  EXPECT_TRUE(IsValidIban("FR7630006000011234567890189"));
  EXPECT_FALSE(IsValidIban("FR7630006000011234567890188"));
  EXPECT_FALSE(IsValidIban("FR763000600001123456789018"));  // French IBANs have 27 characters
  EXPECT_TRUE(IsValidIban("DE89370400440532013000"));
  EXPECT_TRUE(IsValidBic("BNPAFRPP"));
  EXPECT_TRUE(IsValidBic("BNPAFRPPXXX"));
  EXPECT_FALSE(IsValidBic("BNP1FRPP"));
  EXPECT_FALSE(IsValidBic("BNPAFRP"));
  EXPECT_EQ(FormatIban("FR7630006000011234567890189"), "FR76 3000 6000 0112 3456 7890 189");
}

}  // namespace

TEST(Identifiers, EInvoiceAddresses) {
  for (const char* good : {"", "732829320", "732829320_COMPTA", "732829320_a-b_1", "f@x.fr"}) {
    EXPECT_TRUE(IsEInvoiceAddress(good)) << good;
  }
  for (const char* bad :
       {"73282932", "732829320_", "732829320-X", "73282932A", "x@", "732829320 X", "732829320_é"}) {
    EXPECT_FALSE(IsEInvoiceAddress(bad)) << bad;
  }
}
}  // namespace planify::domain
