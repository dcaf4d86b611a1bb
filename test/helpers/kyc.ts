/** Driving <emzano-kyc> through its steps as a person would, for the browser tests. */
import { fixture, html } from '@open-wc/testing';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import { accessibleNames } from './a11y.js';
import { buttonNamed, findButton, type, until } from './dom.js';
import { testEnv } from './env.js';

export const PHONE = '۰۹۱۲ ۱۲۳ ۴۵۶۷';
export const NATIONAL_CODE = '0499370899';

export async function mountKyc(
  attributes: { signature?: string; lang?: string; cameraHiddenTimeout?: number; persistKey?: string } = {},
): Promise<EmzanoKyc> {
  const { apiBase, tokenEndpoint } = await testEnv();
  return fixture<EmzanoKyc>(html`
    <emzano-kyc
      token-endpoint=${tokenEndpoint}
      api-base=${apiBase}
      lang=${attributes.lang ?? 'en'}
      signature=${attributes.signature ?? 'optional'}
      max-duration="2"
      camera-hidden-timeout=${attributes.cameraHiddenTimeout ?? 30}
      persist-key=${attributes.persistKey ?? ''}
    ></emzano-kyc>
  `);
}

export const shadow = (element: EmzanoKyc) => element.shadowRoot!;
export const input = (element: EmzanoKyc, id: string) => shadow(element).getElementById(id) as HTMLInputElement;
/** The step is on screen: rendered (its code loaded, nothing pending) and not busy. */
export const stepIs = (element: EmzanoKyc, step: string) =>
  until(
    () => element.step === step && !element.isUpdatePending && !element.shadowRoot?.querySelector('[aria-busy="true"]'),
    `step ${step}`,
  );

/** Accessible names seen at every step of a run; each control must have one. */
export const namesSeen = new Set<string>();
export function recordNames(element: EmzanoKyc) {
  for (const name of accessibleNames(element)) namesSeen.add(name);
}

export async function enrol(element: EmzanoKyc) {
  recordNames(element);
  type(input(element, 'phone'), PHONE);
  type(input(element, 'national-code'), NATIONAL_CODE);
  buttonNamed(shadow(element), 'Continue').click();
}

export async function inquire(element: EmzanoKyc) {
  await stepIs(element, 'inquiry');
  await fillBirthDate(element, '۱۳۷۰', 1, 1);
  type(input(element, 'card-serial'), '12345');
  recordNames(element);
  buttonNamed(shadow(element), 'Look up').click();
  await until(() => shadow(element).querySelector('[part="person"]') !== null, 'registry details');
  recordNames(element);
}

export async function recordAndSend(element: EmzanoKyc) {
  await stepIs(element, 'video');
  await until(() => findButton(shadow(element), 'Start recording')?.disabled === false, 'camera and sentence ready');
  recordNames(element);
  await recordASecond(element, () => recordNames(element));
  recordNames(element);
  buttonNamed(shadow(element), 'Send video').click();
}

/**
 * Records for a second, as a person reads the sentence, on a video step whose camera is ready
 * (with `max-duration="2"`): Start, then Stop once the countdown reads one second left. On a
 * machine so busy that the countdown's second went by unseen, the recorder stopped by itself at
 * its limit, which is as good. `recording` runs while it records. Ends with the recording shown.
 */
export async function recordASecond(element: HTMLElement, recording: () => void = () => undefined): Promise<void> {
  const root = element.shadowRoot!;
  buttonNamed(root, 'Start recording').click();
  const playback = () => root.querySelector('[part="playback"]') !== null;
  await until(() => root.querySelector('[part="countdown"]')?.textContent === '1 second left' || playback(), 'a second recorded');
  if (!playback()) {
    recording();
    buttonNamed(root, 'Stop').click();
  }
  await until(playback, 'recorded playback');
}

/**
 * Chooses a Solar Hijri birth date the way a person does: types the year, picks the month, then
 * the day (whose list follows the month, so each part waits for the one before to show).
 */
export async function fillBirthDate(element: EmzanoKyc, year: string, month: number, day: number): Promise<void> {
  type(input(element, 'birth-year'), year);
  await element.updateComplete;
  for (const [id, value] of [
    ['birth-month', month],
    ['birth-day', day],
  ] as const) {
    const select = shadow(element).getElementById(id) as HTMLSelectElement;
    select.value = String(value);
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await element.updateComplete;
  }
}
