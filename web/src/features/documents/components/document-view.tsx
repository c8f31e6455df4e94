import { formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { formatQuantity, formatRate, type DocumentLine, type VatRow } from "../api/documents";

/** The lines of a saved document, read only; text lines are section headings. */
export function LinesTable({ lines, showVat }: { lines: DocumentLine[]; showVat: boolean }) {
  const { t, locale } = useI18n();
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("documents.lines")}</caption>
        <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("documents.line.description")}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              {t("documents.line.quantity")}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              {t("documents.line.unitPrice")}
            </th>
            {showVat ? (
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("documents.line.vat")}
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 text-right font-medium">
              {t("documents.line.net")}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) =>
            line.kind === "text" ? (
              <tr key={index} className="border-t bg-muted/30">
                <td colSpan={showVat ? 5 : 4} className="px-3 py-2 font-medium">
                  {line.description}
                </td>
              </tr>
            ) : (
              <tr key={index} className="border-t align-top">
                <td className="px-3 py-2 whitespace-pre-line">
                  {line.description}
                  {line.discount_bp ? (
                    <span className="text-muted-foreground">
                      {" "}
                      ({t("documents.line.discount")} {formatRate(line.discount_bp, locale)})
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatQuantity(line.quantity_milli, line.unit, locale)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatMoney(line.unit_price_cents, locale)}
                </td>
                {showVat ? (
                  <td className="px-3 py-2 text-right text-muted-foreground tabular-nums">
                    {formatRate(line.vat_rate_bp, locale)}
                  </td>
                ) : null}
                <td className="px-3 py-2 text-right font-medium tabular-nums">
                  {formatMoney(line.net_cents, locale)}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

export interface TotalsProps {
  linesNet: number;
  net: number;
  vat: VatRow[];
  vatTotal: number;
  gross: number;
  vatRegime: string;
  extra?: { label: string; cents: number; strong?: boolean }[];
}

/** Excl. VAT, the document discount, VAT per rate, incl. VAT, then any extra rows. */
export function TotalsBox({ linesNet, net, vat, vatTotal, gross, vatRegime, extra }: TotalsProps) {
  const { t, locale } = useI18n();
  const row = (label: string, cents: number, strong = false, testId?: string) => (
    <div
      key={label}
      className={
        strong
          ? "flex justify-between gap-6 rounded-md bg-primary px-3 py-2 font-semibold text-primary-foreground"
          : "flex justify-between gap-6 px-3 py-1"
      }
    >
      <dt>{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {formatMoney(cents, locale)}
      </dd>
    </div>
  );
  return (
    <dl className="ml-auto grid w-full max-w-sm gap-0.5 text-sm" aria-label={t("documents.totals")}>
      {linesNet !== net ? row(t("documents.totals.beforeDiscount"), linesNet) : null}
      {linesNet !== net ? row(t("documents.totals.discount"), net - linesNet) : null}
      {row(t("documents.totals.net"), net, false, "total-net")}
      {vatRegime === "standard"
        ? vat.map((v) =>
            row(
              t("documents.totals.vatRate", {
                rate: formatRate(v.rate_bp, locale),
                base: formatMoney(v.base_cents, locale),
              }),
              v.vat_cents,
            ),
          )
        : null}
      {vatRegime === "standard" && vat.length > 1 ? row(t("documents.totals.vat"), vatTotal) : null}
      {row(t("documents.totals.gross"), gross, !extra?.some((e) => e.strong), "total-gross")}
      {extra?.map((e) => row(e.label, e.cents, e.strong))}
      {vatRegime === "franchise" ? (
        <p className="px-3 pt-1 text-xs text-muted-foreground">{t("documents.franchise")}</p>
      ) : null}
      {vatRegime === "reverse_charge" ? (
        <p className="px-3 pt-1 text-xs text-muted-foreground">{t("documents.reverseCharge")}</p>
      ) : null}
    </dl>
  );
}
