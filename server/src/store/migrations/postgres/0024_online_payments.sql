-- Online payments with Stripe (issue 16, docs/payments.md). The SQLite file explains each
-- table; here payments changes in place (PostgreSQL can relax a NOT NULL).

CREATE TABLE payment_accounts (
  organization_id        BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  provider               TEXT NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe')),
  secret_key_sealed      TEXT NOT NULL,
  key_hint               TEXT NOT NULL,
  livemode               INTEGER NOT NULL CHECK (livemode IN (0, 1)),
  webhook_secret_sealed  TEXT NOT NULL DEFAULT '',
  webhook_token          TEXT NOT NULL UNIQUE,
  enabled                INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  checked_at             TIMESTAMPTZ,
  check_ok               INTEGER CHECK (check_ok IS NULL OR check_ok IN (0, 1)),
  check_message          TEXT NOT NULL DEFAULT '',
  account_name           TEXT NOT NULL DEFAULT '',
  last_event_at          TIMESTAMPTZ,
  created_at             TIMESTAMPTZ NOT NULL,
  updated_at             TIMESTAMPTZ NOT NULL
);

CREATE TABLE checkout_sessions (
  id                          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id             BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  purpose                     TEXT NOT NULL CHECK (purpose IN ('invoice', 'deposit')),
  invoice_id                  BIGINT,
  quote_id                    BIGINT,
  amount_cents                BIGINT NOT NULL CHECK (amount_cents > 0),
  currency                    TEXT NOT NULL DEFAULT 'EUR',
  status                      TEXT NOT NULL CHECK (status IN ('open', 'paid', 'failed',
                                                              'expired')),
  provider_session_id         TEXT NOT NULL,
  provider_payment_intent_id  TEXT,
  url                         TEXT NOT NULL,
  idempotency_key             TEXT NOT NULL UNIQUE,
  return_token_hash           TEXT NOT NULL UNIQUE,
  failure_reason              TEXT NOT NULL DEFAULT '',
  expires_at                  TIMESTAMPTZ NOT NULL,
  created_ip                  TEXT NOT NULL DEFAULT '',
  created_at                  TIMESTAMPTZ NOT NULL,
  updated_at                  TIMESTAMPTZ NOT NULL,
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
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider         TEXT NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe')),
  event_id         TEXT NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
  event_type       TEXT NOT NULL,
  event_created    TIMESTAMPTZ NOT NULL,
  payment_intent_id TEXT NOT NULL DEFAULT '',
  livemode         INTEGER NOT NULL CHECK (livemode IN (0, 1)),
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('received', 'applied', 'ignored', 'failed')),
  outcome          TEXT NOT NULL DEFAULT '',
  deliveries       INTEGER NOT NULL DEFAULT 1,
  received_at      TIMESTAMPTZ NOT NULL,
  processed_at     TIMESTAMPTZ,
  UNIQUE (organization_id, provider, event_id)
);
CREATE INDEX provider_events_org_received_idx ON provider_events (organization_id, received_at);
CREATE INDEX provider_events_intent_idx ON provider_events (organization_id, payment_intent_id)
  WHERE status = 'received';

ALTER TABLE invoices ADD COLUMN public_token_hash TEXT;
ALTER TABLE invoices ADD COLUMN public_token_sealed TEXT;
ALTER TABLE invoices ADD COLUMN disputed_at TIMESTAMPTZ;
CREATE UNIQUE INDEX invoices_public_token_idx ON invoices (public_token_hash)
  WHERE public_token_hash IS NOT NULL;

ALTER TABLE payments ALTER COLUMN invoice_id DROP NOT NULL;
ALTER TABLE payments ADD COLUMN quote_id BIGINT;
ALTER TABLE payments ADD COLUMN checkout_session_id BIGINT;
ALTER TABLE payments ADD COLUMN refunded_cents BIGINT NOT NULL DEFAULT 0
  CHECK (refunded_cents >= 0);
ALTER TABLE payments ADD COLUMN overpaid_cents BIGINT NOT NULL DEFAULT 0
  CHECK (overpaid_cents >= 0);
ALTER TABLE payments ADD COLUMN disputed_at TIMESTAMPTZ;
ALTER TABLE payments ADD CONSTRAINT payments_document_check
  CHECK (invoice_id IS NOT NULL OR quote_id IS NOT NULL);
ALTER TABLE payments ADD CONSTRAINT payments_refund_check CHECK (refunded_cents <= amount_cents);
ALTER TABLE payments ADD CONSTRAINT payments_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
  REFERENCES quotes (organization_id, id);
ALTER TABLE payments ADD CONSTRAINT payments_checkout_session_id_fkey
  FOREIGN KEY (organization_id, checkout_session_id)
  REFERENCES checkout_sessions (organization_id, id);
CREATE INDEX payments_org_quote_idx ON payments (organization_id, quote_id)
  WHERE quote_id IS NOT NULL;

-- Refunds asked from Planify (pending until Stripe's charge.refunded confirms them) and those
-- made from Stripe's dashboard (recorded from the event, requested_by empty).
CREATE TABLE payment_refunds (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id      BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  payment_id           BIGINT NOT NULL,
  amount_cents         BIGINT NOT NULL CHECK (amount_cents > 0),
  reason               TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_refund_id   TEXT,
  idempotency_key      TEXT NOT NULL UNIQUE,
  requested_by_user_id BIGINT REFERENCES users (id),
  failure_reason       TEXT NOT NULL DEFAULT '',
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL,
  CONSTRAINT payment_refunds_payment_id_fkey FOREIGN KEY (organization_id, payment_id)
    REFERENCES payments (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX payment_refunds_payment_idx ON payment_refunds (organization_id, payment_id);

CREATE CONSTRAINT TRIGGER checkout_sessions_version
  AFTER INSERT OR UPDATE OR DELETE ON checkout_sessions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER payment_accounts_version
  AFTER INSERT OR UPDATE OR DELETE ON payment_accounts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER payment_refunds_version
  AFTER INSERT OR UPDATE OR DELETE ON payment_refunds
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
