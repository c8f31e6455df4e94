-- Equipment logistics (issue 15), second part: kits (a named set of items that goes out
-- together, with its own label), stock per depot and transfers between depots, the depot's
-- wall display token, and the periodic check interval being settable.
--
-- equipment_stock holds the units of a stock line kept away from its home depot
-- (equipment_items.storage_site_id): the home depot holds the rest of what is owned. A transfer
-- moves units between depots and is a line of the journal (kind 'transfer').

CREATE TABLE equipment_kits (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  barcode          TEXT,
  storage_site_id  BIGINT REFERENCES storage_sites (id),
  notes            TEXT NOT NULL DEFAULT '',
  archived_at      TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX equipment_kits_org_name_idx ON equipment_kits (organization_id, name);
CREATE UNIQUE INDEX equipment_kits_barcode_idx ON equipment_kits (organization_id, barcode)
  WHERE barcode IS NOT NULL;

CREATE TABLE equipment_kit_items (
  kit_id             BIGINT NOT NULL REFERENCES equipment_kits (id) ON DELETE CASCADE,
  equipment_item_id  BIGINT NOT NULL REFERENCES equipment_items (id),
  quantity           INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  position           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kit_id, equipment_item_id)
);
CREATE INDEX equipment_kit_items_item_idx ON equipment_kit_items (equipment_item_id);

CREATE TABLE equipment_stock (
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id  BIGINT NOT NULL REFERENCES equipment_items (id),
  storage_site_id    BIGINT NOT NULL REFERENCES storage_sites (id),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (equipment_item_id, storage_site_id)
);
CREATE INDEX equipment_stock_site_idx ON equipment_stock (organization_id, storage_site_id);

ALTER TABLE storage_sites ADD COLUMN display_token_hash TEXT;
ALTER TABLE storage_sites ADD COLUMN display_token_created_at TIMESTAMPTZ;
CREATE UNIQUE INDEX storage_sites_display_token_idx ON storage_sites (display_token_hash)
  WHERE display_token_hash IS NOT NULL;

ALTER TABLE equipment_movements DROP CONSTRAINT equipment_movements_kind_check;
ALTER TABLE equipment_movements ADD CONSTRAINT equipment_movements_kind_check
  CHECK (kind IN ('check_out', 'return', 'loss', 'found', 'maintenance_in', 'maintenance_out',
                  'transfer'));
ALTER TABLE equipment_movements
  ADD COLUMN kit_id BIGINT REFERENCES equipment_kits (id) ON DELETE SET NULL;
ALTER TABLE equipment_movements ADD COLUMN from_site_id BIGINT REFERENCES storage_sites (id);
ALTER TABLE equipment_movements ADD COLUMN to_site_id BIGINT REFERENCES storage_sites (id);
ALTER TABLE equipment_movements ADD CONSTRAINT equipment_movements_transfer_check
  CHECK (kind <> 'transfer' OR from_site_id IS NOT NULL OR to_site_id IS NOT NULL);

CREATE CONSTRAINT TRIGGER equipment_kits_version AFTER INSERT OR UPDATE OR DELETE ON equipment_kits
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER equipment_stock_version AFTER INSERT OR UPDATE OR DELETE ON equipment_stock
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
