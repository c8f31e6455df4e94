import { LayoutDashboardIcon, SettingsIcon, type LucideIcon } from "lucide-react";
import type { MessageKey } from "@/lib/i18n";

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: LucideIcon;
  /** Shown in the phone's bottom bar (at most five). */
  mobile: boolean;
}

// Each feature adds its entry when it lands (Planning, Missions, Clients, Devis, Factures,
// Paiements, Matériel, Rapports), in that order, before Paramètres.
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "nav.dashboard", icon: LayoutDashboardIcon, mobile: true },
  { to: "/parametres", label: "nav.settings", icon: SettingsIcon, mobile: true },
];
