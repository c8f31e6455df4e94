// French company and bank identifier checks, the same rules as the server
// (server/src/domain/identifiers.cpp): the form warns before the round trip.

/** Removes spaces (including no-break ones), dots and dashes; upper-cases. */
export function compact(text: string): string {
  return text.replace(/[\s.\-\u00a0\u202f]/g, "").toUpperCase();
}

function luhn(digits: string): boolean {
  let sum = 0;
  let twice = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 === 0;
}

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhn(siren);
}

/** 14 digits, Luhn; La Poste's establishments (SIREN 356000000) use a digit sum divisible by 5. */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith("356000000")) {
    return [...siret].reduce((sum, c) => sum + Number(c), 0) % 5 === 0;
  }
  return luhn(siret);
}

export function frenchVatKey(siren: string): number {
  return (12 + 3 * Number(BigInt(siren) % 97n)) % 97;
}

export function isValidVatNumber(vat: string): boolean {
  if (vat.startsWith("FR")) {
    const match = /^FR(\d{2})(\d{9})$/.exec(vat);
    if (!match || !isValidSiren(match[2]!)) return false;
    return Number(match[1]) === frenchVatKey(match[2]!);
  }
  return /^[A-Z]{2}[A-Z0-9]{2,13}$/.test(vat);
}

export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  if (iban.startsWith("FR") && iban.length !== 27) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const value = c >= "A" ? c.charCodeAt(0) - 55 : Number(c);
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

export function isValidBic(bic: string): boolean {
  return /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic);
}

/**
 * An e-invoicing address (docs/e-invoicing.md): empty (the SIREN is used), a SIREN followed by an
 * optional _suffix ("732829320_COMPTA"), or an e-mail. The server checks the same rule.
 */
export function isValidEInvoiceAddress(address: string): boolean {
  return /^$|^\d{9}(_[A-Za-z0-9_-]+)?$|^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
}
