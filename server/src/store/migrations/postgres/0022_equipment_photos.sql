-- Equipment logistics (issue 15), fifth part: photos of items (what the model looks like, for
-- whoever loads the truck) and of maintenance records (the damage, as found on return). Kept in
-- the database like logos (every instance behind a load balancer serves them), images only,
-- 1 MiB at most; served to the organisation's members only, never publicly.

CREATE TABLE equipment_photos (
  id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id        BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  equipment_item_id      BIGINT NOT NULL REFERENCES equipment_items (id),
  maintenance_record_id  BIGINT REFERENCES maintenance_records (id),
  content_type           TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  size_bytes             INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 1048576),
  sha256                 TEXT NOT NULL,
  content_base64         TEXT NOT NULL,
  created_at             TIMESTAMPTZ NOT NULL
);
-- One photo per item, one per maintenance record.
CREATE UNIQUE INDEX equipment_photos_item_idx ON equipment_photos (equipment_item_id)
  WHERE maintenance_record_id IS NULL;
CREATE UNIQUE INDEX equipment_photos_record_idx ON equipment_photos (maintenance_record_id)
  WHERE maintenance_record_id IS NOT NULL;

CREATE CONSTRAINT TRIGGER equipment_photos_version AFTER INSERT OR UPDATE OR DELETE ON equipment_photos
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
