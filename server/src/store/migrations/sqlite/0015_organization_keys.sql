-- Organisation-scoped references (docs/data-model.md §1.2). Every table that another tenant
-- table references gets UNIQUE (organization_id, id), and every such reference becomes the
-- composite FOREIGN KEY (organization_id, x_id) REFERENCES t (organization_id, id): the database
-- itself refuses a row of one organisation that points into another. References to users stay
-- simple (a member who leaves loses the membership row, not the missions they worked on).
--
-- SQLite cannot add a constraint to an existing table, so the sixteen tables that hold such a
-- reference are rebuilt (https://www.sqlite.org/lang_altertable.html#otheralter): create
-- new_<t>, copy, drop <t>, rename new_<t> to <t>, recreate the indexes. The migrator runs this
-- file inside one transaction with foreign keys ON (PRAGMA foreign_keys cannot change inside a
-- transaction), which the documented procedure would switch off. It is safe here because the
-- rebuilt set is closed: every table that references a rebuilt table is rebuilt too (no trigger
-- or view refers to them either), the new tables are filled parents first, and the old ones are
-- dropped children first, so no DROP ever deletes a row some other table still points at.

-- 1. Rows that point at another organisation's row, or at no row at all. The composite keys
--    below would reject them halfway through, with a message naming nothing; stop first with
--    one naming each table, column and count. (SQLite's RAISE() only exists in triggers and
--    takes a literal; json_extract's error on an invalid path is the one way a plain script
--    can stop with a message built from the data.)
SELECT json_extract('{}', 'migration 0015 refused: rows point at a row of another '
  || 'organisation, or at none: ' || group_concat(ref || ' ' || n || ' row(s)', '; ')
  || '. Correct or clear these references, then run the migration again.')
FROM (
  SELECT ref, count(*) AS n FROM (
    SELECT 'equipment_items.storage_site_id' AS ref
    FROM equipment_items x LEFT JOIN storage_sites p ON p.id = x.storage_site_id
    WHERE x.storage_site_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'missions.client_id' AS ref
    FROM missions x LEFT JOIN clients p ON p.id = x.client_id
    WHERE x.client_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'missions.venue_id' AS ref
    FROM missions x LEFT JOIN venues p ON p.id = x.venue_id
    WHERE x.venue_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'catalogue_items.equipment_item_id' AS ref
    FROM catalogue_items x LEFT JOIN equipment_items p ON p.id = x.equipment_item_id
    WHERE x.equipment_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'client_contacts.client_id' AS ref
    FROM client_contacts x LEFT JOIN clients p ON p.id = x.client_id
    WHERE x.client_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'mission_crew.mission_id' AS ref
    FROM mission_crew x LEFT JOIN missions p ON p.id = x.mission_id
    WHERE x.mission_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'mission_equipment.mission_id' AS ref
    FROM mission_equipment x LEFT JOIN missions p ON p.id = x.mission_id
    WHERE x.mission_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'mission_equipment.equipment_item_id' AS ref
    FROM mission_equipment x LEFT JOIN equipment_items p ON p.id = x.equipment_item_id
    WHERE x.equipment_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'quotes.client_id' AS ref
    FROM quotes x LEFT JOIN clients p ON p.id = x.client_id
    WHERE x.client_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'quotes.mission_id' AS ref
    FROM quotes x LEFT JOIN missions p ON p.id = x.mission_id
    WHERE x.mission_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'quotes.pdf_file_id' AS ref
    FROM quotes x LEFT JOIN document_files p ON p.id = x.pdf_file_id
    WHERE x.pdf_file_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoices.quote_id' AS ref
    FROM invoices x LEFT JOIN quotes p ON p.id = x.quote_id
    WHERE x.quote_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoices.mission_id' AS ref
    FROM invoices x LEFT JOIN missions p ON p.id = x.mission_id
    WHERE x.mission_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoices.client_id' AS ref
    FROM invoices x LEFT JOIN clients p ON p.id = x.client_id
    WHERE x.client_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoices.pdf_file_id' AS ref
    FROM invoices x LEFT JOIN document_files p ON p.id = x.pdf_file_id
    WHERE x.pdf_file_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoice_deposit_links.invoice_id' AS ref
    FROM invoice_deposit_links x LEFT JOIN invoices p ON p.id = x.invoice_id
    WHERE x.invoice_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoice_deposit_links.deposit_invoice_id' AS ref
    FROM invoice_deposit_links x LEFT JOIN invoices p ON p.id = x.deposit_invoice_id
    WHERE x.deposit_invoice_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'credit_notes.invoice_id' AS ref
    FROM credit_notes x LEFT JOIN invoices p ON p.id = x.invoice_id
    WHERE x.invoice_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'credit_notes.client_id' AS ref
    FROM credit_notes x LEFT JOIN clients p ON p.id = x.client_id
    WHERE x.client_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'credit_notes.pdf_file_id' AS ref
    FROM credit_notes x LEFT JOIN document_files p ON p.id = x.pdf_file_id
    WHERE x.pdf_file_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'quote_lines.document_id' AS ref
    FROM quote_lines x LEFT JOIN quotes p ON p.id = x.document_id
    WHERE x.document_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'quote_lines.catalogue_item_id' AS ref
    FROM quote_lines x LEFT JOIN catalogue_items p ON p.id = x.catalogue_item_id
    WHERE x.catalogue_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'quote_lines.equipment_item_id' AS ref
    FROM quote_lines x LEFT JOIN equipment_items p ON p.id = x.equipment_item_id
    WHERE x.equipment_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoice_lines.document_id' AS ref
    FROM invoice_lines x LEFT JOIN invoices p ON p.id = x.document_id
    WHERE x.document_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoice_lines.catalogue_item_id' AS ref
    FROM invoice_lines x LEFT JOIN catalogue_items p ON p.id = x.catalogue_item_id
    WHERE x.catalogue_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'invoice_lines.equipment_item_id' AS ref
    FROM invoice_lines x LEFT JOIN equipment_items p ON p.id = x.equipment_item_id
    WHERE x.equipment_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'credit_note_lines.document_id' AS ref
    FROM credit_note_lines x LEFT JOIN credit_notes p ON p.id = x.document_id
    WHERE x.document_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'credit_note_lines.catalogue_item_id' AS ref
    FROM credit_note_lines x LEFT JOIN catalogue_items p ON p.id = x.catalogue_item_id
    WHERE x.catalogue_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'credit_note_lines.equipment_item_id' AS ref
    FROM credit_note_lines x LEFT JOIN equipment_items p ON p.id = x.equipment_item_id
    WHERE x.equipment_item_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'payments.invoice_id' AS ref
    FROM payments x LEFT JOIN invoices p ON p.id = x.invoice_id
    WHERE x.invoice_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'signatures.quote_id' AS ref
    FROM signatures x LEFT JOIN quotes p ON p.id = x.quote_id
    WHERE x.quote_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'signatures.document_file_id' AS ref
    FROM signatures x LEFT JOIN document_files p ON p.id = x.document_file_id
    WHERE x.document_file_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'signatures.signed_file_id' AS ref
    FROM signatures x LEFT JOIN document_files p ON p.id = x.signed_file_id
    WHERE x.signed_file_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
    UNION ALL
    SELECT 'payment_proofs.payment_id' AS ref
    FROM payment_proofs x LEFT JOIN payments p ON p.id = x.payment_id
    WHERE x.payment_id IS NOT NULL AND p.organization_id IS NOT x.organization_id
  ) GROUP BY ref
);

-- 2. Parent keys: UNIQUE (organization_id, id) on the referenced tables kept as they are (the
--    rebuilt ones declare it in their new definition).
CREATE UNIQUE INDEX clients_org_id_key ON clients (organization_id, id);
CREATE UNIQUE INDEX document_files_org_id_key ON document_files (organization_id, id);
CREATE UNIQUE INDEX storage_sites_org_id_key ON storage_sites (organization_id, id);
CREATE UNIQUE INDEX venues_org_id_key ON venues (organization_id, id);

-- 3. The new tables: same columns in the same order, composite references. A reference to
--    another rebuilt table names its new_ table; the renames in step 6 rewrite it.
CREATE TABLE new_equipment_items (
  id                       INTEGER PRIMARY KEY,
  organization_id          INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                     TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  category                 TEXT NOT NULL DEFAULT '',
  storage_site_id          INTEGER,
  quantity_owned           INTEGER NOT NULL CHECK (quantity_owned >= 0),
  quantity_out_of_service  INTEGER NOT NULL DEFAULT 0
    CHECK (quantity_out_of_service BETWEEN 0 AND quantity_owned),
  status                   TEXT NOT NULL DEFAULT 'available'
    CHECK (status IN ('available', 'maintenance', 'retired')),
  rental_price_cents       INTEGER NOT NULL DEFAULT 0 CHECK (rental_price_cents >= 0),
  notes                    TEXT NOT NULL DEFAULT '',
  search_text              TEXT NOT NULL DEFAULT '',
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  CONSTRAINT equipment_items_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT equipment_items_storage_site_id_fkey FOREIGN KEY (organization_id, storage_site_id)
    REFERENCES storage_sites (organization_id, id)
);

CREATE TABLE new_missions (
  id                   INTEGER PRIMARY KEY,
  organization_id      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title                TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  status               TEXT NOT NULL CHECK (status IN ('draft', 'planned', 'confirmed',
                                                       'in_progress', 'completed', 'canceled')),
  client_id            INTEGER,
  venue_id             INTEGER,
  address              TEXT NOT NULL DEFAULT '',
  event_type           TEXT NOT NULL DEFAULT '',
  guest_count          INTEGER CHECK (guest_count >= 0),
  starts_at            TEXT NOT NULL,
  ends_at              TEXT NOT NULL,
  description          TEXT NOT NULL DEFAULT '',
  notes                TEXT NOT NULL DEFAULT '',
  custom_fields        TEXT NOT NULL DEFAULT '{}',
  search_text          TEXT NOT NULL DEFAULT '',
  created_by_user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  confirmed_at         TEXT,
  canceled_at          TEXT,
  cancellation_reason  TEXT NOT NULL DEFAULT '',
  ical_sequence        INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (ends_at > starts_at),
  CONSTRAINT missions_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT missions_client_id_fkey FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id),
  CONSTRAINT missions_venue_id_fkey FOREIGN KEY (organization_id, venue_id)
    REFERENCES venues (organization_id, id)
);

CREATE TABLE new_catalogue_items (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel')),
  name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description        TEXT NOT NULL DEFAULT '',
  sku                TEXT,
  unit               TEXT NOT NULL CHECK (unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  currency           TEXT NOT NULL DEFAULT 'EUR',
  equipment_item_id  INTEGER,
  search_text        TEXT NOT NULL DEFAULT '',
  archived_at        TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CONSTRAINT catalogue_items_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT catalogue_items_equipment_item_id_fkey FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES new_equipment_items (organization_id, id)
);

CREATE TABLE new_client_contacts (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id        INTEGER NOT NULL,
  position         INTEGER NOT NULL,
  name             TEXT NOT NULL DEFAULT '',
  role             TEXT NOT NULL DEFAULT '',
  email            TEXT NOT NULL DEFAULT '' CHECK (email = lower(email)),
  phone            TEXT NOT NULL DEFAULT '',
  is_primary       INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  created_at       TEXT NOT NULL,
  CONSTRAINT client_contacts_client_id_fkey FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE new_mission_crew (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id       INTEGER NOT NULL,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  position         TEXT NOT NULL CHECK (position IN ('dj', 'technician', 'assistant', 'driver',
                                                     'other')),
  label            TEXT NOT NULL DEFAULT '',
  is_lead          INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
  created_at       TEXT NOT NULL,
  UNIQUE (mission_id, user_id),
  CONSTRAINT mission_crew_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES new_missions (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE new_mission_equipment (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id         INTEGER NOT NULL,
  equipment_item_id  INTEGER NOT NULL,
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  created_at         TEXT NOT NULL,
  UNIQUE (mission_id, equipment_item_id),
  CONSTRAINT mission_equipment_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES new_missions (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT mission_equipment_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES new_equipment_items (organization_id, id)
);

CREATE TABLE new_quotes (
  id                      INTEGER PRIMARY KEY,
  organization_id         INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                  TEXT,
  status                  TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined',
                                                          'expired', 'cancelled')),
  client_id               INTEGER,
  mission_id              INTEGER,
  title                   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description             TEXT NOT NULL DEFAULT '',
  terms                   TEXT NOT NULL DEFAULT '',
  service_starts_at       TEXT,
  service_ends_at         TEXT,
  venue_text              TEXT NOT NULL DEFAULT '',
  client_name             TEXT NOT NULL,
  client_email            TEXT NOT NULL DEFAULT '',
  client_is_business      INTEGER NOT NULL CHECK (client_is_business IN (0, 1)),
  client_snapshot         TEXT NOT NULL,
  operation_category      TEXT NOT NULL DEFAULT 'services'
                          CHECK (operation_category IN ('services', 'goods', 'mixed')),
  vat_regime              TEXT NOT NULL CHECK (vat_regime IN ('standard', 'franchise',
                                                              'reverse_charge')),
  purchase_order_ref      TEXT NOT NULL DEFAULT '',
  currency                TEXT NOT NULL DEFAULT 'EUR',
  discount_bp             INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents          INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  total_net_cents         INTEGER NOT NULL,
  total_vat_cents         INTEGER NOT NULL,
  total_gross_cents       INTEGER NOT NULL,
  vat_breakdown           TEXT NOT NULL DEFAULT '[]',
  deposit_kind            TEXT NOT NULL DEFAULT 'none'
                          CHECK (deposit_kind IN ('none', 'acompte', 'arrhes')),
  deposit_bp              INTEGER NOT NULL DEFAULT 0 CHECK (deposit_bp BETWEEN 0 AND 10000),
  deposit_amount_cents    INTEGER NOT NULL DEFAULT 0 CHECK (deposit_amount_cents >= 0),
  deposit_cents           INTEGER NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
  issue_date              TEXT,
  valid_until             TEXT,
  send_requested_at       TEXT,
  sent_at                 TEXT,
  accepted_at             TEXT,
  declined_at             TEXT,
  decline_reason          TEXT,
  expired_at              TEXT,
  cancelled_at            TEXT,
  acceptance_method       TEXT CHECK (acceptance_method IS NULL OR
                                      acceptance_method IN ('signature', 'manual', 'payment')),
  public_token_hash       TEXT UNIQUE,
  public_token_expires_at TEXT,
  search_text             TEXT NOT NULL DEFAULT '',
  created_by_user_id      INTEGER REFERENCES users (id),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  pdf_file_id             INTEGER,
  CHECK (number IS NOT NULL OR status IN ('draft', 'cancelled')),
  CHECK (total_gross_cents = total_net_cents + total_vat_cents),
  UNIQUE (organization_id, number),
  CONSTRAINT quotes_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT quotes_client_id_fkey FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id),
  CONSTRAINT quotes_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES new_missions (organization_id, id),
  CONSTRAINT quotes_pdf_file_id_fkey FOREIGN KEY (organization_id, pdf_file_id)
    REFERENCES document_files (organization_id, id)
);

CREATE TABLE new_invoices (
  id                          INTEGER PRIMARY KEY,
  organization_id             INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                      TEXT,
  kind                        TEXT NOT NULL CHECK (kind IN ('standard', 'deposit')),
  status                      TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid',
                                                              'paid', 'cancelled')),
  quote_id                    INTEGER,
  mission_id                  INTEGER,
  client_id                   INTEGER,
  title                       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description                 TEXT NOT NULL DEFAULT '',
  notes                       TEXT NOT NULL DEFAULT '',
  service_starts_at           TEXT,
  service_ends_at             TEXT,
  venue_text                  TEXT NOT NULL DEFAULT '',
  client_name                 TEXT NOT NULL,
  client_email                TEXT NOT NULL DEFAULT '',
  client_is_business          INTEGER NOT NULL CHECK (client_is_business IN (0, 1)),
  client_snapshot             TEXT NOT NULL,
  seller_snapshot             TEXT,
  operation_category          TEXT NOT NULL DEFAULT 'services'
                              CHECK (operation_category IN ('services', 'goods', 'mixed')),
  vat_regime                  TEXT NOT NULL CHECK (vat_regime IN ('standard', 'franchise',
                                                                  'reverse_charge')),
  purchase_order_ref          TEXT NOT NULL DEFAULT '',
  currency                    TEXT NOT NULL DEFAULT 'EUR',
  discount_bp                 INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents              INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  total_net_cents             INTEGER NOT NULL,
  total_vat_cents             INTEGER NOT NULL,
  total_gross_cents           INTEGER NOT NULL,
  vat_breakdown               TEXT NOT NULL DEFAULT '[]',
  prepaid_cents               INTEGER NOT NULL DEFAULT 0 CHECK (prepaid_cents >= 0),
  amount_paid_cents           INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
  amount_credited_cents       INTEGER NOT NULL DEFAULT 0 CHECK (amount_credited_cents >= 0),
  deposit_bp                  INTEGER NOT NULL DEFAULT 0,
  payment_terms_days          INTEGER NOT NULL DEFAULT 30,
  issue_date                  TEXT,
  issued_at                   TEXT,
  due_date                    TEXT,
  legal_mentions              TEXT,
  send_requested_at           TEXT,
  sent_at                     TEXT,
  paid_on                     TEXT,
  cancelled_at                TEXT,
  search_text                 TEXT NOT NULL DEFAULT '',
  created_by_user_id          INTEGER REFERENCES users (id),
  created_at                  TEXT NOT NULL,
  updated_at                  TEXT NOT NULL,
  pdf_file_id                 INTEGER,
  CHECK (number IS NOT NULL OR status IN ('draft', 'cancelled')),
  CHECK (total_gross_cents = total_net_cents + total_vat_cents),
  UNIQUE (organization_id, number),
  CONSTRAINT invoices_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT invoices_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
    REFERENCES new_quotes (organization_id, id),
  CONSTRAINT invoices_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES new_missions (organization_id, id),
  CONSTRAINT invoices_client_id_fkey FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id),
  CONSTRAINT invoices_pdf_file_id_fkey FOREIGN KEY (organization_id, pdf_file_id)
    REFERENCES document_files (organization_id, id)
);

CREATE TABLE new_invoice_deposit_links (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  invoice_id          INTEGER NOT NULL,
  deposit_invoice_id  INTEGER NOT NULL UNIQUE,
  net_cents           INTEGER NOT NULL,
  vat_cents           INTEGER NOT NULL,
  gross_cents         INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  CONSTRAINT invoice_deposit_links_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES new_invoices (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT invoice_deposit_links_deposit_invoice_id_fkey
    FOREIGN KEY (organization_id, deposit_invoice_id)
    REFERENCES new_invoices (organization_id, id)
);

CREATE TABLE new_credit_notes (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number              TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('issued', 'cancelled')),
  invoice_id          INTEGER NOT NULL,
  client_id           INTEGER,
  client_name         TEXT NOT NULL,
  client_snapshot     TEXT NOT NULL,
  seller_snapshot     TEXT,
  vat_regime          TEXT NOT NULL,
  currency            TEXT NOT NULL DEFAULT 'EUR',
  reason              TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  full_credit         INTEGER NOT NULL CHECK (full_credit IN (0, 1)),
  total_net_cents     INTEGER NOT NULL CHECK (total_net_cents >= 0),
  total_vat_cents     INTEGER NOT NULL CHECK (total_vat_cents >= 0),
  total_gross_cents   INTEGER NOT NULL CHECK (total_gross_cents > 0),
  vat_breakdown       TEXT NOT NULL DEFAULT '[]',
  settlement          TEXT NOT NULL CHECK (settlement IN ('deduct', 'refund')),
  issue_date          TEXT NOT NULL,
  issued_at           TEXT NOT NULL,
  legal_mentions      TEXT,
  sent_at             TEXT,
  created_by_user_id  INTEGER REFERENCES users (id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  pdf_file_id         INTEGER,
  CHECK (total_gross_cents = total_net_cents + total_vat_cents),
  UNIQUE (organization_id, number),
  CONSTRAINT credit_notes_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT credit_notes_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES new_invoices (organization_id, id),
  CONSTRAINT credit_notes_client_id_fkey FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id),
  CONSTRAINT credit_notes_pdf_file_id_fkey FOREIGN KEY (organization_id, pdf_file_id)
    REFERENCES document_files (organization_id, id)
);

CREATE TABLE new_quote_lines (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id        INTEGER NOT NULL,
  position           INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel',
                                                   'discount', 'text')),
  catalogue_item_id  INTEGER,
  equipment_item_id  INTEGER,
  description        TEXT NOT NULL,
  unit               TEXT CHECK (unit IS NULL OR unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  quantity_milli     INTEGER NOT NULL CHECK (quantity_milli >= 0),
  unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents >= 0 OR kind = 'discount'),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  discount_bp        INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents     INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  net_cents          INTEGER NOT NULL,
  CHECK (discount_bp = 0 OR discount_cents = 0),
  UNIQUE (document_id, position),
  CONSTRAINT quote_lines_document_id_fkey FOREIGN KEY (organization_id, document_id)
    REFERENCES new_quotes (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT quote_lines_catalogue_item_id_fkey FOREIGN KEY (organization_id, catalogue_item_id)
    REFERENCES new_catalogue_items (organization_id, id),
  CONSTRAINT quote_lines_equipment_item_id_fkey FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES new_equipment_items (organization_id, id)
);

CREATE TABLE new_invoice_lines (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id        INTEGER NOT NULL,
  position           INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel',
                                                   'discount', 'text')),
  catalogue_item_id  INTEGER,
  equipment_item_id  INTEGER,
  description        TEXT NOT NULL,
  unit               TEXT CHECK (unit IS NULL OR unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  quantity_milli     INTEGER NOT NULL CHECK (quantity_milli >= 0),
  unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents >= 0 OR kind = 'discount'),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  discount_bp        INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents     INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  net_cents          INTEGER NOT NULL,
  CHECK (discount_bp = 0 OR discount_cents = 0),
  UNIQUE (document_id, position),
  CONSTRAINT invoice_lines_document_id_fkey FOREIGN KEY (organization_id, document_id)
    REFERENCES new_invoices (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT invoice_lines_catalogue_item_id_fkey FOREIGN KEY (organization_id, catalogue_item_id)
    REFERENCES new_catalogue_items (organization_id, id),
  CONSTRAINT invoice_lines_equipment_item_id_fkey FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES new_equipment_items (organization_id, id)
);

CREATE TABLE new_credit_note_lines (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id        INTEGER NOT NULL,
  position           INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel',
                                                   'discount', 'text')),
  catalogue_item_id  INTEGER,
  equipment_item_id  INTEGER,
  description        TEXT NOT NULL,
  unit               TEXT CHECK (unit IS NULL OR unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  quantity_milli     INTEGER NOT NULL CHECK (quantity_milli >= 0),
  unit_price_cents   INTEGER NOT NULL CHECK (unit_price_cents >= 0 OR kind = 'discount'),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  discount_bp        INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents     INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  net_cents          INTEGER NOT NULL,
  CHECK (discount_bp = 0 OR discount_cents = 0),
  UNIQUE (document_id, position),
  CONSTRAINT credit_note_lines_document_id_fkey FOREIGN KEY (organization_id, document_id)
    REFERENCES new_credit_notes (organization_id, id) ON DELETE CASCADE,
  CONSTRAINT credit_note_lines_catalogue_item_id_fkey
    FOREIGN KEY (organization_id, catalogue_item_id)
    REFERENCES new_catalogue_items (organization_id, id),
  CONSTRAINT credit_note_lines_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES new_equipment_items (organization_id, id)
);

CREATE TABLE new_payments (
  id                     INTEGER PRIMARY KEY,
  organization_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                 TEXT NOT NULL,
  invoice_id             INTEGER NOT NULL,
  provider               TEXT NOT NULL CHECK (provider IN ('manual', 'stripe', 'legacy')),
  method                 TEXT NOT NULL CHECK (method IN ('card', 'bank_transfer', 'sepa_debit',
                                                         'cheque', 'cash', 'other')),
  status                 TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed',
                                                         'rejected', 'cancelled')),
  amount_cents           INTEGER NOT NULL CHECK (amount_cents > 0),
  currency               TEXT NOT NULL DEFAULT 'EUR',
  reference              TEXT NOT NULL DEFAULT '',
  proof_text             TEXT NOT NULL DEFAULT '',
  received_on            TEXT NOT NULL,
  provider_payment_id    TEXT,
  succeeded_at           TEXT,
  failure_reason         TEXT,
  recorded_by_user_id    INTEGER REFERENCES users (id),
  recorded_ip            TEXT,
  validated_by_user_id   INTEGER REFERENCES users (id),
  validated_at           TEXT,
  rejected_by_user_id    INTEGER REFERENCES users (id),
  rejected_at            TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  UNIQUE (organization_id, number),
  CONSTRAINT payments_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT payments_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES new_invoices (organization_id, id)
);

CREATE TABLE new_signatures (
  id                INTEGER PRIMARY KEY,
  organization_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  quote_id          INTEGER NOT NULL UNIQUE,
  signer_name       TEXT,
  signer_email      TEXT,
  method            TEXT NOT NULL CHECK (method IN ('drawn', 'typed')),
  image_base64      TEXT,
  consent_text      TEXT,
  signed_at         TEXT NOT NULL,
  ip_address        TEXT,
  user_agent        TEXT,
  document_sha256   TEXT,
  document_file_id  INTEGER,
  signed_file_id    INTEGER,
  evidence          TEXT NOT NULL CHECK (evidence IN ('full', 'legacy_partial')),
  created_at        TEXT NOT NULL,
  CONSTRAINT signatures_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
    REFERENCES new_quotes (organization_id, id),
  CONSTRAINT signatures_document_file_id_fkey FOREIGN KEY (organization_id, document_file_id)
    REFERENCES document_files (organization_id, id),
  CONSTRAINT signatures_signed_file_id_fkey FOREIGN KEY (organization_id, signed_file_id)
    REFERENCES document_files (organization_id, id)
);

CREATE TABLE new_payment_proofs (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id       INTEGER NOT NULL UNIQUE,
  filename         TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  content_type     TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png',
                                                        'image/jpeg')),
  size_bytes       INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 8388608),
  sha256           TEXT NOT NULL,
  content_base64   TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  CONSTRAINT payment_proofs_payment_id_fkey FOREIGN KEY (organization_id, payment_id)
    REFERENCES new_payments (organization_id, id) ON DELETE CASCADE
);

-- 4. Copy, parents first, so that every composite key is checked as the rows go in.
INSERT INTO new_equipment_items (id, organization_id, name, category, storage_site_id,
quantity_owned, quantity_out_of_service, status, rental_price_cents, notes, search_text, created_at,
updated_at)
  SELECT id, organization_id, name, category, storage_site_id, quantity_owned,
  quantity_out_of_service, status, rental_price_cents, notes, search_text, created_at, updated_at
  FROM equipment_items;
INSERT INTO new_missions (id, organization_id, title, status, client_id, venue_id, address,
event_type, guest_count, starts_at, ends_at, description, notes, custom_fields, search_text,
created_by_user_id, confirmed_at, canceled_at, cancellation_reason, ical_sequence, created_at,
updated_at)
  SELECT id, organization_id, title, status, client_id, venue_id, address, event_type, guest_count,
  starts_at, ends_at, description, notes, custom_fields, search_text, created_by_user_id,
  confirmed_at, canceled_at, cancellation_reason, ical_sequence, created_at, updated_at FROM
  missions;
INSERT INTO new_catalogue_items (id, organization_id, kind, name, description, sku, unit,
unit_price_cents, vat_rate_bp, currency, equipment_item_id, search_text, archived_at, created_at,
updated_at)
  SELECT id, organization_id, kind, name, description, sku, unit, unit_price_cents, vat_rate_bp,
  currency, equipment_item_id, search_text, archived_at, created_at, updated_at FROM
  catalogue_items;
INSERT INTO new_client_contacts (id, organization_id, client_id, position, name, role, email, phone,
is_primary, created_at)
  SELECT id, organization_id, client_id, position, name, role, email, phone, is_primary, created_at
  FROM client_contacts;
INSERT INTO new_mission_crew (id, organization_id, mission_id, user_id, position, label, is_lead,
created_at)
  SELECT id, organization_id, mission_id, user_id, position, label, is_lead, created_at FROM
  mission_crew;
INSERT INTO new_mission_equipment (id, organization_id, mission_id, equipment_item_id, quantity,
created_at)
  SELECT id, organization_id, mission_id, equipment_item_id, quantity, created_at FROM
  mission_equipment;
INSERT INTO new_quotes (id, organization_id, number, status, client_id, mission_id, title,
description, terms, service_starts_at, service_ends_at, venue_text, client_name, client_email,
client_is_business, client_snapshot, operation_category, vat_regime, purchase_order_ref, currency,
discount_bp, discount_cents, total_net_cents, total_vat_cents, total_gross_cents, vat_breakdown,
deposit_kind, deposit_bp, deposit_amount_cents, deposit_cents, issue_date, valid_until,
send_requested_at, sent_at, accepted_at, declined_at, decline_reason, expired_at, cancelled_at,
acceptance_method, public_token_hash, public_token_expires_at, search_text, created_by_user_id,
created_at, updated_at, pdf_file_id)
  SELECT id, organization_id, number, status, client_id, mission_id, title, description, terms,
  service_starts_at, service_ends_at, venue_text, client_name, client_email, client_is_business,
  client_snapshot, operation_category, vat_regime, purchase_order_ref, currency, discount_bp,
  discount_cents, total_net_cents, total_vat_cents, total_gross_cents, vat_breakdown, deposit_kind,
  deposit_bp, deposit_amount_cents, deposit_cents, issue_date, valid_until, send_requested_at,
  sent_at, accepted_at, declined_at, decline_reason, expired_at, cancelled_at, acceptance_method,
  public_token_hash, public_token_expires_at, search_text, created_by_user_id, created_at,
  updated_at, pdf_file_id FROM quotes;
INSERT INTO new_invoices (id, organization_id, number, kind, status, quote_id, mission_id,
client_id, title, description, notes, service_starts_at, service_ends_at, venue_text, client_name,
client_email, client_is_business, client_snapshot, seller_snapshot, operation_category, vat_regime,
purchase_order_ref, currency, discount_bp, discount_cents, total_net_cents, total_vat_cents,
total_gross_cents, vat_breakdown, prepaid_cents, amount_paid_cents, amount_credited_cents,
deposit_bp, payment_terms_days, issue_date, issued_at, due_date, legal_mentions, send_requested_at,
sent_at, paid_on, cancelled_at, search_text, created_by_user_id, created_at, updated_at,
pdf_file_id)
  SELECT id, organization_id, number, kind, status, quote_id, mission_id, client_id, title,
  description, notes, service_starts_at, service_ends_at, venue_text, client_name, client_email,
  client_is_business, client_snapshot, seller_snapshot, operation_category, vat_regime,
  purchase_order_ref, currency, discount_bp, discount_cents, total_net_cents, total_vat_cents,
  total_gross_cents, vat_breakdown, prepaid_cents, amount_paid_cents, amount_credited_cents,
  deposit_bp, payment_terms_days, issue_date, issued_at, due_date, legal_mentions,
  send_requested_at, sent_at, paid_on, cancelled_at, search_text, created_by_user_id, created_at,
  updated_at, pdf_file_id FROM invoices;
INSERT INTO new_invoice_deposit_links (id, organization_id, invoice_id, deposit_invoice_id,
net_cents, vat_cents, gross_cents, created_at)
  SELECT id, organization_id, invoice_id, deposit_invoice_id, net_cents, vat_cents, gross_cents,
  created_at FROM invoice_deposit_links;
INSERT INTO new_credit_notes (id, organization_id, number, status, invoice_id, client_id,
client_name, client_snapshot, seller_snapshot, vat_regime, currency, reason, full_credit,
total_net_cents, total_vat_cents, total_gross_cents, vat_breakdown, settlement, issue_date,
issued_at, legal_mentions, sent_at, created_by_user_id, created_at, updated_at, pdf_file_id)
  SELECT id, organization_id, number, status, invoice_id, client_id, client_name, client_snapshot,
  seller_snapshot, vat_regime, currency, reason, full_credit, total_net_cents, total_vat_cents,
  total_gross_cents, vat_breakdown, settlement, issue_date, issued_at, legal_mentions, sent_at,
  created_by_user_id, created_at, updated_at, pdf_file_id FROM credit_notes;
INSERT INTO new_quote_lines (id, organization_id, document_id, position, kind, catalogue_item_id,
equipment_item_id, description, unit, quantity_milli, unit_price_cents, vat_rate_bp, discount_bp,
discount_cents, net_cents)
  SELECT id, organization_id, document_id, position, kind, catalogue_item_id, equipment_item_id,
  description, unit, quantity_milli, unit_price_cents, vat_rate_bp, discount_bp, discount_cents,
  net_cents FROM quote_lines;
INSERT INTO new_invoice_lines (id, organization_id, document_id, position, kind, catalogue_item_id,
equipment_item_id, description, unit, quantity_milli, unit_price_cents, vat_rate_bp, discount_bp,
discount_cents, net_cents)
  SELECT id, organization_id, document_id, position, kind, catalogue_item_id, equipment_item_id,
  description, unit, quantity_milli, unit_price_cents, vat_rate_bp, discount_bp, discount_cents,
  net_cents FROM invoice_lines;
INSERT INTO new_credit_note_lines (id, organization_id, document_id, position, kind,
catalogue_item_id, equipment_item_id, description, unit, quantity_milli, unit_price_cents,
vat_rate_bp, discount_bp, discount_cents, net_cents)
  SELECT id, organization_id, document_id, position, kind, catalogue_item_id, equipment_item_id,
  description, unit, quantity_milli, unit_price_cents, vat_rate_bp, discount_bp, discount_cents,
  net_cents FROM credit_note_lines;
INSERT INTO new_payments (id, organization_id, number, invoice_id, provider, method, status,
amount_cents, currency, reference, proof_text, received_on, provider_payment_id, succeeded_at,
failure_reason, recorded_by_user_id, recorded_ip, validated_by_user_id, validated_at,
rejected_by_user_id, rejected_at, created_at, updated_at)
  SELECT id, organization_id, number, invoice_id, provider, method, status, amount_cents, currency,
  reference, proof_text, received_on, provider_payment_id, succeeded_at, failure_reason,
  recorded_by_user_id, recorded_ip, validated_by_user_id, validated_at, rejected_by_user_id,
  rejected_at, created_at, updated_at FROM payments;
INSERT INTO new_signatures (id, organization_id, quote_id, signer_name, signer_email, method,
image_base64, consent_text, signed_at, ip_address, user_agent, document_sha256, document_file_id,
signed_file_id, evidence, created_at)
  SELECT id, organization_id, quote_id, signer_name, signer_email, method, image_base64,
  consent_text, signed_at, ip_address, user_agent, document_sha256, document_file_id,
  signed_file_id, evidence, created_at FROM signatures;
INSERT INTO new_payment_proofs (id, organization_id, payment_id, filename, content_type, size_bytes,
sha256, content_base64, created_at)
  SELECT id, organization_id, payment_id, filename, content_type, size_bytes, sha256,
  content_base64, created_at FROM payment_proofs;

-- 5. Drop the old tables, children first: when a table goes, nothing refers to it any more,
--    so its implicit DELETE fires no ON DELETE CASCADE and checks no key.
DROP TABLE payment_proofs;
DROP TABLE signatures;
DROP TABLE payments;
DROP TABLE credit_note_lines;
DROP TABLE invoice_lines;
DROP TABLE quote_lines;
DROP TABLE credit_notes;
DROP TABLE invoice_deposit_links;
DROP TABLE invoices;
DROP TABLE quotes;
DROP TABLE mission_equipment;
DROP TABLE mission_crew;
DROP TABLE client_contacts;
DROP TABLE catalogue_items;
DROP TABLE missions;
DROP TABLE equipment_items;

-- 6. Rename. SQLite (>= 3.26) rewrites the new_ references of the other tables as it goes.
ALTER TABLE new_equipment_items RENAME TO equipment_items;
ALTER TABLE new_missions RENAME TO missions;
ALTER TABLE new_catalogue_items RENAME TO catalogue_items;
ALTER TABLE new_client_contacts RENAME TO client_contacts;
ALTER TABLE new_mission_crew RENAME TO mission_crew;
ALTER TABLE new_mission_equipment RENAME TO mission_equipment;
ALTER TABLE new_quotes RENAME TO quotes;
ALTER TABLE new_invoices RENAME TO invoices;
ALTER TABLE new_invoice_deposit_links RENAME TO invoice_deposit_links;
ALTER TABLE new_credit_notes RENAME TO credit_notes;
ALTER TABLE new_quote_lines RENAME TO quote_lines;
ALTER TABLE new_invoice_lines RENAME TO invoice_lines;
ALTER TABLE new_credit_note_lines RENAME TO credit_note_lines;
ALTER TABLE new_payments RENAME TO payments;
ALTER TABLE new_signatures RENAME TO signatures;
ALTER TABLE new_payment_proofs RENAME TO payment_proofs;

-- 7. The indexes went with the old tables: the same ones again.
CREATE INDEX equipment_items_org_name_idx ON equipment_items (organization_id, name);
CREATE INDEX equipment_items_site_idx ON equipment_items (organization_id, storage_site_id);
CREATE INDEX missions_org_starts_idx ON missions (organization_id, starts_at);
CREATE INDEX missions_org_status_idx ON missions (organization_id, status, starts_at);
CREATE INDEX missions_org_client_idx ON missions (organization_id, client_id);
CREATE INDEX missions_org_venue_idx ON missions (organization_id, venue_id, starts_at);
CREATE INDEX catalogue_items_org_name_idx ON catalogue_items (organization_id, name);
CREATE UNIQUE INDEX catalogue_items_org_sku_idx ON catalogue_items (organization_id, sku)
  WHERE sku IS NOT NULL;
CREATE INDEX client_contacts_client_idx ON client_contacts (client_id, position);
CREATE INDEX client_contacts_email_idx ON client_contacts (organization_id, email);
CREATE INDEX client_contacts_phone_idx ON client_contacts (organization_id, phone);
CREATE INDEX mission_crew_user_idx ON mission_crew (organization_id, user_id, mission_id);
CREATE INDEX mission_equipment_item_idx ON mission_equipment (organization_id, equipment_item_id);
CREATE INDEX quotes_org_status_idx ON quotes (organization_id, status, created_at);
CREATE INDEX quotes_org_client_idx ON quotes (organization_id, client_id);
CREATE INDEX quotes_org_mission_idx ON quotes (organization_id, mission_id);
CREATE INDEX quotes_org_valid_idx ON quotes (organization_id, valid_until) WHERE status = 'sent';
CREATE INDEX invoices_org_status_idx ON invoices (organization_id, status, created_at);
CREATE INDEX invoices_org_client_idx ON invoices (organization_id, client_id);
CREATE INDEX invoices_org_quote_idx ON invoices (organization_id, quote_id);
CREATE INDEX invoices_org_mission_idx ON invoices (organization_id, mission_id);
CREATE INDEX invoices_org_issue_idx ON invoices (organization_id, issue_date);
CREATE INDEX invoice_deposit_links_invoice_idx ON invoice_deposit_links (invoice_id);
CREATE INDEX credit_notes_org_invoice_idx ON credit_notes (organization_id, invoice_id);
CREATE INDEX payments_org_invoice_idx ON payments (organization_id, invoice_id);
CREATE INDEX payments_org_status_idx ON payments (organization_id, status, created_at);
CREATE UNIQUE INDEX payments_provider_idx ON payments (organization_id, provider, provider_payment_id)
  WHERE provider_payment_id IS NOT NULL;
