-- Whole-set totals of the quote and invoice lists (issue 14): the unfiltered list shows the
-- count, Σ TTC and (invoices) Σ still due of every document of the organisation. Summing 10,000
-- rows on every request was the list's main cost; triggers now record each write's change as a
-- delta row in the same transaction, the list sums the deltas of its organisation (a handful),
-- and the nightly database.optimize job folds them into one row per organisation and kind.
-- Insert-only: concurrent writers never wait on each other here, on either database. Exact to
-- the cent by construction; a contract test compares with a recount after concurrent writes.
-- No foreign key: deleting an organisation deletes its documents, whose triggers write deltas;
-- the fold drops the deltas of organisations that no longer exist.

CREATE TABLE document_total_deltas (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('invoices', 'quotes')),
  document_count   INTEGER NOT NULL,
  gross_cents      INTEGER NOT NULL,
  remaining_cents  INTEGER NOT NULL
);
CREATE INDEX document_total_deltas_org_idx ON document_total_deltas (organization_id, kind);

INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                   remaining_cents)
SELECT organization_id, 'invoices', count(*), sum(total_gross_cents),
       sum(CASE WHEN status IN ('issued', 'partially_paid')
                THEN total_gross_cents - prepaid_cents - amount_credited_cents - amount_paid_cents
                ELSE 0 END)
FROM invoices GROUP BY organization_id;

INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                   remaining_cents)
SELECT organization_id, 'quotes', count(*), sum(total_gross_cents), 0
FROM quotes GROUP BY organization_id;

CREATE TRIGGER invoices_totals_insert AFTER INSERT ON invoices BEGIN
  INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                     remaining_cents)
  VALUES (NEW.organization_id, 'invoices', 1, NEW.total_gross_cents,
          CASE WHEN NEW.status IN ('issued', 'partially_paid')
               THEN NEW.total_gross_cents - NEW.prepaid_cents - NEW.amount_credited_cents
                    - NEW.amount_paid_cents
               ELSE 0 END);
END;

CREATE TRIGGER invoices_totals_update
AFTER UPDATE OF organization_id, status, total_gross_cents, prepaid_cents, amount_credited_cents,
                amount_paid_cents ON invoices
WHEN OLD.organization_id IS NOT NEW.organization_id OR OLD.status IS NOT NEW.status
  OR OLD.total_gross_cents IS NOT NEW.total_gross_cents OR OLD.prepaid_cents IS NOT NEW.prepaid_cents
  OR OLD.amount_credited_cents IS NOT NEW.amount_credited_cents
  OR OLD.amount_paid_cents IS NOT NEW.amount_paid_cents
BEGIN
  INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                     remaining_cents)
  VALUES (OLD.organization_id, 'invoices', -1, -OLD.total_gross_cents,
          CASE WHEN OLD.status IN ('issued', 'partially_paid')
               THEN OLD.amount_paid_cents + OLD.amount_credited_cents + OLD.prepaid_cents
                    - OLD.total_gross_cents
               ELSE 0 END),
         (NEW.organization_id, 'invoices', 1, NEW.total_gross_cents,
          CASE WHEN NEW.status IN ('issued', 'partially_paid')
               THEN NEW.total_gross_cents - NEW.prepaid_cents - NEW.amount_credited_cents
                    - NEW.amount_paid_cents
               ELSE 0 END);
END;

CREATE TRIGGER invoices_totals_delete AFTER DELETE ON invoices BEGIN
  INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                     remaining_cents)
  VALUES (OLD.organization_id, 'invoices', -1, -OLD.total_gross_cents,
          CASE WHEN OLD.status IN ('issued', 'partially_paid')
               THEN OLD.amount_paid_cents + OLD.amount_credited_cents + OLD.prepaid_cents
                    - OLD.total_gross_cents
               ELSE 0 END);
END;

CREATE TRIGGER quotes_totals_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                     remaining_cents)
  VALUES (NEW.organization_id, 'quotes', 1, NEW.total_gross_cents, 0);
END;

CREATE TRIGGER quotes_totals_update
AFTER UPDATE OF organization_id, total_gross_cents ON quotes
WHEN OLD.organization_id IS NOT NEW.organization_id
  OR OLD.total_gross_cents IS NOT NEW.total_gross_cents
BEGIN
  INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                     remaining_cents)
  VALUES (OLD.organization_id, 'quotes', -1, -OLD.total_gross_cents, 0),
         (NEW.organization_id, 'quotes', 1, NEW.total_gross_cents, 0);
END;

CREATE TRIGGER quotes_totals_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                     remaining_cents)
  VALUES (OLD.organization_id, 'quotes', -1, -OLD.total_gross_cents, 0);
END;

-- The overdue filter (status issued or partially paid, due date passed) and its sums read the
-- index alone once the due date follows the status in it (8 ms → 1 ms over 10,000 invoices).
DROP INDEX invoices_org_totals_idx;
CREATE INDEX invoices_org_totals_idx ON invoices (organization_id, status, due_date,
  total_gross_cents, prepaid_cents, amount_credited_cents, amount_paid_cents);
