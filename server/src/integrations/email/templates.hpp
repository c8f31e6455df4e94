#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/terminology.hpp"

namespace planify::integrations {

// How an organisation's e-mails look: its name in the header and signature, its logo (an
// absolute https URL, optional) and its brand colour (#rrggbb; Planify's indigo otherwise).
struct EmailBranding {
  std::string organization_name;
  std::string logo_url;
  std::string brand_color;
  // The organisation's words (domain::ApplyTerms): the templates' [[tokens]].
  domain::Terms terms{};
};

struct RenderedEmail {
  std::string subject;
  std::string html;
  std::string text;
};

// Names of every transactional template (auth.magic_link, quote.sent, …).
[[nodiscard]] std::vector<std::string> EmailTemplateNames();

// Renders a template in "fr" or "en" with `data` (a JSON object; values are HTML-escaped in the
// HTML part). NOT_FOUND for an unknown template or locale; VALIDATION naming every variable the
// template needs and `data` lacks.
[[nodiscard]] Result<RenderedEmail> RenderEmailTemplate(const std::string& name,
                                                        const std::string& locale,
                                                        const EmailBranding& branding,
                                                        const nlohmann::json& data);

// Sample data covering every template's variables, for previews (values a French DJ business
// would send).
[[nodiscard]] nlohmann::json EmailTemplateSample();

}  // namespace planify::integrations
