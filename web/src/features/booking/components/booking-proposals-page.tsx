import { CalendarCheckIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useAnswerProposal, useBookingProposals, type BookingProposal } from "../api/booking";

/**
 * The performer's side of the two-step validation (docs/booking.md): the dates a manager
 * proposed, each confirmed or refused here before the office accepts the request. The visitor's
 * contact stays with the office: only the date, the place and the guests show.
 */
export default function BookingProposalsPage() {
  const { t } = useI18n();
  const proposals = useBookingProposals();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("proposals.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("proposals.description")}</p>
      </div>
      {proposals.isPending ? (
        <PageLoading />
      ) : proposals.isError ? (
        <PageError
          message={errorMessage(proposals.error, t)}
          onRetry={() => void proposals.refetch()}
        />
      ) : proposals.data.items.length === 0 ? (
        <EmptyState
          icon={<CalendarCheckIcon />}
          title={t("proposals.empty")}
          description={t("proposals.emptyHelp")}
        />
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {proposals.data.items.map((p) => (
            <ProposalCard key={p.id} proposal={p} />
          ))}
        </div>
      )}
    </div>
  );
}

function ProposalCard({ proposal }: { proposal: BookingProposal }) {
  const { t, locale } = useI18n();
  const answer = useAnswerProposal();
  async function reply(choice: "accept" | "refuse") {
    try {
      await answer.mutateAsync({ id: proposal.id, answer: choice });
      toast.success(t(choice === "accept" ? "proposals.accepted" : "proposals.refused"));
    } catch (error) {
      toast.error(errorMessage(error, t));
    }
  }
  return (
    <Card data-testid={`proposal-${proposal.reference}`}>
      <CardHeader>
        <CardTitle>
          {proposal.event_type} · {proposal.reference}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <p>
          {t("proposals.when", {
            start: formatDateTime(proposal.starts_at, locale),
            end: formatTime(proposal.ends_at, locale),
          })}
        </p>
        <p>{proposal.place}</p>
        {proposal.guests !== null ? (
          <p className="text-muted-foreground">
            {t("proposals.guests", { count: proposal.guests })}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button disabled={answer.isPending} onClick={() => void reply("accept")}>
            {t("proposals.accept")}
          </Button>
          <Button
            variant="outline"
            disabled={answer.isPending}
            onClick={() => void reply("refuse")}
          >
            {t("proposals.refuse")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
