import { SearchIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { PageError } from "@/components/layout/page-states";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/errors";
import { useI18n } from "@/lib/i18n";
import { SEARCH_KINDS, searchable, searchHref, useSearch, type SearchKind } from "../api/search";
import { KIND_ICONS, SearchHitLine } from "./search-hit";

/** /recherche?q=…[&kind=…]: every hit the role may see, by kind; one kind shows up to 20. */
export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = params.get("q") ?? "";
  const kindParam = params.get("kind");
  const kind = SEARCH_KINDS.find((k) => k === kindParam);
  const [typed, setTyped] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (typed.trim() === query) return;
      const next = new URLSearchParams();
      if (typed.trim()) next.set("q", typed.trim());
      if (kind) next.set("kind", kind);
      setParams(next, { replace: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [typed, query, kind, setParams]);
  const results = useSearch(query, kind ? { kind, limit: 20 } : { limit: 8 });

  function showKind(next: SearchKind | null) {
    const p = new URLSearchParams({ q: query });
    if (next) p.set("kind", next);
    setParams(p);
  }

  return (
    <div className="mx-auto grid max-w-4xl gap-6 p-4 md:p-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("search.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("search.intro")}</p>
      </div>
      <div className="relative">
        <SearchIcon
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          type="search"
          autoFocus
          className="pl-9"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t("search.placeholder")}
          aria-label={t("search.open")}
        />
      </div>
      {kind ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t("search.onlyKind", { kind: t(`search.kind.${kind}`) })}</span>
          <Button variant="link" className="h-auto p-0" onClick={() => showKind(null)}>
            {t("search.everyKind")}
          </Button>
        </div>
      ) : null}
      {!searchable(query) ? (
        <EmptyState
          icon={<SearchIcon aria-hidden="true" />}
          title={t("search.typeToSearch")}
          description={t("search.help")}
        />
      ) : results.isPending ? (
        <div role="status" aria-live="polite" className="grid gap-3">
          <span className="sr-only">{t("search.searching")}</span>
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
        </div>
      ) : results.isError ? (
        <PageError
          message={errorMessage(results.error, t)}
          onRetry={() => void results.refetch()}
        />
      ) : results.data.groups.length === 0 ? (
        <EmptyState
          icon={<SearchIcon aria-hidden="true" />}
          title={t("search.noneFor", { query })}
          description={t("search.help")}
        />
      ) : (
        <div className="grid gap-6" aria-busy={results.isFetching}>
          {results.data.groups.map((group) => {
            const Icon = KIND_ICONS[group.kind];
            return (
              <section
                key={group.kind}
                aria-labelledby={`search-${group.kind}`}
                className="rounded-lg border bg-card"
              >
                <h2
                  id={`search-${group.kind}`}
                  className="flex items-center gap-2 border-b px-4 py-2 text-sm font-medium"
                >
                  <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
                  {t(`search.kind.${group.kind}`)}
                </h2>
                <ul className="divide-y">
                  {group.items.map((hit) => (
                    <li key={hit.id}>
                      <Link
                        to={searchHref(group.kind, hit)}
                        className="flex items-center px-4 py-3 text-sm outline-none hover:bg-accent focus-visible:bg-accent [&_svg]:size-4"
                      >
                        <SearchHitLine kind={group.kind} hit={hit} />
                      </Link>
                    </li>
                  ))}
                </ul>
                {group.more && !kind ? (
                  <div className="border-t px-4 py-2">
                    <Button
                      variant="link"
                      className="h-auto p-0"
                      onClick={() => showKind(group.kind)}
                    >
                      {t("search.moreOfKind", { kind: t(`search.kind.${group.kind}`) })}
                    </Button>
                  </div>
                ) : null}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

export default SearchPage;
