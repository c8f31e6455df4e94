import {
  CalendarDaysIcon,
  FileSignatureIcon,
  MapPinIcon,
  ReceiptTextIcon,
  SpeakerIcon,
  UsersIcon,
  type LucideIcon,
} from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { hasMessage, useI18n } from "@/lib/i18n";
import { statusKey, type SearchHit, type SearchKind } from "../api/search";

export const KIND_ICONS: Record<SearchKind, LucideIcon> = {
  clients: UsersIcon,
  missions: CalendarDaysIcon,
  quotes: FileSignatureIcon,
  invoices: ReceiptTextIcon,
  equipment: SpeakerIcon,
  venues: MapPinIcon,
};

/** One hit's line: icon, title, who and where, then its date, amount and status. */
export function SearchHitLine({ kind, hit }: { kind: SearchKind; hit: SearchHit }) {
  const { t, locale } = useI18n();
  const Icon = KIND_ICONS[kind];
  const status = statusKey(kind, hit.status);
  // A mission's date is an instant (shown in Paris time); a document's, a calendar day.
  const when = hit.date
    ? kind === "missions"
      ? formatDateTime(hit.date, locale)
      : formatDate(hit.date, locale)
    : null;
  return (
    <span className="flex min-w-0 flex-1 items-center gap-3">
      <Icon aria-hidden="true" className="shrink-0 text-muted-foreground" />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate font-medium">{hit.title}</span>
        {hit.subtitle ? (
          <span className="truncate text-xs text-muted-foreground">{hit.subtitle}</span>
        ) : null}
      </span>
      <span className="flex shrink-0 items-center gap-2 text-xs text-muted-foreground">
        {when ? <span>{when}</span> : null}
        {hit.amount_cents !== null ? (
          <span className="font-medium text-foreground tabular-nums">
            {formatMoney(hit.amount_cents, locale)}
          </span>
        ) : null}
        {status && hasMessage(status) ? <Badge variant="outline">{t(status)}</Badge> : null}
      </span>
    </span>
  );
}
