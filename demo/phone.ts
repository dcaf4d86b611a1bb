/**
 * The demo's page for the phone (`handoff-url` of the main page's `<emzano-kyc>`): the element
 * alone, which takes over from the desktop with the code in this page's address.
 */
import '../src/emzano-kyc.js';
import type { EmzanoKyc } from '../src/components/kyc/emzano-kyc.js';

const kyc = document.querySelector<EmzanoKyc>('#kyc')!;
const language = document.querySelector<HTMLSelectElement>('#language')!;
const labels = { fa: 'زبان', en: 'Language' };
function applyLanguage(lang: 'fa' | 'en') {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
  document.querySelector('[data-i18n="language"]')!.textContent = labels[lang];
}
language.addEventListener('change', () => applyLanguage(language.value as 'fa' | 'en'));

const config = (await (await fetch('/__demo/config.json')).json()) as { apiBase: string; tokenEndpoint: string; handoffEndpoint: string };
kyc.apiBase = config.apiBase || location.origin;
kyc.tokenEndpoint = config.tokenEndpoint;
kyc.handoffEndpoint = config.handoffEndpoint;
document.documentElement.dataset['ready'] = 'true';
