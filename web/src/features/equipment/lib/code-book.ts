// What a scan names when the server cannot be asked (docs/pwa.md): the mission's own gear, by
// its "MAT-<id>" code, its barcode, or its label's address. Kits and units need the server.

export interface OfflineHit {
  itemId: number;
  name: string;
}

export function codeBook(
  items: readonly { id: number; name: string; barcode: string | null }[],
): Map<string, OfflineHit> {
  const book = new Map<string, OfflineHit>();
  for (const item of items) {
    const hit = { itemId: item.id, name: item.name };
    book.set(`MAT-${item.id}`, hit);
    book.set(`/scanner/materiel/${item.id}`, hit);
    if (item.barcode) book.set(item.barcode.trim().toUpperCase(), hit);
  }
  return book;
}

/** The item a scanned text names in `book`, or null. */
export function readOffline(book: Map<string, OfflineHit>, text: string): OfflineHit | null {
  const code = text.trim();
  let path = code;
  try {
    path = new URL(code).pathname;
  } catch {
    // Not an address: a code or a barcode.
  }
  return book.get(code.toUpperCase()) ?? book.get(path.replace(/\/+$/, "")) ?? null;
}
