import {
  BookOpenIcon,
  CalendarDaysIcon,
  ClipboardListIcon,
  ContactIcon,
  DownloadIcon,
  FileTextIcon,
  InboxIcon,
  MapPinIcon,
  PackageIcon,
  ReceiptIcon,
  WalletIcon,
  BarChart3Icon,
  LayoutDashboardIcon,
  ScanLineIcon,
  ScrollTextIcon,
  SettingsIcon,
  UsersIcon,
  WrenchIcon,
  type LucideIcon,
} from "lucide-react";
import type { Permission } from "@/features/auth/types";
import type { MessageKey } from "@/lib/i18n";

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: LucideIcon;
  /** Shown in the phone's bottom bar (at most five). */
  mobile: boolean;
  /** Hidden unless the session holds this permission, or one of these (the server checks it
   * again). */
  permission?: Permission | readonly Permission[];
}

// Each feature adds its entry when it lands (Planning, Missions, Clients, Devis, Factures,
// Paiements, Matériel, Rapports), in that order, before Équipe.
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "nav.dashboard", icon: LayoutDashboardIcon, mobile: true },
  {
    to: "/planning",
    label: "nav.planning",
    icon: CalendarDaysIcon,
    mobile: true,
    permission: ["missions.read_all", "missions.read_own"],
  },
  {
    to: "/missions",
    label: "nav.missions",
    icon: ClipboardListIcon,
    mobile: false,
    permission: ["missions.read_all", "missions.read_own"],
  },
  {
    to: "/clients",
    label: "nav.clients",
    icon: ContactIcon,
    mobile: true,
    permission: "clients.read",
  },
  {
    to: "/demandes",
    label: "nav.bookings",
    icon: InboxIcon,
    mobile: false,
    permission: "bookings.manage",
  },
  {
    to: "/devis",
    label: "nav.quotes",
    icon: FileTextIcon,
    mobile: false,
    permission: "quotes.manage",
  },
  {
    to: "/factures",
    label: "nav.invoices",
    icon: ReceiptIcon,
    mobile: false,
    permission: "invoices.manage",
  },
  {
    to: "/paiements",
    label: "nav.payments",
    icon: WalletIcon,
    mobile: false,
    permission: "payments.record",
  },
  {
    to: "/rapports",
    label: "nav.reports",
    icon: BarChart3Icon,
    mobile: false,
    permission: "reports.read",
  },
  {
    to: "/exports",
    label: "nav.exports",
    icon: DownloadIcon,
    mobile: false,
    permission: "exports.run",
  },
  {
    to: "/catalogue",
    label: "nav.catalogue",
    icon: BookOpenIcon,
    mobile: false,
    permission: "quotes.manage",
  },
  {
    to: "/materiel",
    label: "nav.equipment",
    icon: PackageIcon,
    mobile: false,
    permission: "equipment.read",
  },
  {
    to: "/scanner",
    label: "nav.scanner",
    icon: ScanLineIcon,
    mobile: true,
    permission: "equipment.read",
  },
  {
    to: "/lieux",
    label: "nav.places",
    icon: MapPinIcon,
    mobile: false,
    permission: ["missions.read_all", "equipment.read"],
  },
  {
    to: "/equipe",
    label: "nav.members",
    icon: UsersIcon,
    mobile: false,
    permission: "members.read",
  },
  {
    to: "/journal",
    label: "nav.audit",
    icon: ScrollTextIcon,
    mobile: false,
    permission: "audit.read",
  },
  {
    to: "/administration",
    label: "nav.admin",
    icon: WrenchIcon,
    mobile: false,
    permission: "emails.read",
  },
  { to: "/parametres", label: "nav.settings", icon: SettingsIcon, mobile: true },
];

/** The entries a session may see. */
export function visibleNavItems(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => {
    if (!item.permission) return true;
    const wanted: readonly string[] =
      typeof item.permission === "string" ? [item.permission] : item.permission;
    return wanted.some((p) => permissions.includes(p));
  });
}
