import { catalogEntry, type ErrorCode } from '../core/error-catalog.js';
import { en } from './en/common.js';
import { fa } from './fa/common.js';
import type { Language, Translation } from './types.js';

export type { Language, Translation };

/**
 * Each language's strings: the shared part here, each element's own part added by the element's
 * module (`addStrings`), so a page with one element carries that element's strings only.
 */
const dictionaries = { fa: { ...fa }, en: { ...en } } as Record<Language, Translation>;

/** Adds an element's own strings, in both languages. */
export function addStrings(strings: Record<Language, Partial<Translation>>): void {
  Object.assign(dictionaries.fa, strings.fa);
  Object.assign(dictionaries.en, strings.en);
}

/** Adds the titles (and, where the kind's general one does not fit, the explanations) of a provider's own steps. */
export function addStepTitles(titles: Record<Language, Record<string, string>>, intros?: Record<Language, Record<string, string>>): void {
  for (const language of ['fa', 'en'] as const) {
    const strings = dictionaries[language];
    strings.steps = { ...strings.steps, ...titles[language] };
    strings.stepIntros = { ...strings.stepIntros, ...intros?.[language] };
  }
}

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
