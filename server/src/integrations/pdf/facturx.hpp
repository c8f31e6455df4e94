#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::integrations {

// What the PDF says about itself, in its XMP metadata and its document information (the two
// must agree for PDF/A).
struct FacturXMetadata {
  std::string title;    // "Facture FAC-2027-0042"
  std::string author;   // the seller
  std::string subject;  // "Facture électronique Factur-X (EN 16931)"
  std::string created;  // ISO 8601 UTC, "2027-06-14T10:00:00Z": fixed, so bytes depend on content
};

// A Factur-X invoice (profile EN 16931): the PDF drawn by RenderPdf made PDF/A-3b with qpdf —
// the CII XML embedded as `factur-x.xml` (subtype text/xml, AFRelationship /Alternative, listed
// in the catalog's /AF and /Names /EmbeddedFiles), XMP metadata declaring PDF/A-3B and the
// Factur-X extension schema (DocumentType INVOICE, DocumentFileName, Version 1.0,
// ConformanceLevel EN 16931), an sRGB output intent (ICC v2 profile from lcms2), the document
// information rewritten to match the XMP, and a deterministic /ID.
// VALIDATION when `pdf` is not a PDF qpdf can read; INTERNAL when writing fails.
[[nodiscard]] Result<std::string> MakeFacturX(std::string_view pdf, std::string_view xml,
                                              const FacturXMetadata& metadata);

// The embedded factur-x.xml of a PDF (the bytes as stored), or NOT_FOUND.
[[nodiscard]] Result<std::string> ExtractFacturX(std::string_view pdf);

// The sRGB IEC 61966-2.1 ICC profile (version 2.1) the output intent carries.
[[nodiscard]] const std::string& SrgbIccProfile();

}  // namespace planify::integrations
