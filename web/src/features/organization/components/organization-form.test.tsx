import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { I18nProvider, loadTerminology, translate } from "@/lib/i18n";
import { createQueryClient } from "@/lib/query-client";
import type { Organization } from "../api/organization";
import { OrganizationForm } from "./organization-form";

const organization: Organization = {
  name: "Sono Pro",
  legal_name: "",
  legal_form: "",
  siren: "",
  siret: "",
  vat_number: "",
  rcs: "",
  rm: "",
  share_capital_cents: null,
  address_line1: "",
  address_line2: "",
  postal_code: "",
  city: "",
  country: "FR",
  email: "",
  phone: "",
  website: "",
  iban_masked: "",
  brand_color: "#4f46e5",
  vat_regime: "normal",
  payment_terms_days: 30,
  late_penalty_rate_bp: 1000,
  payment_validation_required: false,
  early_payment_discount: "",
  quote_number_format: "D-{YYYY}-{NNNN}",
  invoice_number_format: "F-{YYYY}-{NNNN}",
  credit_note_number_format: "A-{YYYY}-{NNNN}",
  time_zone: "Europe/Paris",
  terminology: "missions",
  client_terminology: "clients",
  crew_terminology: "techniciens",
  einvoice_address: "",
  einvoicing_required: false,
  updated_at: "2027-01-29T10:00:00Z",
};

function renderForm(locale: "fr" | "en" = "fr") {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider locale={locale}>
        <OrganizationForm organization={organization} readOnly={false} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await loadTerminology();
});

describe("OrganizationForm terminology", () => {
  it("previews the chosen word before it is saved", async () => {
    const user = userEvent.setup();
    renderForm();
    const preview = screen.getByRole("status", { name: "Aperçu" });
    expect(preview).toHaveTextContent(
      "Nouvelle mission · La mission est confirmée · Aucune mission cette semaine · Fiche de mission · Nouveau client · Fiche du client · Le technicien est prévenu",
    );
    await user.click(screen.getByRole("combobox", { name: "Vocabulaire : une mission" }));
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Missions",
      "Prestations",
      "Événements",
      "Locations",
      "Interventions",
    ]);
    await user.click(screen.getByRole("option", { name: "Événements" }));
    expect(preview).toHaveTextContent(
      "Nouvel événement · L'événement est confirmé · Aucun événement cette semaine · Fiche d'événement",
    );
    // The client's and the technician's words, with their elision.
    await user.click(screen.getByRole("combobox", { name: "Vocabulaire : un client" }));
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Clients",
      "Particuliers",
      "Organisateurs",
      "Locataires",
    ]);
    await user.click(screen.getByRole("option", { name: "Organisateurs" }));
    await user.click(screen.getByRole("combobox", { name: "Vocabulaire : un technicien" }));
    await user.click(screen.getByRole("option", { name: "Régisseurs" }));
    expect(preview).toHaveTextContent(
      "Nouvel organisateur · Fiche de l'organisateur · Le régisseur est prévenu",
    );
    // Not saved yet: the rest of the app still says "mission" and "client".
    expect(translate("fr", "missions.new")).toBe("Nouvelle mission");
    expect(translate("fr", "clients.new")).toBe("Nouveau client");
  });

  it("previews in English", async () => {
    const user = userEvent.setup();
    renderForm("en");
    await user.click(screen.getByRole("combobox", { name: "Wording: a job" }));
    await user.click(screen.getByRole("option", { name: "Events" }));
    await user.click(screen.getByRole("combobox", { name: "Wording: a client" }));
    await user.click(screen.getByRole("option", { name: "Organisers" }));
    expect(screen.getByRole("status", { name: "Preview" })).toHaveTextContent(
      "New event · The event is confirmed · No event this week · Create an event · New organiser · The organiser's file · The technician is told",
    );
  });
});
