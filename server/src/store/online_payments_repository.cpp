#include "store/online_payments_repository.hpp"

#include "store/sql_params.hpp"

namespace planify::store {

namespace {

constexpr const char* kAccountColumns =
    "secret_key_sealed, key_hint, livemode, webhook_secret_sealed, webhook_token, enabled, "
    "CAST(checked_at AS TEXT), check_ok, check_message, account_name, "
    "CAST(last_event_at AS TEXT)";

PaymentAccountRow ReadAccount(const soci::row& row, std::size_t i) {
  PaymentAccountRow a;
  a.secret_key_sealed = RowText(row, i++);
  a.key_hint = RowText(row, i++);
  a.livemode = GetInt64(row, i++) != 0;
  a.webhook_secret_sealed = RowText(row, i++);
  a.webhook_token = RowText(row, i++);
  a.enabled = GetInt64(row, i++) != 0;
  a.checked_at = RowTimestamp(row, i++);
  auto ok = RowOptInt(row, i++);
  if (ok) a.check_ok = *ok != 0;
  a.check_message = RowText(row, i++);
  a.account_name = RowText(row, i++);
  a.last_event_at = RowTimestamp(row, i++);
  return a;
}

constexpr const char* kSessionSelect =
    "SELECT id, purpose, invoice_id, quote_id, amount_cents, currency, status, "
    "provider_session_id, provider_payment_intent_id, url, idempotency_key, return_token_hash, "
    "failure_reason, CAST(expires_at AS TEXT), created_ip, CAST(created_at AS TEXT), "
    "organization_id FROM checkout_sessions";

CheckoutSessionRow ReadSession(const soci::row& row) {
  CheckoutSessionRow s;
  std::size_t i = 0;
  s.id = GetInt64(row, i++);
  s.purpose = RowText(row, i++);
  s.invoice_id = RowOptInt(row, i++);
  s.quote_id = RowOptInt(row, i++);
  s.amount_cents = GetInt64(row, i++);
  s.currency = RowText(row, i++);
  s.status = RowText(row, i++);
  s.provider_session_id = RowText(row, i++);
  s.provider_payment_intent_id = RowText(row, i++);
  s.url = RowText(row, i++);
  s.idempotency_key = RowText(row, i++);
  s.return_token_hash = RowText(row, i++);
  s.failure_reason = RowText(row, i++);
  s.expires_at = RowTimestamp(row, i++);
  s.created_ip = RowText(row, i++);
  s.created_at = RowTimestamp(row, i++);
  return s;
}

std::string LockClause(Lease& lease, bool lock) {
  return lock && lease.dialect() == Dialect::kPostgres ? " FOR UPDATE" : "";
}

constexpr const char* kEventSelect =
    "SELECT id, event_id, event_type, CAST(event_created AS TEXT), livemode, payment_intent_id, "
    "payload, status, outcome, deliveries, CAST(received_at AS TEXT), "
    "CAST(processed_at AS TEXT) FROM provider_events";

ProviderEventRow ReadEvent(const soci::row& row) {
  ProviderEventRow e;
  std::size_t i = 0;
  e.id = GetInt64(row, i++);
  e.event_id = RowText(row, i++);
  e.event_type = RowText(row, i++);
  e.event_created = RowTimestamp(row, i++);
  e.livemode = GetInt64(row, i++) != 0;
  e.payment_intent_id = RowText(row, i++);
  e.payload = RowText(row, i++);
  e.status = RowText(row, i++);
  e.outcome = RowText(row, i++);
  e.deliveries = GetInt64(row, i++);
  e.received_at = RowTimestamp(row, i++);
  e.processed_at = RowTimestamp(row, i++);
  return e;
}

}  // namespace

std::optional<PaymentAccountRow> OnlinePaymentsRepository::FindAccount(OrganizationId org) {
  std::optional<PaymentAccountRow> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               std::string("SELECT ") + kAccountColumns +
                   " FROM payment_accounts WHERE organization_id = :org",
               [&](const soci::row& row) { out = ReadAccount(row, 0); });
  return out;
}

std::optional<std::pair<OrganizationId, PaymentAccountRow>>
OnlinePaymentsRepository::FindAccountByWebhook(const std::string& webhook_token) {
  std::optional<std::pair<OrganizationId, PaymentAccountRow>> out;
  SqlParams p;
  p.Text("token", webhook_token);
  p.ForEachRow(lease_,
               std::string("SELECT organization_id, ") + kAccountColumns +
                   " FROM payment_accounts WHERE webhook_token = :token",
               [&](const soci::row& row) {
                 out.emplace(OrganizationId{GetInt64(row, 0)}, ReadAccount(row, 1));
               });
  return out;
}

void OnlinePaymentsRepository::SaveAccount(OrganizationId org, const PaymentAccountRow& row,
                                           const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Text("key", row.secret_key_sealed)
      .Text("hint", row.key_hint)
      .Int("live", row.livemode ? 1 : 0)
      .Text("webhook", row.webhook_secret_sealed)
      .Text("token", row.webhook_token)
      .Int("enabled", row.enabled ? 1 : 0)
      .TextOrNull("checked", row.checked_at)
      .IntOrNull("ok",
                 row.check_ok ? std::optional<long long>(*row.check_ok ? 1 : 0) : std::nullopt)
      .Text("message", row.check_message)
      .Text("name", row.account_name)
      .Text("now", now);
  p.Execute(lease_,
            "INSERT INTO payment_accounts (organization_id, secret_key_sealed, key_hint, livemode, "
            "webhook_secret_sealed, webhook_token, enabled, checked_at, check_ok, check_message, "
            "account_name, created_at, updated_at) VALUES (:org, :key, :hint, :live, :webhook, "
            ":token, :enabled, :checked, :ok, :message, :name, :now, :now) ON CONFLICT "
            "(organization_id) DO UPDATE SET secret_key_sealed = excluded.secret_key_sealed, "
            "key_hint = excluded.key_hint, livemode = excluded.livemode, webhook_secret_sealed = "
            "excluded.webhook_secret_sealed, webhook_token = excluded.webhook_token, enabled = "
            "excluded.enabled, checked_at = excluded.checked_at, check_ok = excluded.check_ok, "
            "check_message = excluded.check_message, account_name = excluded.account_name, "
            "updated_at = excluded.updated_at");
}

bool OnlinePaymentsRepository::DeleteAccount(OrganizationId org) {
  long long org_id = org.value;
  soci::statement st =
      (lease_->prepare << "DELETE FROM payment_accounts WHERE organization_id = :org",
       soci::use(org_id, "org"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void OnlinePaymentsRepository::TouchAccountEvent(OrganizationId org, const std::string& now) {
  SqlParams p;
  p.Int("org", org.value).Text("now", now);
  p.Execute(lease_,
            "UPDATE payment_accounts SET last_event_at = :now WHERE organization_id = :org");
}

long long OnlinePaymentsRepository::InsertSession(OrganizationId org, const CheckoutSessionRow& row,
                                                  const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Text("purpose", row.purpose)
      .IntOrNull("invoice", row.invoice_id)
      .IntOrNull("quote", row.quote_id)
      .Int("amount", row.amount_cents)
      .Text("currency", row.currency)
      .Text("status", row.status)
      .Text("psid", row.provider_session_id)
      .TextOrNull("pi", row.provider_payment_intent_id)
      .Text("url", row.url)
      .Text("idem", row.idempotency_key)
      .Text("ret", row.return_token_hash)
      .Text("expires", row.expires_at)
      .Text("ip", row.created_ip)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO checkout_sessions (organization_id, purpose, invoice_id, quote_id, "
            "amount_cents, currency, status, provider_session_id, provider_payment_intent_id, url, "
            "idempotency_key, return_token_hash, expires_at, created_ip, created_at, updated_at) "
            "VALUES (:org, :purpose, :invoice, :quote, :amount, :currency, :status, :psid, :pi, "
            ":url, :idem, :ret, :expires, :ip, :now, :now) RETURNING id",
            &id);
  return id;
}

void OnlinePaymentsRepository::SaveSession(OrganizationId org, const CheckoutSessionRow& row,
                                           const std::string& now) {
  SqlParams p;
  p.Text("status", row.status)
      .Text("psid", row.provider_session_id)
      .TextOrNull("pi", row.provider_payment_intent_id)
      .Text("url", row.url)
      .Text("failure", row.failure_reason)
      .Text("expires", row.expires_at)
      .Text("now", now)
      .Int("org", org.value)
      .Int("id", row.id);
  p.Execute(lease_,
            "UPDATE checkout_sessions SET status = :status, provider_session_id = :psid, "
            "provider_payment_intent_id = :pi, url = :url, failure_reason = :failure, expires_at "
            "= :expires, updated_at = :now WHERE organization_id = :org AND id = :id");
}

std::optional<CheckoutSessionRow> OnlinePaymentsRepository::FindSession(OrganizationId org,
                                                                        long long id, bool lock) {
  std::optional<CheckoutSessionRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_,
               std::string(kSessionSelect) + " WHERE organization_id = :org AND id = :id" +
                   LockClause(lease_, lock),
               [&](const soci::row& row) { out = ReadSession(row); });
  return out;
}

std::optional<CheckoutSessionRow> OnlinePaymentsRepository::FindSessionByProvider(
    OrganizationId org, const std::string& provider_session_id) {
  std::optional<CheckoutSessionRow> out;
  SqlParams p;
  p.Int("org", org.value).Text("psid", provider_session_id);
  p.ForEachRow(
      lease_,
      std::string(kSessionSelect) + " WHERE organization_id = :org AND provider_session_id = :psid",
      [&](const soci::row& row) { out = ReadSession(row); });
  return out;
}

std::optional<CheckoutSessionRow> OnlinePaymentsRepository::FindSessionByIntent(
    OrganizationId org, const std::string& payment_intent_id) {
  std::optional<CheckoutSessionRow> out;
  SqlParams p;
  p.Int("org", org.value).Text("pi", payment_intent_id);
  p.ForEachRow(lease_,
               std::string(kSessionSelect) +
                   " WHERE organization_id = :org AND provider_payment_intent_id = :pi ORDER BY "
                   "id DESC LIMIT 1",
               [&](const soci::row& row) { out = ReadSession(row); });
  return out;
}

std::optional<std::pair<OrganizationId, CheckoutSessionRow>>
OnlinePaymentsRepository::FindSessionByReturn(const std::string& return_token_hash) {
  std::optional<std::pair<OrganizationId, CheckoutSessionRow>> out;
  SqlParams p;
  p.Text("ret", return_token_hash);
  p.ForEachRow(lease_, std::string(kSessionSelect) + " WHERE return_token_hash = :ret",
               [&](const soci::row& row) {
                 out.emplace(OrganizationId{GetInt64(row, 16)}, ReadSession(row));
               });
  return out;
}

std::optional<CheckoutSessionRow> OnlinePaymentsRepository::FindReusableSession(
    OrganizationId org, std::optional<long long> invoice_id, std::optional<long long> quote_id,
    long long amount_cents, const std::string& after) {
  std::optional<CheckoutSessionRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("amount", amount_cents).Text("after", after);
  std::string where =
      " WHERE organization_id = :org AND status = 'open' AND amount_cents = "
      ":amount AND expires_at > :after AND url <> ''";
  if (invoice_id) {
    p.Int("invoice", *invoice_id);
    where += " AND invoice_id = :invoice";
  } else {
    p.Int("quote", quote_id.value_or(0));
    where += " AND invoice_id IS NULL AND quote_id = :quote";
  }
  p.ForEachRow(lease_, std::string(kSessionSelect) + where + " ORDER BY id DESC LIMIT 1",
               [&](const soci::row& row) { out = ReadSession(row); });
  return out;
}

std::optional<long long> OnlinePaymentsRepository::InsertEvent(OrganizationId org,
                                                               const ProviderEventRow& row,
                                                               const std::string& now) {
  long long org_id = org.value;
  int live = row.livemode ? 1 : 0;
  std::string event_id = row.event_id;
  std::string type = row.event_type;
  std::string created = row.event_created;
  std::string intent = row.payment_intent_id;
  std::string payload = row.payload;
  std::string stamp = now;
  soci::statement insert =
      (lease_->prepare
           << "INSERT INTO provider_events (organization_id, provider, event_id, event_type, "
              "event_created, livemode, payment_intent_id, payload, status, received_at) VALUES "
              "(:org, 'stripe', :event, :type, :created, :live, :intent, :payload, 'received', "
              ":now) ON CONFLICT (organization_id, provider, event_id) DO NOTHING",
       soci::use(org_id, "org"), soci::use(event_id, "event"), soci::use(type, "type"),
       soci::use(created, "created"), soci::use(live, "live"), soci::use(intent, "intent"),
       soci::use(payload, "payload"), soci::use(stamp, "now"));
  insert.execute(true);
  const bool inserted = insert.get_affected_rows() == 1;
  long long id = 0;
  *lease_ << "SELECT id FROM provider_events WHERE organization_id = :org AND provider = 'stripe' "
             "AND event_id = :event",
      soci::use(org_id, "org"), soci::use(event_id, "event"), soci::into(id);
  if (inserted) return id;
  *lease_ << "UPDATE provider_events SET deliveries = deliveries + 1 WHERE id = :id",
      soci::use(id, "id");
  return std::nullopt;
}

std::optional<ProviderEventRow> OnlinePaymentsRepository::FindEvent(OrganizationId org,
                                                                    long long id, bool lock) {
  std::optional<ProviderEventRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_,
               std::string(kEventSelect) + " WHERE organization_id = :org AND id = :id" +
                   LockClause(lease_, lock),
               [&](const soci::row& row) { out = ReadEvent(row); });
  return out;
}

void OnlinePaymentsRepository::FinishEvent(OrganizationId org, long long id,
                                           const std::string& status, const std::string& outcome,
                                           const std::string& now) {
  SqlParams p;
  p.Text("status", status)
      .Text("outcome", outcome)
      .Text("now", now)
      .Int("org", org.value)
      .Int("id", id);
  p.Execute(lease_,
            "UPDATE provider_events SET status = :status, outcome = :outcome, processed_at = :now "
            "WHERE organization_id = :org AND id = :id");
}

void OnlinePaymentsRepository::NoteEvent(OrganizationId org, long long id,
                                         const std::string& outcome) {
  SqlParams p;
  p.Text("outcome", outcome).Int("org", org.value).Int("id", id);
  p.Execute(lease_,
            "UPDATE provider_events SET outcome = :outcome WHERE organization_id = :org AND id = "
            ":id");
}

std::vector<long long> OnlinePaymentsRepository::WaitingEvents(
    OrganizationId org, const std::string& payment_intent_id) {
  std::vector<long long> out;
  SqlParams p;
  p.Int("org", org.value).Text("pi", payment_intent_id);
  p.ForEachRow(lease_,
               "SELECT id FROM provider_events WHERE organization_id = :org AND "
               "payment_intent_id = :pi AND status = 'received' ORDER BY id",
               [&](const soci::row& row) { out.push_back(GetInt64(row, 0)); });
  return out;
}

std::vector<ProviderEventRow> OnlinePaymentsRepository::ListEvents(OrganizationId org,
                                                                   long long limit) {
  std::vector<ProviderEventRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("limit", limit);
  p.ForEachRow(
      lease_,
      std::string(kEventSelect) + " WHERE organization_id = :org ORDER BY id DESC LIMIT :limit",
      [&](const soci::row& row) {
        out.push_back(ReadEvent(row));
        out.back().payload.clear();  // the list shows outcomes, not payloads
      });
  return out;
}

long long OnlinePaymentsRepository::InsertRefund(OrganizationId org, const RefundRow& row,
                                                 const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Int("payment", row.payment_id)
      .Int("amount", row.amount_cents)
      .Text("reason", row.reason)
      .Text("status", row.status)
      .TextOrNull("rid", row.provider_refund_id)
      .Text("idem", row.idempotency_key)
      .IntOrNull("by", row.requested_by)
      .Text("failure", row.failure_reason)
      .Text("now", now);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO payment_refunds (organization_id, payment_id, amount_cents, reason, "
            "status, provider_refund_id, idempotency_key, requested_by_user_id, failure_reason, "
            "created_at, updated_at) VALUES (:org, :payment, :amount, :reason, :status, :rid, "
            ":idem, :by, :failure, :now, :now) RETURNING id",
            &id);
  return id;
}

void OnlinePaymentsRepository::SaveRefund(OrganizationId org, const RefundRow& row,
                                          const std::string& now) {
  SqlParams p;
  p.Text("status", row.status)
      .TextOrNull("rid", row.provider_refund_id)
      .Text("failure", row.failure_reason)
      .Text("now", now)
      .Int("org", org.value)
      .Int("id", row.id);
  p.Execute(lease_,
            "UPDATE payment_refunds SET status = :status, provider_refund_id = :rid, "
            "failure_reason = :failure, updated_at = :now WHERE organization_id = :org AND id = "
            ":id");
}

std::vector<RefundRow> OnlinePaymentsRepository::RefundsOf(OrganizationId org,
                                                           long long payment_id) {
  std::vector<RefundRow> out;
  SqlParams p;
  p.Int("org", org.value).Int("payment", payment_id);
  p.ForEachRow(lease_,
               "SELECT r.id, r.payment_id, r.amount_cents, r.reason, r.status, "
               "r.provider_refund_id, r.idempotency_key, r.requested_by_user_id, "
               "COALESCE(u.display_name, ''), r.failure_reason, CAST(r.created_at AS TEXT) FROM "
               "payment_refunds r LEFT JOIN users u ON u.id = r.requested_by_user_id WHERE "
               "r.organization_id = :org AND r.payment_id = :payment ORDER BY r.id",
               [&](const soci::row& row) {
                 RefundRow r;
                 std::size_t i = 0;
                 r.id = GetInt64(row, i++);
                 r.payment_id = GetInt64(row, i++);
                 r.amount_cents = GetInt64(row, i++);
                 r.reason = RowText(row, i++);
                 r.status = RowText(row, i++);
                 r.provider_refund_id = RowText(row, i++);
                 r.idempotency_key = RowText(row, i++);
                 r.requested_by = RowOptInt(row, i++);
                 r.requested_by_name = RowText(row, i++);
                 r.failure_reason = RowText(row, i++);
                 r.created_at = RowTimestamp(row, i++);
                 out.push_back(std::move(r));
               });
  return out;
}

long long OnlinePaymentsRepository::PendingRefunds(OrganizationId org, long long payment_id) {
  long long org_id = org.value;
  long long total = 0;
  *lease_ << "SELECT COALESCE(sum(amount_cents), 0) FROM payment_refunds WHERE organization_id = "
             ":org AND payment_id = :payment AND status = 'pending'",
      soci::use(org_id, "org"), soci::use(payment_id, "payment"), soci::into(total);
  return total;
}

}  // namespace planify::store
