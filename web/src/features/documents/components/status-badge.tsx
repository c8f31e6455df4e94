import { Badge } from "@/components/ui/badge";
import { useI18n, type MessageKey } from "@/lib/i18n";
import type { InvoiceStatus, QuoteStatus } from "../api/documents";

type Variant = "default" | "secondary" | "success" | "warning" | "destructive" | "outline";

const QUOTE: Record<QuoteStatus, [MessageKey, Variant]> = {
  draft: ["documents.quoteStatus.draft", "secondary"],
  sent: ["documents.quoteStatus.sent", "default"],
  accepted: ["documents.quoteStatus.accepted", "success"],
  declined: ["documents.quoteStatus.declined", "destructive"],
  expired: ["documents.quoteStatus.expired", "warning"],
  cancelled: ["documents.quoteStatus.cancelled", "outline"],
};

const INVOICE: Record<InvoiceStatus, [MessageKey, Variant]> = {
  draft: ["documents.invoiceStatus.draft", "secondary"],
  issued: ["documents.invoiceStatus.issued", "default"],
  partially_paid: ["documents.invoiceStatus.partially_paid", "warning"],
  paid: ["documents.invoiceStatus.paid", "success"],
  cancelled: ["documents.invoiceStatus.cancelled", "outline"],
};

export function QuoteStatusBadge({ status, sending }: { status: QuoteStatus; sending?: boolean }) {
  const { t } = useI18n();
  if (sending) return <Badge variant="secondary">{t("documents.sending")}</Badge>;
  const [label, variant] = QUOTE[status];
  return <Badge variant={variant}>{t(label)}</Badge>;
}

export function InvoiceStatusBadge({
  status,
  overdue,
}: {
  status: InvoiceStatus;
  overdue?: boolean;
}) {
  const { t } = useI18n();
  const [label, variant] = INVOICE[status];
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge variant={variant}>{t(label)}</Badge>
      {overdue ? <Badge variant="destructive">{t("documents.overdue")}</Badge> : null}
    </span>
  );
}
