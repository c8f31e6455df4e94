-- Settings → Comptabilité (issue 17, docs/accounting.md): the organisation's account numbers,
-- journal codes and VAT option, as one JSON object (domain::AccountingSettings); no row = the
-- PCG defaults.

CREATE TABLE accounting_settings (
  organization_id  INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  settings         TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
