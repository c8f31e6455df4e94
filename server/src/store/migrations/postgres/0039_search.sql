-- Global search (issue 22, docs/search.md): one full-text index over what the search box finds,
-- kept in step by triggers on the tables whose write paths already keep the folded
-- `search_text` (domain::FoldForSearch: lower-case ASCII words).
--
-- A row of `search_entries` is one object: id = object id * 8 + kind (1 client, 2 mission,
-- 3 quote, 4 invoice, 5 equipment item, 6 venue); `scope` is the single token
-- 'o<organisation>k<kind>' that every query requires, so the GIN index intersects the query's
-- words with one organisation's and one kind's entries; `body` is the folded text; `document`
-- the stored tsvector of both. The planner picks, from the words' statistics, either the GIN
-- index (rare words: a few rows, sorted) or the newest entries of the kind walked backwards on
-- (organization_id, kind, id) with the cheap stored tsvector as filter (a word in every
-- mission: the first fifty rows match). A mission's
-- body also holds its client's and venue's text, so "durand" finds the Durand wedding; renaming
-- the client or the venue re-indexes its missions. The 'simple' configuration: no stemming, no
-- stop words, the text is already folded.

CREATE TABLE search_entries (
  id               BIGINT PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind             SMALLINT NOT NULL CHECK (kind BETWEEN 1 AND 6),
  object_id        BIGINT NOT NULL,
  scope            TEXT NOT NULL,
  body             TEXT NOT NULL,
  document         TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                                                             scope || ' ' || body)) STORED
);
CREATE INDEX search_entries_document_idx ON search_entries USING gin (document);
CREATE INDEX search_entries_kind_idx ON search_entries (organization_id, kind, id);

CREATE FUNCTION planify_search_put(k INTEGER, obj BIGINT, org BIGINT, txt TEXT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  VALUES (obj * 8 + k, org, k, obj, 'o' || org || 'k' || k, txt)
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body;
END $$;

-- Re-index missions: one (by_mission), or every mission of a client or of a venue.
CREATE FUNCTION planify_search_missions(org BIGINT, by_mission BIGINT, by_client BIGINT,
                                        by_venue BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT m.id * 8 + 2, m.organization_id, 2, m.id, 'o' || m.organization_id || 'k2',
         m.search_text || ' ' || COALESCE(c.search_text, '') || ' ' || COALESCE(v.search_text, '')
  FROM missions m LEFT JOIN clients c ON c.id = m.client_id LEFT JOIN venues v ON v.id = m.venue_id
  WHERE m.organization_id = org
    AND ((by_mission IS NOT NULL AND m.id = by_mission)
      OR (by_client IS NOT NULL AND m.client_id = by_client)
      OR (by_venue IS NOT NULL AND m.venue_id = by_venue))
  ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body;
END $$;

CREATE FUNCTION planify_search_from_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k INTEGER := TG_ARGV[0]::INTEGER;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE id = OLD.id * 8 + k;
    RETURN NULL;
  END IF;
  IF k = 2 THEN
    PERFORM planify_search_missions(NEW.organization_id, NEW.id, NULL, NULL);
    RETURN NULL;
  END IF;
  PERFORM planify_search_put(k, NEW.id, NEW.organization_id, NEW.search_text);
  IF TG_OP = 'UPDATE' AND k = 1 THEN
    PERFORM planify_search_missions(NEW.organization_id, NULL, NEW.id, NULL);
  ELSIF TG_OP = 'UPDATE' AND k = 6 THEN
    PERFORM planify_search_missions(NEW.organization_id, NULL, NULL, NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER clients_search_insert AFTER INSERT OR DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION planify_search_from_row(1);
CREATE TRIGGER clients_search_update AFTER UPDATE OF search_text ON clients
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
  EXECUTE FUNCTION planify_search_from_row(1);

CREATE TRIGGER missions_search_insert AFTER INSERT OR DELETE ON missions
  FOR EACH ROW EXECUTE FUNCTION planify_search_from_row(2);
CREATE TRIGGER missions_search_update AFTER UPDATE OF search_text, client_id, venue_id ON missions
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text
                     OR OLD.client_id IS DISTINCT FROM NEW.client_id
                     OR OLD.venue_id IS DISTINCT FROM NEW.venue_id)
  EXECUTE FUNCTION planify_search_from_row(2);

CREATE TRIGGER quotes_search_insert AFTER INSERT OR DELETE ON quotes
  FOR EACH ROW EXECUTE FUNCTION planify_search_from_row(3);
CREATE TRIGGER quotes_search_update AFTER UPDATE OF search_text ON quotes
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
  EXECUTE FUNCTION planify_search_from_row(3);

CREATE TRIGGER invoices_search_insert AFTER INSERT OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION planify_search_from_row(4);
CREATE TRIGGER invoices_search_update AFTER UPDATE OF search_text ON invoices
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
  EXECUTE FUNCTION planify_search_from_row(4);

CREATE TRIGGER equipment_items_search_insert AFTER INSERT OR DELETE ON equipment_items
  FOR EACH ROW EXECUTE FUNCTION planify_search_from_row(5);
CREATE TRIGGER equipment_items_search_update AFTER UPDATE OF search_text ON equipment_items
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
  EXECUTE FUNCTION planify_search_from_row(5);

CREATE TRIGGER venues_search_insert AFTER INSERT OR DELETE ON venues
  FOR EACH ROW EXECUTE FUNCTION planify_search_from_row(6);
CREATE TRIGGER venues_search_update AFTER UPDATE OF search_text ON venues
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
  EXECUTE FUNCTION planify_search_from_row(6);

-- What exists already.
INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT id * 8 + 1, organization_id, 1, id, 'o' || organization_id || 'k1', search_text FROM clients;
INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT m.id * 8 + 2, m.organization_id, 2, m.id, 'o' || m.organization_id || 'k2',
         m.search_text || ' ' || COALESCE(c.search_text, '') || ' ' || COALESCE(v.search_text, '')
  FROM missions m LEFT JOIN clients c ON c.id = m.client_id LEFT JOIN venues v ON v.id = m.venue_id;
INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT id * 8 + 3, organization_id, 3, id, 'o' || organization_id || 'k3', search_text FROM quotes;
INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT id * 8 + 4, organization_id, 4, id, 'o' || organization_id || 'k4', search_text FROM invoices;
INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT id * 8 + 5, organization_id, 5, id, 'o' || organization_id || 'k5', search_text
  FROM equipment_items;
INSERT INTO search_entries (id, organization_id, kind, object_id, scope, body)
  SELECT id * 8 + 6, organization_id, 6, id, 'o' || organization_id || 'k6', search_text FROM venues;

-- Amounts typed in the search box ("702,00") are looked up by total.
CREATE INDEX quotes_org_gross_idx ON quotes (organization_id, total_gross_cents);
CREATE INDEX invoices_org_gross_idx ON invoices (organization_id, total_gross_cents);
