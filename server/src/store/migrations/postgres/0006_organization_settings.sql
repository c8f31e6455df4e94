-- Organisations' legal identity and settings (what their documents print and their rules use).
-- Bank details are sealed (XChaCha20-Poly1305 under a key derived from the server secret):
-- `bank_details_sealed` holds "v1:<base64>" of {"iban","bic"}; `iban_last4` is for display.

ALTER TABLE organizations ADD COLUMN legal_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN legal_form TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN siren TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN siret TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN vat_number TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN rcs TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN rm TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN share_capital_cents BIGINT;
ALTER TABLE organizations ADD COLUMN address_line1 TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN address_line2 TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN postal_code TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN country TEXT NOT NULL DEFAULT 'FR';
ALTER TABLE organizations ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN bank_details_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN iban_last4 TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN brand_color TEXT NOT NULL DEFAULT '#4f46e5';
ALTER TABLE organizations ADD COLUMN vat_regime TEXT NOT NULL DEFAULT 'normal' CHECK (vat_regime IN ('normal', 'franchise'));
ALTER TABLE organizations ADD COLUMN payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 60);
ALTER TABLE organizations ADD COLUMN late_penalty_rate_bp INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE organizations ADD COLUMN early_payment_discount TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN quote_number_format TEXT NOT NULL DEFAULT 'DEV-{YYYY}-{NNNN}';
ALTER TABLE organizations ADD COLUMN invoice_number_format TEXT NOT NULL DEFAULT 'FAC-{YYYY}-{NNNN}';
ALTER TABLE organizations ADD COLUMN credit_note_number_format TEXT NOT NULL DEFAULT 'AV-{YYYY}-{NNNN}';
ALTER TABLE organizations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Paris';
ALTER TABLE organizations ADD COLUMN terminology TEXT NOT NULL DEFAULT 'missions' CHECK (terminology IN ('missions', 'prestations', 'interventions'));
