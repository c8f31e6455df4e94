import { InboxIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useSession } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  BOOKING_STATUSES,
  PAGE_SIZE,
  useBookingRequests,
  type BookingRequest,
} from "../api/booking";
import { BookingStatusBadge } from "./booking-status-badge";

const OPEN = "open"; // every status but spam (the server's default)

/** Requests from the public booking page: newest first, by status, searchable. */
export default function BookingRequestsPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [params] = useSearchParams();
  const [status, setStatus] = useState(() => {
    const asked = params.get("statut") ?? "";
    return (BOOKING_STATUSES as readonly string[]).includes(asked) ? asked : OPEN;
  });
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const requests = useBookingRequests({ status: status === OPEN ? "" : status, q, page });
  const pages = requests.data ? Math.max(1, Math.ceil(requests.data.total / PAGE_SIZE)) : 1;
  const slug = session.organization?.slug ?? "";
  const publicLink = `${window.location.origin}/reserver/${slug}`;

  const columns: DataTableColumn<BookingRequest>[] = [
    {
      id: "reference",
      header: t("booking.reference"),
      cell: (r) => (
        <Link to={`/demandes/${r.id}`} className="font-medium underline-offset-4 hover:underline">
          {r.reference}
        </Link>
      ),
    },
    {
      id: "who",
      header: t("booking.who"),
      cell: (r) => (
        <div>
          <p>{r.contact_name}</p>
          <p className="text-xs text-muted-foreground">{r.event_type}</p>
        </div>
      ),
    },
    {
      id: "when",
      header: t("booking.when"),
      cell: (r) => (
        <div>
          <p>{formatDateTime(r.starts_at, locale)}</p>
          <p className="text-xs text-muted-foreground">{r.place}</p>
        </div>
      ),
    },
    {
      id: "status",
      header: t("booking.statusLabel"),
      cell: (r) => <BookingStatusBadge status={r.status} />,
    },
    {
      id: "received",
      header: t("booking.received"),
      cell: (r) => formatDateTime(r.created_at, locale),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("booking.title")}</h1>
        <p className="text-sm text-muted-foreground">
          {requests.data ? t("booking.newCount", { count: requests.data.new_count }) : ""}
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Input
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("booking.searchHint")}
          aria-label={t("booking.search")}
          className="max-w-sm"
        />
        <Select
          value={status}
          onValueChange={(value) => {
            setStatus(value);
            setPage(0);
          }}
        >
          <SelectTrigger className="w-52" aria-label={t("booking.statusLabel")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={OPEN}>{t("booking.allButSpam")}</SelectItem>
            {BOOKING_STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {t(`booking.status.${s}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <DataTable
        caption={t("booking.title")}
        columns={columns}
        rows={requests.data?.items}
        getRowId={(r) => String(r.id)}
        loading={requests.isPending}
        error={requests.isError ? errorMessage(requests.error, t) : null}
        onRetry={() => void requests.refetch()}
        empty={
          <EmptyState
            icon={<InboxIcon />}
            title={q || status !== OPEN ? t("booking.noMatch") : t("booking.empty")}
            description={
              q || status !== OPEN ? undefined : t("booking.emptyHelp", { link: publicLink })
            }
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
