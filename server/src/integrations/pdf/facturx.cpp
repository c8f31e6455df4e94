#include "integrations/pdf/facturx.hpp"

#include <lcms2.h>
// qpdf's C API: its C++ headers do not compile with clang 14 in C++20 mode (the fuzz build).
#include <qpdf/qpdf-c.h>

#include <cstdlib>
#include <vector>

#include "domain/einvoice.hpp"

namespace planify::integrations {

namespace {

constexpr const char* kFileName = "factur-x.xml";
constexpr const char* kFacturXNamespace = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

// "2027-06-14T10:00:00Z" → "D:20270614100000+00'00'" (document information).
std::string PdfDate(const std::string& iso) {
  std::string digits;
  for (char c : iso.substr(0, 19)) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return "D:" + digits + "+00'00'";
}

// "2027-06-14T10:00:00Z" → "2027-06-14T10:00:00+00:00" (XMP).
std::string XmpDate(const std::string& iso) { return iso.substr(0, 19) + "+00:00"; }

std::string Property(const char* name, const char* description) {
  return std::string(
             "<rdf:li rdf:parseType=\"Resource\">"
             "<pdfaProperty:name>") +
         name +
         "</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType>"
         "<pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>" +
         description + "</pdfaProperty:description></rdf:li>\n";
}

std::string Xmp(const FacturXMetadata& m, const std::string& producer) {
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
       "<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
       "</rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
       "<dc:format>application/pdf</dc:format>"
       "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
       domain::EscapeXml(m.title) +
       "</rdf:li></rdf:Alt></dc:title>"
       "<dc:creator><rdf:Seq><rdf:li>" +
       domain::EscapeXml(m.author) +
       "</rdf:li></rdf:Seq></dc:creator>"
       "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
       domain::EscapeXml(m.subject) + "</rdf:li></rdf:Alt></dc:description></rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
       "<pdf:Producer>" +
       domain::EscapeXml(producer) + "</pdf:Producer></rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
       "<xmp:CreatorTool>Planify</xmp:CreatorTool><xmp:CreateDate>" +
       XmpDate(m.created) + "</xmp:CreateDate><xmp:ModifyDate>" + XmpDate(m.created) +
       "</xmp:ModifyDate></rdf:Description>\n";
  // The Factur-X properties are not in a predefined XMP schema: PDF/A asks for their
  // description as an extension schema.
  x += "<rdf:Description rdf:about=\"\" "
       "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
       "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
       "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
       "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
       "<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n"
       "<pdfaSchema:namespaceURI>";
  x += kFacturXNamespace;
  x += "</pdfaSchema:namespaceURI>\n<pdfaSchema:prefix>fx</pdfaSchema:prefix>\n"
       "<pdfaSchema:property><rdf:Seq>\n";
  x += Property("DocumentFileName", "The name of the embedded XML document");
  x += Property("DocumentType",
                "The type of the hybrid document in capital letters, e.g. "
                "INVOICE or ORDER");
  x += Property("Version",
                "The actual version of the standard applying to the embedded XML "
                "document");
  x += Property("ConformanceLevel", "The conformance level of the embedded XML document");
  x += "</rdf:Seq></pdfaSchema:property>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
       "</rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:fx=\"";
  x += kFacturXNamespace;
  x += "\"><fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>";
  x += kFileName;
  x += "</fx:DocumentFileName><fx:Version>1.0</fx:Version>"
       "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel></rdf:Description>\n";
  x += "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return x;
}

std::string MakeSrgbProfile() {
  cmsHPROFILE profile = cmsCreate_sRGBProfile();
  if (profile == nullptr) return {};
  // Version 2: what every PDF/A validator and reader accepts for an output intent.
  cmsSetProfileVersion(profile, 2.1);
  cmsUInt32Number size = 0;
  std::string bytes;
  if (cmsSaveProfileToMem(profile, nullptr, &size) != 0 && size > 0) {
    bytes.resize(size);
    if (cmsSaveProfileToMem(profile, bytes.data(), &size) == 0) bytes.clear();
  }
  cmsCloseProfile(profile);
  return bytes;
}

}  // namespace

const std::string& SrgbIccProfile() {
  static const std::string kProfile = MakeSrgbProfile();
  return kProfile;
}

namespace {

// One qpdf document; its object handles live until it is cleaned up.
class Qpdf {
 public:
  Qpdf() : q_(qpdf_init()) {
    qpdf_silence_errors(q_);
    qpdf_set_suppress_warnings(q_, QPDF_TRUE);
  }
  ~Qpdf() { qpdf_cleanup(&q_); }
  Qpdf(const Qpdf&) = delete;
  Qpdf& operator=(const Qpdf&) = delete;

  qpdf_data get() { return q_; }
  [[nodiscard]] bool Failed() { return qpdf_has_error(q_) != QPDF_FALSE; }
  // The reason of the last error, in qpdf's words.
  std::string Reason() {
    qpdf_error error = qpdf_get_error(q_);
    return error == nullptr ? "erreur inconnue" : qpdf_get_error_full_text(q_, error);
  }

  qpdf_oh Name(const char* name) { return qpdf_oh_new_name(q_, name); }
  qpdf_oh Text(const std::string& utf8) { return qpdf_oh_new_unicode_string(q_, utf8.c_str()); }
  qpdf_oh Ascii(const std::string& text) { return qpdf_oh_new_string(q_, text.c_str()); }
  qpdf_oh Dict() { return qpdf_oh_new_dictionary(q_); }
  qpdf_oh Array(const std::vector<qpdf_oh>& items) {
    qpdf_oh array = qpdf_oh_new_array(q_);
    for (qpdf_oh item : items) qpdf_oh_append_item(q_, array, item);
    return array;
  }
  qpdf_oh Stream(std::string_view data) {
    qpdf_oh stream = qpdf_oh_new_stream(q_);
    qpdf_oh none = qpdf_oh_new_null(q_);
    qpdf_oh_replace_stream_data(q_, stream, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size(), none, none);
    return stream;
  }
  void Set(qpdf_oh dict, const char* key, qpdf_oh value) {
    qpdf_oh_replace_key(q_, dict, key, value);
  }

 private:
  qpdf_data q_;
};

}  // namespace

Result<std::string> MakeFacturX(std::string_view pdf, std::string_view xml,
                                const FacturXMetadata& metadata) {
  const std::string producer = "Planify (cairo, qpdf)";
  const std::string& icc = SrgbIccProfile();
  if (icc.empty()) return Fail(ErrorCode::kInternal, "lcms2 could not write the sRGB profile");
  Qpdf q;
  const std::string input(pdf);  // read in place: kept until the write
  if (qpdf_read_memory(q.get(), "document.pdf", input.data(), input.size(), nullptr) &
          QPDF_ERRORS ||
      q.Failed()) {
    return Fail(ErrorCode::kValidation, "PDF illisible : " + q.Reason());
  }
  qpdf_oh root = qpdf_get_root(q.get());

  // The XML as an embedded file, described by a file specification the catalog lists.
  qpdf_oh file = q.Stream(xml);
  qpdf_oh file_dict = qpdf_oh_get_dict(q.get(), file);
  q.Set(file_dict, "/Type", q.Name("/EmbeddedFile"));
  q.Set(file_dict, "/Subtype", q.Name("/text/xml"));
  qpdf_oh params = q.Dict();
  q.Set(params, "/ModDate", q.Ascii(PdfDate(metadata.created)));
  q.Set(params, "/Size", qpdf_oh_new_integer(q.get(), static_cast<long long>(xml.size())));
  q.Set(file_dict, "/Params", params);
  qpdf_oh ef = q.Dict();
  q.Set(ef, "/F", file);
  q.Set(ef, "/UF", file);
  qpdf_oh spec = qpdf_make_indirect_object(q.get(), q.Dict());
  q.Set(spec, "/Type", q.Name("/Filespec"));
  q.Set(spec, "/F", q.Text(kFileName));
  q.Set(spec, "/UF", q.Text(kFileName));
  q.Set(spec, "/Desc", q.Text("Factur-X"));
  q.Set(spec, "/AFRelationship", q.Name("/Alternative"));
  q.Set(spec, "/EF", ef);

  qpdf_oh names = qpdf_oh_get_key(q.get(), root, "/Names");
  if (qpdf_oh_is_dictionary(q.get(), names) == QPDF_FALSE) {
    names = q.Dict();
    q.Set(root, "/Names", names);
  }
  qpdf_oh tree = q.Dict();
  q.Set(tree, "/Names", q.Array({q.Text(kFileName), spec}));
  q.Set(names, "/EmbeddedFiles", tree);
  q.Set(root, "/AF", q.Array({spec}));

  // PDF/A-3b: XMP metadata, an output intent, document information matching the XMP.
  qpdf_oh xmp = q.Stream(Xmp(metadata, producer));
  qpdf_oh xmp_dict = qpdf_oh_get_dict(q.get(), xmp);
  q.Set(xmp_dict, "/Type", q.Name("/Metadata"));
  q.Set(xmp_dict, "/Subtype", q.Name("/XML"));
  q.Set(root, "/Metadata", xmp);

  qpdf_oh profile = q.Stream(icc);
  q.Set(qpdf_oh_get_dict(q.get(), profile), "/N", qpdf_oh_new_integer(q.get(), 3));
  qpdf_oh intent = q.Dict();
  q.Set(intent, "/Type", q.Name("/OutputIntent"));
  q.Set(intent, "/S", q.Name("/GTS_PDFA1"));
  q.Set(intent, "/OutputConditionIdentifier", q.Ascii("sRGB IEC61966-2.1"));
  q.Set(intent, "/Info", q.Ascii("sRGB IEC61966-2.1"));
  q.Set(intent, "/DestOutputProfile", profile);
  q.Set(root, "/OutputIntents", q.Array({intent}));

  qpdf_oh info = qpdf_make_indirect_object(q.get(), q.Dict());
  q.Set(info, "/Title", q.Text(metadata.title));
  q.Set(info, "/Author", q.Text(metadata.author));
  q.Set(info, "/Subject", q.Text(metadata.subject));
  q.Set(info, "/Creator", q.Text("Planify"));
  q.Set(info, "/Producer", q.Text(producer));
  q.Set(info, "/CreationDate", q.Ascii(PdfDate(metadata.created)));
  q.Set(info, "/ModDate", q.Ascii(PdfDate(metadata.created)));
  q.Set(qpdf_get_trailer(q.get()), "/Info", info);

  if (q.Failed()) return Fail(ErrorCode::kInternal, "qpdf: " + q.Reason());
  if (qpdf_init_write_memory(q.get()) & QPDF_ERRORS) {
    return Fail(ErrorCode::kInternal, "qpdf: " + q.Reason());
  }
  qpdf_set_deterministic_ID(q.get(), QPDF_TRUE);
  qpdf_set_minimum_pdf_version(q.get(), "1.7");
  if (qpdf_write(q.get()) & QPDF_ERRORS || q.Failed()) {
    return Fail(ErrorCode::kInternal, "qpdf: " + q.Reason());
  }
  return std::string(reinterpret_cast<const char*>(qpdf_get_buffer(q.get())),
                     qpdf_get_buffer_length(q.get()));
}

Result<std::string> ExtractFacturX(std::string_view pdf) {
  Qpdf q;
  const std::string input(pdf);
  if (qpdf_read_memory(q.get(), "document.pdf", input.data(), input.size(), nullptr) &
          QPDF_ERRORS ||
      q.Failed()) {
    return Fail(ErrorCode::kValidation, "PDF illisible : " + q.Reason());
  }
  // /Names /EmbeddedFiles /Names [(name) filespec …], as MakeFacturX writes it.
  qpdf_oh root = qpdf_get_root(q.get());
  qpdf_oh names = qpdf_oh_get_key_if_dict(q.get(), root, "/Names");
  qpdf_oh tree = qpdf_oh_get_key_if_dict(q.get(), names, "/EmbeddedFiles");
  qpdf_oh list = qpdf_oh_get_key_if_dict(q.get(), tree, "/Names");
  const int n =
      qpdf_oh_is_array(q.get(), list) != QPDF_FALSE ? qpdf_oh_get_array_n_items(q.get(), list) : 0;
  for (int i = 0; i + 1 < n; i += 2) {
    qpdf_oh key = qpdf_oh_get_array_item(q.get(), list, i);
    const char* name = qpdf_oh_get_utf8_value(q.get(), key);
    if (name == nullptr || std::string_view(name) != kFileName) continue;
    qpdf_oh spec = qpdf_oh_get_array_item(q.get(), list, i + 1);
    qpdf_oh ef = qpdf_oh_get_key_if_dict(q.get(), spec, "/EF");
    qpdf_oh stream = qpdf_oh_get_key_if_dict(q.get(), ef, "/F");
    if (qpdf_oh_is_stream(q.get(), stream) == QPDF_FALSE) break;
    unsigned char* data = nullptr;
    size_t length = 0;
    QPDF_BOOL filtered = QPDF_FALSE;
    if (qpdf_oh_get_stream_data(q.get(), stream, qpdf_dl_all, &filtered, &data, &length) &
        QPDF_ERRORS) {
      return Fail(ErrorCode::kValidation, "PDF illisible : " + q.Reason());
    }
    std::string out(reinterpret_cast<const char*>(data), length);
    std::free(data);  // NOLINT(cppcoreguidelines-no-malloc): qpdf allocates it with malloc
    return out;
  }
  return Fail(ErrorCode::kNotFound, "Pas de factur-x.xml dans ce PDF.");
}

}  // namespace planify::integrations
