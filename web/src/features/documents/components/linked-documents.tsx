import { FilePlusIcon } from "lucide-react";
import { Link, useNavigate } from "react-router";
import { toast } from "@/lib/toast";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/features/auth/api/get-session";
import { apiRequest } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useInvoices, useQuotes } from "../api/documents";
import { InvoiceStatusBadge, QuoteStatusBadge } from "./status-badge";

/**
 * The quotes and invoices of a client or a mission, with what the client still owes; the
 * documents feature's entry for the client and mission pages. Shown to the office only.
 */
export function LinkedDocuments({
  clientId,
  missionId,
}: {
  clientId?: number;
  missionId?: number;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const canQuote = useCan("quotes.manage");
  const canInvoice = useCan("invoices.manage");
  const filter = { q: "", status: "", page: 0, client_id: clientId, mission_id: missionId };
  const quotes = useQuotes(filter, canQuote);
  const invoices = useInvoices(filter, canInvoice);
  if (!canQuote && !canInvoice) return null;

  async function quoteFromMission() {
    try {
      const created = await apiRequest(
        "/api/v1/quotes/from-mission",
        z.object({ id: z.number().int() }).passthrough(),
        { method: "POST", body: { mission_id: missionId } },
      );
      toast.success(t("documents.quoteSaved"));
      void navigate(`/devis/${created.id}/modifier`);
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }

  return (
    <Card data-testid="linked-documents">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{t("documents.linked")}</CardTitle>
        {canQuote ? (
          missionId ? (
            <Button size="sm" variant="outline" onClick={() => void quoteFromMission()}>
              <FilePlusIcon aria-hidden="true" />
              {t("documents.quoteFromMission")}
            </Button>
          ) : (
            <Button size="sm" variant="outline" asChild>
              <Link to={`/devis/nouveau?client=${clientId ?? ""}`}>
                <FilePlusIcon aria-hidden="true" />
                {t("documents.newQuote")}
              </Link>
            </Button>
          )
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        {canInvoice && invoices.data && invoices.data.remaining_cents > 0 ? (
          <p className="font-medium" data-testid="balance-due">
            {t("documents.balanceDue", {
              amount: formatMoney(invoices.data.remaining_cents, locale),
            })}
          </p>
        ) : null}
        {quotes.isPending && canQuote ? <Skeleton className="h-10" /> : null}
        {quotes.isError ? (
          <p className="text-destructive">{errorMessage(quotes.error, t)}</p>
        ) : null}
        {invoices.isError ? (
          <p className="text-destructive">{errorMessage(invoices.error, t)}</p>
        ) : null}
        <ul className="grid gap-2">
          {quotes.data?.items.map((q) => (
            <li key={`q${q.id}`} className="flex flex-wrap items-center justify-between gap-2">
              <Link to={`/devis/${q.id}`} className="underline-offset-4 hover:underline">
                {q.number
                  ? t("documents.quoteNumber", { number: q.number })
                  : t("documents.draftQuote")}
                {" — "}
                {q.title}
              </Link>
              <span className="flex items-center gap-2">
                {formatMoney(q.total_gross_cents, locale)}
                <QuoteStatusBadge status={q.status} sending={q.sending} />
              </span>
            </li>
          ))}
          {invoices.data?.items.map((i) => (
            <li key={`i${i.id}`} className="flex flex-wrap items-center justify-between gap-2">
              <Link to={`/factures/${i.id}`} className="underline-offset-4 hover:underline">
                {i.number
                  ? t(
                      i.kind === "deposit"
                        ? "documents.depositInvoiceNumber"
                        : "documents.invoiceNumber",
                      {
                        number: i.number,
                      },
                    )
                  : t(
                      i.kind === "deposit"
                        ? "documents.draftDepositInvoice"
                        : "documents.draftInvoice",
                    )}
              </Link>
              <span className="flex items-center gap-2">
                {formatMoney(i.total_gross_cents, locale)}
                <InvoiceStatusBadge status={i.status} />
              </span>
            </li>
          ))}
        </ul>
        {quotes.data?.items.length === 0 && (invoices.data?.items.length ?? 0) === 0 ? (
          <p className="text-muted-foreground">{t("documents.noLinked")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
