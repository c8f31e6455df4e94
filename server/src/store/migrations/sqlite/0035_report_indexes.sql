-- Covering indexes for the dashboard and the reports (issue 20, docs/performance.md "reports"):
-- an invoice row is wide (client and seller snapshots, legal mentions), so summing thousands of
-- them through the table read every page of it. These hold what the sums need.
-- Revenue by issue date (numbered invoices only: the queries say `number IS NOT NULL`).
CREATE INDEX invoices_org_revenue_idx ON invoices (organization_id, kind, issue_date,
  total_net_cents, total_vat_cents, client_id, mission_id, client_name) WHERE number IS NOT NULL;
-- What is still owed, by status and due date.
CREATE INDEX invoices_org_open_idx ON invoices (organization_id, kind, status, due_date,
  total_gross_cents, prepaid_cents, amount_credited_cents, amount_paid_cents);
