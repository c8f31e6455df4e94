import { MapPinIcon, PlusIcon, WarehouseIcon } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { toast } from "@/lib/toast";
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
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { useCan } from "@/features/auth/api/get-session";
import { ApiError } from "@/lib/api-client";
import { DepotDisplayDialog } from "@/features/equipment/components/depot-display-dialog";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import {
  useArchivePlace,
  usePlaces,
  useSavePlace,
  type Place,
  type PlaceKind,
} from "../api/places";

function PlaceDialog({
  kind,
  place,
  open,
  onOpenChange,
}: {
  kind: PlaceKind;
  place: Place | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useI18n();
  const save = useSavePlace(kind);
  const [name, setName] = useState("");
  const [line1, setLine1] = useState("");
  const [postal, setPostal] = useState("");
  const [city, setCity] = useState("");
  const [notes, setNotes] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<Place | null | undefined>(undefined);
  if (open && shown !== place) {
    // A new opening: start from the place (or empty).
    setShown(place);
    setName(place?.name ?? "");
    setLine1(place?.address.line1 ?? "");
    setPostal(place?.address.postal_code ?? "");
    setCity(place?.address.city ?? "");
    setNotes(place?.notes ?? "");
    setErrors({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("validation.required") });
      return;
    }
    try {
      const saved = await save.mutateAsync({
        id: place?.id ?? null,
        input: {
          name,
          address: {
            line1,
            line2: place?.address.line2 ?? "",
            postal_code: postal,
            city,
            country: place?.address.country ?? "FR",
          },
          notes,
        },
      });
      toast.success(t("places.saved", { name: saved.name }));
      setShown(undefined);
      onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(error.fieldMap());
      else setErrors({ root: errorMessage(error, t) });
    }
  }

  const venue = kind === "venues";
  return (
    <Dialog
      open={open}
      onOpenChange={(value) => {
        if (!value) setShown(undefined);
        onOpenChange(value);
      }}
    >
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>
            {place
              ? t(venue ? "places.editVenue" : "places.editSite")
              : t(venue ? "places.newVenue" : "places.newSite")}
          </DialogTitle>
          <DialogDescription>{t(venue ? "places.venueHelp" : "places.siteHelp")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <FormField label={t("places.name")} error={errors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField label={t("org.address1")} error={errors["address.line1"]}>
            <Input value={line1} onChange={(e) => setLine1(e.target.value)} />
          </FormField>
          <div className="grid grid-cols-2 gap-4">
            <FormField label={t("org.postalCode")} error={errors["address.postal_code"]}>
              <Input value={postal} onChange={(e) => setPostal(e.target.value)} />
            </FormField>
            <FormField label={t("org.city")} error={errors["address.city"]}>
              <Input value={city} onChange={(e) => setCity(e.target.value)} />
            </FormField>
          </div>
          <FormField
            label={t("places.notes")}
            help={venue ? t("places.notesHelp") : undefined}
            error={errors.notes}
          >
            <Textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </FormField>
          {errors.root ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.root}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={save.isPending}>
              {t("common.save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function PlacesTable({ kind, canManage }: { kind: PlaceKind; canManage: boolean }) {
  const { t } = useI18n();
  // The search box links a venue here as /lieux?q=<its name>.
  const [params] = useSearchParams();
  const [typed, setTyped] = useState(() => (kind === "venues" ? (params.get("q") ?? "") : ""));
  const [query, setQuery] = useState(typed.trim());
  const [editing, setEditing] = useState<{ place: Place | null } | null>(null);
  const [display, setDisplay] = useState<Place | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const places = usePlaces(kind, query, false);
  const archive = useArchivePlace(kind);
  const venue = kind === "venues";
  const columns: DataTableColumn<Place>[] = [
    {
      id: "name",
      header: t("places.name"),
      cell: (p) =>
        canManage ? (
          <button
            type="button"
            className="text-left font-medium underline-offset-4 hover:underline"
            onClick={() => setEditing({ place: p })}
          >
            {p.name}
          </button>
        ) : (
          <span className="font-medium">{p.name}</span>
        ),
    },
    {
      id: "address",
      header: t("org.address1"),
      cell: (p) =>
        [p.address.line1, [p.address.postal_code, p.address.city].filter(Boolean).join(" ")]
          .filter(Boolean)
          .join(", ") || "—",
    },
    {
      id: "notes",
      header: t("places.notes"),
      cell: (p) => <span className="line-clamp-2 text-sm">{p.notes || "—"}</span>,
    },
  ];
  if (canManage) {
    columns.push({
      id: "actions",
      header: t("places.actions"),
      cell: (p) => (
        <div className="flex flex-wrap gap-1">
          {venue ? null : (
            <Button variant="ghost" size="sm" onClick={() => setDisplay(p)}>
              {t("display.open")}
            </Button>
          )}
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              void archive
                .mutateAsync({ id: p.id, archive: true })
                .then(() => toast.success(t("places.archived", { name: p.name })))
                .catch((e: unknown) => toast.error(errorMessage(e, t)))
            }
          >
            {t("places.archive")}
          </Button>
        </div>
      ),
    });
  }
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Input
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("places.searchPlaceholder")}
          aria-label={t(venue ? "places.searchVenues" : "places.searchSites")}
          className="max-w-sm"
        />
        {canManage ? (
          <Button onClick={() => setEditing({ place: null })}>
            <PlusIcon aria-hidden="true" />
            {t(venue ? "places.newVenue" : "places.newSite")}
          </Button>
        ) : null}
      </div>
      <DataTable
        caption={t(venue ? "places.venues" : "places.sites")}
        columns={columns}
        rows={places.data?.items}
        getRowId={(p) => String(p.id)}
        loading={places.isPending}
        error={places.isError ? errorMessage(places.error, t) : null}
        onRetry={() => void places.refetch()}
        empty={
          <EmptyState
            icon={venue ? <MapPinIcon /> : <WarehouseIcon />}
            title={query ? t("places.noMatch") : t(venue ? "places.noVenue" : "places.noSite")}
            description={query ? undefined : t(venue ? "places.venueHelp" : "places.siteHelp")}
          />
        }
        pageSize={200}
      />
      <PlaceDialog
        kind={kind}
        place={editing?.place ?? null}
        open={editing !== null}
        onOpenChange={(open) => {
          if (!open) setEditing(null);
        }}
      />
      {display ? (
        <DepotDisplayDialog
          site={display.id}
          name={display.name}
          onClose={() => setDisplay(null)}
        />
      ) : null}
    </div>
  );
}

/** Event venues (reused from mission to mission) and the depots where the gear lives. */
export default function PlacesPage() {
  const { t } = useI18n();
  const seesVenues = useCan("missions.read_all");
  const managesVenues = useCan("missions.manage");
  const managesSites = useCan("equipment.manage");
  return (
    <div className="mx-auto grid max-w-6xl gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("places.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("places.help")}</p>
      </div>
      <Tabs defaultValue={seesVenues ? "venues" : "sites"}>
        <TabsList>
          {seesVenues ? <TabsTrigger value="venues">{t("places.venues")}</TabsTrigger> : null}
          <TabsTrigger value="sites">{t("places.sites")}</TabsTrigger>
        </TabsList>
        {seesVenues ? (
          <TabsContent value="venues">
            <PlacesTable kind="venues" canManage={managesVenues} />
          </TabsContent>
        ) : null}
        <TabsContent value="sites">
          <PlacesTable kind="storage-sites" canManage={managesSites} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
