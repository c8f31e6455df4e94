-- The organisation's word for a mission (issue 22, docs/terminology.md) takes two more values:
-- "evenements" and "locations". SQLite cannot change a CHECK in place: a new column with the
-- wider CHECK takes the values, the old one (its CHECK belongs to it alone) is dropped and the
-- new one takes its name.
ALTER TABLE organizations ADD COLUMN terminology_new TEXT NOT NULL DEFAULT 'missions'
  CHECK (terminology_new IN ('missions', 'prestations', 'evenements', 'locations', 'interventions'));
UPDATE organizations SET terminology_new = terminology;
ALTER TABLE organizations DROP COLUMN terminology;
ALTER TABLE organizations RENAME COLUMN terminology_new TO terminology;
