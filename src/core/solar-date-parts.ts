/**
 * The birth-date input works in parts (year, month, day), so the person picks among the days
 * the chosen Solar Hijri month really has. These helpers move between the parts and the
 * `yyyy-mm-dd` text the validation and Emzano take.
 */
import { isLeapJalaaliYear } from 'jalaali-js';
import { toLatinDigits } from './digits.js';

export interface DateParts {
  /** As typed (any digits); may be incomplete. */
  year: string;
  /** 1–12, or '' when not chosen. */
  month: string;
  /** 1–31, or '' when not chosen. */
  day: string;
}

export function splitSolarDate(text: string): DateParts {
  const match = /^\s*([^-/.\s]*)\s*[-/.]\s*(\d{0,2})\s*[-/.]\s*(\d{0,2})\s*$/.exec(toLatinDigits(text));
  if (!match) return { year: text, month: '', day: '' };
  const number = (part: string | undefined) => (part ? String(Number(part)) : '');
  return { year: match[1] ?? '', month: number(match[2]), day: number(match[3]) };
}

export function joinSolarDate({ year, month, day }: DateParts): string {
  if (year === '' && month === '' && day === '') return '';
  return `${year}-${month}-${day}`;
}

/**
 * Days in a Solar Hijri month: 31 for the first six, 30 for the next five, 29 for Esfand (30 in a
 * leap year). Unknown parts give the most a month could have, so nothing valid is hidden.
 */
export function daysInSolarMonth(yearText: string, monthText: string): number {
  const month = Number(monthText);
  if (!Number.isInteger(month) || month < 1 || month > 12) return 31;
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  const year = Number(toLatinDigits(yearText));
  if (!/^\d{4}$/.test(toLatinDigits(yearText))) return 30;
  return isLeapJalaaliYear(year) ? 30 : 29;
}

/** Keeps the chosen day within the month after the year or month changed. */
export function clampDay(parts: DateParts): DateParts {
  const day = Number(parts.day);
  const max = daysInSolarMonth(parts.year, parts.month);
  return parts.day !== '' && day > max ? { ...parts, day: String(max) } : parts;
}
