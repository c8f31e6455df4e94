import { formatDate, formatDateTime, formatMoney, type Locale } from "@/lib/format";
import { hasMessage, type Translate } from "@/lib/i18n";
import type { Notification } from "./api/notifications";

/** What a notification says, from its kind and its raw facts, in the member's language. */
export function notificationText(
  n: Notification,
  t: Translate,
  locale: Locale,
): { title: string; body: string } {
  const text = (key: string) => (typeof n.data[key] === "string" ? (n.data[key] as string) : "");
  const when = text("starts_at") || text("ends_at");
  const due = text("due_on");
  const amount = n.data.amount_cents;
  const reason = text("reason");
  const params = {
    title: text("title"),
    number: text("number"),
    client: text("client"),
    name: text("name"),
    reason: reason === "contested" ? "" : reason,
    amount: typeof amount === "number" ? formatMoney(amount, locale) : "",
    when: when ? formatDateTime(when, locale) : due ? formatDate(due, locale) : "",
  };
  const titleKey = `notifications.kind.${n.kind}.title`;
  const bodyKey = `notifications.kind.${n.kind}.body`;
  if (!hasMessage(titleKey) || !hasMessage(bodyKey)) return { title: n.kind, body: "" };
  return { title: t(titleKey, params), body: t(bodyKey, params).trim() };
}
