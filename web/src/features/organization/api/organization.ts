import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { authKeys } from "@/features/auth/api/keys";
import { apiRequest } from "@/lib/api-client";

export const organizationSchema = z.object({
  name: z.string(),
  legal_name: z.string(),
  legal_form: z.string(),
  siren: z.string(),
  siret: z.string(),
  vat_number: z.string(),
  rcs: z.string(),
  rm: z.string(),
  share_capital_cents: z.number().int().nullable(),
  address_line1: z.string(),
  address_line2: z.string(),
  postal_code: z.string(),
  city: z.string(),
  country: z.string(),
  email: z.string(),
  phone: z.string(),
  website: z.string(),
  iban_masked: z.string(),
  iban: z.string().optional(),
  bic: z.string().optional(),
  brand_color: z.string(),
  vat_regime: z.enum(["normal", "franchise"]),
  payment_terms_days: z.number().int(),
  late_penalty_rate_bp: z.number().int(),
  payment_validation_required: z.boolean(),
  early_payment_discount: z.string(),
  quote_number_format: z.string(),
  invoice_number_format: z.string(),
  credit_note_number_format: z.string(),
  time_zone: z.string(),
  terminology: z.enum(["missions", "prestations", "evenements", "locations", "interventions"]),
  client_terminology: z.enum(["clients", "particuliers", "organisateurs", "locataires"]),
  crew_terminology: z.enum(["techniciens", "regisseurs", "intervenants", "operateurs"]),
  einvoice_address: z.string(),
  einvoicing_required: z.boolean(),
  updated_at: z.string(),
  logo_url: z.string().nullable().optional(),
});
export type Organization = z.infer<typeof organizationSchema>;
export type OrganizationPatch = Partial<Omit<Organization, "iban_masked" | "updated_at">>;

export const organizationKeys = { all: ["organization"] as const };

export const organizationQuery = () =>
  queryOptions({
    queryKey: organizationKeys.all,
    queryFn: ({ signal }) => apiRequest("/api/v1/organization", organizationSchema, { signal }),
  });

export function useOrganization() {
  return useQuery(organizationQuery());
}

export function useOrganizationLogo() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: organizationKeys.all });
    void queryClient.invalidateQueries({ queryKey: authKeys.session() });
  };
  const upload = useMutation({
    mutationFn: (file: File) =>
      apiRequest("/api/v1/organization/logo", z.object({ logo_url: z.string() }), {
        method: "PUT",
        file,
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => apiRequest("/api/v1/organization/logo", z.undefined(), { method: "DELETE" }),
    onSuccess: refresh,
  });
  return { upload, remove };
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) =>
      apiRequest("/api/v1/organization", organizationSchema, { method: "PATCH", body: patch }),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.all, organization);
      // The name shows in the header and the session.
      void queryClient.invalidateQueries({ queryKey: authKeys.session() });
    },
  });
}
