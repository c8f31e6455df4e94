// The domain's readers of untrusted bytes: the upload readers (InspectImage, SniffProofType)
// and every parser or checker of text a client sends (dates and instants, identifiers, IBAN/BIC,
// e-mail, passwords, Origin/X-Forwarded-For, enum names, organisation settings with their
// number formats), and the readers of a legacy database's values (Python literals, dates,
// money, numbers, statuses, Fernet tokens), with the properties their contracts promise.
//
// Input: the first byte picks the group of readers — 's' sniffers, 't' times, 'x' text,
// 'i' identifiers, 'n' names, 'l' legacy values, 'f' fields (any other byte: by its value) —
// and the rest is their input; 'f' splits it into lines, one per field of the multi-argument
// readers.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "domain/auth.hpp"
#include "domain/billing.hpp"
#include "domain/catalogue.hpp"
#include "domain/identifiers.hpp"
#include "domain/images.hpp"
#include "domain/jobs.hpp"
#include "domain/legacy_values.hpp"
#include "domain/legal_mentions.hpp"
#include "domain/local_time.hpp"
#include "domain/missions.hpp"
#include "domain/organization_settings.hpp"
#include "domain/permissions.hpp"
#include "domain/pricing.hpp"
#include "domain/resources.hpp"
#include "domain/time.hpp"
#include "domain/validation.hpp"
#include "integrations/crypto/fernet.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/legacy/python_literal.hpp"
#include "support/fuzz_text.hpp"

namespace {

using namespace planify::domain;  // NOLINT(google-build-using-namespace)

void Check(bool ok) {
  if (!ok) std::abort();
}

void Sniffers(std::string_view bytes) {
  auto image = SniffImageType(bytes);
  auto proof = SniffProofType(bytes);
  Check(!image || *image == "image/png" || *image == "image/jpeg" || *image == "image/webp");
  Check(!proof || *proof == "application/pdf" || *proof == "image/png" || *proof == "image/jpeg");
  // PNG and JPEG are told apart the same way for logos and for payment proofs.
  Check((image == "image/png") == (proof == "image/png"));
  Check((image == "image/jpeg") == (proof == "image/jpeg"));
  // Whatever the header declares, an accepted image is within the size limits.
  if (auto info = InspectImage(bytes)) {
    Check(info->type == image);
    Check(info->width >= 1 && info->width <= kMaxImageSide);
    Check(info->height >= 1 && info->height <= kMaxImageSide);
    Check(static_cast<long long>(info->width) * info->height <= kMaxImagePixels);
  }
}

void Times(std::string_view text) {
  if (auto t = ParseIsoUtc(text)) {
    Check(ParseIsoUtc(FormatIsoUtc(*t)) == t);
    (void)FormatHttpDate(*t);
  }
  if (auto t = ParseApiInstant(text)) {
    Check(ParseApiInstant(FormatIsoUtc(*t)) == t);
    for (std::string_view zone : {"Europe/Paris", "America/Montreal", "Pacific/Tahiti"}) {
      (void)UtcOffset(zone, *t);
      (void)FormatLocalDateTime(*t, zone);
      (void)FormatLocalRange(*t, *t + std::chrono::hours(30), zone);
    }
  }
  if (auto d = ParseIsoDate(text)) {
    Check(ParseIsoDate(FormatIsoDate(*d)) == d);
    (void)FormatFrenchDate(*d);
    (void)IsFrenchPublicHoliday(*d);
  }
}

void Text(std::string_view text) {
  auto length = Utf8Length(text);
  Check(!length || *length <= text.size());
  std::string trimmed = Trim(text);
  Check(trimmed.size() <= text.size());
  if (length) Check(Utf8Length(trimmed).has_value());
  Check(ToLowerAscii(text).size() == text.size());
  std::string slug = Slugify(text);
  for (char c : slug) Check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  (void)FoldForSearch(text);
  (void)IsPlausibleEmail(text);
  FieldErrors errors;
  std::string value(text);
  CleanText(errors, "field", value, 200);
  RequireText(errors, "field", text, 200);
}

void Identifiers(std::string_view text) {
  std::string compact = Compact(text);
  // Idempotent on text (on broken UTF-8, removing a '.' may join the bytes of a no-break space).
  if (Utf8Length(text)) Check(Compact(compact) == compact);
  (void)IsValidSiren(compact);
  (void)IsValidSiret(compact);
  (void)IsValidVatNumber(compact);
  (void)IsValidBic(compact);
  if (IsValidSiren(compact)) (void)FrenchVatKey(compact);
  if (IsValidIban(compact)) Check(Compact(FormatIban(compact)) == compact);
}

void Names(std::string_view text) {
  (void)ParseLineKind(text);
  (void)ParseVatTreatment(text);
  (void)ParseQuoteStatus(text);
  (void)ParseInvoiceStatus(text);
  (void)ParsePaymentMethod(text);
  (void)ParseMissionStatus(text);
  (void)ParseVatRegime(text);
  (void)ParseEquipmentStatus(text);
  (void)IsCatalogueKind(text);
  (void)IsUnit(text);
  (void)IsValidJobType(text);
  (void)IsSupportedTimeZone(text);
  if (auto role = ParseRole(text)) Check(RoleName(*role) == text);
  if (auto permission = ParsePermission(text)) Check(PermissionName(*permission) == text);
  if (auto hash = ParseWerkzeugHash(text)) Check(!hash->salt.empty());
}

// Fields from lines: password and e-mail, addresses, settings.
void Fields(const std::vector<std::string_view>& lines) {
  auto line = [&lines](std::size_t i) { return i < lines.size() ? lines[i] : std::string_view(); };
  (void)PasswordProblem(line(0), line(1));
  std::vector<std::string> proxies;
  for (std::size_t i = 2; i < lines.size() && i < 5; ++i) proxies.emplace_back(lines[i]);
  (void)ClientIp(line(0), line(1), proxies);
  (void)OriginOf(line(0));

  OrganizationSettings settings;
  settings.name = line(0);
  settings.siren = line(1);
  settings.siret = line(2);
  settings.vat_number = line(3);
  settings.iban = line(4);
  settings.bic = line(5);
  settings.brand_color = line(6);
  settings.email = line(7);
  settings.website = line(8);
  if (lines.size() > 9) settings.quote_number_format = line(9);
  if (lines.size() > 10) settings.invoice_number_format = line(10);
  if (lines.size() > 11) settings.credit_note_number_format = line(11);
  if (lines.size() > 12) settings.time_zone = line(12);
  if (lines.size() > 13) settings.terminology = line(13);
  auto valid = ValidateOrganizationSettings(settings);
  if (valid) {
    // Number formats are only ever applied once validated.
    for (const auto* format : {&valid->quote_number_format, &valid->invoice_number_format,
                               &valid->credit_note_number_format}) {
      Check(!FormatDocumentNumber(*format, 2026, 7).empty());
      Check(!FormatDocumentNumber(*format, 99999, 9'223'372'036'854'775'807LL).empty());
    }
  }
}

// What a legacy database holds, read by the importer's readers (domain/legacy_values.hpp).
void Legacy(std::string_view text) {
  // A literal read is JSON that can be written (strict UTF-8 strings: dump throws otherwise).
  if (auto literal = planify::integrations::ParsePythonLiteral(text)) (void)literal->dump();
  if (ParseLegacyLocalTime(text)) Check(LegacyInstant(text, "UTC").has_value());
  if (auto number = ParseLegacyNumber(text)) {
    Check(number->sequence > 0 && number->year >= 1990 && number->year <= 2999);
    Check(text.starts_with(number->prefix + "-" + std::to_string(number->year) + "-"));
  }
  for (char c : FoldLegacyEnum(text))
    Check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (auto status = LegacyStatus(LegacyEntity::kInvoice, text)) Check(!status->empty());
  if (text.size() >= sizeof(double)) {
    double euros = 0;
    std::memcpy(&euros, text.data(), sizeof euros);
    if (auto cents = LegacyEurosToCents(euros)) {
      Check(std::isfinite(euros) && std::fabs(euros) <= 1e13);
      Check(std::fabs(static_cast<double>(*cents) - euros * 100) <= 1.0);
    }
  }
  static const bool sodium = (planify::integrations::InitSodium(), true);
  (void)sodium;
  (void)planify::integrations::FernetDecrypt(text, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  static constexpr std::string_view kGroups = "stxinlf";
  auto group = kGroups.find(static_cast<char>(data[0]));
  if (group == std::string_view::npos) group = data[0] % kGroups.size();
  switch (kGroups[group]) {
    case 's':
      Sniffers(input);
      break;
    case 't':
      Times(input);
      break;
    case 'x':
      Text(input);
      break;
    case 'i':
      Identifiers(input);
      break;
    case 'n':
      Names(input);
      break;
    case 'l':
      Legacy(input);
      break;
    default:
      Fields(planify::fuzz::SplitFirst(input, '\n', 15));
      break;
  }
  return 0;
}
