/**
 * CSV as French Excel opens it: UTF-8 with a BOM, ";" between cells, a decimal comma. A text
 * cell starting with =, +, -, @ (or a tab or carriage return) is prefixed with an apostrophe so
 * that no spreadsheet runs it as a formula.
 */
export type CsvCell = string | number | { cents: number };

function text(cell: CsvCell): string {
  if (typeof cell === "object") {
    const sign = cell.cents < 0 ? "-" : "";
    const abs = Math.abs(cell.cents);
    return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
  }
  if (typeof cell === "number") return String(cell).replace(".", ",");
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quoted(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map((h) => quoted(text(h))).join(";")];
  for (const row of rows) lines.push(row.map((cell) => quoted(text(cell))).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Saves `content` as `name` (a CSV file). */
export function saveCsv(name: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
