/**
 * Digit handling shared by validation (input) and i18n (display).
 * People type Persian (۰–۹), Arabic-Indic (٠–٩) or Latin digits depending on their keyboard;
 * everything we send to a server uses Latin digits.
 */

const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;

/** Replaces Persian and Arabic-Indic digits with Latin ones; leaves everything else alone. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/** Replaces Latin digits with Persian ones, for display in a Persian interface. */
export function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(PERSIAN_ZERO + Number(digit)));
}
