-- Settings → Comptabilité (issue 17, docs/accounting.md). The SQLite file explains the table.

CREATE TABLE accounting_settings (
  organization_id  BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  settings         TEXT NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL
);
