import { CheckCircle2Icon, Loader2Icon, XCircleIcon } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { useParams } from "react-router";
import { PageError } from "@/components/layout/page-states";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { isPublicToken, useCheckoutState, type CheckoutState } from "../api/public-payment";
import { PublicShell } from "./public-invoice-page";

function Message({
  icon,
  title,
  children,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The status changes by itself: the new heading is announced and focused.
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <Card>
      <CardContent className="flex flex-col items-center gap-3 p-8 text-center">
        <span className="[&_svg]:size-8">{icon}</span>
        <h1 ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
          {title}
        </h1>
        <p className="max-w-md text-sm text-muted-foreground">{children}</p>
      </CardContent>
    </Card>
  );
}

function State({ state }: { state: CheckoutState }) {
  const { t, locale } = useI18n();
  const amount = formatMoney(state.amount_cents, locale);
  const document = t(state.purpose === "deposit" ? "pay.depositFor" : "pay.invoiceFor", {
    number: state.document_number,
  });
  switch (state.status) {
    case "paid":
      return (
        <Message
          icon={<CheckCircle2Icon aria-hidden="true" className="text-success" />}
          title={t("pay.returnPaidTitle")}
        >
          {t("pay.returnPaidBody", { organization: state.organization_name, amount, document })}
        </Message>
      );
    case "failed":
      return (
        <Message
          icon={<XCircleIcon aria-hidden="true" className="text-destructive" />}
          title={t("pay.returnFailedTitle")}
        >
          {state.failure_reason ? `${state.failure_reason} — ` : ""}
          {t("pay.returnFailedBody")}
        </Message>
      );
    case "expired":
      return (
        <Message
          icon={<XCircleIcon aria-hidden="true" className="text-muted-foreground" />}
          title={t("pay.returnExpiredTitle")}
        >
          {t("pay.returnExpiredBody")}
        </Message>
      );
    default:
      return (
        <Message
          icon={
            <Loader2Icon
              aria-hidden="true"
              className="animate-spin text-muted-foreground motion-reduce:animate-none"
            />
          }
          title={t("pay.returnOpenTitle")}
        >
          {t("pay.returnOpenBody", { amount, document })}
        </Message>
      );
  }
}

/**
 * Where Stripe sends the client after paying. It shows what Planify's own records say — "being
 * confirmed" until Stripe's webhook has landed — and never records anything itself.
 */
export function CheckoutReturnPage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const state = useCheckoutState(token);
  let content: ReactNode;
  if (!isPublicToken(token) || (state.error instanceof ApiError && state.error.status === 404)) {
    content = (
      <Message icon={<XCircleIcon aria-hidden="true" />} title={t("pay.invalidTitle")}>
        {t("pay.returnInvalid")}
      </Message>
    );
  } else if (state.isPending) {
    content = (
      <div role="status" aria-live="polite">
        <span className="sr-only">{t("common.loading")}</span>
        <Skeleton className="h-48 rounded-xl" />
      </div>
    );
  } else if (state.isError) {
    content = (
      <PageError message={errorMessage(state.error, t)} onRetry={() => void state.refetch()} />
    );
  } else {
    content = (
      <div aria-live="polite">
        <State state={state.data} />
      </div>
    );
  }
  return <PublicShell>{content}</PublicShell>;
}

export default CheckoutReturnPage;
