-- The catalogue (reusable priced lines for quotes and invoices) and the pricing grid (the legacy
-- "grille tarifaire"), both per organisation.

CREATE TABLE catalogue_items (
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
  equipment_item_id  INTEGER REFERENCES equipment_items (id),
  search_text        TEXT NOT NULL DEFAULT '',
  archived_at        TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX catalogue_items_org_name_idx ON catalogue_items (organization_id, name);
CREATE UNIQUE INDEX catalogue_items_org_sku_idx ON catalogue_items (organization_id, sku)
  WHERE sku IS NOT NULL;

CREATE TABLE pricing_rules (
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  event_type            TEXT NOT NULL DEFAULT '',
  hourly_rate_cents     INTEGER NOT NULL CHECK (hourly_rate_cents >= 0),
  minimum_minutes       INTEGER NOT NULL DEFAULT 0,
  weekend_surcharge_bp  INTEGER NOT NULL DEFAULT 0,
  holiday_surcharge_bp  INTEGER NOT NULL DEFAULT 0,
  night_surcharge_bp    INTEGER NOT NULL DEFAULT 0,
  surcharge_mode        TEXT NOT NULL DEFAULT 'compound' CHECK (surcharge_mode IN ('compound', 'additive')),
  night_start_minutes   INTEGER NOT NULL DEFAULT 1320,
  night_end_minutes     INTEGER NOT NULL DEFAULT 360,
  travel_flat_cents     INTEGER NOT NULL DEFAULT 0,
  travel_per_km_cents   INTEGER NOT NULL DEFAULT 0,
  travel_free_km        INTEGER NOT NULL DEFAULT 0,
  vat_rate_bp           INTEGER NOT NULL DEFAULT 2000 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  currency              TEXT NOT NULL DEFAULT 'EUR',
  archived_at           TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX pricing_rules_org_idx ON pricing_rules (organization_id, name);
