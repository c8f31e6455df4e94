// zod/mini: the same schemas at a fraction of the bundle weight on the first page.
import * as z from "zod/mini";
import type { $ZodType } from "zod/v4/core";

/** One field problem reported by the server, keyed like the request body. */
export interface FieldError {
  field: string;
  message: string;
}

/** Every failed call: the server's {"error":{code,message,fields}} or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  /** Field errors as { field: message }, for form libraries. */
  fieldMap(): Record<string, string> {
    return Object.fromEntries(this.fields.map((f) => [f.field, f.message]));
  }
}

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z._default(z.array(z.object({ field: z.string(), message: z.string() })), []),
  }),
});

export const NETWORK_ERROR = "NETWORK";
export const INVALID_RESPONSE = "INVALID_RESPONSE";

function csrfToken(): string | null {
  if (typeof document === "undefined") return null;
  const match = /(?:^|;\s*)planify_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** A raw body (an image), sent as is with its own type instead of JSON. */
  file?: Blob;
  /** A multipart/form-data body (several files): the browser sets its type and boundary. */
  form?: FormData;
  signal?: AbortSignal;
  /** Extra request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
}

/**
 * Calls the Planify API and validates the answer with `schema`. Throws ApiError for HTTP
 * errors (parsed from the server's error shape), network failures and malformed answers.
 */
export async function apiRequest<T>(
  path: string,
  schema: $ZodType<T>,
  options: RequestOptions = {},
): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { ...options.headers, Accept: "application/json" };
  if (options.file) headers["Content-Type"] = options.file.type || "application/octet-stream";
  else if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers["X-CSRF-Token"] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body:
        options.form ??
        options.file ??
        (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, NETWORK_ERROR, "network error");
  }
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    const parsed = z.safeParse(errorBody, json);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new ApiError(response.status, code, message, fields);
    }
    throw new ApiError(response.status, INVALID_RESPONSE, `HTTP ${response.status}`);
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) throw new ApiError(response.status, INVALID_RESPONSE, parsed.error.message);
  return parsed.data;
}
