-- Quote follow-ups (issue 16, docs/reminders.md): the quote's public token kept sealed like the
-- invoice's (0024), so a follow-up e-mail carries the very link the client received; a quote sent
-- before this migration has none and gets no follow-up (a new token would break the first link).

ALTER TABLE quotes ADD COLUMN public_token_sealed TEXT;

CREATE INDEX quote_reminders_org_idx ON quote_reminders (organization_id, quote_id);

CREATE CONSTRAINT TRIGGER quote_reminders_version
  AFTER INSERT OR UPDATE OR DELETE ON quote_reminders
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
