/**
 * The value types Emzano CLM templates declare for their fields (`_REQUIRED_TEXT`,
 * `_OPTIONAL_URL`, …; CLM reference §2.2), each with its check. Pure: used by the server kit's
 * template payload builder, and usable anywhere a form collects these values.
 */
import { toLatinDigits } from './digits.js';
import { normalizeNationalCode, normalizePhoneNumber } from './validation.js';

export type ClmValueType =
  | 'TEXT'
  | 'NUMBER'
  | 'PRICE_NUMBER'
  | 'PRICE_TEXT'
  | 'SHEBA'
  | 'EMAIL'
  | 'ENGLISH_TEXT'
  | 'PERSIAN_TEXT'
  | 'PHONE'
  | 'NATIONALCODE'
  | 'URL';

/** A placeholder as the templates write it, e.g. `_REQUIRED_SHEBA` or `_OPTIONAL_URL`. */
export type ClmPlaceholder = `_${'REQUIRED' | 'OPTIONAL'}_${ClmValueType}`;

export type ClmFieldError = 'required' | 'invalid';

export type ClmFieldCheck = { ok: true; value: string } | { ok: false; error: ClmFieldError; reason: string };

const PERSIAN_LETTERS = '\u0621-\u063A\u0641-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u06C0\u0654\u200C';
const PERSIAN_TEXT = new RegExp(`^[${PERSIAN_LETTERS}\\u064B-\\u0652\\u06F0-\\u06F90-9\\s.,،؛:!?؟«»()\\-/]+$`);
const PERSIAN_WORDS = new RegExp(`^[${PERSIAN_LETTERS}\\s]+$`);
const ENGLISH_TEXT = /^[A-Za-z0-9\s.,;:!?'"()\-/&@#%+]+$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const ok = (value: string): ClmFieldCheck => ({ ok: true, value });
const bad = (reason: string): ClmFieldCheck => ({ ok: false, error: 'invalid', reason });

/** Reads a placeholder: its type and whether a value is mandatory; `undefined` when it is not one. */
export function parsePlaceholder(text: string): { type: ClmValueType; required: boolean } | undefined {
  const match = /^_(REQUIRED|OPTIONAL)_([A-Z_]+)$/.exec(text.trim());
  if (!match || !(CHECKS as Record<string, unknown>)[match[2]!]) return undefined;
  return { type: match[2] as ClmValueType, required: match[1] === 'REQUIRED' };
}

/**
 * Checks and normalises a value of a type: digits in any script become Latin, phones and
 * national codes take their canonical form, amounts lose their separators.
 */
export function checkClmValue(type: ClmValueType, input: string, required: boolean): ClmFieldCheck {
  const value = input.trim();
  if (value === '') return required ? { ok: false, error: 'required', reason: 'A value is required.' } : ok('');
  return CHECKS[type](value);
}

const CHECKS: Record<ClmValueType, (value: string) => ClmFieldCheck> = {
  TEXT: (value) => ok(value),
  NUMBER: (value) => {
    const latin = toLatinDigits(value);
    return /^-?\d+(\.\d+)?$/.test(latin) ? ok(latin) : bad('Not a number.');
  },
  PRICE_NUMBER: (value) => {
    // Thousands separators are common in amounts (1,250,000 or ۱٬۲۵۰٬۰۰۰); the value is digits.
    const latin = toLatinDigits(value).replace(/[,\u066C\s]/g, '');
    return /^\d+$/.test(latin) ? ok(latin) : bad('An amount in digits, without decimals.');
  },
  PRICE_TEXT: (value) => (PERSIAN_WORDS.test(value) ? ok(value.replace(/\s+/g, ' ')) : bad('An amount written in Persian words.')),
  SHEBA: (value) => {
    const sheba = toLatinDigits(value).replace(/[\s-]/g, '').toUpperCase();
    const full = /^\d{24}$/.test(sheba) ? `IR${sheba}` : sheba;
    if (!/^IR\d{24}$/.test(full)) return bad('IR followed by 24 digits.');
    return ibanChecksumValid(full) ? ok(full) : bad('The check digits do not match.');
  },
  EMAIL: (value) => (EMAIL.test(value) ? ok(value) : bad('Not an email address.')),
  ENGLISH_TEXT: (value) => (ENGLISH_TEXT.test(value) ? ok(value) : bad('English letters only.')),
  PERSIAN_TEXT: (value) => (PERSIAN_TEXT.test(value) && /[\u0600-\u06FF]/.test(value) ? ok(value) : bad('Persian letters only.')),
  PHONE: (value) => {
    const phone = normalizePhoneNumber(value);
    return phone.ok ? ok(phone.value) : bad('A mobile number, 09xxxxxxxxx.');
  },
  NATIONALCODE: (value) => {
    const code = normalizeNationalCode(value);
    return code.ok ? ok(code.value) : bad('Not a valid national code.');
  },
  URL: (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? ok(url.href) : bad('An http(s) address.');
    } catch {
      return bad('Not an address.');
    }
  },
};

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const ONES = ['', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'];
const TEENS = ['ده', 'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'];
const TENS = ['', '', 'بیست', 'سی', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود'];
const HUNDREDS = ['', 'صد', 'دویست', 'سیصد', 'چهارصد', 'پانصد', 'ششصد', 'هفتصد', 'هشتصد', 'نهصد'];
const SCALES = ['', 'هزار', 'میلیون', 'میلیارد', 'تریلیون'];

function belowThousand(value: number): string[] {
  const parts: string[] = [];
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  if (hundreds) parts.push(HUNDREDS[hundreds]!);
  if (rest >= 10 && rest < 20) parts.push(TEENS[rest - 10]!);
  else {
    if (rest >= 20) parts.push(TENS[Math.floor(rest / 10)]!);
    if (rest % 10) parts.push(ONES[rest % 10]!);
  }
  return parts;
}

/**
 * An amount in Persian words, as contracts write it beside the digits (`_PRICE_TEXT`):
 * 1250000 → «یک میلیون و دویست و پنجاه هزار». Whole, non-negative amounts below 10¹⁵.
 */
export function amountInPersianWords(amount: number | string): string {
  const value = typeof amount === 'number' ? amount : Number(toLatinDigits(String(amount)).replace(/[,\u066C\s]/g, ''));
  if (!Number.isSafeInteger(value) || value < 0 || value >= 1e15) throw new RangeError(`Not a whole amount below 10^15: ${amount}`);
  if (value === 0) return 'صفر';
  const groups: string[] = [];
  let rest = value;
  for (let scale = 0; rest > 0; scale++, rest = Math.floor(rest / 1000)) {
    const group = rest % 1000;
    if (group) groups.unshift([belowThousand(group).join(' و '), SCALES[scale]].filter(Boolean).join(' '));
  }
  return groups.join(' و ');
}
