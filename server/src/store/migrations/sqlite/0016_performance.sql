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

CREATE TABLE organization_versions (
  organization_id  INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  version          INTEGER NOT NULL DEFAULT 1
);

INSERT INTO organization_versions (organization_id, version) SELECT id, 1 FROM organizations;

CREATE TRIGGER organizations_version_insert AFTER INSERT ON organizations BEGIN
  INSERT INTO organization_versions (organization_id, version) VALUES (NEW.id, 1);
END;

CREATE TRIGGER organizations_version_update AFTER UPDATE ON organizations BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.id;
END;

CREATE TRIGGER users_version_update AFTER UPDATE OF display_name, email, avatar_file_id ON users BEGIN
  UPDATE organization_versions SET version = version + 1
  WHERE organization_id IN (SELECT organization_id FROM memberships WHERE user_id = NEW.id);
END;

CREATE TRIGGER memberships_version_insert AFTER INSERT ON memberships BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER memberships_version_update AFTER UPDATE ON memberships BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER memberships_version_delete AFTER DELETE ON memberships BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER invitations_version_insert AFTER INSERT ON invitations BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invitations_version_update AFTER UPDATE ON invitations BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invitations_version_delete AFTER DELETE ON invitations BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER clients_version_insert AFTER INSERT ON clients BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER clients_version_update AFTER UPDATE ON clients BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER clients_version_delete AFTER DELETE ON clients BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER client_contacts_version_insert AFTER INSERT ON client_contacts BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER client_contacts_version_update AFTER UPDATE ON client_contacts BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER client_contacts_version_delete AFTER DELETE ON client_contacts BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER venues_version_insert AFTER INSERT ON venues BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER venues_version_update AFTER UPDATE ON venues BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER venues_version_delete AFTER DELETE ON venues BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER storage_sites_version_insert AFTER INSERT ON storage_sites BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER storage_sites_version_update AFTER UPDATE ON storage_sites BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER storage_sites_version_delete AFTER DELETE ON storage_sites BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER equipment_items_version_insert AFTER INSERT ON equipment_items BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_items_version_update AFTER UPDATE ON equipment_items BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER equipment_items_version_delete AFTER DELETE ON equipment_items BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER missions_version_insert AFTER INSERT ON missions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER missions_version_update AFTER UPDATE ON missions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER missions_version_delete AFTER DELETE ON missions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER mission_crew_version_insert AFTER INSERT ON mission_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_crew_version_update AFTER UPDATE ON mission_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_crew_version_delete AFTER DELETE ON mission_crew BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER mission_equipment_version_insert AFTER INSERT ON mission_equipment BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_equipment_version_update AFTER UPDATE ON mission_equipment BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_equipment_version_delete AFTER DELETE ON mission_equipment BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER crew_unavailability_version_insert AFTER INSERT ON crew_unavailability BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER crew_unavailability_version_update AFTER UPDATE ON crew_unavailability BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER crew_unavailability_version_delete AFTER DELETE ON crew_unavailability BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER mission_field_definitions_version_insert AFTER INSERT ON mission_field_definitions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_field_definitions_version_update AFTER UPDATE ON mission_field_definitions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER mission_field_definitions_version_delete AFTER DELETE ON mission_field_definitions BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER catalogue_items_version_insert AFTER INSERT ON catalogue_items BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalogue_items_version_update AFTER UPDATE ON catalogue_items BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalogue_items_version_delete AFTER DELETE ON catalogue_items BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER pricing_rules_version_insert AFTER INSERT ON pricing_rules BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER pricing_rules_version_update AFTER UPDATE ON pricing_rules BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER pricing_rules_version_delete AFTER DELETE ON pricing_rules BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER quotes_version_insert AFTER INSERT ON quotes BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER quotes_version_update AFTER UPDATE ON quotes BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER quotes_version_delete AFTER DELETE ON quotes BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER quote_lines_version_insert AFTER INSERT ON quote_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER quote_lines_version_update AFTER UPDATE ON quote_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER quote_lines_version_delete AFTER DELETE ON quote_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER invoices_version_insert AFTER INSERT ON invoices BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoices_version_update AFTER UPDATE ON invoices BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoices_version_delete AFTER DELETE ON invoices BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER invoice_lines_version_insert AFTER INSERT ON invoice_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoice_lines_version_update AFTER UPDATE ON invoice_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoice_lines_version_delete AFTER DELETE ON invoice_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER invoice_deposit_links_version_insert AFTER INSERT ON invoice_deposit_links BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoice_deposit_links_version_update AFTER UPDATE ON invoice_deposit_links BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER invoice_deposit_links_version_delete AFTER DELETE ON invoice_deposit_links BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER credit_notes_version_insert AFTER INSERT ON credit_notes BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER credit_notes_version_update AFTER UPDATE ON credit_notes BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER credit_notes_version_delete AFTER DELETE ON credit_notes BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER credit_note_lines_version_insert AFTER INSERT ON credit_note_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER credit_note_lines_version_update AFTER UPDATE ON credit_note_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER credit_note_lines_version_delete AFTER DELETE ON credit_note_lines BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

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

CREATE TRIGGER signatures_version_insert AFTER INSERT ON signatures BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER signatures_version_update AFTER UPDATE ON signatures BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER signatures_version_delete AFTER DELETE ON signatures BEGIN
  UPDATE organization_versions SET version = version + 1 WHERE organization_id = OLD.organization_id;
END;

CREATE INDEX invoices_org_totals_idx ON invoices (organization_id, status, total_gross_cents,
  prepaid_cents, amount_credited_cents, amount_paid_cents);
CREATE INDEX quotes_org_totals_idx ON quotes (organization_id, status, total_gross_cents);
CREATE INDEX credit_notes_org_totals_idx ON credit_notes (organization_id, status,
  total_gross_cents);
