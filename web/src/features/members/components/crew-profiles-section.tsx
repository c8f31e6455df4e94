import { zodResolver } from "@hookform/resolvers/zod";
import { ContactIcon, PlusIcon } from "lucide-react";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useCan } from "@/features/auth/api/get-session";
import { CREW_POSITIONS, type CrewPosition } from "@/features/planning/api/planning";
import { ApiError } from "@/lib/api-client";
import { errorMessage, placeFieldErrors } from "@/lib/errors";
import { useI18n, type MessageKey } from "@/lib/i18n";
import { toast } from "@/lib/toast";
import {
  useArchiveCrewProfile,
  useCrewProfiles,
  useEraseCrewProfile,
  useLinkCrewProfile,
  useSaveCrewProfile,
  type CrewProfile,
} from "../api/crew-profiles";
import { useMembers } from "../api/members";
import { InviteDialog } from "./invite-dialog";

const FIELDS = ["display_name", "email", "phone", "position", "notes"] as const;

/**
 * People planned on missions without an account (freelancers, DJs the legacy app knew without a
 * login): planners add and edit them; members managers invite one (the accepted invitation
 * links the profile) or link it to an existing member. Either way its missions become the
 * member's.
 */
export function CrewProfilesSection() {
  const { t } = useI18n();
  const canPlan = useCan("missions.manage");
  const canManageMembers = useCan("members.manage");
  const [showAll, setShowAll] = useState(false);
  const profiles = useCrewProfiles(showAll);
  const archive = useArchiveCrewProfile();
  const [editing, setEditing] = useState<CrewProfile | "new" | null>(null);
  const [linking, setLinking] = useState<CrewProfile | null>(null);
  const [erasing, setErasing] = useState<CrewProfile | null>(null);

  const columns: DataTableColumn<CrewProfile>[] = [
    {
      id: "name",
      header: t("crewProfiles.name"),
      sortValue: (p) => p.display_name,
      cell: (p) => (
        <div className="min-w-0">
          <p className="font-medium">{p.display_name}</p>
          <p className="text-xs text-muted-foreground">
            {[p.email, p.phone].filter(Boolean).join(" · ") || t("crewProfiles.noContact")}
          </p>
        </div>
      ),
    },
    {
      id: "position",
      header: t("missions.position"),
      sortValue: (p) => p.position,
      cell: (p) => (
        <Badge variant="secondary">{t(`missions.position.${p.position}` as MessageKey)}</Badge>
      ),
    },
    {
      id: "state",
      header: t("crewProfiles.state"),
      sortValue: (p) => p.upcoming_missions,
      cell: (p) =>
        p.linked_user ? (
          <Badge variant="outline">
            {t("crewProfiles.linkedTo", { name: p.linked_user.name })}
          </Badge>
        ) : p.erased ? (
          <Badge variant="outline">{t("crewProfiles.erased")}</Badge>
        ) : p.linked_at ? (
          <Badge variant="outline">{t("crewProfiles.linkedGone")}</Badge>
        ) : p.archived ? (
          <Badge variant="outline">{t("crewProfiles.archived")}</Badge>
        ) : (
          t("crewProfiles.upcoming", { count: p.upcoming_missions })
        ),
    },
  ];

  return (
    <section aria-labelledby="crew-profiles" className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="crew-profiles" className="text-lg font-semibold">
            {t("crewProfiles.title")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("crewProfiles.subtitle")}</p>
        </div>
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <Switch checked={showAll} onCheckedChange={setShowAll} />
            {t("crewProfiles.showAll")}
          </label>
          {canPlan ? (
            <Button variant="outline" onClick={() => setEditing("new")}>
              <PlusIcon aria-hidden="true" />
              {t("crewProfiles.add")}
            </Button>
          ) : null}
        </div>
      </div>
      <DataTable
        caption={t("crewProfiles.title")}
        columns={columns}
        rows={profiles.data}
        getRowId={(p) => String(p.id)}
        loading={profiles.isPending}
        error={profiles.isError ? errorMessage(profiles.error, t) : null}
        onRetry={() => void profiles.refetch()}
        empty={
          <EmptyState
            icon={<ContactIcon />}
            title={t("crewProfiles.empty")}
            description={t("crewProfiles.emptyHelp")}
          />
        }
        defaultSort={{ columnId: "name", direction: "ascending" }}
        rowActions={(p) =>
          p.linked_user || p.linked_at || p.erased ? null : (
            <div className="flex flex-wrap justify-end gap-1">
              {canPlan && !p.archived ? (
                <Button variant="ghost" size="sm" onClick={() => setEditing(p)}>
                  {t("missions.edit")}
                </Button>
              ) : null}
              {canManageMembers && !p.archived && p.email ? (
                <InviteDialog
                  defaultEmail={p.email}
                  defaultRole={p.position === "technician" ? "technician" : "dj"}
                  trigger={
                    <Button variant="ghost" size="sm">
                      {t("crewProfiles.invite")}
                    </Button>
                  }
                />
              ) : null}
              {canManageMembers && !p.archived ? (
                <Button variant="ghost" size="sm" onClick={() => setLinking(p)}>
                  {t("crewProfiles.link")}
                </Button>
              ) : null}
              {canPlan ? (
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={archive.isPending}
                  onClick={() =>
                    archive.mutate(
                      { id: p.id, archived: !p.archived },
                      {
                        onSuccess: () =>
                          toast.success(
                            t(p.archived ? "crewProfiles.restored" : "crewProfiles.archivedToast", {
                              name: p.display_name,
                            }),
                          ),
                        onError: (error) => toast.error(errorMessage(error, t)),
                      },
                    )
                  }
                >
                  {t(p.archived ? "crewProfiles.restore" : "crewProfiles.archive")}
                </Button>
              ) : null}
              {canManageMembers ? (
                <Button variant="ghost" size="sm" onClick={() => setErasing(p)}>
                  {t("crewProfiles.erase")}
                </Button>
              ) : null}
            </div>
          )
        }
      />
      {editing !== null ? (
        <CrewProfileDialog
          profile={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {linking !== null ? (
        <LinkProfileDialog profile={linking} onClose={() => setLinking(null)} />
      ) : null}
      {erasing !== null ? (
        <EraseProfileDialog profile={erasing} onClose={() => setErasing(null)} />
      ) : null}
    </section>
  );
}

function CrewProfileDialog({
  profile,
  onClose,
}: {
  profile: CrewProfile | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const save = useSaveCrewProfile();
  const form = useForm<{
    display_name: string;
    email: string;
    phone: string;
    position: CrewPosition;
    notes: string;
  }>({
    resolver: zodResolver(
      z.object({
        display_name: z
          .string()
          .trim()
          .min(1, t("validation.required"))
          .max(120, t("validation.tooLong")),
        email: z.union([z.literal(""), z.string().trim().email(t("validation.email"))]),
        phone: z.string().max(40, t("validation.tooLong")),
        position: z.enum(CREW_POSITIONS),
        notes: z.string().max(2000, t("validation.tooLong")),
      }),
    ),
    defaultValues: {
      display_name: profile?.display_name ?? "",
      email: profile?.email ?? "",
      phone: profile?.phone ?? "",
      position: (CREW_POSITIONS as readonly string[]).includes(profile?.position ?? "")
        ? (profile?.position as CrewPosition)
        : "dj",
      notes: profile?.notes ?? "",
    },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync({ id: profile?.id ?? null, input: values });
      toast.success(t("crewProfiles.saved", { name: saved.display_name }));
      onClose();
    } catch (error) {
      if (!placeFieldErrors(error, FIELDS, form.setError)) {
        form.setError("root", { message: errorMessage(error, t) });
      }
    }
  });
  const errors = form.formState.errors;
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>
            {t(profile ? "crewProfiles.editTitle" : "crewProfiles.addTitle")}
          </DialogTitle>
          <DialogDescription>{t("crewProfiles.help")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField label={t("crewProfiles.name")} error={errors.display_name?.message} required>
            <Input autoComplete="off" {...form.register("display_name")} />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label={t("crewProfiles.email")} error={errors.email?.message}>
              <Input type="email" autoComplete="off" {...form.register("email")} />
            </FormField>
            <FormField label={t("crewProfiles.phone")} error={errors.phone?.message}>
              <Input type="tel" autoComplete="off" {...form.register("phone")} />
            </FormField>
          </div>
          <Controller
            control={form.control}
            name="position"
            render={({ field }) => (
              <FormField label={t("missions.position")} error={errors.position?.message}>
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger aria-label={t("missions.position")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {CREW_POSITIONS.map((p) => (
                      <SelectItem key={p} value={p}>
                        {t(`missions.position.${p}` as MessageKey)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </FormField>
            )}
          />
          <FormField label={t("crewProfiles.notes")} error={errors.notes?.message}>
            <Textarea rows={3} {...form.register("notes")} />
          </FormField>
          {errors.root?.message ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function EraseProfileDialog({ profile, onClose }: { profile: CrewProfile; onClose: () => void }) {
  const { t } = useI18n();
  const erase = useEraseCrewProfile();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await erase.mutateAsync({ id: profile.id, confirmName: typed });
      toast.success(t("crewProfiles.erasedToast"));
      onClose();
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.fields.length > 0
          ? (error.fields[0]?.message ?? errorMessage(error, t))
          : errorMessage(error, t),
      );
    }
  };
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("crewProfiles.eraseTitle", { name: profile.display_name })}</DialogTitle>
          <DialogDescription>{t("crewProfiles.eraseHelp")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)}>
          <FormField
            label={t("crewProfiles.eraseType", { name: profile.display_name })}
            error={problem ?? undefined}
            required
          >
            <Input autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" variant="destructive" disabled={erase.isPending}>
              {t("crewProfiles.eraseSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function LinkProfileDialog({ profile, onClose }: { profile: CrewProfile; onClose: () => void }) {
  const { t } = useI18n();
  const members = useMembers();
  const link = useLinkCrewProfile();
  const [userId, setUserId] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    if (!userId) {
      setProblem(t("validation.required"));
      return;
    }
    try {
      const linked = await link.mutateAsync({ id: profile.id, userId: Number(userId) });
      toast.success(
        t("crewProfiles.linked", {
          name: profile.display_name,
          member: linked.linked_user?.name ?? "",
        }),
      );
      onClose();
    } catch (error) {
      setProblem(errorMessage(error, t));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("crewProfiles.linkTitle", { name: profile.display_name })}</DialogTitle>
          <DialogDescription>{t("crewProfiles.linkHelp")}</DialogDescription>
        </DialogHeader>
        <FormField label={t("members.name")} error={problem ?? undefined} required>
          <Select value={userId} onValueChange={setUserId}>
            <SelectTrigger aria-label={t("members.name")}>
              <SelectValue placeholder={t("missions.choosePerson")} />
            </SelectTrigger>
            <SelectContent>
              {(members.data ?? [])
                .filter((m) => !m.disabled)
                .map((m) => (
                  <SelectItem key={m.user_id} value={String(m.user_id)}>
                    {m.display_name}
                  </SelectItem>
                ))}
            </SelectContent>
          </Select>
        </FormField>
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button disabled={link.isPending} onClick={() => void submit()}>
            {t("crewProfiles.linkSubmit")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
