import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import type { useDeclinePublicQuote } from "../api/public-quote";

/** "Decline the quote", confirmed in a dialog with an optional reason. */
export function DeclineQuoteDialog({
  mutation,
  onStale,
}: {
  mutation: ReturnType<typeof useDeclinePublicQuote>;
  onStale: (error: ApiError) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(
      z.object({ reason: z.string().trim().max(500, t("validation.tooLong")) }),
    ),
    defaultValues: { reason: "" },
  });
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    try {
      await mutation.mutateAsync(reason);
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        setOpen(false);
        onStale(error);
        return;
      }
      if (!placeFieldErrors(error, ["reason"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  const submitting = form.formState.isSubmitting;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">{t("publicQuote.declineOpen")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("publicQuote.declineTitle")}</DialogTitle>
          <DialogDescription>{t("publicQuote.declineHelp")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField label={t("publicQuote.declineReason")} error={errors.reason?.message}>
            <Textarea maxLength={500} rows={3} {...form.register("reason")} />
          </FormField>
          {errors.root?.message ? (
            <p role="alert" className="rounded-md bg-destructive/10 p-3 text-sm text-destructive">
              {errors.root.message}
            </p>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">{t("common.cancel")}</Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={submitting}>
              {submitting ? t("publicQuote.declining") : t("publicQuote.declineConfirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
