import { ApiError, NETWORK_ERROR } from "./api-client";

/**
 * Starts the browser's download of `url` (same origin: the session cookie goes along), saved
 * as `name` when given, else as the server's Content-Disposition says.
 */
export function startDownload(url: string, name = "") {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Fetches `url` first, then saves it as `name`: a refusal (409 with the reasons in its fields)
 * comes back as an ApiError for the page to show, instead of a JSON file in the downloads.
 */
export async function fetchDownload(url: string, name: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, "network error");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string; fields?: { field: string; message: string }[] };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? "HTTP",
      body?.error?.message ?? `HTTP ${response.status}`,
      body?.error?.fields ?? [],
    );
  }
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  startDownload(objectUrl, name);
  // The browser reads the blob while it saves it: let the URL go once it surely has.
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}
