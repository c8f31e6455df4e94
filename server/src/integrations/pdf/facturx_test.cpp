// A Factur-X PDF read by other tools than the code that wrote it (tests/tools/check_pdfa.py):
// qpdf --check, poppler's pdfdetach and pdffonts, the XMP parsed by lxml, the ICC header.
#include "integrations/pdf/facturx.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "integrations/pdf/document_pdf.hpp"

namespace planify::integrations {
namespace {

const std::string kSource = PLANIFY_SOURCE_DIR;

class FacturX : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() /
           ("planify-facturx-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (std::getenv("KEEP") == nullptr) std::filesystem::remove_all(dir_);
  }

  // A 300×120 PNG logo with a translucent part (alpha), as users upload them.
  static std::string TranslucentLogo() {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 300, 120);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgba(cr, 0.1, 0.3, 0.8, 0.5);
    cairo_arc(cr, 60, 60, 50, 0, 6.2832);
    cairo_fill(cr);
    cairo_set_source_rgba(cr, 0.9, 0.2, 0.1, 1);
    cairo_rectangle(cr, 130, 30, 150, 60);
    cairo_fill(cr);
    cairo_destroy(cr);
    std::string png;
    cairo_surface_write_to_png_stream(
        surface,
        [](void* out, const unsigned char* data, unsigned int length) {
          static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
          return CAIRO_STATUS_SUCCESS;
        },
        &png);
    cairo_surface_destroy(surface);
    return png;
  }

  static std::string Invoice(const std::string& logo_png = "") {
    PdfDocument d;
    d.logo_png = logo_png;
    d.title = "Facture n° FAC-2027-0042";
    d.seller_name = "Sono Lumière";
    d.seller = {"Sono Lumière SAS", "1 rue du Parc", "37000 Tours"};
    d.buyer = {"Château & Fils", "8 rue des Lilas", "37000 Tours"};
    d.dates = {"Date : 14/06/2027"};
    d.subject = "Mariage Durand";
    d.lines = {{"Animation DJ", "6 h", "125,00 €", "20 %", "750,00 €"}};
    d.totals = {
        {"Total HT", "750,00 €"}, {"TVA 20 %", "150,00 €"}, {"Total TTC", "900,00 €", true}};
    d.creation_date = "2027-06-14T10:00:00Z";
    auto bytes = RenderPdf(d);
    EXPECT_TRUE(bytes) << bytes.error().message;
    return bytes ? *bytes : std::string();
  }

  nlohmann::json Check(const std::string& pdf) {
    const auto file = dir_ / "facturx.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    const auto out = dir_ / "report.json";
    const std::string command = "/usr/bin/python3 '" + kSource + "/tests/tools/check_pdfa.py' '" +
                                file.string() + "' '" + dir_.string() + "' > '" + out.string() +
                                "'";
    EXPECT_EQ(std::system(command.c_str()), 0);
    std::ifstream in(out);
    return nlohmann::json::parse(in, nullptr, false);
  }

  std::string Extracted(const nlohmann::json& report) {
    if (!report["attachment"].is_string()) return {};
    std::ifstream in(report["attachment"].get<std::string>(), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::filesystem::path dir_;
};

const std::string kXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rsm:CrossIndustryInvoice "
    "xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\">"
    "<!-- Château & Fils --></rsm:CrossIndustryInvoice>\n";

TEST_F(FacturX, APdfA3bWithTheXmlAsItsAlternative) {
  auto made = MakeFacturX(Invoice(), kXml,
                          {"Facture FAC-2027-0042", "Sono Lumière SAS",
                           "Facture électronique Factur-X (EN 16931)", "2027-06-14T10:00:00Z"});
  ASSERT_TRUE(made) << made.error().message;
  auto report = Check(*made);
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["qpdf_check"], "ok");
  EXPECT_EQ(Extracted(report), kXml) << "pdfdetach gives back the very bytes";
  EXPECT_EQ(report["filespec"]["AFRelationship"], "/Alternative");
  EXPECT_EQ(report["filespec"]["Subtype"], "/text/xml");
  EXPECT_EQ(report["filespec"]["F"], "u:factur-x.xml");
  EXPECT_TRUE(report["filespec"]["listed_in_names"]);
  const auto& xmp = report["xmp"];
  EXPECT_EQ(xmp["part"], "3");
  EXPECT_EQ(xmp["conformance"], "B");
  EXPECT_EQ(xmp["DocumentType"], "INVOICE");
  EXPECT_EQ(xmp["DocumentFileName"], "factur-x.xml");
  EXPECT_EQ(xmp["Version"], "1.0");
  EXPECT_EQ(xmp["ConformanceLevel"], "EN 16931");
  EXPECT_EQ(xmp["extension_namespace"], "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#");
  EXPECT_EQ(xmp["extension_prefix"], "fx");
  EXPECT_EQ(xmp["packet_header"], "<?xpacket");
  EXPECT_TRUE(report["metadata_filter"].is_null()) << "PDF/A: the XMP stream is not filtered";
  // The document information says what the XMP says.
  EXPECT_EQ(xmp["title"], "Facture FAC-2027-0042");
  EXPECT_EQ(report["info"]["/Title"], "u:Facture FAC-2027-0042");
  EXPECT_EQ(xmp["creator"], "Sono Lumière SAS");
  EXPECT_EQ(report["info"]["/Author"], "u:Sono Lumière SAS");
  EXPECT_EQ(xmp["producer"], "Planify (cairo, qpdf)");
  EXPECT_EQ(xmp["create_date"], "2027-06-14T10:00:00+00:00");
  EXPECT_EQ(report["info"]["/CreationDate"], "u:D:20270614100000+00'00'");
  // sRGB output intent with a version 2 monitor RGB profile.
  const auto& intent = report["output_intent"];
  EXPECT_EQ(intent["S"], "/GTS_PDFA1");
  EXPECT_EQ(intent["N"], 3);
  EXPECT_EQ(intent["icc_version"], "2.1");
  EXPECT_EQ(intent["icc_class"], "mntr");
  EXPECT_EQ(intent["icc_space"], "RGB ");
  EXPECT_EQ(intent["icc_pcs"], "XYZ ");
  EXPECT_EQ(intent["icc_signature"], "acsp");
  EXPECT_EQ(intent["icc_size_field"], intent["icc_bytes"]);
  EXPECT_EQ(report["violations"], nlohmann::json::array());
  // Every font embedded; PDF 1.7.
  EXPECT_GE(report["fonts_total"], 1);
  EXPECT_EQ(report["fonts"], nlohmann::json::array()) << report["fonts"];
  EXPECT_EQ(report["version"], "1.7");
  auto extracted = ExtractFacturX(*made);
  ASSERT_TRUE(extracted) << extracted.error().message;
  EXPECT_EQ(*extracted, kXml);
}

// A logo with transparency is where cairo's output could leave PDF/A: soft masks are allowed in
// PDF/A-3, /Interpolate true (cairo's default for smooth filters) is not.
TEST_F(FacturX, ALogoWithTransparencyStaysPdfA) {
  const std::string logo = TranslucentLogo();
  ASSERT_GT(logo.size(), 100U);
  auto made = MakeFacturX(
      Invoice(logo), kXml,
      {"Facture FAC-2027-0042", "Sono Lumière SAS", "Factur-X", "2027-06-14T10:00:00Z"});
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_NE(made->find("/SMask"), std::string::npos) << "the logo's alpha is a soft mask";
  auto report = Check(*made);
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["qpdf_check"], "ok");
  EXPECT_EQ(report["violations"], nlohmann::json::array());
  EXPECT_EQ(report["fonts"], nlohmann::json::array());
}

// The reader finds what it looks for: the same PDF broken in known ways.
TEST_F(FacturX, ThePdfAReaderCatchesWhatItChecks) {
  auto made = MakeFacturX(
      Invoice(TranslucentLogo()), kXml,
      {"Facture FAC-2027-0042", "Sono Lumière SAS", "Factur-X", "2027-06-14T10:00:00Z"});
  ASSERT_TRUE(made);
  auto broken = [&](const std::string& from, const std::string& to) {
    std::string copy = *made;
    const auto at = copy.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) copy.replace(at, from.size(), to);
    return Check(copy)["violations"].dump();
  };
  // (qpdf rebuilds the cross-reference table the edits shift.)
  EXPECT_NE(broken("/Subtype /Image", "/Interpolate true /Subtype /Image").find("6.2.8"),
            std::string::npos);
  EXPECT_NE(broken("%%EOF", "%%EOF\n% more").find("6.1.3"), std::string::npos);
}

TEST_F(FacturX, TheSameInvoiceGivesTheSameBytes) {
  const std::string pdf = Invoice();
  const FacturXMetadata m{"Facture FAC-2027-0042", "Sono Lumière SAS", "Factur-X",
                          "2027-06-14T10:00:00Z"};
  auto first = MakeFacturX(pdf, kXml, m);
  auto second = MakeFacturX(pdf, kXml, m);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  auto other = MakeFacturX(pdf, kXml + " ", m);
  ASSERT_TRUE(other);
  EXPECT_NE(*first, *other);
}

TEST_F(FacturX, RefusesWhatIsNotAPdf) {
  auto made = MakeFacturX("not a pdf", kXml, {"t", "a", "s", "2027-06-14T10:00:00Z"});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::kValidation);
  auto plain = ExtractFacturX(Invoice());
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace planify::integrations
