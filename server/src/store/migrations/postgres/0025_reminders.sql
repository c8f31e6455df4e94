-- Payment reminders, quote follow-ups and crew notifications (issue 16, docs/reminders.md). The
-- SQLite file explains each table.

CREATE TABLE reminder_settings (
  organization_id          BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  enabled                  INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  steps                    TEXT NOT NULL,
  send_hour                INTEGER NOT NULL DEFAULT 9 CHECK (send_hour BETWEEN 6 AND 20),
  quote_followup_days      INTEGER NOT NULL DEFAULT 7 CHECK (quote_followup_days BETWEEN 0 AND 60),
  quote_expiry_notice_days INTEGER NOT NULL DEFAULT 3 CHECK (quote_expiry_notice_days BETWEEN 0 AND 30),
  crew_reminder_hour       INTEGER NOT NULL DEFAULT 18 CHECK (crew_reminder_hour BETWEEN 6 AND 22),
  updated_at               TIMESTAMPTZ NOT NULL
);

ALTER TABLE invoices ADD COLUMN reminders_paused INTEGER NOT NULL DEFAULT 0
  CHECK (reminders_paused IN (0, 1));
ALTER TABLE clients ADD COLUMN reminders_paused INTEGER NOT NULL DEFAULT 0
  CHECK (reminders_paused IN (0, 1));

CREATE TABLE invoice_reminders (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  invoice_id       BIGINT NOT NULL,
  step             TEXT NOT NULL,
  tone             TEXT NOT NULL CHECK (tone IN ('courteous', 'firm', 'formal')),
  email_id         BIGINT REFERENCES emails (id),
  sent_on          DATE NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  UNIQUE (invoice_id, step),
  CONSTRAINT invoice_reminders_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX invoice_reminders_org_idx ON invoice_reminders (organization_id, invoice_id);

CREATE TABLE quote_reminders (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  quote_id         BIGINT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('followup', 'expiry')),
  email_id         BIGINT REFERENCES emails (id),
  sent_on          DATE NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL,
  UNIQUE (quote_id, kind),
  CONSTRAINT quote_reminders_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
    REFERENCES quotes (organization_id, id) ON DELETE CASCADE
);

CREATE TABLE mission_notifications (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id    BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id         BIGINT NOT NULL,
  user_id            BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind               TEXT NOT NULL CHECK (kind IN ('assigned', 'day_before')),
  mission_starts_at  TIMESTAMPTZ NOT NULL,
  email_id           BIGINT REFERENCES emails (id),
  created_at         TIMESTAMPTZ NOT NULL,
  UNIQUE (mission_id, user_id, kind, mission_starts_at),
  CONSTRAINT mission_notifications_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id) ON DELETE CASCADE
);

CREATE CONSTRAINT TRIGGER reminder_settings_version
  AFTER INSERT OR UPDATE OR DELETE ON reminder_settings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER invoice_reminders_version
  AFTER INSERT OR UPDATE OR DELETE ON invoice_reminders
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
