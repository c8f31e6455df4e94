-- Covering indexes for the dashboard and the reports (issue 20). The SQLite file explains them.
CREATE INDEX invoices_org_revenue_idx ON invoices (organization_id, kind, issue_date,
  total_net_cents, total_vat_cents, client_id, mission_id, client_name) WHERE number IS NOT NULL;
-- What is still owed, by status and due date.
CREATE INDEX invoices_org_open_idx ON invoices (organization_id, kind, status, due_date,
  total_gross_cents, prepaid_cents, amount_credited_cents, amount_paid_cents);
