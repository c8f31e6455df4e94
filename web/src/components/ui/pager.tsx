import { useI18n } from "@/lib/i18n";
import { Button } from "./button";

/** "Précédent · Page 2 sur 5 · Suivant" under a paged list; nothing when there is one page. */
export function Pager({
  page,
  pages,
  onPage,
}: {
  /** Zero-based. */
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("table.pagination")} className="flex items-center justify-end gap-2 text-sm">
      <Button variant="outline" size="sm" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t("table.previous")}
      </Button>
      <span>{t("table.pageOf", { page: page + 1, pages })}</span>
      <Button
        variant="outline"
        size="sm"
        disabled={page + 1 >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t("table.next")}
      </Button>
    </nav>
  );
}
