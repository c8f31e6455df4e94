#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace planify::integrations {

// Equipment labels (docs/equipment.md, "Labels"): a QR code with the item's name, its short
// code and the organisation's name. Either A4 sheets cut in a grid edge to edge (3 × 8 labels
// of 70 × 37 mm, 4 × 10 of 52.5 × 29.7 mm) or one 62 × 29 mm label per page for a label
// printer.
enum class LabelLayout { k3x8, k4x10, kSingle };

// "3x8", "4x10", "single".
[[nodiscard]] std::optional<LabelLayout> ParseLabelLayout(std::string_view name);
[[nodiscard]] int LabelsPerPage(LabelLayout layout);

struct Label {
  std::string url;   // what the QR code encodes
  std::string name;  // "Enceinte JBL PRX815"
  std::string code;  // "MAT-42", typed when the camera cannot read
};

struct LabelSheet {
  LabelLayout layout = LabelLayout::k3x8;
  int skip = 0;  // cells already used on the first sheet (0 to LabelsPerPage - 1)
  std::string organization;
  std::vector<Label> labels;
  std::string creation_date;  // fixed, so the bytes depend on content only
};

// The PDF, or INTERNAL when a URL cannot be encoded (over QR capacity) or cairo fails.
[[nodiscard]] Result<std::string> RenderLabels(const LabelSheet& sheet);

}  // namespace planify::integrations
