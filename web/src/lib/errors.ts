import { ApiError } from "./api-client";
import type { Translate } from "./i18n";

/** The message to show for a failed call: the server's own words, or a network hint. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === "NETWORK") return t("error.network");
    if (error.code === "INVALID_RESPONSE") return t("error.unexpected");
    return error.message;
  }
  return t("error.unexpected");
}

/**
 * Puts the server's field errors on the form's fields (react-hook-form's setError); returns false
 * when none matched, so the caller shows a form-level message instead.
 */
export function placeFieldErrors<T extends string>(
  error: unknown,
  fields: readonly T[],
  setError: (field: T, value: { message: string }) => void,
): boolean {
  if (!(error instanceof ApiError)) return false;
  let placed = false;
  for (const f of error.fields) {
    if ((fields as readonly string[]).includes(f.field)) {
      setError(f.field as T, { message: f.message });
      placed = true;
    }
  }
  return placed;
}

/**
 * A failed call as messages by field, for forms kept in plain state: the server's field errors,
 * or the whole message under `root`.
 */
export function errorsByField(error: unknown, t: Translate): Record<string, string> {
  if (error instanceof ApiError && error.fields.length > 0) {
    return Object.fromEntries(error.fields.map((f) => [f.field, f.message]));
  }
  return { root: errorMessage(error, t) };
}
