-- The organisation's word for a mission (issue 22, docs/terminology.md) takes two more values:
-- "evenements" and "locations".
ALTER TABLE organizations DROP CONSTRAINT organizations_terminology_check;
ALTER TABLE organizations ADD CONSTRAINT organizations_terminology_check
  CHECK (terminology IN ('missions', 'prestations', 'evenements', 'locations', 'interventions'));
