import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ImageUpload } from "@/components/ui/image-upload";
import { useI18n } from "@/lib/i18n";
import type { EquipmentItem } from "../api/equipment";
import { usePhoto } from "../api/photos";

/** The item's photo: what to look for on the shelf; managers set it from a phone's camera. */
export function ItemPhotoCard({ item, canManage }: { item: EquipmentItem; canManage: boolean }) {
  const { t } = useI18n();
  const photo = usePhoto("equipment", item.id);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("photo.title")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        {item.photo_url ? (
          <img
            src={item.photo_url}
            alt={t("photo.ofItem", { name: item.name })}
            className="max-h-64 w-full rounded-lg border object-contain"
            data-testid="item-photo"
          />
        ) : null}
        {canManage ? (
          <ImageUpload
            label={t("photo.label")}
            url={item.photo_url}
            shrink
            onUpload={async (file) => {
              await photo.upload.mutateAsync(file);
            }}
            onRemove={async () => {
              await photo.remove.mutateAsync();
            }}
          />
        ) : null}
      </CardContent>
    </Card>
  );
}
