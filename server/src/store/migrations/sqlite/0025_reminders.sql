-- Payment reminders, quote follow-ups and crew notifications (issue 16, docs/reminders.md).
--
-- reminder_settings: one row per organisation that changed the defaults (no row = the default
-- schedule, on). invoice_reminders / quote_reminders / mission_notifications record what went
-- out; their UNIQUE keys are what keeps two workers (or a re-run job) from sending the same
-- step twice: the row is inserted in the same transaction that queues the e-mail.

CREATE TABLE reminder_settings (
  organization_id          INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  enabled                  INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  steps                    TEXT NOT NULL,
  send_hour                INTEGER NOT NULL DEFAULT 9 CHECK (send_hour BETWEEN 6 AND 20),
  quote_followup_days      INTEGER NOT NULL DEFAULT 7 CHECK (quote_followup_days BETWEEN 0 AND 60),
  quote_expiry_notice_days INTEGER NOT NULL DEFAULT 3 CHECK (quote_expiry_notice_days BETWEEN 0 AND 30),
  crew_reminder_hour       INTEGER NOT NULL DEFAULT 18 CHECK (crew_reminder_hour BETWEEN 6 AND 22),
  updated_at               TEXT NOT NULL
);

ALTER TABLE invoices ADD COLUMN reminders_paused INTEGER NOT NULL DEFAULT 0
  CHECK (reminders_paused IN (0, 1));
ALTER TABLE clients ADD COLUMN reminders_paused INTEGER NOT NULL DEFAULT 0
  CHECK (reminders_paused IN (0, 1));

CREATE TABLE invoice_reminders (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  invoice_id       INTEGER NOT NULL,
  step             TEXT NOT NULL,
  tone             TEXT NOT NULL CHECK (tone IN ('courteous', 'firm', 'formal')),
  email_id         INTEGER REFERENCES emails (id),
  sent_on          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (invoice_id, step),
  CONSTRAINT invoice_reminders_invoice_id_fkey FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX invoice_reminders_org_idx ON invoice_reminders (organization_id, invoice_id);

CREATE TABLE quote_reminders (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  quote_id         INTEGER NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('followup', 'expiry')),
  email_id         INTEGER REFERENCES emails (id),
  sent_on          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  UNIQUE (quote_id, kind),
  CONSTRAINT quote_reminders_quote_id_fkey FOREIGN KEY (organization_id, quote_id)
    REFERENCES quotes (organization_id, id) ON DELETE CASCADE
);

-- "assigned" once per (mission, member); "day_before" once per (mission, member, start time):
-- a rescheduled mission gets its reminder for the new day.
CREATE TABLE mission_notifications (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  mission_id         INTEGER NOT NULL,
  user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind               TEXT NOT NULL CHECK (kind IN ('assigned', 'day_before')),
  mission_starts_at  TEXT NOT NULL,
  email_id           INTEGER REFERENCES emails (id),
  created_at         TEXT NOT NULL,
  UNIQUE (mission_id, user_id, kind, mission_starts_at),
  CONSTRAINT mission_notifications_mission_id_fkey FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id) ON DELETE CASCADE
);

CREATE TRIGGER reminder_settings_version_insert AFTER INSERT ON reminder_settings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER reminder_settings_version_update AFTER UPDATE ON reminder_settings BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoice_reminders_version_insert AFTER INSERT ON invoice_reminders BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;
