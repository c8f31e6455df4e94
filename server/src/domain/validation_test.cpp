#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include "domain/setup.hpp"
#include "domain/time.hpp"

namespace planify::domain {
namespace {

TEST(Slugify, FoldsFrenchAccentsAndSeparators) {
  EXPECT_EQ(Slugify("Sono & Lumière Paris"), "sono-lumiere-paris");
  EXPECT_EQ(Slugify("  Événements Œuvre   d'Art  "), "evenements-oeuvre-d-art");
  EXPECT_EQ(Slugify("DJ_Noël 2026!"), "dj-noel-2026");
  EXPECT_EQ(Slugify("???"), "");
  EXPECT_EQ(Slugify("日本 Tokyo"), "tokyo");
}

TEST(FoldForSearch, IgnoresCaseAccentsAndPunctuation) {
  EXPECT_EQ(FoldForSearch("  Éléonore  O'Brien "), "eleonore o brien");
  EXPECT_EQ(FoldForSearch("Château de la Cœur-Joie"), "chateau de la coeur joie");
  EXPECT_EQ(FoldForSearch("06 12 34 56 78"), "06 12 34 56 78");
}

TEST(Slugify, CapsLengthWithoutTrailingDash) {
  std::string name(59, 'a');
  name += " bcd";
  auto slug = Slugify(name);
  EXPECT_LE(slug.size(), 60u);
  EXPECT_NE(slug.back(), '-');
}

TEST(Trim, RemovesAsciiAndNoBreakSpaces) {
  EXPECT_EQ(Trim("  a b \t\n"), "a b");
  EXPECT_EQ(Trim("\xC2\xA0"
                 "Nom\xE2\x80\xAF"),
            "Nom");
  EXPECT_EQ(Trim("   "), "");
}

TEST(Utf8Length, CountsCodePointsAndRejectsBadBytes) {
  EXPECT_EQ(Utf8Length("été"), 3u);
  EXPECT_EQ(Utf8Length("€"), 1u);
  EXPECT_FALSE(Utf8Length("\xC3").has_value());
  EXPECT_FALSE(Utf8Length("\xFF").has_value());
  EXPECT_FALSE(Utf8Length("\xC0\x80").has_value());  // overlong NUL
}

TEST(Email, AcceptsOrdinaryAddressesOnly) {
  EXPECT_TRUE(IsPlausibleEmail("dj.antoine@example.fr"));
  EXPECT_TRUE(IsPlausibleEmail("a+tag@sub.example.co"));
  EXPECT_FALSE(IsPlausibleEmail("no-at.example.fr"));
  EXPECT_FALSE(IsPlausibleEmail("two@@example.fr"));
  EXPECT_FALSE(IsPlausibleEmail("a@nodot"));
  EXPECT_FALSE(IsPlausibleEmail("a b@example.fr"));
  EXPECT_FALSE(IsPlausibleEmail("a@example..fr"));
  EXPECT_FALSE(IsPlausibleEmail("@example.fr"));
}

TEST(ValidateSetup, CleansValidInput) {
  auto result =
      ValidateSetup({"  Sono Pro  ", " Greg@Example.FR ", " Greg ", "correct horse battery"});
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->organization_name, "Sono Pro");
  EXPECT_EQ(result->organization_slug, "sono-pro");
  EXPECT_EQ(result->owner_email, "greg@example.fr");
  EXPECT_EQ(result->owner_display_name, "Greg");
}

TEST(ValidateSetup, ListsEveryBadField) {
  auto result = ValidateSetup({"", "not-an-email", "   ", "short"});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kValidation);
  std::vector<std::string> fields;
  for (const auto& f : result.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"organization_name", "owner_display_name",
                                              "owner_email", "owner_password"}));
}

TEST(ValidateSetup, RejectsNameWithoutLettersOrDigits) {
  auto result = ValidateSetup({"!!!", "a@b.fr", "A", "long enough password"});
  ASSERT_FALSE(result.has_value());
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].field, "organization_name");
}

TEST(Time, FormatsAndParsesIsoUtcMilliseconds) {
  auto t = ParseIsoUtc("2026-11-25T14:36:33.123Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatIsoUtc(*t), "2026-11-25T14:36:33.123Z");
  EXPECT_FALSE(ParseIsoUtc("2026-11-25 14:36:33").has_value());
  EXPECT_FALSE(ParseIsoUtc("2026-02-30T00:00:00.000Z").has_value());
}

TEST(Result, CarriesValueOrError) {
  Result<int> ok = 4;
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 4);
  Result<int> bad = Fail(ErrorCode::kNotFound, "absent");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ErrorCodeName(bad.error().code), "NOT_FOUND");
}

}  // namespace
}  // namespace planify::domain
