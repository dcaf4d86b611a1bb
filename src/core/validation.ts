/**
 * Input validation and normalisation for the identity fields.
 * Pure functions: the element shows the error key next to the field; the server kit uses
 * the same checks before it spends an Emzano call.
 */
import { toLatinDigits } from './digits.js';

/** Why a value was rejected. Each key has a message in every language (see i18n). */
export type ValidationError =
  | 'required'
  | 'phone-invalid'
  | 'national-code-length'
  | 'national-code-checksum'
  | 'birth-date-format'
  | 'birth-date-invalid'
  | 'birth-date-future'
  | 'birth-date-too-old'
  | 'serial-invalid';

export type Validated<T = string> = { ok: true; value: T } | { ok: false; error: ValidationError };

export const valid = <T>(value: T): Validated<T> => ({ ok: true, value });
export const invalid = (error: ValidationError): Validated<never> => ({ ok: false, error });

/** Latin digits, no white space, no separators people commonly type (space, dash, dot, slash). */
function compact(input: string): string {
  return toLatinDigits(input).replace(/[\s\u200c\u200f\u200e\-./()]/g, '');
}

/**
 * Iranian mobile numbers: accepts 09xxxxxxxxx, +989xxxxxxxxx, 00989xxxxxxxxx, 989xxxxxxxxx and
 * 9xxxxxxxxx; normalises to the 11-digit 09… form the Emzano samples use.
 */
export function normalizePhoneNumber(input: string): Validated {
  const digits = compact(input);
  if (digits === '') return invalid('required');
  const match = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(digits);
  return match ? valid(`0${match[1]}`) : invalid('phone-invalid');
}

/**
 * Iranian national code (کد ملی): ten digits whose last is a check digit.
 * Codes written without their leading zeros (8 or 9 digits) are padded, as the registry does.
 */
export function normalizeNationalCode(input: string): Validated {
  const digits = compact(input);
  if (digits === '') return invalid('required');
  if (!/^\d{8,10}$/.test(digits)) return invalid('national-code-length');
  const code = digits.padStart(10, '0');
  if (/^(\d)\1{9}$/.test(code)) return invalid('national-code-checksum');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(code[i]) * (10 - i);
  const remainder = sum % 11;
  const expected = remainder < 2 ? remainder : 11 - remainder;
  return Number(code[9]) === expected ? valid(code) : invalid('national-code-checksum');
}

/** A Solar Hijri (Jalali) calendar date. */
/**
 * National-card serial. The reference does not define its shape (its sample is `12345`); the
 * serial printed on smart cards is 10 characters of digits and Latin letters. We accept 4 to 12
 * letters or digits and upper-case them, so a real serial and the sample both pass.
 */
export function normalizeCardSerial(input: string): Validated {
  const text = compact(input).toUpperCase();
  if (text === '') return invalid('required');
  return /^[0-9A-Z]{4,12}$/.test(text) ? valid(text) : invalid('serial-invalid');
}

/**
 * The normalised values when every check passed (`values`), and each failed check's message by
 * name (`errors`, empty when none failed).
 */
export function collectValid<K extends string, E extends string>(
  checks: Record<K, Validated>,
  message: (error: ValidationError) => E,
): { values: Record<K, string> | undefined; errors: Partial<Record<K, E>> } {
  const errors: Partial<Record<K, E>> = {};
  const values = {} as Record<K, string>;
  for (const name of Object.keys(checks) as K[]) {
    const result = checks[name];
    if (result.ok) values[name] = result.value;
    else errors[name] = message(result.error);
  }
  return { values: Object.keys(errors).length === 0 ? values : undefined, errors };
}
