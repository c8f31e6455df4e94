/** "15,5" (kg) -> 15500 g; null when it is not a weight up to 10 t with at most 3 decimals. */
export function kgToGrams(text: string): number | null {
  const match = /^(\d{1,5})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const grams = Number(match[1]) * 1000 + Number((match[2] ?? "").padEnd(3, "0"));
  return grams <= 10_000_000 ? grams : null;
}

/** 15500 g -> "15,5" (kg), exactly. */
export function gramsToKg(grams: number): string {
  const rest = String(grams % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return rest ? `${Math.trunc(grams / 1000)},${rest}` : String(Math.trunc(grams / 1000));
}

/** 89900 -> "899,00", exactly. */
export function centsToInput(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}
