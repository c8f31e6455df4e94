-- Whole-set totals of the quote and invoice lists (issue 14): the unfiltered list shows the
-- count, Σ TTC and (invoices) Σ still due of every document of the organisation. Summing 10,000
-- rows on every request was the list's main cost; triggers now record each write's change as a
-- delta row in the same transaction, the list sums the deltas of its organisation (a handful),
-- and the nightly database.optimize job folds them into one row per organisation and kind.
-- Insert-only: concurrent writers never wait on each other here (no counter row to lock, so no
-- lock-order cycle with the planning or numbering locks). Exact to the cent by construction; a
-- contract test compares with a recount after concurrent writes.
-- No foreign key: deleting an organisation deletes its documents, whose triggers write deltas;
-- the fold drops the deltas of organisations that no longer exist.

CREATE TABLE document_total_deltas (
  id               BIGSERIAL PRIMARY KEY,
  organization_id  BIGINT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('invoices', 'quotes')),
  document_count   BIGINT NOT NULL,
  gross_cents      BIGINT NOT NULL,
  remaining_cents  BIGINT NOT NULL
);
CREATE INDEX document_total_deltas_org_idx ON document_total_deltas (organization_id, kind);

CREATE FUNCTION planify_invoice_remaining(status TEXT, gross BIGINT, prepaid BIGINT,
                                          credited BIGINT, paid BIGINT) RETURNS BIGINT
IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN status IN ('issued', 'partially_paid') THEN gross - prepaid - credited - paid
              ELSE 0 END
$$;

INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                   remaining_cents)
SELECT organization_id, 'invoices', count(*), sum(total_gross_cents),
       sum(planify_invoice_remaining(status, total_gross_cents, prepaid_cents,
                                     amount_credited_cents, amount_paid_cents))
FROM invoices GROUP BY organization_id;

INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                   remaining_cents)
SELECT organization_id, 'quotes', count(*), sum(total_gross_cents), 0
FROM quotes GROUP BY organization_id;

CREATE FUNCTION planify_invoice_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                       remaining_cents)
    VALUES (OLD.organization_id, 'invoices', -1, -OLD.total_gross_cents,
            -planify_invoice_remaining(OLD.status, OLD.total_gross_cents, OLD.prepaid_cents,
                                       OLD.amount_credited_cents, OLD.amount_paid_cents));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                       remaining_cents)
    VALUES (NEW.organization_id, 'invoices', 1, NEW.total_gross_cents,
            planify_invoice_remaining(NEW.status, NEW.total_gross_cents, NEW.prepaid_cents,
                                      NEW.amount_credited_cents, NEW.amount_paid_cents));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION planify_quote_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                       remaining_cents)
    VALUES (OLD.organization_id, 'quotes', -1, -OLD.total_gross_cents, 0);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO document_total_deltas (organization_id, kind, document_count, gross_cents,
                                       remaining_cents)
    VALUES (NEW.organization_id, 'quotes', 1, NEW.total_gross_cents, 0);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER invoices_totals_insert_delete AFTER INSERT OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION planify_invoice_totals();
CREATE TRIGGER invoices_totals_update
  AFTER UPDATE OF organization_id, status, total_gross_cents, prepaid_cents,
                  amount_credited_cents, amount_paid_cents ON invoices
  FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.status IS DISTINCT FROM NEW.status
                     OR OLD.total_gross_cents IS DISTINCT FROM NEW.total_gross_cents
                     OR OLD.prepaid_cents IS DISTINCT FROM NEW.prepaid_cents
                     OR OLD.amount_credited_cents IS DISTINCT FROM NEW.amount_credited_cents
                     OR OLD.amount_paid_cents IS DISTINCT FROM NEW.amount_paid_cents)
  EXECUTE FUNCTION planify_invoice_totals();
CREATE TRIGGER quotes_totals_insert_delete AFTER INSERT OR DELETE ON quotes
  FOR EACH ROW EXECUTE FUNCTION planify_quote_totals();
CREATE TRIGGER quotes_totals_update
  AFTER UPDATE OF organization_id, total_gross_cents ON quotes
  FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id
                     OR OLD.total_gross_cents IS DISTINCT FROM NEW.total_gross_cents)
  EXECUTE FUNCTION planify_quote_totals();

-- The overdue filter (status issued or partially paid, due date passed) and its sums read the
-- index alone once the due date follows the status in it (8 ms → 1 ms over 10,000 invoices).
DROP INDEX invoices_org_totals_idx;
CREATE INDEX invoices_org_totals_idx ON invoices (organization_id, status, due_date,
  total_gross_cents, prepaid_cents, amount_credited_cents, amount_paid_cents);
