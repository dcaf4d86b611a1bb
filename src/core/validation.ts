/**
 * Input validation and normalisation for the identity fields.
 * Pure functions: the element shows the error key next to the field; the server kit uses
 * the same checks before it spends an Emzano call.
 */
import { isValidJalaaliDate, toJalaali } from 'jalaali-js';
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

const valid = <T>(value: T): Validated<T> => ({ ok: true, value });
const invalid = (error: ValidationError): Validated<never> => ({ ok: false, error });

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
export interface SolarHijriDate {
  year: number;
  month: number;
  day: number;
}

/** Oldest birth year we accept: anyone born before 1290 SH would be over 110 today. */
const MIN_BIRTH_YEAR = 1290;

/**
 * A Solar Hijri birth date typed as yyyy-mm-dd or yyyy/mm/dd (any digits), checked against the
 * real calendar (month lengths, leap years) and today's date; normalised to `yyyy-mm-dd`,
 * the form of the Emzano sample (`1370-01-01`).
 */
export function normalizeBirthDate(input: string, today: Date = new Date()): Validated {
  const text = toLatinDigits(input).trim();
  if (text === '') return invalid('required');
  const match = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(text);
  if (!match) return invalid('birth-date-format');
  const date: SolarHijriDate = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidJalaaliDate(date.year, date.month, date.day)) return invalid('birth-date-invalid');
  const now = toJalaali(today);
  const asNumber = (y: number, m: number, d: number) => y * 10000 + m * 100 + d;
  if (asNumber(date.year, date.month, date.day) > asNumber(now.jy, now.jm, now.jd)) {
    return invalid('birth-date-future');
  }
  if (date.year < MIN_BIRTH_YEAR) return invalid('birth-date-too-old');
  return valid(formatSolarHijri(date));
}

export function formatSolarHijri({ year, month, day }: SolarHijriDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

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
