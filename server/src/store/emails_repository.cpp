#include "store/emails_repository.hpp"

#include <sodium.h>

namespace planify::store {

std::string Base64Encode(const std::string& bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> Base64Decode(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

namespace {

constexpr const char* kColumns =
    "id, organization_id, to_address, to_name, from_name, reply_to, subject, html_body, text_body, "
    "template, status, provider, provider_message_id, attempts, last_error, CAST(created_at AS "
    "TEXT), "
    "CAST(sent_at AS TEXT)";

std::string Text(const soci::row& row, std::size_t i) {
  return row.get_indicator(i) == soci::i_null ? std::string() : row.get<std::string>(i);
}

std::string Ts(Dialect dialect, const std::string& text) {
  return text.empty() || dialect == Dialect::kSqlite ? text : NormalizeTimestamp(text);
}

EmailRow Read(const soci::row& row, Dialect dialect) {
  EmailRow e;
  e.id = GetInt64(row, 0);
  if (row.get_indicator(1) != soci::i_null) e.organization = OrganizationId{GetInt64(row, 1)};
  e.draft.to_address = row.get<std::string>(2);
  e.draft.to_name = Text(row, 3);
  e.draft.from_name = row.get<std::string>(4);
  if (row.get_indicator(5) != soci::i_null) e.draft.reply_to = row.get<std::string>(5);
  e.draft.subject = row.get<std::string>(6);
  e.draft.html = row.get<std::string>(7);
  e.draft.text = row.get<std::string>(8);
  if (row.get_indicator(9) != soci::i_null) e.draft.template_name = row.get<std::string>(9);
  e.status = row.get<std::string>(10);
  e.provider = Text(row, 11);
  e.provider_message_id = Text(row, 12);
  e.attempts = static_cast<int>(GetInt64(row, 13));
  e.last_error = Text(row, 14);
  e.created_at = Ts(dialect, row.get<std::string>(15));
  e.sent_at = Ts(dialect, Text(row, 16));
  return e;
}

}  // namespace

long long EmailsRepository::Insert(std::optional<OrganizationId> organization,
                                   const domain::EmailDraft& draft, const std::string& now) {
  long long org = organization ? organization->value : 0;
  soci::indicator org_ind = organization ? soci::i_ok : soci::i_null;
  std::string reply_to = draft.reply_to.value_or("");
  soci::indicator reply_ind = draft.reply_to ? soci::i_ok : soci::i_null;
  std::string tmpl = draft.template_name.value_or("");
  soci::indicator tmpl_ind = draft.template_name ? soci::i_ok : soci::i_null;
  long long id = 0;
  *lease_
      << "INSERT INTO emails (organization_id, to_address, to_name, from_name, reply_to, subject, "
         "html_body, text_body, template, status, created_at, updated_at) VALUES (:org, :to, "
         ":to_name, :from_name, :reply_to, :subject, :html, :text, :tmpl, 'queued', :c, :u) "
         "RETURNING id",
      soci::use(org, org_ind), soci::use(draft.to_address), soci::use(draft.to_name),
      soci::use(draft.from_name), soci::use(reply_to, reply_ind), soci::use(draft.subject),
      soci::use(draft.html), soci::use(draft.text), soci::use(tmpl, tmpl_ind), soci::use(now),
      soci::use(now), soci::into(id);
  for (const auto& a : draft.attachments) {
    std::string encoded = Base64Encode(a.content);
    long long size = static_cast<long long>(a.content.size());
    *lease_ << "INSERT INTO email_attachments (email_id, filename, content_type, content_base64, "
               "size_bytes, created_at) VALUES (:e, :f, :t, :c, :s, :n)",
        soci::use(id), soci::use(a.filename), soci::use(a.content_type), soci::use(encoded),
        soci::use(size), soci::use(now);
  }
  return id;
}

std::optional<EmailRow> EmailsRepository::Find(long long id) {
  std::optional<EmailRow> out;
  {
    soci::rowset<soci::row> rows =
        (lease_->prepare << std::string("SELECT ") + kColumns + " FROM emails WHERE id = :id",
         soci::use(id));
    for (const auto& row : rows) out = Read(row, lease_.dialect());
  }
  if (!out) return out;
  soci::rowset<soci::row> files =
      (lease_->prepare << "SELECT filename, content_type, content_base64 FROM email_attachments "
                          "WHERE email_id = :id ORDER BY id",
       soci::use(id));
  for (const auto& row : files) {
    domain::EmailAttachment a;
    a.filename = row.get<std::string>(0);
    a.content_type = row.get<std::string>(1);
    a.content = Base64Decode(row.get<std::string>(2)).value_or("");
    out->draft.attachments.push_back(std::move(a));
  }
  return out;
}

std::vector<EmailRow> EmailsRepository::List(int limit) {
  std::vector<EmailRow> out;
  soci::rowset<soci::row> rows = (lease_->prepare << std::string("SELECT ") + kColumns +
                                                         " FROM emails ORDER BY id DESC LIMIT :n",
                                  soci::use(limit));
  for (const auto& row : rows) out.push_back(Read(row, lease_.dialect()));
  return out;
}

std::vector<EmailRow> EmailsRepository::ListForOrganization(OrganizationId organization, int limit,
                                                            long long before_id) {
  long long org = organization.value;
  std::vector<EmailRow> out;
  soci::rowset<soci::row> rows =
      (lease_->prepare << std::string("SELECT ") + kColumns +
                              " FROM emails WHERE organization_id = :org AND (:before = 0 OR "
                              "id < :before2) ORDER BY id DESC LIMIT :n",
       soci::use(org, "org"), soci::use(before_id, "before"), soci::use(before_id, "before2"),
       soci::use(limit, "n"));
  for (const auto& row : rows) out.push_back(Read(row, lease_.dialect()));
  return out;
}

void EmailsRepository::MarkSent(long long id, const std::string& provider,
                                const std::string& message_id, const std::string& now) {
  *lease_
      << "UPDATE emails SET status = 'sent', provider = :p, provider_message_id = :m, "
         "attempts = attempts + 1, last_error = NULL, sent_at = :s, updated_at = :u WHERE id = :id",
      soci::use(provider, "p"), soci::use(message_id, "m"), soci::use(now, "s"),
      soci::use(now, "u"), soci::use(id, "id");
}

void EmailsRepository::RecordFailure(long long id, const std::string& error, bool final,
                                     const std::string& now) {
  std::string clipped = error.size() > 2000 ? error.substr(0, 2000) : error;
  std::string status = final ? "failed" : "queued";
  *lease_ << "UPDATE emails SET status = :st, attempts = attempts + 1, last_error = :e, "
             "updated_at = :u WHERE id = :id AND status = 'queued'",
      soci::use(status, "st"), soci::use(clipped, "e"), soci::use(now, "u"), soci::use(id, "id");
}

std::optional<EmailRow> EmailsRepository::FindByProviderMessage(const std::string& provider,
                                                                const std::string& message_id) {
  long long id = 0;
  *lease_ << "SELECT id FROM emails WHERE provider = :p AND provider_message_id = :m",
      soci::use(provider, "p"), soci::use(message_id, "m"), soci::into(id);
  if (!lease_->got_data()) return std::nullopt;
  return Find(id);
}

bool EmailsRepository::RecordEvent(std::optional<long long> email_id, const std::string& provider,
                                   const std::string& event_id, const std::string& type,
                                   const std::string& payload, const std::string& occurred_at,
                                   const std::string& now) {
  long long seen = 0;
  *lease_ << "SELECT count(*) FROM email_events WHERE provider = :p AND provider_event_id = :e",
      soci::use(provider, "p"), soci::use(event_id, "e"), soci::into(seen);
  if (seen > 0) return false;
  long long email = email_id.value_or(0);
  soci::indicator email_ind = email_id ? soci::i_ok : soci::i_null;
  soci::indicator occurred_ind = occurred_at.empty() ? soci::i_null : soci::i_ok;
  *lease_
      << "INSERT INTO email_events (email_id, provider, provider_event_id, type, payload, "
         "occurred_at, received_at) VALUES (:email, :p, :e, :t, :payload, :occurred, :received)",
      soci::use(email, email_ind), soci::use(provider), soci::use(event_id), soci::use(type),
      soci::use(payload), soci::use(occurred_at, occurred_ind), soci::use(now);
  return true;
}

void EmailsRepository::SetStatus(long long id, const std::string& status, const std::string& now) {
  *lease_ << "UPDATE emails SET status = :s, updated_at = :u WHERE id = :id",
      soci::use(status, "s"), soci::use(now, "u"), soci::use(id, "id");
}

}  // namespace planify::store
