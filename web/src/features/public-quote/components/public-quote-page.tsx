import {
  CheckCircle2Icon,
  ClockIcon,
  DownloadIcon,
  LinkIcon,
  PenLineIcon,
  XCircleIcon,
} from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { PageError } from "@/components/layout/page-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatMoney } from "@/lib/format";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import {
  isPublicQuoteToken,
  publicQuoteKeys,
  publicQuotePdfUrl,
  useDeclinePublicQuote,
  usePayDeposit,
  usePublicQuote,
  useSignPublicQuote,
  type PublicQuote,
  type PublicQuoteLine,
} from "../api/public-quote";
import { documentDiscountCents, formatDay, formatQuantity, formatRate } from "../lib/quote-format";
import { PayButton } from "@/components/payments/pay-button";
import { DeclineQuoteDialog } from "./decline-quote-dialog";
import { SignQuoteForm } from "./sign-quote-form";
import { SiteFooter } from "@/features/consent/components/site-footer";

const STATUS: Record<
  PublicQuote["status"],
  { label: MessageKey; variant: "outline" | "success" | "destructive" | "secondary" }
> = {
  sent: { label: "publicQuote.statusSent", variant: "outline" },
  accepted: { label: "publicQuote.statusAccepted", variant: "success" },
  declined: { label: "publicQuote.statusDeclined", variant: "destructive" },
  expired: { label: "publicQuote.statusExpired", variant: "secondary" },
};

function Shell({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="min-h-dvh bg-muted/40 px-3 py-6 sm:px-4 sm:py-10">
      <div className="mx-auto grid w-full max-w-[720px] gap-4">
        {children}
        <SiteFooter />
      </div>
    </main>
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" className="grid gap-4">
      <span className="sr-only">{t("common.loading")}</span>
      <Skeleton className="h-40 rounded-xl" />
      <Skeleton className="h-64 rounded-xl" />
      <Skeleton className="h-48 rounded-xl" />
    </div>
  );
}

function InvalidLink() {
  const { t } = useI18n();
  return (
    <Card>
      <CardContent className="flex flex-col items-center gap-3 p-8 text-center">
        <LinkIcon aria-hidden="true" className="size-8 text-muted-foreground" />
        <h1 className="text-lg font-semibold">{t("publicQuote.invalidTitle")}</h1>
        <p className="max-w-md text-sm text-muted-foreground">{t("publicQuote.invalidBody")}</p>
      </CardContent>
    </Card>
  );
}

function PdfLink({ token, label }: { token: string; label: string }) {
  return (
    <Button variant="outline" asChild>
      <a href={publicQuotePdfUrl(token)} target="_blank" rel="noopener noreferrer">
        <DownloadIcon aria-hidden="true" />
        {label}
      </a>
    </Button>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm font-medium wrap-anywhere">{children}</dd>
    </div>
  );
}

function Header({ quote, token }: { quote: PublicQuote; token: string }) {
  const { t, locale } = useI18n();
  const status = STATUS[quote.status];
  const seller = quote.seller_name || t("publicQuote.sellerFallback");
  // The intro starts with the seller: "votre prestataire" becomes "Votre prestataire" there.
  const sellerFirst = seller.charAt(0).toUpperCase() + seller.slice(1);
  const service =
    quote.service_starts_at && quote.service_ends_at
      ? t("publicQuote.serviceRange", {
          start: formatDateTime(quote.service_starts_at, locale),
          end: formatDateTime(quote.service_ends_at, locale),
        })
      : quote.service_starts_at
        ? formatDateTime(quote.service_starts_at, locale)
        : null;
  return (
    <Card>
      <CardHeader>
        {quote.seller_name ? (
          <p className="text-sm font-medium text-muted-foreground">{quote.seller_name}</p>
        ) : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl leading-tight font-semibold">
            {quote.number
              ? t("publicQuote.heading", { number: quote.number })
              : t("publicQuote.headingNoNumber")}
          </h1>
          <Badge variant={status.variant}>{t(status.label)}</Badge>
        </div>
        {quote.title && quote.title !== "-" ? (
          <p className="text-base wrap-anywhere">{quote.title}</p>
        ) : null}
        <CardDescription>
          {quote.status === "sent"
            ? t("publicQuote.introSent", { seller: sellerFirst })
            : t("publicQuote.intro", { seller })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid gap-3 sm:grid-cols-2">
          <Fact label={t("publicQuote.for")}>{quote.client_name}</Fact>
          {quote.issue_date ? (
            <Fact label={t("publicQuote.issued")}>{formatDay(quote.issue_date, locale)}</Fact>
          ) : null}
          {quote.valid_until ? (
            <Fact label={t("publicQuote.validUntil")}>{formatDay(quote.valid_until, locale)}</Fact>
          ) : null}
          {service ? <Fact label={t("publicQuote.serviceDate")}>{service}</Fact> : null}
          {quote.venue_text ? (
            <Fact label={t("publicQuote.venue")}>
              <span className="whitespace-pre-line">{quote.venue_text}</span>
            </Fact>
          ) : null}
        </dl>
        {quote.description ? (
          <p className="text-sm whitespace-pre-line wrap-anywhere">{quote.description}</p>
        ) : null}
        <div>
          <PdfLink token={token} label={t("publicQuote.downloadPdf")} />
        </div>
      </CardContent>
    </Card>
  );
}

function LineItem({ line, showVat }: { line: PublicQuoteLine; showVat: boolean }) {
  const { t, locale } = useI18n();
  if (line.kind === "text") {
    return (
      <li className="pt-4 pb-1 first:pt-0">
        <h3 className="text-sm font-semibold whitespace-pre-line wrap-anywhere">
          {line.description}
        </h3>
      </li>
    );
  }
  const details = [
    t("publicQuote.lineQuantity", {
      qty: formatQuantity(line.quantity_milli, line.unit, locale, t),
      price: formatMoney(line.unit_price_cents, locale),
    }),
  ];
  if (showVat)
    details.push(t("publicQuote.lineVat", { rate: formatRate(line.vat_rate_bp, locale) }));
  if (line.discount_bp !== 0) {
    details.push(t("publicQuote.lineDiscount", { value: formatRate(line.discount_bp, locale) }));
  }
  if (line.discount_cents !== 0) {
    details.push(
      t("publicQuote.lineDiscount", { value: formatMoney(line.discount_cents, locale) }),
    );
  }
  return (
    <li className="flex items-start justify-between gap-3 py-3 first:pt-0">
      <div className="grid min-w-0 gap-0.5">
        <p className="text-sm font-medium whitespace-pre-line wrap-anywhere">{line.description}</p>
        <p className="text-xs text-muted-foreground">{details.join(" · ")}</p>
      </div>
      <p className="shrink-0 text-sm font-medium whitespace-nowrap tabular-nums">
        {formatMoney(line.net_cents, locale)}
      </p>
    </li>
  );
}

function TotalRow({ label, cents, strong }: { label: string; cents: number; strong?: boolean }) {
  const { locale } = useI18n();
  return (
    <div className={cn("flex items-baseline justify-between gap-4", strong && "text-base")}>
      <dt className={strong ? "font-semibold" : "text-muted-foreground"}>{label}</dt>
      <dd
        className={cn("whitespace-nowrap tabular-nums", strong ? "font-semibold" : "font-medium")}
      >
        {formatMoney(cents, locale)}
      </dd>
    </div>
  );
}

function Details({ quote }: { quote: PublicQuote }) {
  const { t, locale } = useI18n();
  const standard = quote.vat_regime === "standard";
  const { linesNetCents, discountCents } = documentDiscountCents(
    quote.lines,
    quote.total_net_cents,
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("publicQuote.linesTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {quote.lines.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("publicQuote.noLines")}</p>
        ) : (
          <ul className="divide-y">
            {quote.lines.map((line, i) => (
              <LineItem key={i} line={line} showVat={standard} />
            ))}
          </ul>
        )}
        <dl className="grid gap-1.5 border-t pt-4 text-sm">
          {discountCents !== 0 ? (
            <>
              <TotalRow label={t("publicQuote.totalBeforeDiscount")} cents={linesNetCents} />
              <TotalRow
                label={
                  quote.discount_bp !== 0
                    ? t("publicQuote.discountRate", { rate: formatRate(quote.discount_bp, locale) })
                    : t("publicQuote.discount")
                }
                cents={-discountCents}
              />
            </>
          ) : null}
          <TotalRow label={t("publicQuote.totalNet")} cents={quote.total_net_cents} />
          {standard ? (
            <>
              {quote.vat_breakdown.map((v) => (
                <TotalRow
                  key={v.rate_bp}
                  label={t("publicQuote.vatLine", {
                    rate: formatRate(v.rate_bp, locale),
                    base: formatMoney(v.base_cents, locale),
                  })}
                  cents={v.vat_cents}
                />
              ))}
              {quote.vat_breakdown.length > 1 ? (
                <TotalRow label={t("publicQuote.totalVat")} cents={quote.total_vat_cents} />
              ) : null}
              <TotalRow
                label={t("publicQuote.totalGross")}
                cents={quote.total_gross_cents}
                strong
              />
            </>
          ) : (
            <>
              <TotalRow label={t("publicQuote.vat")} cents={0} />
              <TotalRow label={t("publicQuote.totalDue")} cents={quote.total_gross_cents} strong />
            </>
          )}
          {quote.deposit_kind !== "none" && quote.deposit_cents > 0 ? (
            <TotalRow
              label={t(
                quote.deposit_kind === "arrhes"
                  ? "publicQuote.depositArrhes"
                  : "publicQuote.depositAcompte",
              ).concat(quote.deposit_bp !== 0 ? ` (${formatRate(quote.deposit_bp, locale)})` : "")}
              cents={quote.deposit_cents}
            />
          ) : null}
        </dl>
        {quote.vat_regime === "franchise" ? (
          <p className="text-xs text-muted-foreground">{t("publicQuote.vatFranchise")}</p>
        ) : quote.vat_regime === "reverse_charge" ? (
          <p className="text-xs text-muted-foreground">{t("publicQuote.vatReverseCharge")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Terms({ terms }: { terms: string }) {
  const { t } = useI18n();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("publicQuote.termsTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="text-sm whitespace-pre-line wrap-anywhere">{terms}</p>
      </CardContent>
    </Card>
  );
}

/** The outcome card (signed, declined, expired); takes focus when the client just acted. */
function Outcome({
  icon,
  title,
  focus,
  tone,
  children,
}: {
  icon: ReactNode;
  title: string;
  focus: boolean;
  tone: "success" | "muted";
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <Card className={cn(tone === "success" && "border-success/40")}>
      <CardContent className="grid gap-3 p-5">
        <div className="flex items-start gap-3">
          <span
            className={cn(
              "mt-0.5 shrink-0 [&_svg]:size-6",
              tone === "success" ? "text-success" : "text-muted-foreground",
            )}
          >
            {icon}
          </span>
          <h2
            ref={heading}
            tabIndex={-1}
            className="text-lg leading-tight font-semibold outline-none"
          >
            {title}
          </h2>
        </div>
        <div className="grid gap-3 text-sm">{children}</div>
      </CardContent>
    </Card>
  );
}

function Accepted({
  quote,
  token,
  justSigned,
}: {
  quote: PublicQuote;
  token: string;
  justSigned: boolean;
}) {
  const { t, locale } = useI18n();
  const signature = quote.signature;
  return (
    <Outcome
      icon={<CheckCircle2Icon aria-hidden="true" />}
      title={justSigned ? t("publicQuote.signedTitle") : t("publicQuote.acceptedTitle")}
      focus={justSigned}
      tone="success"
    >
      <div data-testid="public-quote-accepted" className="grid gap-1">
        {justSigned ? <p>{t("publicQuote.signedEmail")}</p> : null}
        {signature ? (
          <p>
            {t("publicQuote.signedBy", {
              name: signature.signer_name,
              date: formatDateTime(signature.signed_at, locale),
            })}
          </p>
        ) : quote.accepted_at ? (
          <p>{t("publicQuote.acceptedOn", { date: formatDateTime(quote.accepted_at, locale) })}</p>
        ) : null}
        {signature?.document_sha256 ? (
          <p className="text-xs text-muted-foreground">
            {t("publicQuote.fingerprint")}{" "}
            <code className="font-mono break-all">{signature.document_sha256}</code>
          </p>
        ) : null}
      </div>
      <div>
        <PdfLink token={token} label={t("publicQuote.downloadSignedPdf")} />
      </div>
      {quote.can_pay_deposit ? (
        <div className="grid gap-2 border-t pt-3" data-testid="public-quote-deposit">
          <h3 className="font-semibold">{t("pay.depositTitle")}</h3>
          <p>{t("pay.depositBody", { amount: formatMoney(quote.deposit_cents, locale) })}</p>
          <DepositButton token={token} />
        </div>
      ) : null}
    </Outcome>
  );
}

function DepositButton({ token }: { token: string }) {
  const { t } = useI18n();
  const pay = usePayDeposit(token);
  return (
    <PayButton
      label={t("pay.payDeposit")}
      busy={pay.isPending || pay.isSuccess}
      error={pay.isError ? errorMessage(pay.error, t) : null}
      onPay={() => pay.mutate()}
    />
  );
}

function Declined({ quote, justDeclined }: { quote: PublicQuote; justDeclined: boolean }) {
  const { t, locale } = useI18n();
  const seller = quote.seller_name || t("publicQuote.sellerFallback");
  return (
    <Outcome
      icon={<XCircleIcon aria-hidden="true" />}
      title={justDeclined ? t("publicQuote.declinedJustNow") : t("publicQuote.declinedTitle")}
      focus={justDeclined}
      tone="muted"
    >
      {quote.declined_at ? (
        <p>{t("publicQuote.declinedOn", { date: formatDateTime(quote.declined_at, locale) })}</p>
      ) : null}
      {quote.decline_reason ? (
        <p className="whitespace-pre-line wrap-anywhere">
          {t("publicQuote.declineReasonShown", { reason: quote.decline_reason })}
        </p>
      ) : null}
      <p className="text-muted-foreground">{t("publicQuote.declinedContact", { seller })}</p>
    </Outcome>
  );
}

function Expired({ quote }: { quote: PublicQuote }) {
  const { t } = useI18n();
  const seller = quote.seller_name || t("publicQuote.sellerFallback");
  return (
    <Outcome
      icon={<ClockIcon aria-hidden="true" />}
      title={t("publicQuote.expiredTitle")}
      focus={false}
      tone="muted"
    >
      <p>{t("publicQuote.expiredBody", { seller })}</p>
    </Outcome>
  );
}

function QuoteView({ quote, token }: { quote: PublicQuote; token: string }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const sign = useSignPublicQuote(token);
  const decline = useDeclinePublicQuote(token);
  // Why the last action could not be done (already signed elsewhere, replaced link...).
  const [notice, setNotice] = useState<string | null>(null);

  // The server said the quote changed under the client's feet: say so, and show what it is now.
  const onStale = (error: unknown) => {
    setNotice(errorMessage(error, t));
    void queryClient.invalidateQueries({ queryKey: publicQuoteKeys.detail(token) });
  };

  let action: ReactNode;
  if (quote.status === "sent") {
    action = (
      <>
        <Card>
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <PenLineIcon aria-hidden="true" className="size-4" />
              {t("publicQuote.signTitle")}
            </CardTitle>
            <CardDescription>
              {t("publicQuote.signIntro", {
                amount: formatMoney(quote.total_gross_cents, locale),
              })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SignQuoteForm quote={quote} mutation={sign} onStale={onStale} />
          </CardContent>
        </Card>
        <div className="flex flex-col items-center gap-2 py-2 text-center text-sm text-muted-foreground">
          <p>{t("publicQuote.declinePrompt")}</p>
          <DeclineQuoteDialog mutation={decline} onStale={onStale} />
        </div>
      </>
    );
  } else if (quote.status === "accepted") {
    action = <Accepted quote={quote} token={token} justSigned={sign.isPending || sign.isSuccess} />;
  } else if (quote.status === "declined") {
    action = <Declined quote={quote} justDeclined={decline.isPending || decline.isSuccess} />;
  } else {
    action = <Expired quote={quote} />;
  }

  return (
    <>
      <Header quote={quote} token={token} />
      {notice ? (
        <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
          {notice}
        </p>
      ) : null}
      {quote.status !== "sent" ? action : null}
      <Details quote={quote} />
      {quote.terms ? <Terms terms={quote.terms} /> : null}
      {quote.status === "sent" ? action : null}
    </>
  );
}

/** The page a client reaches from the e-mailed link: read the quote, sign it or decline it. */
export function PublicQuotePage() {
  const { t } = useI18n();
  const { token = "" } = useParams();
  const valid = isPublicQuoteToken(token);
  const quote = usePublicQuote(token);

  const number = quote.data?.number;
  const seller = quote.data?.seller_name;
  useEffect(() => {
    const heading = number
      ? t("publicQuote.heading", { number })
      : t("publicQuote.headingNoNumber");
    document.title = seller ? `${heading} — ${seller}` : heading;
  }, [number, seller, t]);

  let content: ReactNode;
  if (!valid || (quote.error instanceof ApiError && quote.error.status === 404)) {
    content = <InvalidLink />;
  } else if (quote.isPending) {
    content = <Loading />;
  } else if (quote.isError) {
    content = (
      <Card>
        <PageError message={errorMessage(quote.error, t)} onRetry={() => void quote.refetch()} />
      </Card>
    );
  } else {
    content = <QuoteView quote={quote.data} token={token} />;
  }
  return <Shell>{content}</Shell>;
}

export default PublicQuotePage;
