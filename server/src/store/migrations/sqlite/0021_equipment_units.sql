-- Equipment logistics (issue 15), fourth part: items tracked by unit (each unit with its serial
-- number, barcode, label, condition, status, depot and the mission it is out with).
--
-- A unit-tracked item keeps its counts (quantity_owned, quantity_out_of_service, equipment_out,
-- equipment_stock) in step with its units in the same transaction (app/equipment): availability,
-- conflicts and the depot figures read the counts whatever the tracking.

ALTER TABLE equipment_items ADD COLUMN tracking TEXT NOT NULL DEFAULT 'stock'
  CHECK (tracking IN ('stock', 'unit'));

CREATE TABLE equipment_units (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id  INTEGER NOT NULL REFERENCES equipment_items (id),
  serial_number      TEXT NOT NULL DEFAULT '' CHECK (length(serial_number) <= 100),
  barcode            TEXT,
  condition          TEXT NOT NULL DEFAULT 'ok' CHECK (condition IN ('ok', 'damaged')),
  status             TEXT NOT NULL DEFAULT 'available'
                     CHECK (status IN ('available', 'out', 'maintenance', 'lost', 'retired')),
  storage_site_id    INTEGER REFERENCES storage_sites (id),
  mission_id         INTEGER REFERENCES missions (id) ON DELETE SET NULL,
  notes              TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX equipment_units_item_idx ON equipment_units (organization_id, equipment_item_id, id);
CREATE INDEX equipment_units_mission_idx ON equipment_units (organization_id, mission_id)
  WHERE mission_id IS NOT NULL;
CREATE INDEX equipment_units_serial_idx ON equipment_units (organization_id, serial_number)
  WHERE serial_number <> '';
CREATE UNIQUE INDEX equipment_units_barcode_idx ON equipment_units (organization_id, barcode)
  WHERE barcode IS NOT NULL;

ALTER TABLE equipment_movements ADD COLUMN unit_id INTEGER REFERENCES equipment_units (id);
ALTER TABLE maintenance_records ADD COLUMN unit_id INTEGER REFERENCES equipment_units (id);

CREATE TRIGGER equipment_units_version_insert AFTER INSERT ON equipment_units BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_units_version_update AFTER UPDATE ON equipment_units BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_units_version_delete AFTER DELETE ON equipment_units BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
