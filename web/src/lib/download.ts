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
