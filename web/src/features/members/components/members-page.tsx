import { UsersIcon } from "lucide-react";
import { toast } from "@/lib/toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { useCan, useSession } from "@/features/auth/api/get-session";
import type { Role } from "@/features/auth/types";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useInvitations, useRevokeInvitation } from "../api/invitations";
import { useChangeRole, useMembers, useRemoveMember, type Member } from "../api/members";
import { CrewProfilesSection } from "./crew-profiles-section";
import { InviteDialog } from "./invite-dialog";
import { ROLE_LABELS } from "./role-labels";

/** The team of the organisation; admins change roles and remove members. */
export default function MembersPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const canManage = useCan("members.manage");
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const isOwner = session.role === "owner";
  const assignable: Role[] = isOwner
    ? ["owner", "admin", "manager", "dj", "technician"]
    : ["admin", "manager", "dj", "technician"];

  const failed = (error: unknown) =>
    toast.error(
      error instanceof ApiError && error.code !== "NETWORK" ? error.message : t("error.network"),
    );

  const columns: DataTableColumn<Member>[] = [
    {
      id: "name",
      header: t("members.name"),
      sortValue: (m) => m.display_name,
      cell: (m) => (
        <div className="min-w-0">
          <p className="font-medium">
            {m.display_name}
            {m.user_id === session.user.id ? (
              <span className="text-muted-foreground"> ({t("members.you")})</span>
            ) : null}
          </p>
          <p className="text-xs text-muted-foreground">{m.email}</p>
        </div>
      ),
    },
    {
      id: "role",
      header: t("members.role"),
      sortValue: (m) => m.role,
      cell: (m) => {
        const editable =
          canManage && m.user_id !== session.user.id && (m.role !== "owner" || isOwner);
        if (!editable) return <Badge variant="secondary">{t(ROLE_LABELS[m.role])}</Badge>;
        return (
          <Select
            value={m.role}
            onValueChange={(role) =>
              changeRole.mutate(
                { userId: m.user_id, role: role as Role },
                {
                  onSuccess: () =>
                    toast.success(
                      t("members.roleChanged", {
                        name: m.display_name,
                        role: t(ROLE_LABELS[role as Role]),
                      }),
                    ),
                  onError: failed,
                },
              )
            }
          >
            <SelectTrigger
              className="w-44"
              aria-label={t("members.roleOf", { name: m.display_name })}
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {assignable.map((role) => (
                <SelectItem key={role} value={role}>
                  {t(ROLE_LABELS[role])}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        );
      },
    },
    {
      id: "last",
      header: t("members.lastSignIn"),
      sortValue: (m) => m.last_sign_in_at ?? "",
      cell: (m) =>
        m.disabled ? (
          <Badge variant="destructive">{t("members.disabled")}</Badge>
        ) : m.last_sign_in_at ? (
          formatDateTime(m.last_sign_in_at, locale)
        ) : (
          <span className="text-muted-foreground">{t("members.never")}</span>
        ),
    },
  ];

  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("members.title")}</h1>
          <p className="text-sm text-muted-foreground">{t("members.subtitle")}</p>
        </div>
        {canManage ? <InviteDialog /> : null}
      </div>
      <DataTable
        caption={t("members.title")}
        columns={columns}
        rows={members.data}
        getRowId={(m) => String(m.user_id)}
        loading={members.isPending}
        error={
          members.isError
            ? members.error instanceof ApiError
              ? members.error.message
              : t("error.network")
            : null
        }
        onRetry={() => void members.refetch()}
        empty={<EmptyState icon={<UsersIcon />} title={t("members.empty")} />}
        defaultSort={{ columnId: "name", direction: "ascending" }}
        rowActions={
          canManage
            ? (m) =>
                m.user_id === session.user.id || (m.role === "owner" && !isOwner) ? null : (
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="sm">
                        {t("members.remove")}
                      </Button>
                    }
                    title={t("members.removeTitle", { name: m.display_name })}
                    description={t("members.removeConfirm")}
                    confirmLabel={t("members.remove")}
                    cancelLabel={t("common.cancel")}
                    destructive
                    onConfirm={async () => {
                      try {
                        await remove.mutateAsync(m.user_id);
                        toast.success(t("members.removed", { name: m.display_name }));
                      } catch (error) {
                        failed(error);
                      }
                    }}
                  />
                )
            : undefined
        }
      />
      {canManage ? <PendingInvitations /> : null}
      <CrewProfilesSection />
    </div>
  );
}

/** Invitations sent and not yet accepted, with a way to withdraw them. */
function PendingInvitations() {
  const { t, locale } = useI18n();
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  if (invitations.isPending || invitations.isError || invitations.data.length === 0) return null;
  return (
    <section aria-labelledby="pending-invitations" className="grid gap-3">
      <h2 id="pending-invitations" className="text-lg font-semibold">
        {t("invite.pending")}
      </h2>
      <ul className="grid gap-2">
        {invitations.data.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 rounded-lg border p-3">
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium">{i.email}</p>
              <p className="text-xs text-muted-foreground">
                {t("invite.meta", {
                  role: t(ROLE_LABELS[i.role]),
                  date: formatDateTime(i.expires_at, locale),
                })}
              </p>
            </div>
            <Button
              variant="ghost"
              size="sm"
              disabled={revoke.isPending}
              onClick={() =>
                revoke.mutate(i.id, {
                  onSuccess: () => toast.success(t("invite.revoked", { email: i.email })),
                  onError: (error) => toast.error(errorMessage(error, t)),
                })
              }
            >
              {t("invite.revoke")}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
