#pragma once

#include <optional>
#include <string>

#include "domain/ids.hpp"
#include "store/database.hpp"

namespace planify::store {

struct DocumentFile {
  long long id = 0;
  std::string filename;
  std::string sha256;
  std::string content;  // raw PDF bytes
  std::string created_at;
};

// The evidence of a quote's online signature (append-only).
struct SignatureRecord {
  long long id = 0;
  long long quote_id = 0;
  std::string signer_name;
  std::string signer_email;
  std::string method = "drawn";
  std::string image_png;  // raw bytes
  std::string consent_text;
  std::string signed_at;
  std::string ip_address;
  std::string user_agent;
  std::string document_sha256;
  std::optional<long long> document_file_id;
  std::optional<long long> signed_file_id;
  std::string evidence = "full";
};

struct PaymentProof {
  std::string filename;
  std::string content_type;
  std::string sha256;
  std::string content;  // raw bytes
};

// Stored document PDFs and signatures, always within one organisation; runs on the caller's
// lease and transaction.
class DocumentFilesRepository {
 public:
  explicit DocumentFilesRepository(Lease& lease) : lease_(lease) {}

  // `document_type`: quote, invoice, credit_note; `purpose`: sent, issued, signed.
  long long Insert(OrganizationId org, const std::string& document_type, long long document_id,
                   const std::string& purpose, const std::string& filename,
                   const std::string& content, const std::string& now);
  [[nodiscard]] std::optional<DocumentFile> Find(OrganizationId org, long long id);
  // The PDF a document points to (quotes, invoices, credit_notes), or nullopt.
  [[nodiscard]] std::optional<long long> PdfOf(OrganizationId org, const std::string& table,
                                               long long document_id);
  void SetPdf(OrganizationId org, const std::string& table, long long document_id,
              long long file_id);

  // The document no longer has a stored PDF (a quote edited after sending).
  void ClearPdf(OrganizationId org, const std::string& table, long long document_id);

  // Replaces the payment's proof.
  void SetPaymentProof(OrganizationId org, long long payment_id, const std::string& filename,
                       const std::string& content_type, const std::string& content,
                       const std::string& now);
  [[nodiscard]] std::optional<PaymentProof> PaymentProofOf(OrganizationId org,
                                                           long long payment_id);

  long long InsertSignature(OrganizationId org, const SignatureRecord& signature,
                            const std::string& now);
  [[nodiscard]] std::optional<SignatureRecord> SignatureOf(OrganizationId org, long long quote_id);

 private:
  Lease& lease_;
};

}  // namespace planify::store
