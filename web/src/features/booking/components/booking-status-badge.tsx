import { Badge } from "@/components/ui/badge";
import { useI18n, type MessageKey } from "@/lib/i18n";
import type { BookingStatus } from "../api/booking";

type Variant = "default" | "secondary" | "success" | "warning" | "destructive" | "outline";

const STATUS: Record<BookingStatus, [MessageKey, Variant]> = {
  new: ["booking.status.new", "default"],
  in_discussion: ["booking.status.in_discussion", "warning"],
  quoted: ["booking.status.quoted", "secondary"],
  won: ["booking.status.won", "success"],
  lost: ["booking.status.lost", "outline"],
  spam: ["booking.status.spam", "destructive"],
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  const [label, variant] = STATUS[status];
  return <Badge variant={variant}>{t(label)}</Badge>;
}
