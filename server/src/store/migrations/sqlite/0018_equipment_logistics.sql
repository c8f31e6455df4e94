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
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id     INTEGER NOT NULL REFERENCES equipment_items (id),
  mission_id            INTEGER REFERENCES missions (id) ON DELETE CASCADE,
  kind                  TEXT NOT NULL CHECK (kind IN ('check_out', 'return', 'loss', 'found',
                                                      'maintenance_in', 'maintenance_out')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0),
  condition             TEXT CHECK (condition IS NULL OR condition IN ('ok', 'damaged', 'missing')),
  occurred_at           TEXT NOT NULL,
  performed_by_user_id  INTEGER REFERENCES users (id),
  notes                 TEXT NOT NULL DEFAULT '',
  created_at            TEXT NOT NULL,
  CHECK (kind NOT IN ('check_out', 'return') OR mission_id IS NOT NULL)
);
CREATE INDEX equipment_movements_item_idx
  ON equipment_movements (organization_id, equipment_item_id, id);
CREATE INDEX equipment_movements_mission_idx
  ON equipment_movements (organization_id, mission_id, equipment_item_id);

CREATE TABLE equipment_out (
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id         INTEGER NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  equipment_item_id  INTEGER NOT NULL REFERENCES equipment_items (id),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  since              TEXT NOT NULL,
  PRIMARY KEY (mission_id, equipment_item_id)
);
CREATE INDEX equipment_out_item_idx ON equipment_out (organization_id, equipment_item_id);

CREATE TABLE maintenance_records (
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id     INTEGER NOT NULL REFERENCES equipment_items (id),
  kind                  TEXT NOT NULL CHECK (kind IN ('repair', 'check', 'cleaning', 'other')),
  status                TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0),
  description           TEXT NOT NULL DEFAULT '',
  vendor_name           TEXT NOT NULL DEFAULT '',
  cost_cents            INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
  opened_at             TEXT NOT NULL,
  closed_at             TEXT,
  next_due_on           TEXT,
  mission_id            INTEGER REFERENCES missions (id) ON DELETE SET NULL,
  performed_by_user_id  INTEGER REFERENCES users (id),
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX maintenance_records_item_idx
  ON maintenance_records (organization_id, equipment_item_id, opened_at);
CREATE INDEX maintenance_records_status_idx ON maintenance_records (organization_id, status);

-- legacy id → Planify id, per organisation and legacy table; filled by import-legacy.
CREATE TABLE legacy_id_map (
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  legacy_table     TEXT NOT NULL CHECK (length(legacy_table) BETWEEN 1 AND 64),
  legacy_id        INTEGER NOT NULL,
  new_id           INTEGER NOT NULL,
  PRIMARY KEY (organization_id, legacy_table, legacy_id)
);

CREATE TRIGGER equipment_movements_version_insert AFTER INSERT ON equipment_movements BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_out_version_insert AFTER INSERT ON equipment_out BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_out_version_update AFTER UPDATE ON equipment_out BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_out_version_delete AFTER DELETE ON equipment_out BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER maintenance_records_version_insert AFTER INSERT ON maintenance_records BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER maintenance_records_version_update AFTER UPDATE ON maintenance_records BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;
