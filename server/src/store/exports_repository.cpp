#include "store/exports_repository.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "store/emails_repository.hpp"
#include "store/sql_params.hpp"

namespace planify::store {

namespace {

using domain::ColumnType;
using Labels = std::vector<std::pair<std::string, std::string>>;

// "CASE expr WHEN 'draft' THEN 'Brouillon' … ELSE expr END": the French word a reader expects
// instead of the stored code (a code without a label comes out as it is).
std::string Label(const std::string& expr, const Labels& labels) {
  std::string out = "CASE " + expr;
  for (const auto& [code, label] : labels) {
    out += " WHEN '" + code + "' THEN '";
    for (char c : label) out += c == '\'' ? std::string("''") : std::string(1, c);
    out += "'";
  }
  return out + " ELSE " + expr + " END";
}

std::string YesNo(const std::string& expr) {
  return "CASE WHEN " + expr + " = 1 THEN 'Oui' ELSE 'Non' END";
}

const Labels kQuoteStatuses = {{"draft", "Brouillon"},  {"sent", "Envoyé"},
                               {"accepted", "Accepté"}, {"declined", "Refusé"},
                               {"expired", "Expiré"},   {"cancelled", "Annulé"}};
const Labels kInvoiceStatuses = {{"draft", "Brouillon"},
                                 {"issued", "Émise"},
                                 {"partially_paid", "Partiellement payée"},
                                 {"paid", "Payée"},
                                 {"cancelled", "Annulée"}};
const Labels kCreditNoteStatuses = {{"issued", "Émis"}, {"cancelled", "Annulé"}};
const Labels kMissionStatuses = {{"draft", "Brouillon"},     {"planned", "Planifiée"},
                                 {"confirmed", "Confirmée"}, {"in_progress", "En cours"},
                                 {"completed", "Terminée"},  {"canceled", "Annulée"}};
const Labels kPaymentStatuses = {{"pending", "En attente"},
                                 {"succeeded", "Encaissé"},
                                 {"failed", "Échoué"},
                                 {"rejected", "Rejeté"},
                                 {"cancelled", "Annulé"}};
const Labels kPaymentMethods = {
    {"card", "Carte"},    {"bank_transfer", "Virement"}, {"sepa_debit", "Prélèvement"},
    {"cheque", "Chèque"}, {"cash", "Espèces"},           {"other", "Autre"}};
const Labels kLineKinds = {
    {"service", "Prestation"}, {"rental", "Location"}, {"product", "Produit"}, {"fee", "Frais"},
    {"travel", "Déplacement"}, {"discount", "Remise"}, {"text", "Texte"}};
const Labels kUnits = {
    {"hour", "heure"}, {"day", "jour"}, {"unit", "unité"}, {"km", "km"}, {"flat", "forfait"}};
const Labels kEquipmentStates = {
    {"available", "Disponible"}, {"maintenance", "En maintenance"}, {"retired", "Retiré"}};
const Labels kMovementKinds = {{"check_out", "Sortie"},
                               {"return", "Retour"},
                               {"loss", "Perte"},
                               {"found", "Retrouvé"},
                               {"maintenance_in", "Entrée en maintenance"},
                               {"maintenance_out", "Sortie de maintenance"},
                               {"transfer", "Transfert"}};
const Labels kClientStates = {{"active", "Actif"}, {"archived", "Archivé"}};

ExportField Text(std::string header, std::string sql, double width = 14) {
  return {std::move(header), ColumnType::kText, width, std::move(sql), false};
}
ExportField Int(std::string header, std::string sql, double width = 10) {
  return {std::move(header), ColumnType::kInteger, width, std::move(sql), false};
}
ExportField Money(std::string header, std::string sql) {
  return {std::move(header), ColumnType::kMoneyCents, 14, std::move(sql), false};
}
ExportField Rate(std::string header, std::string sql) {
  return {std::move(header), ColumnType::kBasisPoints, 9, std::move(sql), false};
}
ExportField Day(std::string header, std::string sql) {
  return {std::move(header), ColumnType::kDate, 12, std::move(sql), false};
}
ExportField Instant(std::string header, std::string sql) {
  return {std::move(header), ColumnType::kDateTime, 17, std::move(sql), false};
}

// A sheet over one kind of document (aliased d): its issue day, status and client filter it.
void OnDocuments(ExportSheet& s, const std::string& table, const Labels& statuses) {
  s.from = table + " d";
  s.id = "d.id";
  s.org = "d.organization_id";
  s.period = "d.issue_date";
  s.period_kind = ExportPeriod::kDay;
  s.status = "d.status";
  s.statuses = statuses;
  s.client = "d.client_id";
}

// The lines of one kind of document, each with its document's number, status, day and client
// (the filters apply to the document).
ExportSheet LinesSheet(std::string key, std::string title, std::string slug,
                       const std::string& lines, const std::string& documents,
                       const std::string& document_header, const Labels& statuses) {
  ExportSheet s;
  s.key = std::move(key);
  s.title = std::move(title);
  s.slug = std::move(slug);
  s.fields = {Text(document_header, "COALESCE(d.number, '')"),
              Text("Statut du document", Label("d.status", statuses)),
              Day("Date", "d.issue_date"),
              Text("Client", "d.client_name", 24),
              Int("Ligne", "l.position", 7),
              Text("Type", Label("l.kind", kLineKinds)),
              Text("Description", "l.description", 36),
              Text("Unité", Label("COALESCE(l.unit, '')", kUnits), 9),
              {"Quantité", ColumnType::kThousandths, 10, "l.quantity_milli", false},
              Money("Prix unitaire HT", "l.unit_price_cents"),
              Rate("Remise %", "l.discount_bp"),
              Money("Remise", "l.discount_cents"),
              Rate("TVA %", "l.vat_rate_bp"),
              Money("Total HT", "l.net_cents")};
  OnDocuments(s, documents, statuses);
  s.from = lines + " l JOIN " + s.from +
           " ON d.id = l.document_id AND d.organization_id = " + "l.organization_id";
  s.id = "l.id";
  s.org = "l.organization_id";
  return s;
}

std::vector<ExportSheet> BuildSheets() {
  std::vector<ExportSheet> sheets;
  {
    ExportSheet s;
    s.key = "clients";
    s.slug = "clients";
    s.title = "Clients";
    const std::string contact =
        "(SELECT cc.%s FROM client_contacts cc WHERE cc.organization_id = c.organization_id AND "
        "cc.client_id = c.id ORDER BY cc.is_primary DESC, cc.position LIMIT 1)";
    auto primary = [&](const std::string& column) {
      std::string sql = contact;
      sql.replace(sql.find("%s"), 2, column);
      return "COALESCE(" + sql + ", '')";
    };
    s.fields = {
        Int("N°", "c.id", 7),
        Text("Type", "CASE c.kind WHEN 'company' THEN 'Entreprise' ELSE 'Particulier' END", 12),
        Text("Nom", "c.name", 28),
        Text("SIREN", "c.siren", 12),
        Text("SIRET", "c.siret", 16),
        Text("N° TVA", "c.vat_number", 16),
        Text("E-mail", primary("email"), 28),
        Text("Téléphone", primary("phone")),
        Text("Adresse", "c.billing_line1", 28),
        Text("Complément", "c.billing_line2", 18),
        Text("Code postal", "c.billing_postal_code", 11),
        Text("Ville", "c.billing_city", 18),
        Text("Pays", "c.billing_country", 6),
        {"Étiquettes", ColumnType::kText, 18, "c.tags", true},
        Text("Relances suspendues", YesNo("c.reminders_paused"), 10),
        Instant("Archivé le", "c.archived_at"),
        Instant("Créé le", "c.created_at")};
    s.from = "clients c";
    s.id = "c.id";
    s.org = "c.organization_id";
    s.period = "c.created_at";
    s.period_kind = ExportPeriod::kInstant;
    s.status = "CASE WHEN c.archived_at IS NULL THEN 'active' ELSE 'archived' END";
    s.statuses = kClientStates;
    s.client = "c.id";
    sheets.push_back(std::move(s));
  }
  {
    ExportSheet s;
    s.key = "contacts";
    s.slug = "contacts";
    s.title = "Contacts";
    s.fields = {Int("N°", "cc.id", 7),           Int("Client n°", "cc.client_id", 9),
                Text("Client", "c.name", 28),    Text("Nom", "cc.name", 24),
                Text("Fonction", "cc.role", 16), Text("E-mail", "cc.email", 28),
                Text("Téléphone", "cc.phone"),   Text("Principal", YesNo("cc.is_primary"), 10)};
    s.from =
        "client_contacts cc JOIN clients c ON c.id = cc.client_id AND "
        "c.organization_id = cc.organization_id";
    s.id = "cc.id";
    s.org = "cc.organization_id";
    s.status = "CASE WHEN c.archived_at IS NULL THEN 'active' ELSE 'archived' END";
    s.statuses = kClientStates;
    s.client = "cc.client_id";
    sheets.push_back(std::move(s));
  }
  {
    ExportSheet s;
    s.key = "missions";
    s.slug = "missions";
    s.title = "Missions";
    s.fields = {
        Int("N°", "m.id", 7),
        Text("Titre", "m.title", 28),
        Text("Statut", Label("m.status", kMissionStatuses), 11),
        Text("Client", "COALESCE(c.name, '')", 24),
        Instant("Début", "m.starts_at"),
        Instant("Fin", "m.ends_at"),
        Text("Lieu", "COALESCE(v.name, '')", 20),
        Text("Adresse", "m.address", 28),
        Text("Type d'événement", "m.event_type"),
        Int("Invités", "m.guest_count", 8),
        Text("Équipe",
             "COALESCE((SELECT LISTAGG(x.name, ', ') FROM (SELECT COALESCE(u.display_name, "
             "p.display_name) AS name FROM mission_crew mc LEFT JOIN users u "
             "ON u.id = mc.user_id LEFT JOIN crew_profiles p ON p.id = mc.crew_profile_id WHERE "
             "mc.organization_id = m.organization_id AND mc.mission_id = m.id ORDER BY "
             "mc.is_lead DESC, 1) x), '')",
             28),
        Text("Matériel",
             "COALESCE((SELECT LISTAGG(x.line, ', ') FROM (SELECT me.quantity || ' × ' || e.name "
             "AS line FROM mission_equipment me JOIN equipment_items e ON e.id = "
             "me.equipment_item_id AND e.organization_id = me.organization_id WHERE "
             "me.organization_id = m.organization_id AND me.mission_id = m.id ORDER BY e.name) "
             "x), '')",
             36),
        Text("Motif d'annulation", "m.cancellation_reason", 20)};
    s.from =
        "missions m LEFT JOIN clients c ON c.id = m.client_id AND c.organization_id = "
        "m.organization_id LEFT JOIN venues v ON v.id = m.venue_id AND v.organization_id = "
        "m.organization_id";
    s.id = "m.id";
    s.org = "m.organization_id";
    s.period = "m.starts_at";
    s.period_kind = ExportPeriod::kInstant;
    s.status = "m.status";
    s.statuses = kMissionStatuses;
    s.client = "m.client_id";
    sheets.push_back(std::move(s));
  }
  {
    ExportSheet s;
    s.key = "quotes";
    s.slug = "devis";
    s.title = "Devis";
    s.fields = {Text("Numéro", "COALESCE(d.number, '')"),
                Text("Statut", Label("d.status", kQuoteStatuses), 10),
                Day("Date", "d.issue_date"),
                Day("Valable jusqu'au", "d.valid_until"),
                Text("Client", "d.client_name", 24),
                Text("Objet", "d.title", 28),
                Money("Total HT", "d.total_net_cents"),
                Money("TVA", "d.total_vat_cents"),
                Money("Total TTC", "d.total_gross_cents"),
                Money("Acompte demandé", "d.deposit_cents"),
                Instant("Accepté le", "d.accepted_at"),
                Int("Mission n°", "d.mission_id", 9),
                Instant("Créé le", "d.created_at")};
    OnDocuments(s, "quotes", kQuoteStatuses);
    sheets.push_back(std::move(s));
  }
  sheets.push_back(LinesSheet("quote_lines", "Lignes de devis", "lignes-devis", "quote_lines",
                              "quotes", "Devis", kQuoteStatuses));
  {
    ExportSheet s;
    s.key = "invoices";
    s.slug = "factures";
    s.title = "Factures";
    s.fields = {
        Text("Numéro", "COALESCE(d.number, '')"),
        Text("Type", "CASE d.kind WHEN 'deposit' THEN 'Acompte' ELSE 'Facture' END", 10),
        Text("Statut", Label("d.status", kInvoiceStatuses), 12),
        Day("Date", "d.issue_date"),
        Day("Échéance", "d.due_date"),
        Text("Client", "d.client_name", 24),
        Text("Objet", "d.title", 28),
        Money("Total HT", "d.total_net_cents"),
        Money("TVA", "d.total_vat_cents"),
        Money("Total TTC", "d.total_gross_cents"),
        Money("Acomptes déduits", "d.prepaid_cents"),
        Money("Payé", "d.amount_paid_cents"),
        Money("Avoirs", "d.amount_credited_cents"),
        Money("Reste dû",
              "CASE WHEN d.status IN ('issued', 'partially_paid') THEN d.total_gross_cents - "
              "d.prepaid_cents - d.amount_credited_cents - d.amount_paid_cents ELSE 0 END"),
        Day("Payée le", "d.paid_on"),
        Text("Devis",
             "COALESCE((SELECT q.number FROM quotes q WHERE q.organization_id = "
             "d.organization_id AND q.id = d.quote_id), '')")};
    OnDocuments(s, "invoices", kInvoiceStatuses);
    sheets.push_back(std::move(s));
  }
  sheets.push_back(LinesSheet("invoice_lines", "Lignes de factures", "lignes-factures",
                              "invoice_lines", "invoices", "Facture", kInvoiceStatuses));
  {
    ExportSheet s;
    s.key = "credit_notes";
    s.slug = "avoirs";
    s.title = "Avoirs";
    s.fields = {
        Text("Numéro", "d.number"),
        Text("Statut", Label("d.status", kCreditNoteStatuses), 9),
        Day("Date", "d.issue_date"),
        Text("Facture",
             "COALESCE((SELECT i.number FROM invoices i WHERE i.organization_id = "
             "d.organization_id AND i.id = d.invoice_id), '')"),
        Text("Client", "d.client_name", 24),
        Text("Motif", "d.reason", 28),
        Money("Total HT", "d.total_net_cents"),
        Money("TVA", "d.total_vat_cents"),
        Money("Total TTC", "d.total_gross_cents"),
        Text("Règlement",
             "CASE d.settlement WHEN 'refund' THEN 'Remboursement' ELSE 'Déduction' END", 14),
        Text("Avoir total", YesNo("d.full_credit"), 10)};
    OnDocuments(s, "credit_notes", kCreditNoteStatuses);
    sheets.push_back(std::move(s));
  }
  sheets.push_back(LinesSheet("credit_note_lines", "Lignes d'avoirs", "lignes-avoirs",
                              "credit_note_lines", "credit_notes", "Avoir", kCreditNoteStatuses));
  {
    ExportSheet s;
    s.key = "payments";
    s.slug = "paiements";
    s.title = "Paiements";
    s.fields = {Text("Numéro", "p.number"),
                Day("Date", "p.received_on"),
                Text("Statut", Label("p.status", kPaymentStatuses), 11),
                Text("Moyen", Label("p.method", kPaymentMethods), 12),
                Text("Origine",
                     "CASE p.provider WHEN 'stripe' THEN 'En ligne (Stripe)' WHEN 'legacy' THEN "
                     "'Reprise' ELSE 'Saisi' END",
                     16),
                Money("Montant", "p.amount_cents"),
                Money("Remboursé", "p.refunded_cents"),
                Text("Facture", "COALESCE(i.number, '')"),
                Text("Devis", "COALESCE(q.number, '')"),
                Text("Client", "COALESCE(i.client_name, q.client_name, '')", 24),
                Text("Référence", "p.reference", 18),
                Instant("Contesté le", "p.disputed_at")};
    s.from =
        "payments p LEFT JOIN invoices i ON i.id = p.invoice_id AND i.organization_id = "
        "p.organization_id LEFT JOIN quotes q ON q.id = p.quote_id AND q.organization_id = "
        "p.organization_id";
    s.id = "p.id";
    s.org = "p.organization_id";
    s.period = "p.received_on";
    s.period_kind = ExportPeriod::kDay;
    s.status = "p.status";
    s.statuses = kPaymentStatuses;
    s.client = "COALESCE(i.client_id, q.client_id)";
    sheets.push_back(std::move(s));
  }
  {
    // The revenue ledger a micro-entrepreneur keeps (livre des recettes): every sum received,
    // day by day, with its client, what it paid and how.
    ExportSheet s;
    s.key = "receipts";
    s.title = "Livre des recettes";
    s.slug = "livre-des-recettes";
    s.fields = {Day("Date", "p.received_on"),
                Text("Référence", "p.number"),
                Text("Client", "COALESCE(i.client_name, q.client_name, '')", 24),
                Text("Nature", "COALESCE(i.title, q.title, '')", 28),
                Text("Facture", "COALESCE(i.number, '')"),
                Text("Mode de règlement", Label("p.method", kPaymentMethods), 14),
                Money("Montant encaissé", "p.amount_cents"),
                Money("Remboursé", "p.refunded_cents"),
                Money("Montant net", "p.amount_cents - p.refunded_cents")};
    s.from =
        "payments p LEFT JOIN invoices i ON i.id = p.invoice_id AND i.organization_id = "
        "p.organization_id LEFT JOIN quotes q ON q.id = p.quote_id AND q.organization_id = "
        "p.organization_id";
    s.id = "p.id";
    s.org = "p.organization_id";
    s.period = "p.received_on";
    s.period_kind = ExportPeriod::kDay;
    s.client = "COALESCE(i.client_id, q.client_id)";
    s.where = "p.status = 'succeeded'";
    sheets.push_back(std::move(s));
  }
  {
    ExportSheet s;
    s.key = "equipment";
    s.slug = "materiel";
    s.title = "Matériel";
    s.fields = {Int("N°", "e.id", 7),
                Text("Nom", "e.name", 28),
                Text("Catégorie", "e.category", 16),
                Text("Marque", "e.brand"),
                Text("Modèle", "e.model"),
                Text("Code-barres", "COALESCE(e.barcode, '')"),
                Text("Suivi", "CASE e.tracking WHEN 'unit' THEN 'À l''unité' ELSE 'Stock' END", 10),
                Int("Quantité", "e.quantity_owned"),
                Int("Hors service", "e.quantity_out_of_service"),
                Text("État", Label("e.status", kEquipmentStates), 14),
                Money("Prix de location", "e.rental_price_cents"),
                Money("Valeur de remplacement", "e.replacement_value_cents"),
                Text("Dépôt", "COALESCE(s.name, '')", 18),
                Text("Notes", "e.notes", 24)};
    s.from =
        "equipment_items e LEFT JOIN storage_sites s ON s.id = e.storage_site_id AND "
        "s.organization_id = e.organization_id";
    s.id = "e.id";
    s.org = "e.organization_id";
    s.status = "e.status";
    s.statuses = kEquipmentStates;
    sheets.push_back(std::move(s));
  }
  {
    ExportSheet s;
    s.key = "movements";
    s.slug = "mouvements";
    s.title = "Mouvements";
    s.fields = {Instant("Date", "mv.occurred_at"),
                Text("Matériel", "e.name", 28),
                Text("Mouvement", Label("mv.kind", kMovementKinds), 16),
                Int("Quantité", "mv.quantity"),
                Text("État",
                     "CASE mv.condition WHEN 'ok' THEN 'Bon' WHEN 'damaged' THEN 'Endommagé' "
                     "WHEN 'missing' THEN 'Manquant' ELSE '' END",
                     11),
                Text("Mission", "COALESCE(m.title, '')", 24),
                Text("Par", "COALESCE(u.display_name, '')", 18),
                Text("Notes", "mv.notes", 24)};
    s.from =
        "equipment_movements mv JOIN equipment_items e ON e.id = mv.equipment_item_id AND "
        "e.organization_id = mv.organization_id LEFT JOIN missions m ON m.id = mv.mission_id "
        "AND m.organization_id = mv.organization_id LEFT JOIN users u ON u.id = "
        "mv.performed_by_user_id";
    s.id = "mv.id";
    s.org = "mv.organization_id";
    s.period = "mv.occurred_at";
    s.period_kind = ExportPeriod::kInstant;
    s.status = "mv.kind";
    s.statuses = kMovementKinds;
    s.client = "m.client_id";
    sheets.push_back(std::move(s));
  }
  return sheets;
}

// "WHERE org = :org AND …" for the query's filters, binding their values.
std::string Where(const ExportSheet& sheet, const ExportQuery& query, SqlParams& p) {
  std::string where = " WHERE " + sheet.org + " = :org";
  if (!sheet.where.empty()) where += " AND " + sheet.where;
  if (sheet.period_kind != ExportPeriod::kNone) {
    if (!query.from.empty()) {
      where += " AND " + sheet.period + " >= :pfrom";
      p.Text("pfrom", query.from);
    }
    if (!query.to.empty()) {
      where += " AND " + sheet.period + (sheet.period_kind == ExportPeriod::kDay ? " <= " : " < ") +
               ":pto";
      p.Text("pto", query.to);
    }
  }
  if (!sheet.status.empty() && !query.statuses.empty()) {
    where += " AND " + sheet.status + " IN (";
    for (std::size_t i = 0; i < query.statuses.size(); ++i) {
      const std::string name = "s" + std::to_string(i);
      where += (i == 0 ? ":" : ", :") + name;
      p.Text(name, query.statuses[i]);
    }
    where += ")";
  }
  if (!sheet.client.empty() && query.client_id) {
    where += " AND " + sheet.client + " = :client";
    p.Int("client", *query.client_id);
  }
  return where;
}

std::string JsonList(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return text;
  std::string out;
  for (const auto& item : parsed) {
    if (!item.is_string()) continue;
    if (!out.empty()) out += ", ";
    out += item.get<std::string>();
  }
  return out;
}

ExportRecord ReadRecord(const soci::row& row) {
  ExportRecord r;
  r.id = GetInt64(row, 0);
  if (auto user = RowOptInt(row, 1)) r.requested_by = UserId{*user};
  r.requested_by_name = RowText(row, 2);
  r.entity = RowText(row, 3);
  r.format = RowText(row, 4);
  r.filters_json = RowText(row, 5);
  r.status = RowText(row, 6);
  r.rows_total = GetInt64(row, 7);
  r.rows_done = GetInt64(row, 8);
  r.filename = RowText(row, 9);
  r.content_type = RowText(row, 10);
  r.size_bytes = GetInt64(row, 11);
  r.sha256 = RowText(row, 12);
  r.error = RowText(row, 13);
  r.created_at = RowTimestamp(row, 14);
  r.finished_at = RowTimestamp(row, 15);
  r.expires_at = RowTimestamp(row, 16);
  return r;
}

const char* const kRecordColumns =
    "SELECT x.id, x.requested_by_user_id, COALESCE(u.display_name, ''), x.entity, x.format, "
    "x.filters, x.status, x.rows_total, x.rows_done, x.filename, x.content_type, x.size_bytes, "
    "x.sha256, x.error, CAST(x.created_at AS TEXT), CAST(x.finished_at AS TEXT), "
    "CAST(x.expires_at AS TEXT) FROM exports x LEFT JOIN users u ON u.id = "
    "x.requested_by_user_id WHERE x.organization_id = :org";

}  // namespace

std::vector<domain::Column> ExportSheet::Columns() const {
  std::vector<domain::Column> out;
  out.reserve(fields.size());
  for (const auto& f : fields) out.push_back({f.header, f.type, f.width});
  return out;
}

const std::vector<ExportSheet>& ExportSheets() {
  static const std::vector<ExportSheet> kSheets = BuildSheets();
  return kSheets;
}

const ExportSheet* FindExportSheet(std::string_view key) {
  for (const auto& sheet : ExportSheets()) {
    if (sheet.key == key) return &sheet;
  }
  return nullptr;
}

long long ExportsRepository::Count(OrganizationId org, const ExportSheet& sheet,
                                   const ExportQuery& query) {
  SqlParams p;
  p.Int("org", org.value);
  const std::string where = Where(sheet, query, p);
  long long count = 0;
  p.ForEachRow(lease_, "SELECT count(*) FROM " + sheet.from + where,
               [&](const soci::row& row) { count = GetInt64(row, 0); });
  return count;
}

long long ExportsRepository::Page(OrganizationId org, const ExportSheet& sheet,
                                  const ExportQuery& query, long long after, int limit,
                                  const std::function<void(domain::Row&&)>& fn) {
  const bool postgres = lease_.dialect() == Dialect::kPostgres;
  std::string select = "SELECT " + sheet.id;
  for (const auto& field : sheet.fields) {
    std::string sql = field.sql;
    for (auto at = sql.find("LISTAGG("); at != std::string::npos; at = sql.find("LISTAGG(")) {
      sql.replace(at, 7, postgres ? "string_agg" : "group_concat");
    }
    const bool temporal =
        field.type == domain::ColumnType::kDate || field.type == domain::ColumnType::kDateTime;
    select += ", " + (temporal ? "CAST(" + sql + " AS TEXT)" : sql);
  }
  SqlParams p;
  p.Int("org", org.value);
  std::string where = Where(sheet, query, p);
  where += " AND " + sheet.id + " > :after";
  p.Int("after", after);
  long long last = 0;
  p.ForEachRow(lease_,
               select + " FROM " + sheet.from + where + " ORDER BY " + sheet.id + " LIMIT " +
                   std::to_string(limit),
               [&](const soci::row& row) {
                 last = GetInt64(row, 0);
                 domain::Row out;
                 out.reserve(sheet.fields.size());
                 for (std::size_t i = 0; i < sheet.fields.size(); ++i) {
                   const auto& field = sheet.fields[i];
                   const std::size_t column = i + 1;
                   switch (field.type) {
                     case domain::ColumnType::kText:
                     case domain::ColumnType::kDate: {
                       std::string text = RowText(row, column);
                       if (field.json_list) text = JsonList(text);
                       if (text.empty()) {
                         out.emplace_back();
                       } else {
                         out.emplace_back(std::move(text));
                       }
                       break;
                     }
                     case domain::ColumnType::kDateTime: {
                       std::string text = RowTimestamp(row, column);
                       if (text.empty()) {
                         out.emplace_back();
                       } else {
                         out.emplace_back(std::move(text));
                       }
                       break;
                     }
                     default:
                       if (auto value = RowOptInt(row, column)) {
                         out.emplace_back(static_cast<std::int64_t>(*value));
                       } else {
                         out.emplace_back();
                       }
                   }
                 }
                 fn(std::move(out));
               });
  return last;
}

long long ExportsRepository::Insert(OrganizationId org, const ExportRecord& record) {
  SqlParams p;
  p.Int("org", org.value)
      .IntOrNull("user", record.requested_by ? std::optional<long long>(record.requested_by->value)
                                             : std::nullopt)
      .Text("entity", record.entity)
      .Text("format", record.format)
      .Text("filters", record.filters_json)
      .Text("status", record.status)
      .Int("total", record.rows_total)
      .Text("filename", record.filename)
      .Text("type", record.content_type)
      .Text("created", record.created_at)
      .Text("expires", record.expires_at);
  long long id = 0;
  p.Execute(lease_,
            "INSERT INTO exports (organization_id, requested_by_user_id, entity, format, filters, "
            "status, rows_total, filename, content_type, created_at, expires_at) VALUES (:org, "
            ":user, :entity, :format, :filters, :status, :total, :filename, :type, :created, "
            ":expires) RETURNING id",
            &id);
  return id;
}

std::optional<ExportRecord> ExportsRepository::Find(OrganizationId org, long long id) {
  std::optional<ExportRecord> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.ForEachRow(lease_, std::string(kRecordColumns) + " AND x.id = :id",
               [&](const soci::row& row) { out = ReadRecord(row); });
  return out;
}

std::vector<ExportRecord> ExportsRepository::List(OrganizationId org, int limit) {
  std::vector<ExportRecord> out;
  SqlParams p;
  p.Int("org", org.value);
  p.ForEachRow(lease_,
               std::string(kRecordColumns) + " ORDER BY x.id DESC LIMIT " + std::to_string(limit),
               [&](const soci::row& row) { out.push_back(ReadRecord(row)); });
  return out;
}

void ExportsRepository::Start(OrganizationId org, long long id, long long rows_total) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Int("total", rows_total);
  p.Execute(lease_,
            "UPDATE exports SET status = 'running', rows_total = :total, rows_done = 0, error = "
            "NULL WHERE organization_id = :org AND id = :id");
}

void ExportsRepository::Progress(OrganizationId org, long long id, long long rows_done) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Int("done", rows_done);
  p.Execute(lease_,
            "UPDATE exports SET rows_done = :done WHERE organization_id = :org AND id = :id AND "
            "status = 'running'");
}

void ExportsRepository::AddChunk(OrganizationId org, long long id, int seq,
                                 const std::string& bytes) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Int("seq", seq).Text("content", Base64Encode(bytes));
  p.Execute(lease_,
            "INSERT INTO export_chunks (organization_id, export_id, seq, content_base64) VALUES "
            "(:org, :id, :seq, :content)");
}

void ExportsRepository::ClearChunks(OrganizationId org, long long id) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id);
  p.Execute(lease_, "DELETE FROM export_chunks WHERE organization_id = :org AND export_id = :id");
}

std::optional<std::string> ExportsRepository::Chunk(OrganizationId org, long long id, int seq) {
  std::optional<std::string> out;
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Int("seq", seq);
  p.ForEachRow(lease_,
               "SELECT content_base64 FROM export_chunks WHERE organization_id = :org AND "
               "export_id = :id AND seq = :seq",
               [&](const soci::row& row) { out = Base64Decode(RowText(row, 0)); });
  return out;
}

void ExportsRepository::Finish(OrganizationId org, long long id, long long rows,
                               long long size_bytes, const std::string& sha256,
                               const std::string& now) {
  SqlParams p;
  p.Int("org", org.value)
      .Int("id", id)
      .Int("rows", rows)
      .Int("size", size_bytes)
      .Text("sha", sha256)
      .Text("now", now);
  p.Execute(lease_,
            "UPDATE exports SET status = 'ready', rows_total = :rows, rows_done = :rows, "
            "size_bytes = :size, sha256 = :sha, error = NULL, finished_at = :now WHERE "
            "organization_id = :org AND id = :id");
}

void ExportsRepository::MarkFailed(OrganizationId org, long long id, const std::string& error,
                                   const std::string& now) {
  SqlParams p;
  p.Int("org", org.value).Int("id", id).Text("error", error).Text("now", now);
  p.Execute(lease_,
            "UPDATE exports SET status = 'failed', error = :error, finished_at = :now WHERE "
            "organization_id = :org AND id = :id");
}

long long ExportsRepository::PurgeExpired(const std::string& now) {
  long long count = 0;
  {
    SqlParams p;
    p.Text("now", now);
    p.ForEachRow(lease_, "SELECT count(*) FROM exports WHERE expires_at < :now",
                 [&](const soci::row& row) { count = GetInt64(row, 0); });
  }
  if (count == 0) return 0;
  SqlParams p;
  p.Text("now", now);
  p.Execute(lease_,
            "DELETE FROM export_chunks WHERE export_id IN (SELECT id FROM exports WHERE "
            "expires_at < :now)");
  SqlParams q;
  q.Text("now", now);
  q.Execute(lease_, "DELETE FROM exports WHERE expires_at < :now");
  return count;
}

}  // namespace planify::store
