import { Trash2Icon } from "lucide-react";
import { useState } from "react";
import { toast } from "@/lib/toast";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import {
  useCategories,
  useCreateCategory,
  useDeleteCategory,
  useRenameCategory,
  type Category,
} from "../api/categories";

function CategoryRow({ category }: { category: Category }) {
  const { t } = useI18n();
  const [name, setName] = useState(category.name);
  const rename = useRenameCategory();
  const remove = useDeleteCategory();
  const changed = name.trim() !== category.name && name.trim() !== "";
  return (
    <li className="flex items-center gap-2">
      <Input
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-label={t("categories.nameOf", { name: category.name })}
      />
      <span className="w-20 shrink-0 text-right text-sm tabular-nums text-muted-foreground">
        {t("categories.items", { count: category.items })}
      </span>
      <Button
        size="sm"
        variant="outline"
        disabled={!changed || rename.isPending}
        // The row's key holds the name: once renamed, it unmounts, and a callback passed to
        // mutate() would be dropped with it (the toast sometimes never showed). The promise
        // settles whatever happens to the row.
        onClick={() =>
          rename
            .mutateAsync({ id: category.id, name: name.trim(), position: category.position })
            .then(
              (saved) => toast.success(t("categories.renamed", { name: saved.name })),
              (e: unknown) => toast.error(errorMessage(e, t)),
            )
        }
      >
        {t("common.save")}
      </Button>
      <Button
        size="icon"
        variant="ghost"
        aria-label={t("categories.delete", { name: category.name })}
        disabled={category.items > 0 || remove.isPending}
        onClick={() =>
          remove.mutateAsync(category.id).then(
            () => toast.success(t("categories.deleted", { name: category.name })),
            (e: unknown) => toast.error(errorMessage(e, t)),
          )
        }
      >
        <Trash2Icon aria-hidden="true" />
      </Button>
    </li>
  );
}

/** The organisation's categories: add, rename (its items follow), delete when empty. */
export function CategoriesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const categories = useCategories();
  const create = useCreateCategory();
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent closeLabel={t("common.close")}>
        <DialogHeader>
          <DialogTitle>{t("categories.title")}</DialogTitle>
          <DialogDescription>{t("categories.help")}</DialogDescription>
        </DialogHeader>
        {categories.isPending ? (
          <p role="status" className="text-sm text-muted-foreground">
            {t("common.loading")}
          </p>
        ) : categories.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {errorMessage(categories.error, t)}
          </p>
        ) : categories.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("categories.empty")}</p>
        ) : (
          <ul className="grid gap-2" data-testid="categories">
            {categories.data.map((c) => (
              <CategoryRow key={`${c.id}-${c.name}`} category={c} />
            ))}
          </ul>
        )}
        <form
          className="flex gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setProblem(null);
            if (!name.trim()) {
              setProblem(t("validation.required"));
              return;
            }
            create.mutate(
              { name: name.trim(), position: categories.data?.length ?? 0 },
              {
                onSuccess: () => setName(""),
                onError: (error) => setProblem(errorMessage(error, t)),
              },
            );
          }}
        >
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label={t("categories.new")}
            placeholder={t("categories.new")}
          />
          <Button type="submit" disabled={create.isPending}>
            {t("categories.add")}
          </Button>
        </form>
        {problem ? (
          <p role="alert" className="text-sm text-destructive">
            {problem}
          </p>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
