#include "integrations/pdf/label_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <string>

#include "integrations/pdf/cairo_support.hpp"
#include "integrations/pdf/document_pdf.hpp"

namespace planify::integrations {

namespace {

using pdf_support::AppendBytes;
using pdf_support::ContextDeleter;
using pdf_support::FontDeleter;
using pdf_support::LayoutDeleter;
using pdf_support::SurfaceDeleter;

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4Width = 210.0 * kPointsPerMm;
constexpr double kA4Height = 297.0 * kPointsPerMm;
constexpr double kSingleWidth = 62.0 * kPointsPerMm;
constexpr double kSingleHeight = 29.0 * kPointsPerMm;
constexpr double kPadding = 3.0 * kPointsPerMm;
// White modules around the code, as the QR standard asks for: readers need them to find it.
constexpr int kQuietModules = 4;

struct Grid {
  int columns = 1;
  int rows = 1;
  double page_width = kSingleWidth;
  double page_height = kSingleHeight;
};

Grid GridOf(LabelLayout layout) {
  switch (layout) {
    case LabelLayout::k3x8:
      return {3, 8, kA4Width, kA4Height};
    case LabelLayout::k4x10:
      return {4, 10, kA4Width, kA4Height};
    case LabelLayout::kSingle:
      break;
  }
  return {};
}

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

// The QR code's dark modules as filled squares: vector, sharp at any print resolution.
void DrawQr(cairo_t* cr, const QRcode& code, double x, double y, double side) {
  const int modules = code.width + 2 * kQuietModules;
  const double module = side / modules;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < code.width; ++row) {
    for (int column = 0; column < code.width; ++column) {
      if ((code.data[row * code.width + column] & 1) == 0) continue;
      cairo_rectangle(cr, x + (column + kQuietModules) * module, y + (row + kQuietModules) * module,
                      module, module);
    }
  }
  cairo_fill(cr);
}

// Text in a box `width` wide, at most `lines` lines (ellipsized); the height it took.
double DrawText(cairo_t* cr, const std::string& text, const std::string& font, double x, double y,
                double width, int lines, double grey) {
  std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontDeleter> description(
      pango_font_description_from_string((std::string(PdfFontFamily()) + " " + font).c_str()));
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_height(layout.get(), -lines);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

// One label in the cell at (x, y): the QR code on the left as high as the cell allows, the
// name, the short code and the organisation on the right.
void DrawLabel(cairo_t* cr, const Label& label, const QRcode& code, const std::string& organization,
               double x, double y, double width, double height) {
  const double side = std::min(height - 2 * kPadding, width * 0.5);
  DrawQr(cr, code, x + kPadding, y + (height - side) / 2, side);
  const double text_x = x + kPadding + side + kPadding / 2;
  const double text_width = x + width - kPadding - text_x;
  const bool small = height < 30.0 * kPointsPerMm;
  double at = y + kPadding + 2;
  at += DrawText(cr, label.name, small ? "Bold 6.5" : "Bold 8.5", text_x, at, text_width,
                 small ? 3 : 4, 0.07);
  at += 3;
  at += DrawText(cr, label.code, small ? "Bold 8" : "Bold 10", text_x, at, text_width, 1, 0.0);
  DrawText(cr, organization, small ? "5.5" : "6.5", text_x, y + height - kPadding - 9, text_width,
           1, 0.4);
}

}  // namespace

std::optional<LabelLayout> ParseLabelLayout(std::string_view name) {
  if (name == "3x8") return LabelLayout::k3x8;
  if (name == "4x10") return LabelLayout::k4x10;
  if (name == "single") return LabelLayout::kSingle;
  return std::nullopt;
}

int LabelsPerPage(LabelLayout layout) {
  const Grid grid = GridOf(layout);
  return grid.columns * grid.rows;
}

Result<std::string> RenderLabels(const LabelSheet& sheet) {
  // Encoded first, off the renderer threads: a URL too long for a QR code fails the sheet.
  std::vector<std::unique_ptr<QRcode, QrDeleter>> codes;
  codes.reserve(sheet.labels.size());
  for (const auto& label : sheet.labels) {
    std::unique_ptr<QRcode, QrDeleter> code(
        QRcode_encodeString(label.url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) return Fail(ErrorCode::kInternal, "QR code impossible pour " + label.url);
    codes.push_back(std::move(code));
  }
  return RunOnPdfThreads([&]() -> Result<std::string> {
    const Grid grid = GridOf(sheet.layout);
    const int per_page = grid.columns * grid.rows;
    std::string bytes;
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(cairo_pdf_surface_create_for_stream(
        AppendBytes, &bytes, grid.page_width, grid.page_height));
    const std::string title = "Étiquettes — " + sheet.organization;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Planify");
    if (!sheet.creation_date.empty()) {
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                     sheet.creation_date.c_str());
    }
    {
      std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
      const double cell_width = grid.page_width / grid.columns;
      const double cell_height = grid.page_height / grid.rows;
      int cell = std::clamp(sheet.skip, 0, per_page - 1);
      for (std::size_t i = 0; i < sheet.labels.size(); ++i, ++cell) {
        if (cell == per_page) {
          cairo_show_page(cr.get());
          cell = 0;
        }
        const int column = cell % grid.columns;
        const int row = cell / grid.columns;
        DrawLabel(cr.get(), sheet.labels[i], *codes[i], sheet.organization, column * cell_width,
                  row * cell_height, cell_width, cell_height);
      }
      cairo_show_page(cr.get());
      if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
        return Fail(ErrorCode::kInternal,
                    std::string("PDF: ") + cairo_status_to_string(cairo_status(cr.get())));
      }
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Fail(
          ErrorCode::kInternal,
          std::string("PDF: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    return bytes;
  });
}

}  // namespace planify::integrations
