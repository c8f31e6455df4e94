import { ArrowLeftIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { PageError, PageLoading } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime, formatMoney } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import {
  useAcceptBooking,
  useBookingRequest,
  useDeclineBooking,
  useReplyToBooking,
  useSetBookingStatus,
  type BookingDetail,
} from "../api/booking";
import { BookingStatusBadge } from "./booking-status-badge";

/** One request: what the visitor asked, the answers sent, and what the office does with it. */
export default function BookingRequestPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const detail = useBookingRequest(id);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    return (
      <PageError message={errorMessage(detail.error, t)} onRetry={() => void detail.refetch()} />
    );
  }
  return <RequestView detail={detail.data} />;
}

function RequestView({ detail }: { detail: BookingDetail }) {
  const { t, locale } = useI18n();
  const r = detail.request;
  const open = r.status === "new" || r.status === "in_discussion";
  const setStatus = useSetBookingStatus(r.id);
  const [statusError, setStatusError] = useState<string | null>(null);
  const move = (status: "spam" | "new" | "in_discussion") =>
    setStatus.mutate(status, {
      onSuccess: () => setStatusError(null),
      onError: (error) => setStatusError(errorMessage(error, t)),
    });

  return (
    <div className="mx-auto grid max-w-4xl gap-6">
      <Link
        to="/demandes"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline"
      >
        <ArrowLeftIcon className="size-4" aria-hidden="true" />
        {t("booking.back")}
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            {r.reference} — {r.contact_name}
          </h1>
          <BookingStatusBadge status={r.status} />
        </div>
        <div className="flex flex-wrap gap-2">
          {open ? <AcceptDialog detail={detail} /> : null}
          {open ? <DeclineDialog id={r.id} /> : null}
          {open ? (
            <Button variant="ghost" onClick={() => move("spam")} disabled={setStatus.isPending}>
              {t("booking.markSpam")}
            </Button>
          ) : null}
          {(r.status === "lost" || r.status === "spam") && r.quote_id === null ? (
            <Button variant="outline" onClick={() => move("new")} disabled={setStatus.isPending}>
              {t("booking.reopen")}
            </Button>
          ) : null}
        </div>
      </div>
      {statusError ? (
        <p role="alert" className="text-sm text-destructive">
          {statusError}
        </p>
      ) : null}
      {r.quote_id !== null ? (
        <Card>
          <CardContent className="flex flex-wrap gap-4 pt-6 text-sm">
            <span>{t("booking.accepted")}</span>
            <Link className="underline" to={`/devis/${r.quote_id}`}>
              {t("booking.openQuote")}
            </Link>
            {r.mission_id !== null ? (
              <Link className="underline" to={`/missions/${r.mission_id}`}>
                {t("booking.openMission")}
              </Link>
            ) : null}
            {r.client_id !== null ? (
              <Link className="underline" to={`/clients/${r.client_id}`}>
                {t("booking.openClient")}
              </Link>
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("booking.event")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-2 text-sm">
              <Row label={t("booking.eventType")} value={r.event_type} />
              <Row
                label={t("booking.when")}
                value={`${formatDateTime(r.starts_at, locale)} → ${formatDateTime(r.ends_at, locale)}`}
              />
              <Row label={t("booking.place")} value={r.place} />
              <Row label={t("booking.guests")} value={r.guests === null ? "—" : String(r.guests)} />
              <Row
                label={t("booking.services")}
                value={r.services.map((s) => s.name).join(", ") || "—"}
              />
              <Row
                label={t("booking.budget")}
                value={r.budget_cents === null ? "—" : formatMoney(r.budget_cents, locale)}
              />
              <Row
                label={t("booking.planning")}
                value={r.looked_free ? t("booking.lookedFree") : t("booking.lookedBusy")}
              />
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("booking.contact")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-2 text-sm">
              <Row label={t("booking.name")} value={r.contact_name} />
              <div className="grid grid-cols-[8rem_1fr] gap-2">
                <dt className="text-muted-foreground">{t("booking.email")}</dt>
                <dd>
                  <a className="underline" href={`mailto:${r.email}`}>
                    {r.email}
                  </a>
                </dd>
              </div>
              <div className="grid grid-cols-[8rem_1fr] gap-2">
                <dt className="text-muted-foreground">{t("booking.phone")}</dt>
                <dd>
                  <a className="underline" href={`tel:${r.phone}`}>
                    {r.phone}
                  </a>
                </dd>
              </div>
              <Row label={t("booking.received")} value={formatDateTime(r.created_at, locale)} />
            </dl>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("booking.message")}</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="whitespace-pre-wrap text-sm" data-testid="booking-message">
            {r.message || t("booking.noMessage")}
          </p>
        </CardContent>
      </Card>
      <Conversation detail={detail} />
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="break-words">{value}</dd>
    </div>
  );
}

/** What was written to the visitor, and a new reply. */
function Conversation({ detail }: { detail: BookingDetail }) {
  const { t, locale } = useI18n();
  const reply = useReplyToBooking(detail.request.id);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function send(event: FormEvent) {
    event.preventDefault();
    try {
      await reply.mutateAsync(text);
      setText("");
      setError(null);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.fields[0]
          ? failure.fields[0].message
          : errorMessage(failure, t),
      );
    }
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("booking.conversation")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {detail.messages.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("booking.noReply")}</p>
        ) : (
          <ol className="grid gap-3">
            {detail.messages.map((m) => (
              <li key={m.id} className="rounded-md border p-3 text-sm">
                <p className="mb-1 text-xs text-muted-foreground">
                  {m.kind === "decline" ? t("booking.declinedBy") : t("booking.repliedBy")}{" "}
                  {m.author_name} · {formatDateTime(m.created_at, locale)}
                </p>
                <p className="whitespace-pre-wrap">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        <form className="grid gap-2" onSubmit={(e) => void send(e)} noValidate>
          <FormField label={t("booking.replyLabel")} error={error ?? undefined}>
            <Textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          </FormField>
          <div>
            <Button type="submit" disabled={reply.isPending || text.trim() === ""}>
              {t("booking.sendReply")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

/** Creates (or reuses) the client, the mission and a draft quote, then opens the quote. */
function AcceptDialog({ detail }: { detail: BookingDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const accept = useAcceptBooking(detail.request.id);
  const [open, setOpen] = useState(false);
  const similar = detail.similar_clients;
  const [choice, setChoice] = useState(similar[0] ? String(similar[0].id) : "new");
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const done = await accept.mutateAsync(
        choice === "new" ? { allow_duplicate: similar.length > 0 } : { client_id: Number(choice) },
      );
      setOpen(false);
      void navigate(`/devis/${done.quote_id}`);
    } catch (failure) {
      setError(errorMessage(failure, t));
    }
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>{t("booking.accept")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <DialogHeader>
            <DialogTitle>{t("booking.acceptTitle")}</DialogTitle>
            <DialogDescription>{t("booking.acceptHelp")}</DialogDescription>
          </DialogHeader>
          {similar.length > 0 ? (
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t("booking.similarClients")}</legend>
              <RadioGroup value={choice} onValueChange={setChoice}>
                {similar.map((c) => (
                  <div key={c.id} className="flex items-center gap-2">
                    <RadioGroupItem value={String(c.id)} id={`client-${c.id}`} />
                    <Label htmlFor={`client-${c.id}`}>
                      {t("booking.useClient", { name: c.name })}
                    </Label>
                  </div>
                ))}
                <div className="flex items-center gap-2">
                  <RadioGroupItem value="new" id="client-new" />
                  <Label htmlFor="client-new">{t("booking.newClient")}</Label>
                </div>
              </RadioGroup>
            </fieldset>
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" disabled={accept.isPending}>
              {t("booking.acceptSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Lost, with a reason; by default the visitor gets a polite e-mail. */
function DeclineDialog({ id }: { id: number }) {
  const { t } = useI18n();
  const decline = useDeclineBooking(id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [notify, setNotify] = useState(true);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await decline.mutateAsync({ reason, notify });
      setOpen(false);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.fields[0]
          ? failure.fields[0].message
          : errorMessage(failure, t),
      );
    }
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">{t("booking.decline")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <DialogHeader>
            <DialogTitle>{t("booking.declineTitle")}</DialogTitle>
            <DialogDescription>{t("booking.declineHelp")}</DialogDescription>
          </DialogHeader>
          <FormField label={t("booking.declineReason")} error={error ?? undefined} required>
            <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </FormField>
          <div className="flex items-center gap-2">
            <Checkbox
              id="decline-notify"
              checked={notify}
              onCheckedChange={(value) => setNotify(value === true)}
            />
            <Label htmlFor="decline-notify">{t("booking.declineNotify")}</Label>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" variant="destructive" disabled={decline.isPending}>
              {t("booking.declineSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
