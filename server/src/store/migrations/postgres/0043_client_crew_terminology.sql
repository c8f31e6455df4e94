-- The organisation's words for a client and for a technician (issue 22, docs/terminology.md),
-- next to its word for a mission.
ALTER TABLE organizations ADD COLUMN client_terminology TEXT NOT NULL DEFAULT 'clients'
  CHECK (client_terminology IN ('clients', 'particuliers', 'organisateurs', 'locataires'));
ALTER TABLE organizations ADD COLUMN crew_terminology TEXT NOT NULL DEFAULT 'techniciens'
  CHECK (crew_terminology IN ('techniciens', 'regisseurs', 'intervenants', 'operateurs'));
