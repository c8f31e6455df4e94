#include "support/fuzz_server.hpp"

#include <httplib.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "app/ports.hpp"
#include "domain/permissions.hpp"
#include "domain/time.hpp"
#include "http/server.hpp"
#include "integrations/crypto/secret_box.hpp"
#include "integrations/crypto/sodium.hpp"
#include "integrations/email/svix.hpp"
#include "store/accounts_repository.hpp"
#include "store/billing_repository.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/organizations_repository.hpp"

namespace planify::fuzz {

// ---- reaching the request processing without a socket.
//
// http::Server keeps its httplib::Server private, and httplib keeps process_request() (one
// request read from a Stream, routed, answered) protected. Both are reached without touching
// product code: an explicit instantiation may name private members (C++20 [temp.spec.general]
// p6), and a protected member is named through a class derived from httplib::Server.
httplib::Server& ListenerOf(http::Server& server);

template <auto kMember>
struct ListenerAccess {
  friend httplib::Server& ListenerOf(http::Server& server) { return server.*kMember; }
};
template struct ListenerAccess<&http::Server::server_>;

struct ProcessRequestAccess : httplib::Server {
  using httplib::Server::process_request;
};

namespace {

// SOCI's SQLite backend declares the C API inside this namespace.
using sqlite_api::sqlite3;
using sqlite_api::sqlite3_backup;
using sqlite_api::sqlite3_backup_finish;
using sqlite_api::sqlite3_backup_init;
using sqlite_api::sqlite3_backup_step;
using sqlite_api::sqlite3_errcode;
using sqlite_api::sqlite3_errstr;
using sqlite_api::sqlite3_open;
using sqlite_api::sqlite3_total_changes64;

constexpr const char* kStamp = "2026-11-25T09:00:00.000Z";
constexpr const char* kPassword = "un mot de passe solide";
constexpr const char* kWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kServerSecret = "a fuzzing server secret of at least thirty-two characters";

// One connection's bytes: the request is read from memory, the response appended to a string.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view request) : request_(request) {}
  [[nodiscard]] bool is_readable() const override { return true; }
  [[nodiscard]] bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, request_.size() - position_);
    if (n > 0) std::memcpy(ptr, request_.data() + position_, n);
    position_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    response_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "203.0.113.7";
    port = 41234;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  [[nodiscard]] socket_t socket() const override { return 0; }
  [[nodiscard]] const std::string& response() const { return response_; }

 private:
  std::string_view request_;
  size_t position_ = 0;
  std::string response_;
};

Reply ParseReply(const std::string& raw) {
  Reply reply;
  auto end = raw.find("\r\n\r\n");
  reply.head = raw.substr(0, end);
  if (end != std::string::npos) reply.body = raw.substr(end + 4);
  if (raw.rfind("HTTP/1.1 ", 0) == 0 && raw.size() >= 12) reply.status = std::atoi(&raw[9]);
  return reply;
}

// Every "Set-Cookie: name=value;" of a response head.
std::string CookieValue(const std::string& head, const std::string& name) {
  std::string key = "Set-Cookie: " + name + "=";
  auto at = head.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return head.substr(at, head.find_first_of(";\r", at) - at);
}

[[noreturn]] void Report(const char* what, std::string_view request, const Reply& reply) {
  std::fprintf(stderr, "\n==== planify fuzz oracle: %s\n---- request (%zu bytes):\n%.*s\n", what,
               request.size(), static_cast<int>(std::min<size_t>(request.size(), 4096)),
               request.data());
  std::fprintf(stderr, "---- response:\n%s\n\n%.*s\n====\n", reply.head.c_str(),
               static_cast<int>(std::min<size_t>(reply.body.size(), 4096)), reply.body.data());
  std::abort();
}

// True when `text` contains `needle`, compared through a rolling hash in a function that is not
// instrumented for coverage: libFuzzer then cannot learn the needle from the comparison and
// type it into a request (which would make the oracle fire on an echo of the fuzzer's own text).
__attribute__((no_sanitize("coverage"))) bool ContainsHidden(std::string_view text,
                                                             std::string_view needle) {
  const size_t n = needle.size();
  if (n == 0 || text.size() < n) return false;
  constexpr std::uint64_t kBase = 1099511628211ULL;
  std::uint64_t want = 0;
  std::uint64_t have = 0;
  std::uint64_t top = 1;
  for (size_t i = 0; i < n; ++i) {
    want = want * kBase + static_cast<unsigned char>(needle[i]);
    have = have * kBase + static_cast<unsigned char>(text[i]);
    if (i + 1 < n) top *= kBase;
  }
  for (size_t i = 0;; ++i) {
    if (have == want) return true;
    if (i + n >= text.size()) return false;
    have = (have - top * static_cast<unsigned char>(text[i])) * kBase +
           static_cast<unsigned char>(text[i + n]);
  }
}

// A fresh directory for the database: under $PLANIFY_FUZZ_TMPDIR (scripts/fuzz sets it and
// removes it, since a crashing run exits without cleaning up), else in memory (/dev/shm).
std::filesystem::path MakeTempDir() {
  std::filesystem::path base;
  if (const char* dir = std::getenv("PLANIFY_FUZZ_TMPDIR"); dir != nullptr && *dir != '\0') {
    base = dir;
    std::error_code ec;
    std::filesystem::create_directories(base, ec);
  } else if (std::filesystem::is_directory("/dev/shm")) {
    base = "/dev/shm";
  } else {
    base = std::filesystem::temp_directory_path();
  }
  std::string pattern = (base / "planify-fuzz-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  return pattern;
}

std::string FromHex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

sqlite3* NativeHandle(store::Lease& lease) {
  return static_cast<soci::sqlite3_session_backend*>((*lease).get_backend())->conn_;
}

}  // namespace

struct FuzzServer::State {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  app::FixedClock clock{*domain::ParseIsoUtc("2026-11-25T14:00:00.000Z")};
  integrations::SodiumPasswordHasher hasher{/*fast=*/true};
  integrations::SecretBox cipher{kServerSecret, "bankdata"};
  integrations::SecretBox state_cipher{kServerSecret, "oauthst"};
  std::unique_ptr<http::Server> server;
  httplib::Server* listener = nullptr;
  std::vector<http::Router::RouteInfo> routes;

  std::string session, csrf, api_token, quote_token;
  std::map<std::string, long long> ids;
  std::string marker;  // in organisation 2's records only

  std::vector<sqlite3*> connections;
  sqlite3* snapshot = nullptr;
  std::int64_t changes = 0;
  std::uint64_t inputs = 0;

  [[nodiscard]] std::int64_t TotalChanges() const {
    std::int64_t total = 0;
    for (sqlite3* c : connections) total += sqlite3_total_changes64(c);
    return total;
  }
};

FuzzServer& FuzzServer::Get() {
  // Never destroyed: libFuzzer exits from inside its loop, and tearing the server down there
  // would race static destructors. Reachable from this pointer, so not a leak.
  static FuzzServer* server = new FuzzServer();
  return *server;
}

FuzzServer::~FuzzServer() = default;

FuzzServer::FuzzServer() : state_(std::make_unique<State>()) {
  State& s = *state_;
  if (sodium_init() < 0) std::abort();
  // Only errors: the access log line of every request would drown the fuzzer's output.
  spdlog::set_level(spdlog::level::err);

  s.dir = MakeTempDir();
  static std::string dir_to_remove;
  dir_to_remove = s.dir.string();
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(dir_to_remove, ec);
  });

  auto url = store::ParseDatabaseUrl("sqlite:" + (s.dir / "planify.db").string());
  store::Database::Options options;
  options.pool_size = 2;  // one request at a time; a second session in case a use case nests
  auto db = store::Database::Open(*url, options);
  if (!db) {
    std::fprintf(stderr, "fuzz: cannot open the database: %s\n", db.error().message.c_str());
    std::abort();
  }
  s.db = std::move(*db);
  {
    auto lease = s.db->Acquire();
    if (!store::Migrate(*lease, store::EmbeddedMigrations(s.db->dialect()), kStamp)) std::abort();
  }

  http::ServerOptions server_options;
  server_options.body_limit_bytes = std::size_t{1024} * 1024;
  http::Services services;
  services.db = s.db.get();
  services.clock = &s.clock;
  services.hasher = &s.hasher;
  services.cipher = &s.cipher;
  services.state_cipher = &s.state_cipher;
  services.resend_webhook_secret = kWebhookSecret;
  services.public_url = "http://planify.test";
  s.server = std::make_unique<http::Server>(server_options, services);
  s.listener = &ListenerOf(*s.server);
  s.routes = s.server->router().Routes();

  std::array<unsigned char, 8> random{};
  randombytes_buf(random.data(), random.size());
  s.marker = "rival";
  for (unsigned char b : random) s.marker += "0123456789abcdef"[b % 16];

  // Accounts, organisations and the sellers' legal identities, written directly.
  long long dj = 0;
  {
    auto lease = s.db->Acquire();
    store::AccountsRepository accounts(*lease);
    auto o1 = accounts.InsertOrganization("Sono Pro", "sono-pro", kStamp);
    auto o2 = accounts.InsertOrganization("Concurrent " + s.marker, s.marker, kStamp);
    auto add = [&](OrganizationId org, const std::string& email, const std::string& role) {
      auto user = accounts.InsertUser(email, email.substr(0, email.find('@')),
                                      s.hasher.Hash(kPassword), kStamp);
      accounts.InsertMembership(org, user->id, role, kStamp);
      return user->id.value;
    };
    add(o1->id, "owner@sono.fr", "owner");
    add(o1->id, "manager@sono.fr", "manager");
    dj = add(o1->id, "greg@sono.fr", "dj");
    add(o2->id, s.marker + "@other.fr", "owner");
    for (auto [org, siren, vat] : {std::tuple{o1->id, "732829320", "FR44732829320"},
                                   std::tuple{o2->id, "552100554", "FR96552100554"}}) {
      domain::OrganizationSettings settings;
      settings.name = org == o1->id ? "Sono Pro" : "Concurrent " + s.marker;
      settings.legal_name = settings.name + " SAS";
      settings.legal_form = "SAS";
      settings.share_capital_cents = 1'000'000;
      settings.siren = siren;
      settings.vat_number = vat;
      settings.rcs = "RCS Tours";
      settings.address_line1 = "1 rue du Parc";
      settings.postal_code = "37000";
      settings.city = "Tours";
      std::string sealed =
          s.cipher.Seal(R"({"iban":"FR7630006000011234567890189","bic":"AGRIFRPP"})");
      store::OrganizationsRepository(*lease).SaveSettings(org, settings, sealed, "0189", kStamp);
    }
  }

  // Everything else through the API, as the web app would create it. Best effort: a step that
  // fails is reported once and leaves its id at 0 (the harnesses still run).
  auto sign_in = [&](const std::string& email, std::string& session, std::string& csrf) {
    nlohmann::json body = {{"email", email}, {"password", kPassword}};
    std::string raw = BuildRequest("POST", "/api/v1/auth/sign-in", Caller::kAnonymous,
                                   "application/json", body.dump());
    MemoryStream stream(raw);
    bool closed = false;
    (s.listener->*(&ProcessRequestAccess::process_request))(stream, true, closed, nullptr);
    Reply reply = ParseReply(stream.response());
    session = CookieValue(reply.head, "planify_session");
    csrf = CookieValue(reply.head, "planify_csrf");
    if (session.empty() || csrf.empty()) {
      std::fprintf(stderr, "fuzz: cannot sign in as %s: %d %s\n", email.c_str(), reply.status,
                   reply.body.c_str());
      std::abort();
    }
  };
  std::string rival_session;
  std::string rival_csrf;
  sign_in(s.marker + "@other.fr", rival_session, rival_csrf);
  sign_in("owner@sono.fr", s.session, s.csrf);

  int failures = 0;
  std::string* session_in_use = &s.session;
  std::string* csrf_in_use = &s.csrf;
  auto call = [&](const std::string& method, const std::string& path, const nlohmann::json& body,
                  const std::string& content_type = "application/json",
                  const std::string& raw_body = "") -> nlohmann::json {
    std::string payload = content_type == "application/json" ? body.dump() : raw_body;
    std::string raw = method + " " + path +
                      " HTTP/1.1\r\nHost: planify.test\r\nOrigin: http://planify.test\r\n"
                      "Cookie: planify_session=" +
                      *session_in_use + "; planify_csrf=" + *csrf_in_use +
                      "\r\nX-CSRF-Token: " + *csrf_in_use + "\r\nContent-Type: " + content_type +
                      "\r\nContent-Length: " + std::to_string(payload.size()) + "\r\n\r\n" +
                      payload;
    MemoryStream stream(raw);
    bool closed = false;
    (s.listener->*(&ProcessRequestAccess::process_request))(stream, true, closed, nullptr);
    Reply reply = ParseReply(stream.response());
    if (reply.status < 200 || reply.status > 299) {
      ++failures;
      std::fprintf(stderr, "fuzz: seeding %s %s answered %d: %.300s\n", method.c_str(),
                   path.c_str(), reply.status, reply.body.c_str());
      return nlohmann::json::object();
    }
    auto parsed = nlohmann::json::parse(reply.body, nullptr, false);
    return parsed.is_object() ? parsed : nlohmann::json::object();
  };
  auto id_of = [](const nlohmann::json& j) -> long long {
    return j.contains("id") && j["id"].is_number_integer() ? j["id"].get<long long>() : 0;
  };
  auto path = [](const std::string& prefix, long long id, const std::string& suffix = "") {
    return prefix + "/" + std::to_string(id) + suffix;
  };
  auto accept_email = [&](const nlohmann::json& sent) -> std::string {
    if (!sent.contains("email_id") || !sent["email_id"].is_number_integer()) return "";
    long long email_id = sent["email_id"].get<long long>();
    auto lease = s.db->Acquire();
    store::BillingRepository(*lease).OnEmailSent(email_id, kStamp);
    std::string text;
    **lease << "SELECT text_body FROM emails WHERE id = :id", soci::use(email_id), soci::into(text);
    std::smatch m;
    if (std::regex_search(text, m, std::regex("/p/devis/([0-9a-f]{64})"))) return m[1].str();
    return "";
  };

  // Seeds one organisation's records, names prefixed with `tag`; returns their ids.
  auto seed = [&](const std::string& tag, long long crew_user) {
    std::map<std::string, long long> ids;
    ids["equipment"] = id_of(call("POST", "/api/v1/equipment",
                                  {{"name", tag + " Enceinte JBL PRX815"},
                                   {"category", "Son"},
                                   {"quantity_owned", 4},
                                   {"rental_price_cents", 4500}}));
    ids["client"] = id_of(
        call("POST", "/api/v1/clients",
             {{"kind", "company"},
              {"name", tag + " Château de Montplaisir"},
              {"siren", "552100554"},
              {"vat_number", "FR96552100554"},
              {"billing_address",
               {{"line1", "2 allée des Tilleuls"}, {"postal_code", "69003"}, {"city", "Lyon"}}},
              {"contacts",
               {{{"name", tag + " Inès Moreau"},
                 {"email", "ines@montplaisir.fr"},
                 {"primary", true}}}}}));
    nlohmann::json mission = {{"title", tag + " Mariage Dupont"},
                              {"client_id", ids["client"]},
                              {"starts_at", "2027-06-12T18:00:00+02:00"},
                              {"ends_at", "2027-06-13T02:00:00+02:00"},
                              {"notes", tag + " Code portail 1234"},
                              {"equipment", {{{"item_id", ids["equipment"]}, {"quantity", 2}}}}};
    if (crew_user > 0) {
      mission["crew"] = {{{"user_id", crew_user}, {"position", "dj"}, {"lead", true}}};
    }
    ids["mission"] = id_of(call("POST", "/api/v1/missions", mission));
    ids["catalogue"] = id_of(call("POST", "/api/v1/catalogue",
                                  {{"kind", "service"},
                                   {"name", tag + " Prestation DJ (heure)"},
                                   {"sku", "DJ-H"},
                                   {"unit", "hour"},
                                   {"unit_price_cents", 12000},
                                   {"vat_rate_bp", 2000}}));
    ids["pricing_rule"] = id_of(call("POST", "/api/v1/pricing-rules",
                                     {{"name", tag + " Mariage"},
                                      {"event_type", "Mariage"},
                                      {"hourly_rate_cents", 10000},
                                      {"minimum_minutes", 240},
                                      {"weekend_surcharge_bp", 2000},
                                      {"night_surcharge_bp", 2500}}));
    ids["unavailability"] = id_of(call("POST", "/api/v1/unavailability",
                                       {{"starts_at", "2027-07-01T08:00:00+02:00"},
                                        {"ends_at", "2027-07-02T08:00:00+02:00"},
                                        {"reason", tag + " Congés"}}));
    nlohmann::json quote = {{"client_id", ids["client"]},
                            {"title", tag + " Mariage Dupont"},
                            {"discount_bp", 1000},
                            {"deposit_kind", "acompte"},
                            {"deposit_bp", 3000},
                            {"lines",
                             {{{"kind", "text"}, {"description", tag + " Soirée dansante"}},
                              {{"kind", "service"},
                               {"description", tag + " Animation DJ"},
                               {"unit", "hour"},
                               {"quantity_milli", 6000},
                               {"unit_price_cents", 10000},
                               {"vat_rate_bp", 2000}},
                              {{"kind", "travel"},
                               {"description", "Frais de déplacement"},
                               {"unit", "flat"},
                               {"quantity_milli", 1000},
                               {"unit_price_cents", 5000},
                               {"vat_rate_bp", 2000}}}}};
    ids["quote"] = id_of(call("POST", "/api/v1/quotes", quote));
    ids["quote_draft"] = id_of(call("POST", "/api/v1/quotes", quote));
    ids["quote_sent"] = id_of(call("POST", "/api/v1/quotes", quote));
    const std::string q = path("/api/v1/quotes", ids["quote"]);
    accept_email(call("POST", q + "/send", nlohmann::json::object()));
    call("POST", q + "/accept", nlohmann::json::object());
    std::string token = accept_email(
        call("POST", path("/api/v1/quotes", ids["quote_sent"], "/send"), nlohmann::json::object()));
    ids["invoice"] = id_of(call("POST", q + "/invoices", {{"kind", "deposit"}}));
    call("POST", path("/api/v1/invoices", ids["invoice"], "/issue"), nlohmann::json::object());
    ids["invoice_final"] = id_of(call("POST", q + "/invoices", {{"kind", "final"}}));
    const std::string f = path("/api/v1/invoices", ids["invoice_final"]);
    call("POST", f + "/issue", nlohmann::json::object());
    ids["payment"] = id_of(call("POST", f + "/payments",
                                {{"method", "bank_transfer"},
                                 {"amount_cents", 10000},
                                 {"reference", tag + " VIR 2611"},
                                 {"received_on", "2026-11-25"}}));
    call("PUT", path("/api/v1/payments", ids["payment"], "/proof?filename=preuve.pdf"), nullptr,
         "application/pdf",
         "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    ids["credit_note"] = id_of(
        call("POST", f + "/credit-notes", {{"amount_cents", 9140}, {"reason", tag + " Geste"}}));
    ids["invitation"] =
        id_of(call("POST", "/api/v1/invitations", {{"email", tag + "@invite.fr"}, {"role", "dj"}}));
    return std::pair{ids, token};
  };

  session_in_use = &rival_session;
  csrf_in_use = &rival_csrf;
  seed(s.marker, 0);
  session_in_use = &s.session;
  csrf_in_use = &s.csrf;
  auto [ids, token] = seed("Sono", dj);
  s.ids = ids;
  s.quote_token = token;
  nlohmann::json scopes = nlohmann::json::array();
  for (const auto& p : domain::AllPermissions()) {
    if (domain::Allows(domain::Role::kOwner, p.permission)) scopes.push_back(std::string(p.name));
  }
  auto created = call("POST", "/api/v1/api-tokens", {{"name", "Fuzz"}, {"scopes", scopes}});
  if (created.contains("token") && created["token"].is_string()) s.api_token = created["token"];
  s.ids["api_token"] = id_of(created);
  // A 1×1 PNG logo.
  const std::string png = FromHex(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
      "9c63f80f00000101010018dd8db00000000049454e44ae426082");
  call("PUT", "/api/v1/organization/logo", nullptr, "image/png", png);
  if (failures > 0) std::fprintf(stderr, "fuzz: %d seeding request(s) failed\n", failures);

  // The seeded state, kept in memory; Restore() copies it back.
  {
    auto a = s.db->Acquire();
    auto b = s.db->Acquire();
    s.connections = {NativeHandle(*a), NativeHandle(*b)};
  }
  if (sqlite3_open(":memory:", &s.snapshot) != SQLITE_OK) std::abort();
  sqlite3_backup* backup = sqlite3_backup_init(s.snapshot, "main", s.connections[0], "main");
  if (backup == nullptr || sqlite3_backup_step(backup, -1) != SQLITE_DONE) std::abort();
  sqlite3_backup_finish(backup);
  s.changes = s.TotalChanges();
}

std::string FuzzServer::BuildRequest(std::string_view method, std::string_view target,
                                     Caller caller, std::string_view content_type,
                                     std::string_view body, std::string_view extra_headers) const {
  const State& s = *state_;
  std::string raw;
  raw.reserve(512 + body.size());
  raw.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  raw += "Host: planify.test\r\nX-Request-Id: fuzz\r\nUser-Agent: planify-fuzz\r\n";
  switch (caller) {
    case Caller::kOwner:
      raw += "Origin: http://planify.test\r\nCookie: planify_session=" + s.session +
             "; planify_csrf=" + s.csrf + "\r\nX-CSRF-Token: " + s.csrf + "\r\n";
      break;
    case Caller::kNoCsrf:
      raw += "Origin: http://planify.test\r\nCookie: planify_session=" + s.session +
             "; planify_csrf=" + s.csrf + "\r\n";
      break;
    case Caller::kAnonymous:
      raw += "Origin: http://planify.test\r\n";
      break;
    case Caller::kApiToken:
      raw += "Authorization: Bearer " + s.api_token + "\r\n";
      break;
    case Caller::kForgedToken:
      raw += "Authorization: Bearer plf_0000000000000000000000000000000000000000\r\n";
      break;
    case Caller::kSvix: {
      const std::string timestamp = std::to_string(
          std::chrono::duration_cast<std::chrono::seconds>(s.clock.Now().time_since_epoch())
              .count());
      raw += "svix-id: msg_fuzz\r\nsvix-timestamp: " + timestamp + "\r\nsvix-signature: " +
             integrations::SvixSign(kWebhookSecret, "msg_fuzz", timestamp, std::string(body)) +
             "\r\n";
      break;
    }
  }
  if (!content_type.empty()) raw.append("Content-Type: ").append(content_type).append("\r\n");
  std::string lower(extra_headers);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("content-length") == std::string::npos &&
      lower.find("transfer-encoding") == std::string::npos) {
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  raw.append(extra_headers);
  raw += "\r\n";
  raw.append(body);
  return raw;
}

Reply FuzzServer::Send(std::string_view raw_request, Caller caller) {
  State& s = *state_;
  MemoryStream stream(raw_request);
  bool closed = false;
  (s.listener->*(&ProcessRequestAccess::process_request))(stream, true, closed, nullptr);
  Reply reply = ParseReply(stream.response());
  if (reply.status >= 500 && reply.status != 503) {
    Report("a 5xx answer (an unhandled exception or an internal error)", raw_request, reply);
  }
  if (caller == Caller::kOwner || caller == Caller::kNoCsrf || caller == Caller::kApiToken) {
    if (ContainsHidden(reply.body, s.marker) || ContainsHidden(reply.head, s.marker)) {
      Report("organisation 2's data in a response to organisation 1", raw_request, reply);
    }
  }
  return reply;
}

void FuzzServer::Restore() {
  State& s = *state_;
  if (s.TotalChanges() != s.changes) {
    sqlite3_backup* backup = sqlite3_backup_init(s.connections[0], "main", s.snapshot, "main");
    int rc =
        backup == nullptr ? sqlite3_errcode(s.connections[0]) : sqlite3_backup_step(backup, -1);
    if (backup != nullptr) sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      std::fprintf(stderr, "fuzz: cannot restore the database (%s): a request left it locked?\n",
                   sqlite3_errstr(rc));
      std::abort();
    }
    s.changes = s.TotalChanges();
  }
  // Now and then, that the owner is still signed in: state outside the database (a cache) that
  // an input changed would otherwise silently turn every later input into a 401.
  if (++s.inputs % 4096 == 0) {
    std::string raw = BuildRequest("GET", "/api/v1/auth/session", Caller::kOwner, "", "");
    Reply reply = Send(raw, Caller::kOwner);
    if (reply.status != 200) Report("the owner's session stopped working", raw, reply);
    s.changes = s.TotalChanges();
  }
}

const http::Router& FuzzServer::router() const { return state_->server->router(); }

const std::vector<http::Router::RouteInfo>& FuzzServer::routes() const { return state_->routes; }

long long FuzzServer::Id(const std::string& name) const {
  auto it = state_->ids.find(name);
  return it == state_->ids.end() ? 0 : it->second;
}

const std::string& FuzzServer::quote_token() const { return state_->quote_token; }

}  // namespace planify::fuzz
