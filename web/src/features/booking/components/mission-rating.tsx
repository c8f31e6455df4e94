import { StarIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import { useMissionRating } from "../api/booking";

function Stars({ count, label }: { count: number; label: string }) {
  return (
    <span className="inline-flex items-center gap-0.5" role="img" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <StarIcon
          key={n}
          aria-hidden="true"
          className={
            n <= count ? "size-4 fill-warning text-warning" : "size-4 text-muted-foreground"
          }
        />
      ))}
    </span>
  );
}

/**
 * The client's rating on a completed mission's page (docs/booking.md "Ratings"): the stars, the
 * comment, each crew member's stars, whether it may be published; or where the invitation stands.
 */
export function MissionRatingCard({
  missionId,
  completed,
  crewNames,
}: {
  missionId: number;
  completed: boolean;
  crewNames: Record<number, string>;
}) {
  const { t, locale } = useI18n();
  const query = useMissionRating(missionId, completed);
  if (!completed) return null;
  const rating = query.data?.rating;
  return (
    <Card data-testid="mission-rating">
      <CardHeader>
        <CardTitle>{t("ratings.missionTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {query.isPending ? (
          <p className="text-muted-foreground" role="status">
            {t("common.loading")}
          </p>
        ) : query.isError ? (
          <p role="alert" className="text-destructive">
            {errorMessage(query.error, t)}
          </p>
        ) : !rating ? (
          <p className="text-muted-foreground">{t("ratings.notAsked")}</p>
        ) : rating.overall === null ? (
          <p className="text-muted-foreground">
            {t("ratings.waiting", {
              sent: formatDate(rating.requested_at, locale),
              until: formatDate(rating.expires_at, locale),
            })}
          </p>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <Stars count={rating.overall} label={t("ratings.stars", { count: rating.overall })} />
              <span className="font-semibold">{rating.overall}/5</span>
              <span className="text-muted-foreground">
                {t("ratings.by", {
                  name: rating.first_name || "—",
                  date: formatDate(rating.submitted_at ?? rating.requested_at, locale),
                })}
              </span>
              {rating.public_consent ? (
                <Badge variant="success">{t("ratings.publishable")}</Badge>
              ) : (
                <Badge variant="secondary">{t("ratings.private")}</Badge>
              )}
            </div>
            {rating.comment ? (
              <blockquote className="border-l-2 pl-3 whitespace-pre-wrap">
                {rating.comment}
              </blockquote>
            ) : null}
            {rating.crew.length > 0 ? (
              <ul className="grid gap-1" aria-label={t("ratings.crew")}>
                {rating.crew.map((c) => (
                  <li key={c.user_id} className="flex items-center gap-2">
                    <span className="min-w-32">{crewNames[c.user_id] ?? "—"}</span>
                    <Stars count={c.stars} label={t("ratings.stars", { count: c.stars })} />
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
