-- Quotes, invoices (standard and deposit), credit notes and manual payments
-- (docs/data-model.md §3.8–3.9). Amounts are integer cents, rates basis points, quantities
-- thousandths. A document's client is copied when it is saved (client_snapshot, JSON) and the
-- seller's legal identity when an invoice or credit note is issued (seller_snapshot): a later
-- edit of the client or the settings never changes an issued document.

ALTER TABLE organizations ADD COLUMN payment_validation_required INTEGER NOT NULL DEFAULT 0
  CHECK (payment_validation_required IN (0, 1));
-- The document an e-mail carries: it becomes "sent" only once the mailer accepted the e-mail.
ALTER TABLE emails ADD COLUMN document_type TEXT
  CHECK (document_type IS NULL OR document_type IN ('quote', 'invoice', 'credit_note'));
ALTER TABLE emails ADD COLUMN document_id BIGINT;

CREATE TABLE quotes (
  id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id         BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                  TEXT,
  status                  TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined',
                                                          'expired', 'cancelled')),
  client_id               BIGINT REFERENCES clients (id),
  mission_id              BIGINT REFERENCES missions (id),
  title                   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description             TEXT NOT NULL DEFAULT '',
  terms                   TEXT NOT NULL DEFAULT '',
  service_starts_at       TIMESTAMPTZ,
  service_ends_at         TIMESTAMPTZ,
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
  discount_cents          BIGINT NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  total_net_cents         BIGINT NOT NULL,
  total_vat_cents         BIGINT NOT NULL,
  total_gross_cents       BIGINT NOT NULL,
  vat_breakdown           TEXT NOT NULL DEFAULT '[]',
  deposit_kind            TEXT NOT NULL DEFAULT 'none'
                          CHECK (deposit_kind IN ('none', 'acompte', 'arrhes')),
  deposit_bp              INTEGER NOT NULL DEFAULT 0 CHECK (deposit_bp BETWEEN 0 AND 10000),
  deposit_amount_cents    BIGINT NOT NULL DEFAULT 0 CHECK (deposit_amount_cents >= 0),
  deposit_cents           BIGINT NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
  issue_date              DATE,
  valid_until             DATE,
  send_requested_at       TIMESTAMPTZ,
  sent_at                 TIMESTAMPTZ,
  accepted_at             TIMESTAMPTZ,
  declined_at             TIMESTAMPTZ,
  decline_reason          TEXT,
  expired_at              TIMESTAMPTZ,
  cancelled_at            TIMESTAMPTZ,
  acceptance_method       TEXT CHECK (acceptance_method IS NULL OR
                                      acceptance_method IN ('signature', 'manual', 'payment')),
  public_token_hash       TEXT UNIQUE,
  public_token_expires_at TIMESTAMPTZ,
  search_text             TEXT NOT NULL DEFAULT '',
  created_by_user_id      BIGINT REFERENCES users (id),
  created_at              TIMESTAMPTZ NOT NULL,
  updated_at              TIMESTAMPTZ NOT NULL,
  CHECK (number IS NOT NULL OR status IN ('draft', 'cancelled')),
  CHECK (total_gross_cents = total_net_cents + total_vat_cents),
  UNIQUE (organization_id, number)
);
CREATE INDEX quotes_org_status_idx ON quotes (organization_id, status, created_at);
CREATE INDEX quotes_org_client_idx ON quotes (organization_id, client_id);
CREATE INDEX quotes_org_mission_idx ON quotes (organization_id, mission_id);
CREATE INDEX quotes_org_valid_idx ON quotes (organization_id, valid_until) WHERE status = 'sent';

CREATE TABLE invoices (
  id                          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id             BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                      TEXT,
  kind                        TEXT NOT NULL CHECK (kind IN ('standard', 'deposit')),
  status                      TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid',
                                                              'paid', 'cancelled')),
  quote_id                    BIGINT REFERENCES quotes (id),
  mission_id                  BIGINT REFERENCES missions (id),
  client_id                   BIGINT REFERENCES clients (id),
  title                       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description                 TEXT NOT NULL DEFAULT '',
  notes                       TEXT NOT NULL DEFAULT '',
  service_starts_at           TIMESTAMPTZ,
  service_ends_at             TIMESTAMPTZ,
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
  discount_cents              BIGINT NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  total_net_cents             BIGINT NOT NULL,
  total_vat_cents             BIGINT NOT NULL,
  total_gross_cents           BIGINT NOT NULL,
  vat_breakdown               TEXT NOT NULL DEFAULT '[]',
  prepaid_cents               BIGINT NOT NULL DEFAULT 0 CHECK (prepaid_cents >= 0),
  amount_paid_cents           BIGINT NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
  amount_credited_cents       BIGINT NOT NULL DEFAULT 0 CHECK (amount_credited_cents >= 0),
  deposit_bp                  INTEGER NOT NULL DEFAULT 0,
  payment_terms_days          INTEGER NOT NULL DEFAULT 30,
  issue_date                  DATE,
  issued_at                   TIMESTAMPTZ,
  due_date                    DATE,
  legal_mentions              TEXT,
  send_requested_at           TIMESTAMPTZ,
  sent_at                     TIMESTAMPTZ,
  paid_on                     DATE,
  cancelled_at                TIMESTAMPTZ,
  search_text                 TEXT NOT NULL DEFAULT '',
  created_by_user_id          BIGINT REFERENCES users (id),
  created_at                  TIMESTAMPTZ NOT NULL,
  updated_at                  TIMESTAMPTZ NOT NULL,
  CHECK (number IS NOT NULL OR status IN ('draft', 'cancelled')),
  CHECK (total_gross_cents = total_net_cents + total_vat_cents),
  UNIQUE (organization_id, number)
);
CREATE INDEX invoices_org_status_idx ON invoices (organization_id, status, created_at);
CREATE INDEX invoices_org_client_idx ON invoices (organization_id, client_id);
CREATE INDEX invoices_org_quote_idx ON invoices (organization_id, quote_id);
CREATE INDEX invoices_org_mission_idx ON invoices (organization_id, mission_id);
CREATE INDEX invoices_org_issue_idx ON invoices (organization_id, issue_date);

CREATE TABLE invoice_deposit_links (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  invoice_id          BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  deposit_invoice_id  BIGINT NOT NULL UNIQUE REFERENCES invoices (id),
  net_cents           BIGINT NOT NULL,
  vat_cents           BIGINT NOT NULL,
  gross_cents         BIGINT NOT NULL,
  created_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX invoice_deposit_links_invoice_idx ON invoice_deposit_links (invoice_id);

CREATE TABLE credit_notes (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id     BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number              TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('issued', 'cancelled')),
  invoice_id          BIGINT NOT NULL REFERENCES invoices (id),
  client_id           BIGINT REFERENCES clients (id),
  client_name         TEXT NOT NULL,
  client_snapshot     TEXT NOT NULL,
  seller_snapshot     TEXT,
  vat_regime          TEXT NOT NULL,
  currency            TEXT NOT NULL DEFAULT 'EUR',
  reason              TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  full_credit         INTEGER NOT NULL CHECK (full_credit IN (0, 1)),
  total_net_cents     BIGINT NOT NULL CHECK (total_net_cents >= 0),
  total_vat_cents     BIGINT NOT NULL CHECK (total_vat_cents >= 0),
  total_gross_cents   BIGINT NOT NULL CHECK (total_gross_cents > 0),
  vat_breakdown       TEXT NOT NULL DEFAULT '[]',
  settlement          TEXT NOT NULL CHECK (settlement IN ('deduct', 'refund')),
  issue_date          DATE NOT NULL,
  issued_at           TIMESTAMPTZ NOT NULL,
  legal_mentions      TEXT,
  sent_at             TIMESTAMPTZ,
  created_by_user_id  BIGINT REFERENCES users (id),
  created_at          TIMESTAMPTZ NOT NULL,
  updated_at          TIMESTAMPTZ NOT NULL,
  CHECK (total_gross_cents = total_net_cents + total_vat_cents),
  UNIQUE (organization_id, number)
);
CREATE INDEX credit_notes_org_invoice_idx ON credit_notes (organization_id, invoice_id);

-- The three line tables share one shape (docs/data-model.md §3.8 "Common line shape").
CREATE TABLE quote_lines (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id        BIGINT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel',
                                                   'discount', 'text')),
  catalogue_item_id  BIGINT REFERENCES catalogue_items (id),
  equipment_item_id  BIGINT REFERENCES equipment_items (id),
  description        TEXT NOT NULL,
  unit               TEXT CHECK (unit IS NULL OR unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  quantity_milli     BIGINT NOT NULL CHECK (quantity_milli >= 0),
  unit_price_cents   BIGINT NOT NULL CHECK (unit_price_cents >= 0 OR kind = 'discount'),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  discount_bp        INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents     BIGINT NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  net_cents          BIGINT NOT NULL,
  CHECK (discount_bp = 0 OR discount_cents = 0),
  UNIQUE (document_id, position)
);
CREATE TABLE invoice_lines (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id        BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel',
                                                   'discount', 'text')),
  catalogue_item_id  BIGINT REFERENCES catalogue_items (id),
  equipment_item_id  BIGINT REFERENCES equipment_items (id),
  description        TEXT NOT NULL,
  unit               TEXT CHECK (unit IS NULL OR unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  quantity_milli     BIGINT NOT NULL CHECK (quantity_milli >= 0),
  unit_price_cents   BIGINT NOT NULL CHECK (unit_price_cents >= 0 OR kind = 'discount'),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  discount_bp        INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents     BIGINT NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  net_cents          BIGINT NOT NULL,
  CHECK (discount_bp = 0 OR discount_cents = 0),
  UNIQUE (document_id, position)
);
CREATE TABLE credit_note_lines (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  document_id        BIGINT NOT NULL REFERENCES credit_notes (id) ON DELETE CASCADE,
  position           INTEGER NOT NULL,
  kind               TEXT NOT NULL CHECK (kind IN ('service', 'rental', 'product', 'fee', 'travel',
                                                   'discount', 'text')),
  catalogue_item_id  BIGINT REFERENCES catalogue_items (id),
  equipment_item_id  BIGINT REFERENCES equipment_items (id),
  description        TEXT NOT NULL,
  unit               TEXT CHECK (unit IS NULL OR unit IN ('hour', 'day', 'unit', 'km', 'flat')),
  quantity_milli     BIGINT NOT NULL CHECK (quantity_milli >= 0),
  unit_price_cents   BIGINT NOT NULL CHECK (unit_price_cents >= 0 OR kind = 'discount'),
  vat_rate_bp        INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  discount_bp        INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_cents     BIGINT NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  net_cents          BIGINT NOT NULL,
  CHECK (discount_bp = 0 OR discount_cents = 0),
  UNIQUE (document_id, position)
);

CREATE TABLE payments (
  id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id        BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                 TEXT NOT NULL,
  invoice_id             BIGINT NOT NULL REFERENCES invoices (id),
  provider               TEXT NOT NULL CHECK (provider IN ('manual', 'stripe', 'legacy')),
  method                 TEXT NOT NULL CHECK (method IN ('card', 'bank_transfer', 'sepa_debit',
                                                         'cheque', 'cash', 'other')),
  status                 TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed',
                                                         'rejected', 'cancelled')),
  amount_cents           BIGINT NOT NULL CHECK (amount_cents > 0),
  currency               TEXT NOT NULL DEFAULT 'EUR',
  reference              TEXT NOT NULL DEFAULT '',
  proof_text             TEXT NOT NULL DEFAULT '',
  received_on            DATE NOT NULL,
  provider_payment_id    TEXT,
  succeeded_at           TIMESTAMPTZ,
  failure_reason         TEXT,
  recorded_by_user_id    BIGINT REFERENCES users (id),
  recorded_ip            TEXT,
  validated_by_user_id   BIGINT REFERENCES users (id),
  validated_at           TIMESTAMPTZ,
  rejected_by_user_id    BIGINT REFERENCES users (id),
  rejected_at            TIMESTAMPTZ,
  created_at             TIMESTAMPTZ NOT NULL,
  updated_at             TIMESTAMPTZ NOT NULL,
  UNIQUE (organization_id, number)
);
CREATE INDEX payments_org_invoice_idx ON payments (organization_id, invoice_id);
CREATE INDEX payments_org_status_idx ON payments (organization_id, status, created_at);
CREATE UNIQUE INDEX payments_provider_idx ON payments (organization_id, provider, provider_payment_id)
  WHERE provider_payment_id IS NOT NULL;
