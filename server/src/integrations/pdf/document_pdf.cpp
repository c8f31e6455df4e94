#include "integrations/pdf/document_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "integrations/pdf/cairo_support.hpp"

namespace planify::integrations {

namespace {

using pdf_support::AppendBytes;
using pdf_support::ContextDeleter;
using pdf_support::FontDeleter;
using pdf_support::LayoutDeleter;
using pdf_support::SurfacePtr;

// A4 in points, and the page's frame.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 42.0;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - kMargin - 18.0;  // the footer lives below

// Table columns, right to left from the amount.
constexpr double kAmountWidth = 78.0;
constexpr double kVatWidth = 44.0;
constexpr double kPriceWidth = 76.0;
constexpr double kQuantityWidth = 56.0;
constexpr double kCellPadding = 5.0;
constexpr double kTotalsWidth = 300.0;

struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};

constexpr Rgb kInk{0.11, 0.12, 0.15};
constexpr Rgb kMuted{0.38, 0.40, 0.45};
constexpr Rgb kRule{0.85, 0.86, 0.89};
constexpr Rgb kWhite{1, 1, 1};

Rgb ParseColor(const std::string& hex) {
  if (hex.size() != 7 || hex[0] != '#') return {0.31, 0.27, 0.90};
  auto channel = [&](std::size_t at) {
    return static_cast<double>(std::stoi(hex.substr(at, 2), nullptr, 16)) / 255.0;
  };
  try {
    return {channel(1), channel(3), channel(5)};
  } catch (const std::exception&) {
    return {0.31, 0.27, 0.90};
  }
}

Rgb Tint(Rgb c, double white) {
  return {c.r + (1 - c.r) * white, c.g + (1 - c.g) * white, c.b + (1 - c.b) * white};
}

enum class Align { kLeft, kRight, kCenter };

struct PngReader {
  const std::string* bytes;
  std::size_t at = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->at + length > reader->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(reader->bytes->data() + reader->at, length, reinterpret_cast<char*>(data));
  reader->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// A PNG as a cairo surface; null when the bytes are not a readable PNG.
SurfacePtr LoadPng(const std::string& bytes) {
  if (bytes.size() < 8) return nullptr;
  PngReader reader{&bytes};
  SurfacePtr image(cairo_image_surface_create_from_png_stream(ReadPng, &reader));
  if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
  return image;
}

// Paints `image` at (x, y) scaled by `scale`. Resampled here, smoothly, to at most 4 pixels per
// point (288 dpi) — a large upload no longer weighs on every PDF — then painted with the
// nearest filter, so cairo writes no /Interpolate true: PDF/A (Factur-X) forbids it (ISO
// 19005-2 §6.2.8).
void PaintImage(cairo_t* cr, cairo_surface_t* image, double x, double y, double scale) {
  const int w = cairo_image_surface_get_width(image);
  const int h = cairo_image_surface_get_height(image);
  if (w <= 0 || h <= 0) return;
  constexpr double kPixelsPerPoint = 4.0;
  const int rw = std::max(1, std::min(w, static_cast<int>(std::ceil(w * scale * kPixelsPerPoint))));
  const int rh = std::max(1, std::min(h, static_cast<int>(std::ceil(h * scale * kPixelsPerPoint))));
  SurfacePtr resampled;
  cairo_surface_t* source = image;
  if (rw < w || rh < h) {
    resampled.reset(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, rw, rh));
    cairo_t* scaler = cairo_create(resampled.get());
    cairo_scale(scaler, static_cast<double>(rw) / w, static_cast<double>(rh) / h);
    cairo_set_source_surface(scaler, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(scaler), CAIRO_FILTER_GOOD);
    cairo_paint(scaler);
    cairo_destroy(scaler);
    source = resampled.get();
  }
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, w * scale / rw, h * scale / rh);
  cairo_set_source_surface(cr, source, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
}

struct ContextUnref {
  void operator()(PangoContext* context) const { g_object_unref(context); }
};

// Pango state kept from one rendering to the next, per thread (Pango objects stay on the thread
// that made them; the cairo font map already is per thread): one context, the font
// descriptions, and the layouts already shaped, keyed by font, width, alignment and text. The
// labels, the seller's block, the legal mentions and the footer are the same from one document
// to the next, and a preview is drawn again on every request: shaping was a third of a render.
// Bounded: emptied when it holds kMaxLayouts.
class LayoutCache {
 public:
  static constexpr std::size_t kMaxLayouts = 512;

  LayoutCache() : context_(pango_font_map_create_context(pango_cairo_font_map_get_default())) {}

  // Sets the context up from the first surface drawn on this thread (its font options, an
  // untransformed page). Every PDF surface has the same ones, and updating again would bump
  // the context's serial (pango_context_set_matrix always does), which makes every cached
  // layout shape itself again.
  void SetUpFrom(cairo_t* cr) {
    if (set_up_) return;
    pango_cairo_update_context(cr, context_.get());
    set_up_ = true;
  }

  PangoLayout* Layout(const std::string& text, double width, const std::string& font, Align align) {
    const int pango_width = static_cast<int>(width * PANGO_SCALE);
    key_.assign(font);
    key_.push_back('\x1f');
    key_.append(std::to_string(pango_width));
    key_.push_back('\x1f');
    key_.push_back(static_cast<char>('0' + static_cast<int>(align)));
    key_.append(text);
    auto found = layouts_.find(key_);
    if (found != layouts_.end()) return found->second.get();
    if (layouts_.size() >= kMaxLayouts) layouts_.clear();
    std::unique_ptr<PangoLayout, LayoutDeleter> layout(pango_layout_new(context_.get()));
    pango_layout_set_font_description(layout.get(), Font(font));
    pango_layout_set_width(layout.get(), pango_width);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align == Align::kRight    ? PANGO_ALIGN_RIGHT
                                             : align == Align::kCenter ? PANGO_ALIGN_CENTER
                                                                       : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    return layouts_.emplace(key_, std::move(layout)).first->second.get();
  }

 private:
  const PangoFontDescription* Font(const std::string& font) {
    auto& description = fonts_[font];
    if (!description) {
      description.reset(
          pango_font_description_from_string((std::string(PdfFontFamily()) + " " + font).c_str()));
    }
    return description.get();
  }

  std::unique_ptr<PangoContext, ContextUnref> context_;
  std::map<std::string, std::unique_ptr<PangoFontDescription, FontDeleter>> fonts_;
  std::unordered_map<std::string, std::unique_ptr<PangoLayout, LayoutDeleter>> layouts_;
  std::string key_;
  bool set_up_ = false;
};

LayoutCache& ThreadLayouts() {
  thread_local LayoutCache cache;
  return cache;
}

// Draws the document page by page, with "Page n / N" in the footer: `total_pages` 0 means not
// known yet, which is right for a one-page document (the caller draws again when there are
// more).
class Painter {
 public:
  Painter(cairo_t* cr, const PdfDocument& doc, int total_pages)
      : cr_(cr),
        layouts_(ThreadLayouts()),
        doc_(doc),
        brand_(ParseColor(doc.brand_color)),
        total_pages_(total_pages) {
    layouts_.SetUpFrom(cr);
  }

  int Run() {
    StartPage();
    Header();
    Table();
    Totals();
    Notes();
    if (!doc_.certificate.empty()) Certificate();
    FinishPage();
    return page_;
  }

 private:
  // Lays out `text` in `width`; draws it at (x, y) when `draw`; returns its height. Laid out
  // for the untransformed page and drawn through the current transformation (the rotated
  // watermark): PDF output has no hinting, so the glyphs' advances do not depend on it.
  double Text(const std::string& text, double x, double y, double width, const std::string& font,
              Rgb color = kInk, Align align = Align::kLeft, bool draw = true) {
    if (text.empty()) return 0;
    PangoLayout* layout = layouts_.Layout(text, width, font, align);
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout, &w, &h);
    if (draw) {
      cairo_set_source_rgb(cr_, color.r, color.g, color.b);
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, layout);
    }
    return static_cast<double>(h) / PANGO_SCALE;
  }

  double Measure(const std::string& text, double width, const std::string& font) {
    return Text(text, 0, 0, width, font, kInk, Align::kLeft, false);
  }

  void Fill(double x, double y, double w, double h, Rgb color) {
    cairo_set_source_rgb(cr_, color.r, color.g, color.b);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }

  void Rule(double y, double x = kMargin, double w = kContentWidth) { Fill(x, y, w, 0.6, kRule); }

  void StartPage() {
    ++page_;
    y_ = kMargin;
    Fill(0, 0, kPageWidth, 7, brand_);
    if (!doc_.watermark.empty()) {
      cairo_save(cr_);
      cairo_translate(cr_, kPageWidth / 2, kPageHeight / 2);
      cairo_rotate(cr_, -0.6);
      Text(doc_.watermark, -300, -40, 600, "Bold 64", Tint(kMuted, 0.8), Align::kCenter);
      cairo_restore(cr_);
    }
  }

  void FinishPage() {
    const double y = kPageHeight - kMargin + 4;
    Rule(y - 6);
    Text(doc_.footer, kMargin, y, kContentWidth - 70, "7", kMuted);
    Text("Page " + std::to_string(page_) + " / " + std::to_string(std::max(total_pages_, page_)),
         kPageWidth - kMargin - 70, y, 70, "7", kMuted, Align::kRight);
  }

  void NewPage() {
    FinishPage();
    cairo_show_page(cr_);
    StartPage();
  }

  // Starts a new page unless `height` still fits on this one.
  bool Ensure(double height) {
    if (y_ + height <= kContentBottom) return false;
    NewPage();
    return true;
  }

  double Lines(const std::vector<std::string>& lines, double x, double y, double width,
               const std::string& font, Rgb color, bool draw) {
    double h = 0;
    for (const auto& line : lines)
      h += Text(line, x, y + h, width, font, color, Align::kLeft, draw);
    return h;
  }

  void Header() {
    // Logo or name on the left, the document's title on the right.
    double left = 0;
    auto logo = LoadPng(doc_.logo_png);
    if (logo) {
      double w = cairo_image_surface_get_width(logo.get());
      double h = cairo_image_surface_get_height(logo.get());
      double scale = std::min({150.0 / w, 56.0 / h, 1.0});
      PaintImage(cr_, logo.get(), kMargin, y_, scale);
      left = h * scale;
    } else {
      left = Text(doc_.seller_name, kMargin, y_, 260, "Bold 16", brand_);
    }
    double right =
        Text(doc_.title, kPageWidth - kMargin - 320, y_, 320, "Bold 16", kInk, Align::kRight);
    y_ += std::max(left, right) + 16;

    // Seller on the left, the client in a box on the right.
    const double box_width = 250;
    const double box_x = kPageWidth - kMargin - box_width;
    double seller = Lines(doc_.seller, kMargin, y_, 240, "8.5", kMuted, true);
    double buyer_height = 14 + Lines(doc_.buyer, 0, 0, box_width - 20, "9", kInk, false) + 10;
    cairo_set_source_rgb(cr_, kRule.r, kRule.g, kRule.b);
    cairo_set_line_width(cr_, 0.8);
    cairo_rectangle(cr_, box_x, y_ - 4, box_width, buyer_height);
    cairo_stroke(cr_);
    Text(doc_.buyer_heading, box_x + 10, y_, box_width - 20, "Bold 7", kMuted);
    Lines(doc_.buyer, box_x + 10, y_ + 12, box_width - 20, "9", kInk, true);
    y_ += std::max(seller, buyer_height) + 14;

    y_ += Lines(doc_.dates, kMargin, y_, kContentWidth, "9", kInk, true) + 10;
    if (!doc_.subject.empty()) y_ += Text(doc_.subject, kMargin, y_, kContentWidth, "Bold 11");
    if (!doc_.description.empty()) {
      y_ += 2 + Text(doc_.description, kMargin, y_ + 2, kContentWidth, "9", kMuted);
    }
    y_ += 12;
  }

  double DescriptionWidth() const {
    return kContentWidth - kAmountWidth - kVatWidth - kPriceWidth - kQuantityWidth -
           2 * kCellPadding;
  }

  void TableHeader() {
    const double h = 18;
    Fill(kMargin, y_, kContentWidth, h, Tint(brand_, 0.86));
    const double ty = y_ + 4;
    double x = kMargin + kCellPadding;
    Text("Désignation", x, ty, DescriptionWidth(), "Bold 8");
    x += DescriptionWidth();
    Text("Qté", x, ty, kQuantityWidth, "Bold 8", kInk, Align::kRight);
    x += kQuantityWidth;
    Text("PU HT", x, ty, kPriceWidth, "Bold 8", kInk, Align::kRight);
    x += kPriceWidth;
    Text("TVA", x, ty, kVatWidth, "Bold 8", kInk, Align::kRight);
    x += kVatWidth;
    Text("Total HT", x, ty, kAmountWidth, "Bold 8", kInk, Align::kRight);
    y_ += h;
  }

  void Table() {
    Ensure(60);
    TableHeader();
    for (const auto& row : doc_.lines) {
      const double width = row.heading ? kContentWidth - 2 * kCellPadding : DescriptionWidth();
      const double h = Measure(row.description, width, row.heading ? "Bold 9" : "9") + 10;
      if (Ensure(h)) TableHeader();
      const double ty = y_ + 5;
      double x = kMargin + kCellPadding;
      if (row.heading) {
        Fill(kMargin, y_, kContentWidth, h, Tint(kRule, 0.6));
        Text(row.description, x, ty, width, "Bold 9");
      } else {
        Text(row.description, x, ty, width, "9");
        x += DescriptionWidth();
        Text(row.quantity, x, ty, kQuantityWidth, "9", kInk, Align::kRight);
        x += kQuantityWidth;
        Text(row.unit_price, x, ty, kPriceWidth, "9", kInk, Align::kRight);
        x += kPriceWidth;
        Text(row.vat, x, ty, kVatWidth, "9", kMuted, Align::kRight);
        x += kVatWidth;
        Text(row.amount, x, ty, kAmountWidth, "9", kInk, Align::kRight);
      }
      y_ += h;
      Rule(y_);
    }
    y_ += 12;
  }

  // A totals row is as tall as its label: a long one ("Acompte FAC-2026-0001 du 12/11/2026
  // déduit") wraps inside its own row instead of running under the next row's band.
  double TotalsRowHeight(const PdfAmountRow& row) {
    const double padding = row.strong ? 10 : 4;
    const double text = Measure(row.label, kTotalsWidth - 118, row.strong ? "Bold 10" : "9");
    return std::max(row.strong ? 22.0 : 16.0, text + padding);
  }

  void Totals() {
    double height = 0;
    for (const auto& row : doc_.totals) height += TotalsRowHeight(row);
    Ensure(height + 8);
    const double x = kPageWidth - kMargin - kTotalsWidth;
    for (const auto& row : doc_.totals) {
      const double h = TotalsRowHeight(row);
      const double ty = y_ + (row.strong ? 5 : 2);
      const std::string font = row.strong ? "Bold 10" : "9";
      const Rgb color = row.strong ? kWhite : kInk;
      if (row.strong) Fill(x, y_, kTotalsWidth, h, brand_);
      Text(row.label, x + 8, ty, kTotalsWidth - 118, font, color);
      Text(row.amount, x + kTotalsWidth - 110, ty, 102, font, color, Align::kRight);
      y_ += h;
      if (!row.strong) Rule(y_, x, kTotalsWidth);
    }
    y_ += 16;
  }

  void Paragraphs(const std::string& heading, const std::vector<std::string>& lines,
                  const std::string& font, Rgb color) {
    if (lines.empty()) return;
    if (!heading.empty()) {
      Ensure(30);
      y_ += Text(heading, kMargin, y_, kContentWidth, "Bold 9") + 3;
    }
    for (const auto& line : lines) {
      const double h = Measure(line, kContentWidth, font);
      Ensure(h);
      y_ += Text(line, kMargin, y_, kContentWidth, font, color) + 1.5;
    }
    y_ += 10;
  }

  void Notes() {
    Paragraphs("Règlement", doc_.payment, "8.5", kInk);
    if (!doc_.terms.empty()) Paragraphs("Conditions", {doc_.terms}, "8.5", kInk);
    Paragraphs("", doc_.mentions, "7.5", kMuted);
  }

  void Certificate() {
    NewPage();
    y_ += Text("Certificat de signature électronique", kMargin, y_, kContentWidth, "Bold 15",
               brand_) +
          12;
    Paragraphs("", doc_.certificate, "9", kInk);
    auto signature = LoadPng(doc_.signature_png);
    if (signature) {
      double w = cairo_image_surface_get_width(signature.get());
      double h = cairo_image_surface_get_height(signature.get());
      double scale = std::min({240.0 / w, 100.0 / h, 1.0});
      Ensure(h * scale + 20);
      cairo_set_source_rgb(cr_, kRule.r, kRule.g, kRule.b);
      cairo_rectangle(cr_, kMargin, y_, w * scale + 16, h * scale + 16);
      cairo_stroke(cr_);
      PaintImage(cr_, signature.get(), kMargin + 8, y_ + 8, scale);
      y_ += h * scale + 24;
    }
  }

  cairo_t* cr_;
  LayoutCache& layouts_;
  const PdfDocument& doc_;
  Rgb brand_;
  int total_pages_;
  int page_ = 0;
  double y_ = kMargin;
};

// One rendering pass into `sink`; the number of pages.
Result<int> Pass(const PdfDocument& doc, std::string* sink, int total_pages) {
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(AppendBytes, sink, kPageWidth, kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.seller_name.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Planify");
  if (!doc.creation_date.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                   doc.creation_date.c_str());
  }
  int pages = 0;
  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    pages = Painter(cr.get(), doc, total_pages).Run();
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return Fail(ErrorCode::kInternal,
                  std::string("PDF: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                std::string("PDF: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return pages;
}

// Most documents fit on one page, whose footer the first pass already gets right ("1 / 1");
// a longer one is drawn again, now that the number of pages is known.
Result<std::string> Render(const PdfDocument& document) {
  std::string bytes;
  auto pages = Pass(document, &bytes, 0);
  if (!pages) return Fail(pages.error());
  if (*pages == 1) return bytes;
  bytes.clear();
  auto drawn = Pass(document, &bytes, *pages);
  if (!drawn) return Fail(drawn.error());
  return bytes;
}

// Renders on a few long-lived threads, as many as cores (at most four): each keeps its Pango
// font map (Pango's is per thread) and its shaped layouts warm whichever request thread asks.
// Rendering on the request threads loaded the fonts again on each of the 64 the first time it
// drew there (up to 40 ms of CPU, the stored-PDF downloads' p99 while invoices were issued)
// and kept 64 font maps.
class RenderPool {
 public:
  explicit RenderPool(unsigned threads) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~RenderPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }
  RenderPool(const RenderPool&) = delete;
  RenderPool& operator=(const RenderPool&) = delete;

  Result<std::string> Run(const std::function<Result<std::string>()>& draw) {
    std::packaged_task<Result<std::string>()> task([&draw] { return draw(); });
    auto done = task.get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
    return done.get();
  }

 private:
  void Work() {
    for (;;) {
      std::packaged_task<Result<std::string>()> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;  // stopping, nothing left
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<Result<std::string>()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

const char* PdfFontFamily() { return "Inter,DejaVu Sans"; }

Result<std::string> RunOnPdfThreads(const std::function<Result<std::string>()>& draw) {
  static RenderPool pool(std::clamp(std::thread::hardware_concurrency(), 1U, 4U));
  return pool.Run(draw);
}

Result<std::string> RenderPdf(const PdfDocument& document) {
  return RunOnPdfThreads([&document] { return Render(document); });
}

}  // namespace planify::integrations
