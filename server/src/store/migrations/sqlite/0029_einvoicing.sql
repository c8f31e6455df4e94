-- E-invoicing (issue 21, docs/e-invoicing.md): the organisation's electronic invoicing address
-- (BT-34; '' = its SIREN) and whether an invoice must be a complete e-invoice to be issued; the
-- client's address (BT-49; '' = its SIREN, or its e-mail for a person).
ALTER TABLE organizations ADD COLUMN einvoice_address TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN einvoicing_required INTEGER NOT NULL DEFAULT 0
  CHECK (einvoicing_required IN (0, 1));
ALTER TABLE clients ADD COLUMN einvoice_address TEXT NOT NULL DEFAULT '';
