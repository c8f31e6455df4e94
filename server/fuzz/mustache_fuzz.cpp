// The e-mail templates (integrations/email/templates.hpp) with user text in every variable and
// in the branding. Besides not crashing: user text is HTML-escaped in the HTML part. Checked
// exactly: the HTML rendered from the fuzzed values has as many '<', '>', '"' and '\'' as the HTML
// rendered from the same values with those characters replaced by 'x' — so none of them came
// from the input.
//
// Input: line 1 "<template name or number> <locale>"; line 2 the organisation name, line 3 the
// logo URL, line 4 the brand colour; then one line per variable, in the order of
// EmailTemplateSample()'s keys (missing lines keep the sample value; "null", "true", "false"
// and numbers are sent as JSON values, like any other JSON the jobs may carry).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "integrations/email/templates.hpp"
#include "support/fuzz_text.hpp"

namespace {

using planify::integrations::EmailBranding;
using planify::integrations::RenderEmailTemplate;

constexpr std::string_view kSpecial = "<>\"'";

std::string DefangText(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (kSpecial.find(c) != std::string_view::npos) c = 'x';
  }
  return out;
}

nlohmann::json DefangValues(const nlohmann::json& data) {
  nlohmann::json out = data;
  for (auto& [key, value] : out.items()) {
    if (value.is_string()) value = DefangText(value.get<std::string>());
  }
  return out;
}

EmailBranding DefangBranding(const EmailBranding& branding) {
  return {DefangText(branding.organization_name), DefangText(branding.logo_url),
          DefangText(branding.brand_color)};
}

nlohmann::json Value(std::string_view line) {
  if (line == "null" || line == "true" || line == "false" ||
      (!line.empty() && line.size() < 20 &&
       line.find_first_not_of("-0123456789.e") == std::string_view::npos)) {
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (!parsed.is_discarded()) return parsed;
  }
  return std::string(line);
}

std::size_t Count(const std::string& text, char c) {
  std::size_t n = 0;
  for (char t : text) n += t == c ? 1 : 0;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> kNames = planify::integrations::EmailTemplateNames();
  static const nlohmann::json kSample = planify::integrations::EmailTemplateSample();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto lines = planify::fuzz::SplitFirst(input, '\n', 4 + kSample.size());
  auto head = planify::fuzz::SplitFirst(lines[0], ' ', 1);

  std::string name(head[0]);
  bool known = false;
  for (const auto& n : kNames) known = known || n == name;
  if (!known) {
    std::size_t index = 0;
    for (char c : name) index = index * 31 + static_cast<unsigned char>(c);
    name = kNames[index % kNames.size()];
  }
  std::string locale = head.size() > 1 && head[1] == "en" ? "en" : "fr";

  auto line = [&lines](std::size_t i) { return i < lines.size() ? lines[i] : std::string_view(); };
  EmailBranding branding{std::string(line(1)), std::string(line(2)), std::string(line(3))};
  nlohmann::json values = kSample;
  std::size_t i = 4;
  for (auto& [key, value] : values.items()) {
    if (i < lines.size()) value = Value(lines[i]);
    ++i;
  }

  auto email = RenderEmailTemplate(name, locale, branding, values);
  // Without those characters in the input there is nothing to compare with.
  if (input.find_first_of(kSpecial) == std::string_view::npos) return 0;
  auto defanged = RenderEmailTemplate(name, locale, DefangBranding(branding), DefangValues(values));
  if (email.has_value() != defanged.has_value()) std::abort();
  if (!email) return 0;
  for (char c : kSpecial) {
    if (Count(email->html, c) != Count(defanged->html, c)) {
      std::fprintf(stderr, "template %s (%s): '%c' from the input reached the HTML raw\n%s\n",
                   name.c_str(), locale.c_str(), c, email->html.c_str());
      std::abort();
    }
  }
  return 0;
}
