/**
 * The Solar Hijri birth date check. Kept apart from the other field checks because it needs the
 * calendar (jalaali-js): it loads with the inquiry step, not with the element.
 */
import { isValidJalaaliDate, toJalaali } from 'jalaali-js';
import { toLatinDigits } from './digits.js';
import { invalid, valid, type Validated } from './validation.js';

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
