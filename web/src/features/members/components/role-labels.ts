import type { Role } from "@/features/auth/types";
import type { MessageKey } from "@/lib/i18n";

export const ROLE_LABELS: Record<Role, MessageKey> = {
  owner: "role.owner",
  admin: "role.admin",
  manager: "role.manager",
  dj: "role.dj",
  technician: "role.technician",
};
