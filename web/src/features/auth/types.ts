import * as z from "zod/mini";

// zod/mini: the session is checked before the first page renders.
export const roleSchema = z.enum(["owner", "admin", "manager", "dj", "technician"]);
export type Role = z.infer<typeof roleSchema>;

export const sessionSchema = z.object({
  user: z.object({
    id: z.int(),
    email: z.string(),
    display_name: z.string(),
    locale: z.string(),
    avatar_url: z.optional(z.nullable(z.string())),
  }),
  organization: z.nullable(
    z.object({
      id: z.int(),
      name: z.string(),
      slug: z.string(),
      // The organisation's words for "mission", "client" and "technicien" (none from an older
      // server: the defaults). Not
      // z.catch, nor lib/terminology's list: they would weigh on the first page's budget.
      terminology: z.optional(
        z.enum(["missions", "prestations", "evenements", "locations", "interventions"]),
      ),
      client_terminology: z.optional(
        z.enum(["clients", "particuliers", "organisateurs", "locataires"]),
      ),
      crew_terminology: z.optional(
        z.enum(["techniciens", "regisseurs", "intervenants", "operateurs"]),
      ),
      logo_url: z.optional(z.nullable(z.string())),
    }),
  ),
  role: z.nullable(roleSchema),
  permissions: z.array(z.string()),
  memberships: z.array(
    z.object({ organization_id: z.int(), name: z.string(), slug: z.string(), role: roleSchema }),
  ),
  csrf_token: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Permission names of the server's table (docs/permissions.md). */
export type Permission =
  | "organization.read"
  | "organization.manage"
  | "members.read"
  | "members.manage"
  | "audit.read"
  | "api_tokens.manage"
  | "emails.read"
  | "jobs.manage"
  | "clients.read"
  | "clients.manage"
  | "missions.read_all"
  | "missions.read_own"
  | "missions.manage"
  | "equipment.read"
  | "equipment.manage"
  | "equipment.move"
  | "quotes.manage"
  | "bookings.manage"
  | "invoices.manage"
  | "payments.record"
  | "payments.validate"
  | "reports.read"
  | "exports.run"
  | "backups.manage";

export interface SignInInput {
  email: string;
  password: string;
}
