#include "domain/resources.hpp"

#include <gtest/gtest.h>

namespace planify::domain {
namespace {

bool HasField(const Error& e, const std::string& field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(Resources, EquipmentQuantitiesAndPricesAreBounded) {
  EquipmentInput e;
  e.name = "Enceinte JBL PRX815";
  e.quantity_owned = 6;
  e.quantity_out_of_service = 1;
  e.rental_price_cents = 4500;
  ASSERT_TRUE(ValidateEquipment(e));
  e.name = "";
  e.quantity_out_of_service = 7;
  e.rental_price_cents = -1;
  auto bad = ValidateEquipment(e);
  ASSERT_FALSE(bad);
  for (const char* f : {"name", "quantity_out_of_service", "rental_price_cents"}) {
    EXPECT_TRUE(HasField(bad.error(), f)) << f;
  }
}

TEST(Resources, ModelDetailsAreBoundedAndOptional) {
  EquipmentInput e;
  e.name = "Enceinte";
  e.brand = "  JBL ";
  e.model = "PRX815";
  e.vat_rate_bp = 2000;
  e.replacement_value_cents = 129900;
  e.weight_grams = 21500;
  auto ok = ValidateEquipment(e);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->brand, "JBL");
  e.vat_rate_bp = 10001;
  e.replacement_value_cents = -1;
  e.weight_grams = 10'000'001;
  e.brand = std::string(101, 'x');
  auto bad = ValidateEquipment(e);
  ASSERT_FALSE(bad);
  for (const char* f : {"vat_rate_bp", "replacement_value_cents", "weight_grams", "brand"}) {
    EXPECT_TRUE(HasField(bad.error(), f)) << f;
  }
  auto light = ValidateCategoryName("  Lumière ");
  ASSERT_TRUE(light);
  EXPECT_EQ(*light, "Lumière");
  EXPECT_FALSE(ValidateCategoryName(" "));
  EXPECT_FALSE(ValidateCategoryName(std::string(61, 'x')));
}

TEST(Resources, MaintenanceTakesTheWholeLineOutOfTheLendableStock) {
  EXPECT_EQ(UnlendableQuantity(EquipmentStatus::kAvailable, 6, 1), 1);
  EXPECT_EQ(UnlendableQuantity(EquipmentStatus::kMaintenance, 6, 1), 6);
  EXPECT_EQ(UnlendableQuantity(EquipmentStatus::kRetired, 6, 0), 6);
  EXPECT_EQ(ParseEquipmentStatus("maintenance"), EquipmentStatus::kMaintenance);
  EXPECT_FALSE(ParseEquipmentStatus("broken"));
}

TEST(Resources, PlacesNeedANameAndACountryCode) {
  PlaceInput p;
  p.name = " Château de Vaux ";
  p.address.city = "Maincy";
  auto ok = ValidatePlace(p);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->name, "Château de Vaux");
  EXPECT_EQ(ok->address.country, "FR");
  p.name = "";
  p.address.country = "France";
  auto bad = ValidatePlace(p);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(HasField(bad.error(), "name"));
  EXPECT_TRUE(HasField(bad.error(), "address.country"));
}

TEST(Resources, UnavailabilityEndsAfterItStarts) {
  UnavailabilityInput u;
  u.user = 7;
  u.starts_at = ParseIsoUtc("2027-08-01T00:00:00.000Z").value();
  u.ends_at = ParseIsoUtc("2027-08-15T00:00:00.000Z").value();
  u.reason = "Congés";
  ASSERT_TRUE(ValidateUnavailability(u));
  u.ends_at = u.starts_at;
  EXPECT_FALSE(ValidateUnavailability(u));
}

}  // namespace
}  // namespace planify::domain
