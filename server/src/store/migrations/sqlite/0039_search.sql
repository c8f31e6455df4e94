-- Global search (issue 22, docs/search.md): a full-text index per kind of object the search box
-- finds, kept in step by triggers on the tables whose write paths already keep the folded
-- `search_text` (domain::FoldForSearch: lower-case ASCII words).
--
-- search_<kind> holds one row per object, rowid = the object's id: `scope` is the single token
-- 'o<organisation>' every query requires, `body` the folded text. One table per kind, so that a
-- prefix common in one kind ("mission*" in 50,000 missions) is not expanded again for every
-- other kind's lookup. A mission's body also holds its client's and venue's text, so "durand"
-- finds the Durand wedding; renaming the client or the venue re-indexes its missions.
-- Regular FTS5 tables (they keep their own copy of the text) so that a trigger removes an entry
-- by rowid without knowing what was indexed; detail=column: no phrase queries are made.

-- Clients.
CREATE VIRTUAL TABLE search_clients USING fts5(
  scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
);
INSERT INTO search_clients (rowid, scope, body)
  SELECT id, 'o' || organization_id, search_text FROM clients;

CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
  INSERT INTO search_clients (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER clients_search_update AFTER UPDATE OF search_text ON clients
WHEN OLD.search_text IS NOT NEW.search_text BEGIN
  DELETE FROM search_clients WHERE rowid = OLD.id;
  INSERT INTO search_clients (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
  DELETE FROM search_missions WHERE rowid IN (
    SELECT id FROM missions WHERE organization_id = NEW.organization_id AND client_id = NEW.id);
  INSERT INTO search_missions (rowid, scope, body)
    SELECT m.id, 'o' || m.organization_id,
           m.search_text || ' ' || NEW.search_text || ' ' || COALESCE(v.search_text, '')
    FROM missions m LEFT JOIN venues v ON v.id = m.venue_id
    WHERE m.organization_id = NEW.organization_id AND m.client_id = NEW.id;
END;

CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
  DELETE FROM search_clients WHERE rowid = OLD.id;
END;

-- Missions.
CREATE VIRTUAL TABLE search_missions USING fts5(
  scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
);
INSERT INTO search_missions (rowid, scope, body)
  SELECT m.id, 'o' || m.organization_id,
         m.search_text || ' ' || COALESCE(c.search_text, '') || ' ' || COALESCE(v.search_text, '')
  FROM missions m LEFT JOIN clients c ON c.id = m.client_id LEFT JOIN venues v ON v.id = m.venue_id;

CREATE TRIGGER missions_search_insert AFTER INSERT ON missions BEGIN
  INSERT INTO search_missions (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id,
            NEW.search_text || ' ' ||
            COALESCE((SELECT search_text FROM clients WHERE id = NEW.client_id), '') || ' ' ||
            COALESCE((SELECT search_text FROM venues WHERE id = NEW.venue_id), ''));
END;

CREATE TRIGGER missions_search_update AFTER UPDATE OF search_text, client_id, venue_id ON missions
WHEN OLD.search_text IS NOT NEW.search_text OR OLD.client_id IS NOT NEW.client_id
  OR OLD.venue_id IS NOT NEW.venue_id BEGIN
  DELETE FROM search_missions WHERE rowid = OLD.id;
  INSERT INTO search_missions (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id,
            NEW.search_text || ' ' ||
            COALESCE((SELECT search_text FROM clients WHERE id = NEW.client_id), '') || ' ' ||
            COALESCE((SELECT search_text FROM venues WHERE id = NEW.venue_id), ''));
END;

CREATE TRIGGER missions_search_delete AFTER DELETE ON missions BEGIN
  DELETE FROM search_missions WHERE rowid = OLD.id;
END;

-- Quotes.
CREATE VIRTUAL TABLE search_quotes USING fts5(
  scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
);
INSERT INTO search_quotes (rowid, scope, body)
  SELECT id, 'o' || organization_id, search_text FROM quotes;

CREATE TRIGGER quotes_search_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO search_quotes (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER quotes_search_update AFTER UPDATE OF search_text ON quotes
WHEN OLD.search_text IS NOT NEW.search_text BEGIN
  DELETE FROM search_quotes WHERE rowid = OLD.id;
  INSERT INTO search_quotes (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER quotes_search_delete AFTER DELETE ON quotes BEGIN
  DELETE FROM search_quotes WHERE rowid = OLD.id;
END;

-- Invoices.
CREATE VIRTUAL TABLE search_invoices USING fts5(
  scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
);
INSERT INTO search_invoices (rowid, scope, body)
  SELECT id, 'o' || organization_id, search_text FROM invoices;

CREATE TRIGGER invoices_search_insert AFTER INSERT ON invoices BEGIN
  INSERT INTO search_invoices (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER invoices_search_update AFTER UPDATE OF search_text ON invoices
WHEN OLD.search_text IS NOT NEW.search_text BEGIN
  DELETE FROM search_invoices WHERE rowid = OLD.id;
  INSERT INTO search_invoices (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER invoices_search_delete AFTER DELETE ON invoices BEGIN
  DELETE FROM search_invoices WHERE rowid = OLD.id;
END;

-- Equipment.
CREATE VIRTUAL TABLE search_equipment USING fts5(
  scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
);
INSERT INTO search_equipment (rowid, scope, body)
  SELECT id, 'o' || organization_id, search_text FROM equipment_items;

CREATE TRIGGER equipment_items_search_insert AFTER INSERT ON equipment_items BEGIN
  INSERT INTO search_equipment (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER equipment_items_search_update AFTER UPDATE OF search_text ON equipment_items
WHEN OLD.search_text IS NOT NEW.search_text BEGIN
  DELETE FROM search_equipment WHERE rowid = OLD.id;
  INSERT INTO search_equipment (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER equipment_items_search_delete AFTER DELETE ON equipment_items BEGIN
  DELETE FROM search_equipment WHERE rowid = OLD.id;
END;

-- Venues.
CREATE VIRTUAL TABLE search_venues USING fts5(
  scope, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', detail = column
);
INSERT INTO search_venues (rowid, scope, body)
  SELECT id, 'o' || organization_id, search_text FROM venues;

CREATE TRIGGER venues_search_insert AFTER INSERT ON venues BEGIN
  INSERT INTO search_venues (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
END;

CREATE TRIGGER venues_search_update AFTER UPDATE OF search_text ON venues
WHEN OLD.search_text IS NOT NEW.search_text BEGIN
  DELETE FROM search_venues WHERE rowid = OLD.id;
  INSERT INTO search_venues (rowid, scope, body)
    VALUES (NEW.id, 'o' || NEW.organization_id, NEW.search_text);
  DELETE FROM search_missions WHERE rowid IN (
    SELECT id FROM missions WHERE organization_id = NEW.organization_id AND venue_id = NEW.id);
  INSERT INTO search_missions (rowid, scope, body)
    SELECT m.id, 'o' || m.organization_id,
           m.search_text || ' ' || COALESCE(c.search_text, '') || ' ' || NEW.search_text
    FROM missions m LEFT JOIN clients c ON c.id = m.client_id
    WHERE m.organization_id = NEW.organization_id AND m.venue_id = NEW.id;
END;

CREATE TRIGGER venues_search_delete AFTER DELETE ON venues BEGIN
  DELETE FROM search_venues WHERE rowid = OLD.id;
END;

-- Amounts typed in the search box ("702,00") are looked up by total.
CREATE INDEX quotes_org_gross_idx ON quotes (organization_id, total_gross_cents);
CREATE INDEX invoices_org_gross_idx ON invoices (organization_id, total_gross_cents);
