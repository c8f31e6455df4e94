-- Performance (issue 14).
--
-- 1. A data version per organisation, for HTTP revalidation: every write to a table whose rows
--    an organisation's lists, calendar or pages show moves organization_versions.version, so
--    the server answers a matching If-None-Match with 304 after reading this one row, without
--    running the list's query (docs/architecture.md, "Revalidation"). Sessions, jobs, e-mails,
--    the audit log, API tokens (their last use) and stored files are left out: they change
--    without changing what a list shows. A user's name shows in every organisation they belong
--    to, so renaming moves all of them.
-- 2. Covering indexes for the whole-set count and sums of the document lists: the aggregate
--    reads the index, not every wide row (JSON snapshots, legal text).
--
-- On PostgreSQL the version moves once per transaction and organisation, at commit (deferred
-- constraint triggers): the row lock on organization_versions is the last lock a transaction
-- takes, so it cannot close a cycle with the planning or numbering locks taken earlier.

CREATE TABLE organization_versions (
  organization_id  BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  version          BIGINT NOT NULL DEFAULT 1
);

INSERT INTO organization_versions (organization_id, version) SELECT id, 1 FROM organizations;

CREATE FUNCTION planify_bump_organization_version(org BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF org IS NULL
     OR current_setting('planify.version_bumped_' || org, true) IS NOT DISTINCT FROM '1' THEN
    RETURN;
  END IF;
  PERFORM set_config('planify.version_bumped_' || org, '1', true);
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = org;
END $$;

CREATE FUNCTION planify_version_from_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM planify_bump_organization_version(OLD.organization_id);
  ELSE
    PERFORM planify_bump_organization_version(NEW.organization_id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION planify_version_from_organization() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO organization_versions (organization_id, version) VALUES (NEW.id, 1);
  ELSE
    PERFORM planify_bump_organization_version(NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION planify_version_from_user() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  org BIGINT;
BEGIN
  FOR org IN SELECT organization_id FROM memberships WHERE user_id = NEW.id LOOP
    PERFORM planify_bump_organization_version(org);
  END LOOP;
  RETURN NULL;
END $$;

-- The organisation's own row must exist before anything refers to it: not deferred.
CREATE TRIGGER organizations_version_insert AFTER INSERT ON organizations
  FOR EACH ROW EXECUTE FUNCTION planify_version_from_organization();
CREATE CONSTRAINT TRIGGER organizations_version_update AFTER UPDATE ON organizations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_organization();
CREATE CONSTRAINT TRIGGER users_version_update AFTER UPDATE OF display_name, email, avatar_file_id ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_user();
CREATE CONSTRAINT TRIGGER memberships_version AFTER INSERT OR UPDATE OR DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER invitations_version AFTER INSERT OR UPDATE OR DELETE ON invitations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER clients_version AFTER INSERT OR UPDATE OR DELETE ON clients
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER client_contacts_version AFTER INSERT OR UPDATE OR DELETE ON client_contacts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER venues_version AFTER INSERT OR UPDATE OR DELETE ON venues
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER storage_sites_version AFTER INSERT OR UPDATE OR DELETE ON storage_sites
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER equipment_items_version AFTER INSERT OR UPDATE OR DELETE ON equipment_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER missions_version AFTER INSERT OR UPDATE OR DELETE ON missions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER mission_crew_version AFTER INSERT OR UPDATE OR DELETE ON mission_crew
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER mission_equipment_version AFTER INSERT OR UPDATE OR DELETE ON mission_equipment
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER crew_unavailability_version AFTER INSERT OR UPDATE OR DELETE ON crew_unavailability
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER mission_field_definitions_version AFTER INSERT OR UPDATE OR DELETE ON mission_field_definitions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER catalogue_items_version AFTER INSERT OR UPDATE OR DELETE ON catalogue_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER pricing_rules_version AFTER INSERT OR UPDATE OR DELETE ON pricing_rules
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER quotes_version AFTER INSERT OR UPDATE OR DELETE ON quotes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER quote_lines_version AFTER INSERT OR UPDATE OR DELETE ON quote_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER invoices_version AFTER INSERT OR UPDATE OR DELETE ON invoices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER invoice_lines_version AFTER INSERT OR UPDATE OR DELETE ON invoice_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER invoice_deposit_links_version AFTER INSERT OR UPDATE OR DELETE ON invoice_deposit_links
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER credit_notes_version AFTER INSERT OR UPDATE OR DELETE ON credit_notes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER credit_note_lines_version AFTER INSERT OR UPDATE OR DELETE ON credit_note_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER payments_version AFTER INSERT OR UPDATE OR DELETE ON payments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER payment_proofs_version AFTER INSERT OR UPDATE OR DELETE ON payment_proofs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();
CREATE CONSTRAINT TRIGGER signatures_version AFTER INSERT OR UPDATE OR DELETE ON signatures
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION planify_version_from_row();

CREATE INDEX invoices_org_totals_idx ON invoices (organization_id, status, total_gross_cents,
  prepaid_cents, amount_credited_cents, amount_paid_cents);
CREATE INDEX quotes_org_totals_idx ON quotes (organization_id, status, total_gross_cents);
CREATE INDEX credit_notes_org_totals_idx ON credit_notes (organization_id, status,
  total_gross_cents);
