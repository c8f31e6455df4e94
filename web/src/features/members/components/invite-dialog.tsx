import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlusIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "@/lib/toast";
import { z } from "zod";
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
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import type { Role } from "@/features/auth/types";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { useInvite } from "../api/invitations";
import { ROLE_LABELS } from "./role-labels";

const INVITABLE: Role[] = ["admin", "manager", "dj", "technician"];

export interface InviteDialogProps {
  /** Prefilled address (a crew profile's, whose missions become the new member's). */
  defaultEmail?: string;
  defaultRole?: Role;
  /** Replaces the "Inviter" button. */
  trigger?: ReactNode;
}

/** Invites someone by e-mail with a role; the link is valid 7 days. */
export function InviteDialog({ defaultEmail = "", defaultRole, trigger }: InviteDialogProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const invite = useInvite();
  const form = useForm<{ email: string; role: Role }>({
    resolver: zodResolver(
      z.object({
        email: z.string().trim().min(1, t("validation.required")).email(t("validation.email")),
        role: z.enum(["admin", "manager", "dj", "technician", "owner"]),
      }),
    ),
    defaultValues: { email: defaultEmail, role: defaultRole ?? "technician" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await invite.mutateAsync(values);
      toast.success(t("invite.sent", { email: values.email.trim().toLowerCase() }));
      form.reset();
      setOpen(false);
    } catch (error) {
      if (!placeFieldErrors(error, ["email", "role"] as const, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {trigger ?? (
          <Button>
            <UserPlusIcon aria-hidden="true" />
            {t("invite.open")}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("invite.title")}</DialogTitle>
          <DialogDescription>{t("invite.help")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField label={t("signIn.linkEmail")} error={errors.email?.message} required>
            <Input type="email" autoComplete="off" {...form.register("email")} />
          </FormField>
          <Controller
            control={form.control}
            name="role"
            render={({ field }) => (
              <FormField label={t("members.role")} error={errors.role?.message} required>
                <Select value={field.value} onValueChange={(v) => field.onChange(v as Role)}>
                  <SelectTrigger aria-label={t("members.role")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {INVITABLE.map((role) => (
                      <SelectItem key={role} value={role}>
                        {t(ROLE_LABELS[role])}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
            )}
          />
          {errors.root?.message ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("invite.submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
