import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
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
import { Input } from "@/components/ui/input";
import { MoneyInput } from "@/components/ui/money-input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { PAYMENT_METHODS, type PaymentInput } from "../api/documents";

/** Field errors from a failed call, by field name, and a message for the rest. */
function useServerErrors() {
  const { t } = useI18n();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  return {
    fields,
    message,
    reset() {
      setFields({});
      setMessage(null);
    },
    take(error: unknown) {
      const byField: Record<string, string> = {};
      if (error instanceof ApiError) for (const f of error.fields) byField[f.field] = f.message;
      setFields(byField);
      setMessage(Object.keys(byField).length ? null : errorMessage(error, t));
    },
  };
}

interface ShellProps {
  trigger: ReactNode;
  title: string;
  description?: string;
  submitLabel: string;
  busy: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: () => Promise<void>;
  message: string | null;
  children: ReactNode;
}

function DialogShell(props: ShellProps) {
  const { t } = useI18n();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await props.onSubmit();
  }
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <DialogHeader>
            <DialogTitle>{props.title}</DialogTitle>
            {props.description ? <DialogDescription>{props.description}</DialogDescription> : null}
          </DialogHeader>
          {props.children}
          {props.message ? (
            <p role="alert" className="text-sm text-destructive">
              {props.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => props.onOpenChange(false)}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" disabled={props.busy}>
              {props.submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Sends a document by e-mail; the recipient defaults to the client's contact. */
export function SendDialog({
  trigger,
  title,
  description,
  defaultTo,
  onSend,
}: {
  trigger: ReactNode;
  title: string;
  description: string;
  defaultTo: string;
  onSend: (to: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(defaultTo);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  return (
    <DialogShell
      trigger={trigger}
      title={title}
      description={description}
      submitLabel={t("documents.send")}
      busy={busy}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setTo(defaultTo);
          errors.reset();
        }
      }}
      message={errors.message}
      onSubmit={async () => {
        setBusy(true);
        try {
          await onSend(to.trim());
          setOpen(false);
        } catch (error) {
          errors.take(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormField label={t("documents.recipient")} required error={errors.fields.to}>
        <Input type="email" value={to} onChange={(e) => setTo(e.target.value)} />
      </FormField>
    </DialogShell>
  );
}

/** A reason, optional or required (declining a quote, a credit note). */
export function ReasonDialog({
  trigger,
  title,
  description,
  submitLabel,
  withAmount,
  maxCents,
  defaultCents,
  amountLabel,
  amountHelp,
  reasonRequired,
  onSubmit,
}: {
  trigger: ReactNode;
  title: string;
  description: string;
  submitLabel: string;
  /** Credit notes: an optional amount incl. VAT (empty: everything left). */
  withAmount?: boolean;
  maxCents?: number;
  /** The amount the dialog opens with (default: `maxCents`). */
  defaultCents?: number;
  /** The amount's label and help (default: a credit note's). */
  amountLabel?: string;
  amountHelp?: string;
  /** The reason is required (default: with an amount). */
  reasonRequired?: boolean;
  onSubmit: (reason: string, amountCents: number | null) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [amount, setAmount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  return (
    <DialogShell
      trigger={trigger}
      title={title}
      description={description}
      submitLabel={submitLabel}
      busy={busy}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setReason("");
          setAmount(defaultCents ?? maxCents ?? null);
          errors.reset();
        }
      }}
      message={errors.message}
      onSubmit={async () => {
        setBusy(true);
        try {
          await onSubmit(reason.trim(), amount);
          setOpen(false);
        } catch (error) {
          errors.take(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      {withAmount ? (
        <FormField
          label={amountLabel ?? t("documents.creditAmount")}
          help={amountHelp ?? t("documents.creditAmountHelp")}
          error={errors.fields.amount_cents}
        >
          <MoneyInput value={amount} onChange={setAmount} />
        </FormField>
      ) : null}
      <FormField
        label={t("documents.reason")}
        required={reasonRequired ?? withAmount}
        error={errors.fields.reason}
      >
        <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </FormField>
    </DialogShell>
  );
}

/** Records a payment received by transfer, cheque, cash or card. */
export function PaymentDialog({
  trigger,
  remainingCents,
  onRecord,
}: {
  trigger: ReactNode;
  remainingCents: number;
  onRecord: (payment: PaymentInput, proof: File | null) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(new Date());
  const [open, setOpen] = useState(false);
  const [method, setMethod] = useState<PaymentInput["method"]>("bank_transfer");
  const [amount, setAmount] = useState<number | null>(remainingCents);
  const [reference, setReference] = useState("");
  const [receivedOn, setReceivedOn] = useState(today);
  const [proof, setProof] = useState("");
  const [proofFile, setProofFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  return (
    <DialogShell
      trigger={trigger}
      title={t("documents.recordPayment")}
      submitLabel={t("documents.recordPayment")}
      busy={busy}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setAmount(remainingCents);
          setReference("");
          setReceivedOn(today);
          setProof("");
          setProofFile(null);
          errors.reset();
        }
      }}
      message={errors.message}
      onSubmit={async () => {
        setBusy(true);
        try {
          await onRecord(
            {
              method,
              amount_cents: amount ?? 0,
              reference: reference.trim(),
              received_on: receivedOn,
              proof_text: proof.trim(),
            },
            proofFile,
          );
          setOpen(false);
        } catch (error) {
          errors.take(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("documents.paymentMethod")} required>
          <Select value={method} onValueChange={(v) => setMethod(v as PaymentInput["method"])}>
            <SelectTrigger aria-label={t("documents.paymentMethod")}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {PAYMENT_METHODS.map((m) => (
                <SelectItem key={m} value={m}>
                  {t(`documents.method.${m}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </FormField>
        <FormField label={t("documents.amount")} required error={errors.fields.amount_cents}>
          <MoneyInput value={amount} onChange={setAmount} />
        </FormField>
        <FormField label={t("documents.reference")} error={errors.fields.reference}>
          <Input value={reference} onChange={(e) => setReference(e.target.value)} />
        </FormField>
        <FormField label={t("documents.receivedOn")} required error={errors.fields.received_on}>
          <Input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
        </FormField>
      </div>
      <FormField label={t("documents.proof")} error={errors.fields.proof_text}>
        <Textarea rows={2} value={proof} onChange={(e) => setProof(e.target.value)} />
      </FormField>
      <FormField
        label={t("documents.proofFile")}
        help={t("documents.proofFileHelp")}
        error={errors.fields.file}
      >
        <Input
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          onChange={(e) => setProofFile(e.target.files?.[0] ?? null)}
        />
      </FormField>
    </DialogShell>
  );
}
