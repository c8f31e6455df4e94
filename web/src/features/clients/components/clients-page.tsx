import { ContactIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Pager } from "@/components/ui/pager";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { useCan } from "@/features/auth/api/get-session";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { PAGE_SIZE, useClients, type Client } from "../api/clients";
import { NewClientDialog } from "./new-client-dialog";

/** Clients: search (accents and case ignored), list, creation. */
export default function ClientsPage() {
  const { t } = useI18n();
  const canManage = useCan("clients.manage");
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(typed.trim());
      setPage(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const clients = useClients(query, page);
  const pages = clients.data ? Math.max(1, Math.ceil(clients.data.total / PAGE_SIZE)) : 1;

  const columns: DataTableColumn<Client>[] = [
    {
      id: "name",
      header: t("clients.name"),
      cell: (c) => (
        <div>
          <Link to={`/clients/${c.id}`} className="font-medium underline-offset-4 hover:underline">
            {c.name}
          </Link>
          <p className="text-xs text-muted-foreground">
            {c.kind === "company" ? t("clients.company") : t("clients.individual")}
            {c.siren ? ` · SIREN ${c.siren}` : ""}
          </p>
        </div>
      ),
    },
    {
      id: "contact",
      header: t("clients.contact"),
      cell: (c) => {
        const primary = c.contacts[0];
        if (!primary) return <span className="text-muted-foreground">—</span>;
        return (
          <div className="text-sm">
            {primary.email ? <p>{primary.email}</p> : null}
            {primary.phone ? <p className="text-muted-foreground">{primary.phone}</p> : null}
          </div>
        );
      },
    },
    { id: "city", header: t("org.city"), cell: (c) => c.billing_address.city || "—" },
    {
      id: "tags",
      header: t("clients.tags"),
      cell: (c) => (
        <div className="flex flex-wrap gap-1">
          {c.tags.map((tag) => (
            <Badge key={tag} variant="secondary">
              {tag}
            </Badge>
          ))}
        </div>
      ),
    },
  ];

  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("clients.title")}</h1>
          <p className="text-sm text-muted-foreground">
            {clients.data ? t("clients.count", { count: clients.data.total }) : ""}
          </p>
        </div>
        {canManage ? <NewClientDialog /> : null}
      </div>
      <Input
        type="search"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={t("clients.searchPlaceholder")}
        aria-label={t("clients.search")}
        className="max-w-md"
      />
      <DataTable
        caption={t("clients.title")}
        columns={columns}
        rows={clients.data?.items}
        getRowId={(c) => String(c.id)}
        loading={clients.isPending}
        error={clients.isError ? errorMessage(clients.error, t) : null}
        onRetry={() => void clients.refetch()}
        empty={
          <EmptyState
            icon={<ContactIcon />}
            title={query ? t("clients.noMatch") : t("clients.empty")}
            description={query ? undefined : t("clients.emptyHelp")}
          />
        }
        pageSize={PAGE_SIZE}
      />
      <Pager page={page} pages={pages} onPage={setPage} />
    </div>
  );
}
