import { Combobox } from "@/components/ui/combobox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useI18n } from "@/lib/i18n";
import { useClientChoices } from "../api/choices";

const ALL_CLIENTS = "all";

export interface ExtraFilters {
  clientId: string;
  from: string;
  to: string;
}

/** Client and issue-date period filters shared by the quote and invoice lists. */
export function DocumentFilters({
  value,
  onChange,
}: {
  value: ExtraFilters;
  onChange: (next: ExtraFilters) => void;
}) {
  const { t } = useI18n();
  const clients = useClientChoices();
  return (
    <>
      <Combobox
        className="w-56"
        aria-label={t("documents.client")}
        options={[
          { value: ALL_CLIENTS, label: t("documents.allClients") },
          ...(clients.data ?? []).map((c) => ({ value: String(c.id), label: c.name })),
        ]}
        value={value.clientId || ALL_CLIENTS}
        onValueChange={(picked) =>
          onChange({ ...value, clientId: picked === ALL_CLIENTS ? "" : picked })
        }
        placeholder={t("documents.allClients")}
      />
      <div className="flex items-center gap-2">
        <Label htmlFor="documents-from" className="text-sm text-muted-foreground">
          {t("documents.periodFrom")}
        </Label>
        <Input
          id="documents-from"
          type="date"
          className="w-40"
          value={value.from}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
        <Label htmlFor="documents-to" className="text-sm text-muted-foreground">
          {t("documents.periodTo")}
        </Label>
        <Input
          id="documents-to"
          type="date"
          className="w-40"
          value={value.to}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
      </div>
    </>
  );
}
