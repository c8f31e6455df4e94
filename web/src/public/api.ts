// Calls from the public pages to the server's public API: JSON in and out, the server's error
// shape turned into PublicApiError, answers checked by hand (docs/architecture.md).

type Check<T> = (value: unknown) => value is T;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(message);
  }
}

export async function call<T>(check: Check<T>, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: {
      Accept: "application/json",
      ...(init?.body ? { "Content-Type": "application/json" } : {}),
    },
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = isObject(body) && isObject(body.error) ? body.error : {};
    const fields: Record<string, string> = {};
    for (const f of Array.isArray(error.fields) ? error.fields : []) {
      if (isObject(f) && isString(f.field) && isString(f.message)) fields[f.field] ??= f.message;
    }
    throw new PublicApiError(
      res.status,
      isString(error.code) ? error.code : `HTTP_${res.status}`,
      isString(error.message) ? error.message : res.statusText,
      fields,
    );
  }
  if (!check(body)) throw new PublicApiError(res.status, "INVALID_RESPONSE", "", {});
  return body;
}

export function getJson<T>(path: string, check: Check<T>): Promise<T> {
  return call(check, path);
}

export function sendJson(path: string, body: unknown): Promise<unknown> {
  return call((_: unknown): _ is unknown => true, path, {
    method: "POST",
    body: JSON.stringify(body),
  });
}
