-- Equipment logistics (issue 15), second part: kits (a named set of items that goes out
-- together, with its own label), stock per depot and transfers between depots, the depot's
-- wall display token, and the periodic check interval being settable.
--
-- equipment_stock holds the units of a stock line kept away from its home depot
-- (equipment_items.storage_site_id): the home depot holds the rest of what is owned. A transfer
-- moves units between depots and is a line of the journal (kind 'transfer'), which is rebuilt
-- here to accept it.

CREATE TABLE equipment_kits (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  barcode          TEXT,
  storage_site_id  INTEGER REFERENCES storage_sites (id),
  notes            TEXT NOT NULL DEFAULT '',
  archived_at      TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX equipment_kits_org_name_idx ON equipment_kits (organization_id, name);
CREATE UNIQUE INDEX equipment_kits_barcode_idx ON equipment_kits (organization_id, barcode)
  WHERE barcode IS NOT NULL;

CREATE TABLE equipment_kit_items (
  kit_id             INTEGER NOT NULL REFERENCES equipment_kits (id) ON DELETE CASCADE,
  equipment_item_id  INTEGER NOT NULL REFERENCES equipment_items (id),
  quantity           INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  position           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kit_id, equipment_item_id)
);
CREATE INDEX equipment_kit_items_item_idx ON equipment_kit_items (equipment_item_id);

CREATE TABLE equipment_stock (
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id  INTEGER NOT NULL REFERENCES equipment_items (id),
  storage_site_id    INTEGER NOT NULL REFERENCES storage_sites (id),
  quantity           INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (equipment_item_id, storage_site_id)
);
CREATE INDEX equipment_stock_site_idx ON equipment_stock (organization_id, storage_site_id);

ALTER TABLE storage_sites ADD COLUMN display_token_hash TEXT;
ALTER TABLE storage_sites ADD COLUMN display_token_created_at TEXT;
CREATE UNIQUE INDEX storage_sites_display_token_idx ON storage_sites (display_token_hash)
  WHERE display_token_hash IS NOT NULL;

CREATE TABLE equipment_movements_new (
  id                    INTEGER PRIMARY KEY,
  organization_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id     INTEGER NOT NULL REFERENCES equipment_items (id),
  mission_id            INTEGER REFERENCES missions (id) ON DELETE CASCADE,
  kind                  TEXT NOT NULL CHECK (kind IN ('check_out', 'return', 'loss', 'found',
                                                      'maintenance_in', 'maintenance_out',
                                                      'transfer')),
  quantity              INTEGER NOT NULL CHECK (quantity > 0),
  condition             TEXT CHECK (condition IS NULL OR condition IN ('ok', 'damaged', 'missing')),
  occurred_at           TEXT NOT NULL,
  performed_by_user_id  INTEGER REFERENCES users (id),
  notes                 TEXT NOT NULL DEFAULT '',
  created_at            TEXT NOT NULL,
  kit_id                INTEGER REFERENCES equipment_kits (id) ON DELETE SET NULL,
  from_site_id          INTEGER REFERENCES storage_sites (id),
  to_site_id            INTEGER REFERENCES storage_sites (id),
  CHECK (kind NOT IN ('check_out', 'return') OR mission_id IS NOT NULL),
  CHECK (kind <> 'transfer' OR from_site_id IS NOT NULL OR to_site_id IS NOT NULL)
);
INSERT INTO equipment_movements_new (id, organization_id, equipment_item_id, mission_id, kind,
                                     quantity, condition, occurred_at, performed_by_user_id,
                                     notes, created_at)
SELECT id, organization_id, equipment_item_id, mission_id, kind, quantity, condition, occurred_at,
       performed_by_user_id, notes, created_at
FROM equipment_movements;
DROP TABLE equipment_movements;
ALTER TABLE equipment_movements_new RENAME TO equipment_movements;
CREATE INDEX equipment_movements_item_idx
  ON equipment_movements (organization_id, equipment_item_id, id);
CREATE INDEX equipment_movements_mission_idx
  ON equipment_movements (organization_id, mission_id, equipment_item_id);

CREATE TRIGGER equipment_movements_version_insert AFTER INSERT ON equipment_movements BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_kits_version_insert AFTER INSERT ON equipment_kits BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_kits_version_update AFTER UPDATE ON equipment_kits BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_kits_version_delete AFTER DELETE ON equipment_kits BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER equipment_stock_version_insert AFTER INSERT ON equipment_stock BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_stock_version_update AFTER UPDATE ON equipment_stock BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_stock_version_delete AFTER DELETE ON equipment_stock BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
