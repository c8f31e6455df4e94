-- Organisation-scoped references (docs/data-model.md §1.2). Every table that another tenant
-- table references gets UNIQUE (organization_id, id), and every such reference becomes the
-- composite FOREIGN KEY (organization_id, x_id) REFERENCES t (organization_id, id): the database
-- itself refuses a row of one organisation that points into another. References to users stay
-- simple (a member who leaves loses the membership row, not the missions they worked on).
-- The SQLite file rebuilds the same tables to the same effect.

-- 1. Rows that point at another organisation's row stop the migration, with a message naming
--    each table, column and count (the constraints below would only name the first one).
DO $$
DECLARE
  ref record;
  n bigint;
  problems text := '';
BEGIN
  FOR ref IN SELECT * FROM (VALUES
      ('equipment_items', 'storage_site_id', 'storage_sites'),
      ('missions', 'client_id', 'clients'),
      ('missions', 'venue_id', 'venues'),
      ('catalogue_items', 'equipment_item_id', 'equipment_items'),
      ('client_contacts', 'client_id', 'clients'),
      ('mission_crew', 'mission_id', 'missions'),
      ('mission_equipment', 'mission_id', 'missions'),
      ('mission_equipment', 'equipment_item_id', 'equipment_items'),
      ('quotes', 'client_id', 'clients'),
      ('quotes', 'mission_id', 'missions'),
      ('quotes', 'pdf_file_id', 'document_files'),
      ('invoices', 'quote_id', 'quotes'),
      ('invoices', 'mission_id', 'missions'),
      ('invoices', 'client_id', 'clients'),
      ('invoices', 'pdf_file_id', 'document_files'),
      ('invoice_deposit_links', 'invoice_id', 'invoices'),
      ('invoice_deposit_links', 'deposit_invoice_id', 'invoices'),
      ('credit_notes', 'invoice_id', 'invoices'),
      ('credit_notes', 'client_id', 'clients'),
      ('credit_notes', 'pdf_file_id', 'document_files'),
      ('quote_lines', 'document_id', 'quotes'),
      ('quote_lines', 'catalogue_item_id', 'catalogue_items'),
      ('quote_lines', 'equipment_item_id', 'equipment_items'),
      ('invoice_lines', 'document_id', 'invoices'),
      ('invoice_lines', 'catalogue_item_id', 'catalogue_items'),
      ('invoice_lines', 'equipment_item_id', 'equipment_items'),
      ('credit_note_lines', 'document_id', 'credit_notes'),
      ('credit_note_lines', 'catalogue_item_id', 'catalogue_items'),
      ('credit_note_lines', 'equipment_item_id', 'equipment_items'),
      ('payments', 'invoice_id', 'invoices'),
      ('signatures', 'quote_id', 'quotes'),
      ('signatures', 'document_file_id', 'document_files'),
      ('signatures', 'signed_file_id', 'document_files'),
      ('payment_proofs', 'payment_id', 'payments')
    ) AS r (tbl, col, target)
  LOOP
    EXECUTE format('SELECT count(*) FROM %I x LEFT JOIN %I p ON p.id = x.%I WHERE x.%I '
                   'IS NOT NULL AND p.organization_id IS DISTINCT FROM x.organization_id',
                   ref.tbl, ref.target, ref.col, ref.col) INTO n;
    IF n > 0 THEN
      problems := problems || CASE WHEN problems = '' THEN '' ELSE '; ' END
                  || ref.tbl || '.' || ref.col || ' ' || n || ' row(s)';
    END IF;
  END LOOP;
  IF problems <> '' THEN
    RAISE EXCEPTION 'migration 0015 refused: rows point at a row of another organisation, or at '
                    'none: %. Correct or clear these references, then run the migration again.',
                    problems;
  END IF;
END $$;

-- 2. Parent keys.
ALTER TABLE catalogue_items ADD CONSTRAINT catalogue_items_org_id_key UNIQUE (organization_id, id);
ALTER TABLE clients ADD CONSTRAINT clients_org_id_key UNIQUE (organization_id, id);
ALTER TABLE credit_notes ADD CONSTRAINT credit_notes_org_id_key UNIQUE (organization_id, id);
ALTER TABLE document_files ADD CONSTRAINT document_files_org_id_key UNIQUE (organization_id, id);
ALTER TABLE equipment_items ADD CONSTRAINT equipment_items_org_id_key UNIQUE (organization_id, id);
ALTER TABLE invoices ADD CONSTRAINT invoices_org_id_key UNIQUE (organization_id, id);
ALTER TABLE missions ADD CONSTRAINT missions_org_id_key UNIQUE (organization_id, id);
ALTER TABLE payments ADD CONSTRAINT payments_org_id_key UNIQUE (organization_id, id);
ALTER TABLE quotes ADD CONSTRAINT quotes_org_id_key UNIQUE (organization_id, id);
ALTER TABLE storage_sites ADD CONSTRAINT storage_sites_org_id_key UNIQUE (organization_id, id);
ALTER TABLE venues ADD CONSTRAINT venues_org_id_key UNIQUE (organization_id, id);

-- 3. Each reference becomes composite; the constraint keeps its name and its ON DELETE.
ALTER TABLE equipment_items DROP CONSTRAINT equipment_items_storage_site_id_fkey,
  ADD CONSTRAINT equipment_items_storage_site_id_fkey
    FOREIGN KEY (organization_id, storage_site_id)
    REFERENCES storage_sites (organization_id, id);
ALTER TABLE missions DROP CONSTRAINT missions_client_id_fkey,
  ADD CONSTRAINT missions_client_id_fkey
    FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id);
ALTER TABLE missions DROP CONSTRAINT missions_venue_id_fkey,
  ADD CONSTRAINT missions_venue_id_fkey
    FOREIGN KEY (organization_id, venue_id)
    REFERENCES venues (organization_id, id);
ALTER TABLE catalogue_items DROP CONSTRAINT catalogue_items_equipment_item_id_fkey,
  ADD CONSTRAINT catalogue_items_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES equipment_items (organization_id, id);
ALTER TABLE client_contacts DROP CONSTRAINT client_contacts_client_id_fkey,
  ADD CONSTRAINT client_contacts_client_id_fkey
    FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id) ON DELETE CASCADE;
ALTER TABLE mission_crew DROP CONSTRAINT mission_crew_mission_id_fkey,
  ADD CONSTRAINT mission_crew_mission_id_fkey
    FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id) ON DELETE CASCADE;
ALTER TABLE mission_equipment DROP CONSTRAINT mission_equipment_mission_id_fkey,
  ADD CONSTRAINT mission_equipment_mission_id_fkey
    FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id) ON DELETE CASCADE;
ALTER TABLE mission_equipment DROP CONSTRAINT mission_equipment_equipment_item_id_fkey,
  ADD CONSTRAINT mission_equipment_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES equipment_items (organization_id, id);
ALTER TABLE quotes DROP CONSTRAINT quotes_client_id_fkey,
  ADD CONSTRAINT quotes_client_id_fkey
    FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id);
ALTER TABLE quotes DROP CONSTRAINT quotes_mission_id_fkey,
  ADD CONSTRAINT quotes_mission_id_fkey
    FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id);
ALTER TABLE quotes DROP CONSTRAINT quotes_pdf_file_id_fkey,
  ADD CONSTRAINT quotes_pdf_file_id_fkey
    FOREIGN KEY (organization_id, pdf_file_id)
    REFERENCES document_files (organization_id, id);
ALTER TABLE invoices DROP CONSTRAINT invoices_quote_id_fkey,
  ADD CONSTRAINT invoices_quote_id_fkey
    FOREIGN KEY (organization_id, quote_id)
    REFERENCES quotes (organization_id, id);
ALTER TABLE invoices DROP CONSTRAINT invoices_mission_id_fkey,
  ADD CONSTRAINT invoices_mission_id_fkey
    FOREIGN KEY (organization_id, mission_id)
    REFERENCES missions (organization_id, id);
ALTER TABLE invoices DROP CONSTRAINT invoices_client_id_fkey,
  ADD CONSTRAINT invoices_client_id_fkey
    FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id);
ALTER TABLE invoices DROP CONSTRAINT invoices_pdf_file_id_fkey,
  ADD CONSTRAINT invoices_pdf_file_id_fkey
    FOREIGN KEY (organization_id, pdf_file_id)
    REFERENCES document_files (organization_id, id);
ALTER TABLE invoice_deposit_links DROP CONSTRAINT invoice_deposit_links_invoice_id_fkey,
  ADD CONSTRAINT invoice_deposit_links_invoice_id_fkey
    FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id) ON DELETE CASCADE;
ALTER TABLE invoice_deposit_links DROP CONSTRAINT invoice_deposit_links_deposit_invoice_id_fkey,
  ADD CONSTRAINT invoice_deposit_links_deposit_invoice_id_fkey
    FOREIGN KEY (organization_id, deposit_invoice_id)
    REFERENCES invoices (organization_id, id);
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_invoice_id_fkey,
  ADD CONSTRAINT credit_notes_invoice_id_fkey
    FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id);
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_client_id_fkey,
  ADD CONSTRAINT credit_notes_client_id_fkey
    FOREIGN KEY (organization_id, client_id)
    REFERENCES clients (organization_id, id);
ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_pdf_file_id_fkey,
  ADD CONSTRAINT credit_notes_pdf_file_id_fkey
    FOREIGN KEY (organization_id, pdf_file_id)
    REFERENCES document_files (organization_id, id);
ALTER TABLE quote_lines DROP CONSTRAINT quote_lines_document_id_fkey,
  ADD CONSTRAINT quote_lines_document_id_fkey
    FOREIGN KEY (organization_id, document_id)
    REFERENCES quotes (organization_id, id) ON DELETE CASCADE;
ALTER TABLE quote_lines DROP CONSTRAINT quote_lines_catalogue_item_id_fkey,
  ADD CONSTRAINT quote_lines_catalogue_item_id_fkey
    FOREIGN KEY (organization_id, catalogue_item_id)
    REFERENCES catalogue_items (organization_id, id);
ALTER TABLE quote_lines DROP CONSTRAINT quote_lines_equipment_item_id_fkey,
  ADD CONSTRAINT quote_lines_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES equipment_items (organization_id, id);
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_document_id_fkey,
  ADD CONSTRAINT invoice_lines_document_id_fkey
    FOREIGN KEY (organization_id, document_id)
    REFERENCES invoices (organization_id, id) ON DELETE CASCADE;
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_catalogue_item_id_fkey,
  ADD CONSTRAINT invoice_lines_catalogue_item_id_fkey
    FOREIGN KEY (organization_id, catalogue_item_id)
    REFERENCES catalogue_items (organization_id, id);
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_equipment_item_id_fkey,
  ADD CONSTRAINT invoice_lines_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES equipment_items (organization_id, id);
ALTER TABLE credit_note_lines DROP CONSTRAINT credit_note_lines_document_id_fkey,
  ADD CONSTRAINT credit_note_lines_document_id_fkey
    FOREIGN KEY (organization_id, document_id)
    REFERENCES credit_notes (organization_id, id) ON DELETE CASCADE;
ALTER TABLE credit_note_lines DROP CONSTRAINT credit_note_lines_catalogue_item_id_fkey,
  ADD CONSTRAINT credit_note_lines_catalogue_item_id_fkey
    FOREIGN KEY (organization_id, catalogue_item_id)
    REFERENCES catalogue_items (organization_id, id);
ALTER TABLE credit_note_lines DROP CONSTRAINT credit_note_lines_equipment_item_id_fkey,
  ADD CONSTRAINT credit_note_lines_equipment_item_id_fkey
    FOREIGN KEY (organization_id, equipment_item_id)
    REFERENCES equipment_items (organization_id, id);
ALTER TABLE payments DROP CONSTRAINT payments_invoice_id_fkey,
  ADD CONSTRAINT payments_invoice_id_fkey
    FOREIGN KEY (organization_id, invoice_id)
    REFERENCES invoices (organization_id, id);
ALTER TABLE signatures DROP CONSTRAINT signatures_quote_id_fkey,
  ADD CONSTRAINT signatures_quote_id_fkey
    FOREIGN KEY (organization_id, quote_id)
    REFERENCES quotes (organization_id, id);
ALTER TABLE signatures DROP CONSTRAINT signatures_document_file_id_fkey,
  ADD CONSTRAINT signatures_document_file_id_fkey
    FOREIGN KEY (organization_id, document_file_id)
    REFERENCES document_files (organization_id, id);
ALTER TABLE signatures DROP CONSTRAINT signatures_signed_file_id_fkey,
  ADD CONSTRAINT signatures_signed_file_id_fkey
    FOREIGN KEY (organization_id, signed_file_id)
    REFERENCES document_files (organization_id, id);
ALTER TABLE payment_proofs DROP CONSTRAINT payment_proofs_payment_id_fkey,
  ADD CONSTRAINT payment_proofs_payment_id_fkey
    FOREIGN KEY (organization_id, payment_id)
    REFERENCES payments (organization_id, id) ON DELETE CASCADE;
