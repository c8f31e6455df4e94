-- Clients (individuals and companies) and the people to talk to there.
-- `search_text` holds the folded words a client is found by (domain::ClientSearchText), so an
-- accent- and case-insensitive search is one LIKE on both databases.

CREATE TABLE clients (
  id                     INTEGER PRIMARY KEY,
  organization_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind                   TEXT NOT NULL CHECK (kind IN ('individual', 'company')),
  name                   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  siren                  TEXT NOT NULL DEFAULT '',
  siret                  TEXT NOT NULL DEFAULT '',
  vat_number             TEXT NOT NULL DEFAULT '',
  billing_line1          TEXT NOT NULL DEFAULT '',
  billing_line2          TEXT NOT NULL DEFAULT '',
  billing_postal_code    TEXT NOT NULL DEFAULT '',
  billing_city           TEXT NOT NULL DEFAULT '',
  billing_country        TEXT NOT NULL DEFAULT 'FR',
  service_line1          TEXT NOT NULL DEFAULT '',
  service_line2          TEXT NOT NULL DEFAULT '',
  service_postal_code    TEXT NOT NULL DEFAULT '',
  service_city           TEXT NOT NULL DEFAULT '',
  service_country        TEXT NOT NULL DEFAULT 'FR',
  tags                   TEXT NOT NULL DEFAULT '[]',
  notes                  TEXT NOT NULL DEFAULT '',
  search_text            TEXT NOT NULL DEFAULT '',
  archived_at            TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
);
CREATE INDEX clients_org_name_idx ON clients (organization_id, name);
CREATE INDEX clients_org_siren_idx ON clients (organization_id, siren);

CREATE TABLE client_contacts (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,
  name             TEXT NOT NULL DEFAULT '',
  role             TEXT NOT NULL DEFAULT '',
  email            TEXT NOT NULL DEFAULT '' CHECK (email = lower(email)),
  phone            TEXT NOT NULL DEFAULT '',
  is_primary       INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  created_at       TEXT NOT NULL
);
CREATE INDEX client_contacts_client_idx ON client_contacts (client_id, position);
CREATE INDEX client_contacts_email_idx ON client_contacts (organization_id, email);
CREATE INDEX client_contacts_phone_idx ON client_contacts (organization_id, phone);
