import { catalogEntry, type ErrorCode } from '../core/error-catalog.js';
import { en } from './en.js';
import { fa } from './fa.js';
import type { Language, Translation } from './types.js';

export type { Language, Translation };

const dictionaries: Record<Language, Translation> = { fa, en };

/** Maps any BCP 47 tag to a language we speak; Persian when unknown (the product's first language). */
export function resolveLanguage(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'en' ? 'en' : 'fa';
}

export function translation(language: Language): Translation {
  return dictionaries[language];
}

/** The person-facing message for an error code, in their language. */
export function errorMessage(code: ErrorCode, language: Language): string {
  return catalogEntry(code)[language];
}
