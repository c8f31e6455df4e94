import * as z from "zod/mini";
import { sessionSchema } from "@/features/auth/types";

export const setupStatusSchema = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupResultSchema = z.object({
  organization: z.object({
    id: z.int(),
    name: z.string(),
    slug: z.string(),
    created_at: z.string(),
  }),
  owner: z.object({
    id: z.int(),
    email: z.string(),
    display_name: z.string(),
    role: z.string(),
    created_at: z.string(),
  }),
  session: sessionSchema,
});
export type SetupResult = z.infer<typeof setupResultSchema>;

export interface SetupInput {
  organization_name: string;
  owner_display_name: string;
  owner_email: string;
  owner_password: string;
}
