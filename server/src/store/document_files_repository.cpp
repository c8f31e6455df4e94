#include "store/document_files_repository.hpp"

#include "store/emails_repository.hpp"
#include "store/migrations.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

// Only these tables carry a pdf_file_id; the name is never taken from a request.
bool KnownTable(const std::string& table) {
  return table == "quotes" || table == "invoices" || table == "credit_notes";
}

std::optional<long long> OptInt(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return std::nullopt;
  return GetInt64(row, i);
}

}  // namespace

long long DocumentFilesRepository::Insert(OrganizationId org, const std::string& document_type,
                                          long long document_id, const std::string& purpose,
                                          const std::string& filename, const std::string& content,
                                          const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Text("type", document_type)
      .Int("document", document_id)
      .Text("purpose", purpose)
      .Text("filename", filename)
      .Int("size", static_cast<long long>(content.size()))
      .Text("sha", Sha256Hex(content))
      .Text("content", Base64Encode(content))
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO document_files (organization_id, document_type, document_id, purpose, "
            "filename, size_bytes, sha256, content_base64, created_at) VALUES (:org, :type, "
            ":document, :purpose, :filename, :size, :sha, :content, :now) RETURNING id",
            &id);
  return id;
}

std::optional<DocumentFile> DocumentFilesRepository::Find(OrganizationId org, long long id) {
  std::optional<DocumentFile> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_,
               "SELECT id, filename, sha256, content_base64, CAST(created_at AS TEXT) FROM "
               "document_files WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) {
                 DocumentFile f;
                 f.id = GetInt64(row, 0);
                 f.filename = RowText(row, 1);
                 f.sha256 = RowText(row, 2);
                 f.content = Base64Decode(RowText(row, 3)).value_or("");
                 f.created_at = RowTimestamp(row, 4);
                 out = std::move(f);
               });
  return out;
}

std::optional<long long> DocumentFilesRepository::PdfOf(OrganizationId org,
                                                        const std::string& table,
                                                        long long document_id) {
  if (!KnownTable(table)) return std::nullopt;
  std::optional<long long> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", document_id);
  p.ForEachRow(lease_,
               "SELECT pdf_file_id FROM " + table + " WHERE organization_id = :org AND id = :id",
               [&](const soci::row& row) { out = OptInt(row, 0); });
  return out;
}

void DocumentFilesRepository::SetPdf(OrganizationId org, const std::string& table,
                                     long long document_id, long long file_id) {
  if (!KnownTable(table)) return;
  SqlParams p;
  p.Int("file", file_id).Int("org", org.value).Int("id", document_id);
  p.Execute(lease_, "UPDATE " + table +
                        " SET pdf_file_id = :file WHERE organization_id = :org AND id = :id");
}

void DocumentFilesRepository::ClearPdf(OrganizationId org, const std::string& table,
                                       long long document_id) {
  if (!KnownTable(table)) return;
  SqlParams p;
  p.Int("org", org.value).Int("id", document_id);
  p.Execute(lease_, "UPDATE " + table +
                        " SET pdf_file_id = NULL WHERE organization_id = :org AND id = :id");
}

void DocumentFilesRepository::SetPaymentProof(OrganizationId org, long long payment_id,
                                              const std::string& filename,
                                              const std::string& content_type,
                                              const std::string& content, const std::string& now) {
  long long org_id = org.value;
  *lease_ << "DELETE FROM payment_proofs WHERE organization_id = :org AND payment_id = :payment",
      soci::use(org_id, "org"), soci::use(payment_id, "payment");
  SqlParams p;
  p.Int("org", org_id)
      .Int("payment", payment_id)
      .Text("filename", filename)
      .Text("type", content_type)
      .Int("size", static_cast<long long>(content.size()))
      .Text("sha", Sha256Hex(content))
      .Text("content", Base64Encode(content))
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO payment_proofs (organization_id, payment_id, filename, content_type, "
            "size_bytes, sha256, content_base64, created_at) VALUES (:org, :payment, :filename, "
            ":type, :size, :sha, :content, :now)");
}

std::optional<PaymentProof> DocumentFilesRepository::PaymentProofOf(OrganizationId org,
                                                                    long long payment_id) {
  std::optional<PaymentProof> out;
  SqlParams p;
  p.Int("org", org.value).Int("payment", payment_id);
  p.ForEachRow(lease_,
               "SELECT filename, content_type, sha256, content_base64 FROM payment_proofs WHERE "
               "organization_id = :org AND payment_id = :payment",
               [&](const soci::row& row) {
                 out = PaymentProof{RowText(row, 0), RowText(row, 1), RowText(row, 2),
                                    Base64Decode(RowText(row, 3)).value_or("")};
               });
  return out;
}

long long DocumentFilesRepository::InsertSignature(OrganizationId org, const SignatureRecord& s,
                                                   const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Int("quote", s.quote_id)
      .TextOrNull("name", s.signer_name)
      .TextOrNull("email", s.signer_email)
      .Text("method", s.method)
      .TextOrNull("image", s.image_png.empty() ? "" : Base64Encode(s.image_png))
      .TextOrNull("consent", s.consent_text)
      .Text("signed_at", s.signed_at)
      .TextOrNull("ip", s.ip_address)
      .TextOrNull("agent", s.user_agent)
      .TextOrNull("sha", s.document_sha256)
      .IntOrNull("document_file", s.document_file_id)
      .IntOrNull("signed_file", s.signed_file_id)
      .Text("evidence", s.evidence)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO signatures (organization_id, quote_id, signer_name, signer_email, method, "
            "image_base64, consent_text, signed_at, ip_address, user_agent, document_sha256, "
            "document_file_id, signed_file_id, evidence, created_at) VALUES (:org, :quote, :name, "
            ":email, :method, :image, :consent, :signed_at, :ip, :agent, :sha, :document_file, "
            ":signed_file, :evidence, :now) RETURNING id",
            &id);
  return id;
}

std::optional<SignatureRecord> DocumentFilesRepository::SignatureOf(OrganizationId org,
                                                                    long long quote_id) {
  std::optional<SignatureRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("quote", quote_id);
  p.ForEachRow(lease_,
               "SELECT id, quote_id, signer_name, signer_email, method, image_base64, "
               "consent_text, CAST(signed_at AS TEXT), ip_address, user_agent, document_sha256, "
               "document_file_id, signed_file_id, evidence FROM signatures WHERE "
               "organization_id = :org AND quote_id = :quote",
               [&](const soci::row& row) {
                 SignatureRecord s;
                 s.id = GetInt64(row, 0);
                 s.quote_id = GetInt64(row, 1);
                 s.signer_name = RowText(row, 2);
                 s.signer_email = RowText(row, 3);
                 s.method = RowText(row, 4);
                 s.image_png = Base64Decode(RowText(row, 5)).value_or("");
                 s.consent_text = RowText(row, 6);
                 s.signed_at = RowTimestamp(row, 7);
                 s.ip_address = RowText(row, 8);
                 s.user_agent = RowText(row, 9);
                 s.document_sha256 = RowText(row, 10);
                 s.document_file_id = OptInt(row, 11);
                 s.signed_file_id = OptInt(row, 12);
                 s.evidence = RowText(row, 13);
                 out = std::move(s);
               });
  return out;
}

}  // namespace planify::store
