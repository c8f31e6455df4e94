-- Equipment logistics (issue 15), third part: what a rental company records about a model
-- (brand, model, VAT rate of its rental, replacement value for the deposit, weight for the
-- truck) and categories as a managed list. Items keep their category's name (the legacy app's
-- text column); renaming a category renames it on its items in the same transaction.

ALTER TABLE equipment_items ADD COLUMN brand TEXT NOT NULL DEFAULT '';
ALTER TABLE equipment_items ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE equipment_items ADD COLUMN vat_rate_bp INTEGER
  CHECK (vat_rate_bp IS NULL OR vat_rate_bp BETWEEN 0 AND 10000);
ALTER TABLE equipment_items ADD COLUMN replacement_value_cents INTEGER
  CHECK (replacement_value_cents IS NULL OR replacement_value_cents >= 0);
ALTER TABLE equipment_items ADD COLUMN weight_grams INTEGER
  CHECK (weight_grams IS NULL OR weight_grams >= 0);

CREATE TABLE equipment_categories (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  position         INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (organization_id, name)
);

INSERT INTO equipment_categories (organization_id, name, position, created_at, updated_at)
SELECT organization_id, category, 0, min(created_at), min(created_at)
FROM equipment_items WHERE category <> '' GROUP BY organization_id, category;

CREATE TRIGGER equipment_categories_version_insert AFTER INSERT ON equipment_categories BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_categories_version_update AFTER UPDATE ON equipment_categories BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_categories_version_delete AFTER DELETE ON equipment_categories BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;
