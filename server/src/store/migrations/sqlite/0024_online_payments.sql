-- Online payments with Stripe (issue 16, docs/payments.md).
--
-- 1. payment_accounts: an organisation's own Stripe account. The secret key (sk_… or a
--    restricted rk_…) and the webhook signing secret (whsec_…) are sealed like the bank details;
--    only a hint of the key ("sk_test_…4242") is ever shown. Stripe posts its events to
--    /api/v1/webhooks/stripe/<webhook_token>: the token says which organisation's secret checks
--    the signature (it is not a secret itself; the signature is the proof).
-- 2. checkout_sessions: each Stripe Checkout Session Planify opened, bound when it was created
--    to one document (an invoice, or a quote's deposit) and to the amount then due.
-- 3. provider_events: every verified webhook event, stored once per event id before it is
--    applied (by the job "payments.apply_event"): replays and duplicates find their row and
--    change nothing; events for an unknown or another organisation's document stay "ignored".
-- 4. payments: a payment may be held on a quote before its deposit invoice exists
--    (invoice_id NULL, quote_id set): the legacy app's deposits paid on quotes, or an online
--    deposit whose invoice could not be issued yet. Issuing an invoice of that quote attaches
--    the held payments. refunded_cents (cumulative, from Stripe's charge.refunded), overpaid_cents
--    (the part above what was still due when it arrived: to refund), disputed_at (a chargeback).
--    SQLite cannot relax a NOT NULL in place: payments and payment_proofs are rebuilt as in
--    0015 (same columns first, then the new ones), with their indexes and version triggers.
-- 5. invoices: a public link for the client's invoice page (the token's hash to find it, the
--    token sealed so every e-mail and reminder carries the same link), and disputed_at (no
--    reminder for a disputed invoice).

CREATE TABLE payment_accounts (
  organization_id        INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  provider               TEXT NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe')),
  secret_key_sealed      TEXT NOT NULL,
  key_hint               TEXT NOT NULL,
  livemode               INTEGER NOT NULL CHECK (livemode IN (0, 1)),
  webhook_secret_sealed  TEXT NOT NULL DEFAULT '',
  webhook_token          TEXT NOT NULL UNIQUE,
  enabled                INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  checked_at             TEXT,
  check_ok               INTEGER CHECK (check_ok IS NULL OR check_ok IN (0, 1)),
  check_message          TEXT NOT NULL DEFAULT '',
  account_name           TEXT NOT NULL DEFAULT '',
  last_event_at          TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
);

CREATE TABLE checkout_sessions (
  id                          INTEGER PRIMARY KEY,
  organization_id             INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  purpose                     TEXT NOT NULL CHECK (purpose IN ('invoice', 'deposit')),
  invoice_id                  INTEGER,
  quote_id                    INTEGER,
  amount_cents                INTEGER NOT NULL CHECK (amount_cents > 0),
  currency                    TEXT NOT NULL DEFAULT 'EUR',
  status                      TEXT NOT NULL CHECK (status IN ('open', 'paid', 'failed',
                                                              'expired')),
  provider_session_id         TEXT NOT NULL,
  provider_payment_intent_id  TEXT,
  url                         TEXT NOT NULL,
  idempotency_key             TEXT NOT NULL UNIQUE,
  return_token_hash           TEXT NOT NULL UNIQUE,
  failure_reason              TEXT NOT NULL DEFAULT '',
  expires_at                  TEXT NOT NULL,
  created_ip                  TEXT NOT NULL DEFAULT '',
  created_at                  TEXT NOT NULL,
  updated_at                  TEXT NOT NULL,
  CHECK (invoice_id IS NOT NULL OR quote_id IS NOT NULL),
  UNIQUE (organization_id, provider_session_id),
  CONSTRAINT checkout_sessions_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT checkout_sessions_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id),
  CONSTRAINT checkout_sessions_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
    REFERENCES quotes (organization_id, id)
);
CREATE INDEX checkout_sessions_invoice_idx ON checkout_sessions (organization_id, invoice_id);
CREATE INDEX checkout_sessions_quote_idx ON checkout_sessions (organization_id, quote_id);
CREATE INDEX checkout_sessions_intent_idx
  ON checkout_sessions (organization_id, provider_payment_intent_id);

CREATE TABLE provider_events (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider         TEXT NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe')),
  event_id         TEXT NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
  event_type       TEXT NOT NULL,
  event_created    TEXT NOT NULL,
  payment_intent_id TEXT NOT NULL DEFAULT '',
  livemode         INTEGER NOT NULL CHECK (livemode IN (0, 1)),
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('received', 'applied', 'ignored', 'failed')),
  outcome          TEXT NOT NULL DEFAULT '',
  deliveries       INTEGER NOT NULL DEFAULT 1,
  received_at      TEXT NOT NULL,
  processed_at     TEXT,
  UNIQUE (organization_id, provider, event_id)
);
CREATE INDEX provider_events_org_received_idx ON provider_events (organization_id, received_at);
CREATE INDEX provider_events_intent_idx ON provider_events (organization_id, payment_intent_id)
  WHERE status = 'received';

ALTER TABLE invoices ADD COLUMN public_token_hash TEXT;
ALTER TABLE invoices ADD COLUMN public_token_sealed TEXT;
ALTER TABLE invoices ADD COLUMN disputed_at TEXT;
CREATE UNIQUE INDEX invoices_public_token_idx ON invoices (public_token_hash)
  WHERE public_token_hash IS NOT NULL;

CREATE TABLE new_payments (
  id                     INTEGER PRIMARY KEY,
  organization_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  number                 TEXT NOT NULL,
  invoice_id             INTEGER,
  provider               TEXT NOT NULL CHECK (provider IN ('manual', 'stripe', 'legacy')),
  method                 TEXT NOT NULL CHECK (method IN ('card', 'bank_transfer', 'sepa_debit',
                                                         'cheque', 'cash', 'other')),
  status                 TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed',
                                                         'rejected', 'cancelled')),
  amount_cents           INTEGER NOT NULL CHECK (amount_cents > 0),
  currency               TEXT NOT NULL DEFAULT 'EUR',
  reference              TEXT NOT NULL DEFAULT '',
  proof_text             TEXT NOT NULL DEFAULT '',
  received_on            TEXT NOT NULL,
  provider_payment_id    TEXT,
  succeeded_at           TEXT,
  failure_reason         TEXT,
  recorded_by_user_id    INTEGER REFERENCES users (id),
  recorded_ip            TEXT,
  validated_by_user_id   INTEGER REFERENCES users (id),
  validated_at           TEXT,
  rejected_by_user_id    INTEGER REFERENCES users (id),
  rejected_at            TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  quote_id               INTEGER,
  checkout_session_id    INTEGER,
  refunded_cents         INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
  overpaid_cents         INTEGER NOT NULL DEFAULT 0 CHECK (overpaid_cents >= 0),
  disputed_at            TEXT,
  CHECK (invoice_id IS NOT NULL OR quote_id IS NOT NULL),
  CHECK (refunded_cents <= amount_cents),
  UNIQUE (organization_id, number),
  CONSTRAINT payments_org_id_key UNIQUE (organization_id, id),
  CONSTRAINT payments_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id),
  CONSTRAINT payments_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
    REFERENCES quotes (organization_id, id),
  CONSTRAINT payments_checkout_session_id_fkey FOREIGN KEY (organization_id, checkout_session_id)
    REFERENCES checkout_sessions (organization_id, id)
);

CREATE TABLE new_payment_proofs (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id       INTEGER NOT NULL UNIQUE,
  filename         TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  content_type     TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png',
                                                        'image/jpeg')),
  size_bytes       INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 8388608),
  sha256           TEXT NOT NULL,
  content_base64   TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  CONSTRAINT payment_proofs_payment_id_fkey FOREIGN KEY (organization_id, payment_id)
    REFERENCES new_payments (organization_id, id) ON DELETE CASCADE
);

INSERT INTO new_payments (id, organization_id, number, invoice_id, provider, method, status,
amount_cents, currency, reference, proof_text, received_on, provider_payment_id, succeeded_at,
failure_reason, recorded_by_user_id, recorded_ip, validated_by_user_id, validated_at,
rejected_by_user_id, rejected_at, created_at, updated_at)
  SELECT id, organization_id, number, invoice_id, provider, method, status, amount_cents, currency,
  reference, proof_text, received_on, provider_payment_id, succeeded_at, failure_reason,
  recorded_by_user_id, recorded_ip, validated_by_user_id, validated_at, rejected_by_user_id,
  rejected_at, created_at, updated_at FROM payments;
INSERT INTO new_payment_proofs (id, organization_id, payment_id, filename, content_type, size_bytes,
sha256, content_base64, created_at)
  SELECT id, organization_id, payment_id, filename, content_type, size_bytes, sha256,
  content_base64, created_at FROM payment_proofs;

DROP TABLE payment_proofs;
DROP TABLE payments;
ALTER TABLE new_payments RENAME TO payments;
ALTER TABLE new_payment_proofs RENAME TO payment_proofs;

CREATE INDEX payments_org_invoice_idx ON payments (organization_id, invoice_id);
CREATE INDEX payments_org_quote_idx ON payments (organization_id, quote_id)
  WHERE quote_id IS NOT NULL;
CREATE INDEX payments_org_status_idx ON payments (organization_id, status, created_at);
CREATE UNIQUE INDEX payments_provider_idx ON payments (organization_id, provider, provider_payment_id)
  WHERE provider_payment_id IS NOT NULL;

-- Refunds asked from Planify (pending until Stripe's charge.refunded confirms them) and those
-- made from Stripe's dashboard (recorded from the event, requested_by empty).
CREATE TABLE payment_refunds (
  id                   INTEGER PRIMARY KEY,
  organization_id      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id           INTEGER NOT NULL,
  amount_cents         INTEGER NOT NULL CHECK (amount_cents > 0),
  reason               TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_refund_id   TEXT,
  idempotency_key      TEXT NOT NULL UNIQUE,
  requested_by_user_id INTEGER REFERENCES users (id),
  failure_reason       TEXT NOT NULL DEFAULT '',
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CONSTRAINT payment_refunds_payment_id_fkey FOREIGN KEY (organization_id, payment_id)
    REFERENCES payments (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX payment_refunds_payment_idx ON payment_refunds (organization_id, payment_id);

CREATE TRIGGER payments_version_insert AFTER INSERT ON payments BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payments_version_update AFTER UPDATE ON payments BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payments_version_delete AFTER DELETE ON payments BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER payment_proofs_version_insert AFTER INSERT ON payment_proofs BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payment_proofs_version_update AFTER UPDATE ON payment_proofs BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payment_proofs_version_delete AFTER DELETE ON payment_proofs BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER checkout_sessions_version_insert AFTER INSERT ON checkout_sessions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER checkout_sessions_version_update AFTER UPDATE ON checkout_sessions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payment_accounts_version_insert AFTER INSERT ON payment_accounts BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payment_accounts_version_update AFTER UPDATE ON payment_accounts BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payment_accounts_version_delete AFTER DELETE ON payment_accounts BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER payment_refunds_version_insert AFTER INSERT ON payment_refunds BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER payment_refunds_version_update AFTER UPDATE ON payment_refunds BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;
