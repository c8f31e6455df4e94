-- Equipment logistics (issue 15), first part: the movement journal (check-out to a mission,
-- return with its condition, loss, found, maintenance in and out), what each mission has out
-- now, maintenance records, and the mapping of legacy ids that printed QR labels carry.
--
-- equipment_out is kept in step with the journal in the same transaction (app/equipment): it
-- answers "what is still out, and where" with one index range, whatever the journal's length.

ALTER TABLE equipment_items ADD COLUMN barcode TEXT;
ALTER TABLE equipment_items ADD COLUMN maintenance_interval_days INTEGER
  CHECK (maintenance_interval_days IS NULL OR maintenance_interval_days BETWEEN 1 AND 3660);
CREATE UNIQUE INDEX equipment_items_barcode_idx ON equipment_items (organization_id, barcode)
  WHERE barcode IS NOT NULL;

CREATE TABLE equipment_movements (
  id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id     BIGINT NOT NULL REFERENCES equipment_items (id),
  mission_id            BIGINT REFERENCES missions (id) ON DELETE CASCADE,
  kind                  TEXT NOT NULL CHECK (kind IN ('check_out', 'return', 'loss', 'found',
                                                      'maintenance_in', 'maintenance_out')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0),
  condition             TEXT CHECK (condition IS NULL OR condition IN ('ok', 'damaged', 'missing')),
  occurred_at           TIMESTAMPTZ NOT NULL,
  performed_by_user_id  BIGINT REFERENCES users (id),
  notes                 TEXT NOT NULL DEFAULT '',
  created_at            TIMESTAMPTZ NOT NULL,
  CHECK (kind NOT IN ('check_out', 'return') OR mission_id IS NOT NULL)
);
CREATE INDEX equipment_movements_item_idx
  ON equipment_movements (organization_id, equipment_item_id, id);
CREATE INDEX equipment_movements_mission_idx
  ON equipment_movements (organization_id, mission_id, equipment_item_id);

CREATE TABLE equipment_out (
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id         BIGINT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  equipment_item_id  BIGINT NOT NULL REFERENCES equipment_items (id),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  since              TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (mission_id, equipment_item_id)
);
CREATE INDEX equipment_out_item_idx ON equipment_out (organization_id, equipment_item_id);

CREATE TABLE maintenance_records (
  id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id     BIGINT NOT NULL REFERENCES equipment_items (id),
  kind                  TEXT NOT NULL CHECK (kind IN ('repair', 'check', 'cleaning', 'other')),
  status                TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0),
  description           TEXT NOT NULL DEFAULT '',
  vendor_name           TEXT NOT NULL DEFAULT '',
  cost_cents            BIGINT CHECK (cost_cents IS NULL OR cost_cents >= 0),
  opened_at             TIMESTAMPTZ NOT NULL,
  closed_at             TIMESTAMPTZ,
  next_due_on           DATE,
  mission_id            BIGINT REFERENCES missions (id) ON DELETE SET NULL,
  performed_by_user_id  BIGINT REFERENCES users (id),
  created_at            TIMESTAMPTZ NOT NULL,
  updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX maintenance_records_item_idx
  ON maintenance_records (organization_id, equipment_item_id, opened_at);
CREATE INDEX maintenance_records_status_idx ON maintenance_records (organization_id, status);

-- legacy id → Planify id, per organisation and legacy table; filled by import-legacy.
CREATE TABLE legacy_id_map (
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  legacy_table     TEXT NOT NULL CHECK (length(legacy_table) BETWEEN 1 AND 64),
  legacy_id        BIGINT NOT NULL,
  new_id           BIGINT NOT NULL,
  PRIMARY KEY (organization_id, legacy_table, legacy_id)
);

CREATE CONSTRAINT TRIGGER equipment_movements_version AFTER INSERT ON equipment_movements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER equipment_out_version AFTER INSERT OR UPDATE OR DELETE ON equipment_out
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER maintenance_records_version AFTER INSERT OR UPDATE ON maintenance_records
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
