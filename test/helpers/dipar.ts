/** The Dipar side of the browser tests: the emulator's controls, the host's result, and card photos to choose. */
import { fixture, html } from '@open-wc/testing';
import type { DiparRecordedRequest } from '../../demo/emulator/dipar/dipar-emulator.js';
import type { EmzanoKyc } from '../../src/components/kyc/emzano-kyc.js';
import type { DiparResult } from '../../src/server/dipar-handler.js';

async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/__dipar/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return (await response.json()) as T;
}

export const resetDipar = () => control('reset', {});
export const diparRequests = () => control<DiparRecordedRequest[]>('requests');
export const setDiparProfile = (profile: Record<string, unknown>) => control('profile', { profile });
/** The next videos' `AuthenticationStatus` (1 a match; 2 liveness, 3 no match, 4 extraction, 6 speech). */
export const queueVerdicts = (statuses: number[]) => control('verdicts', { statuses });
export const expireDiparTokens = () => control('expire-tokens', {});
export const setDiparFaults = (rules: unknown[]) => control('faults', { rules });
/** What the host's server reads back (`readResult`), its broker signature checked. */
export const diparResult = async () => (await (await fetch('/__dipar-result')).json()) as { result?: DiparResult | null; refused?: string };

/** The operator's full profile, as the emulator starts with it. */
export const FULL_PROFILE = {
  SignaturePermission: true,
  VideoPermission: true,
  AdmittancePermission: true,
  PersonDocumentTypePermission: [101, 102],
};

export async function mountDipar(attributes: { lang?: string } = {}): Promise<EmzanoKyc> {
  return fixture<EmzanoKyc>(html`
    <emzano-kyc provider="dipar" token-endpoint="/api/dipar" lang=${attributes.lang ?? 'en'} max-duration="2" persist="off"></emzano-kyc>
  `);
}

/**
 * A photo of a national card as a person would choose it: a card with lines of text on a table,
 * `blur` pixels out of focus, or with a reflection over it (`glare`).
 */
export async function cardPhoto(options: { blur?: number; glare?: boolean; side?: 'front' | 'back' } = {}): Promise<File> {
  const canvas = new OffscreenCanvas(1600, 1000);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#7a8a99';
  context.fillRect(0, 0, 1600, 1000);
  const card = new OffscreenCanvas(1600, 1000);
  const draw = card.getContext('2d')!;
  draw.fillStyle = '#dfe8ef';
  draw.fillRect(110, 110, 1380, 780);
  draw.fillStyle = '#1b2a3a';
  draw.font = 'bold 44px sans-serif';
  const line = options.side === 'back' ? 'سریال ۱۲۳۴۵ تاریخ انقضا ۱۴۱۰' : 'کارت هوشمند ملی 0499370899';
  for (let i = 0; i < 9; i++) draw.fillText(line, 180, 200 + i * 75);
  draw.fillStyle = '#c33';
  draw.fillRect(1180, 300, 220, 280);
  context.filter = options.blur ? `blur(${options.blur}px)` : 'none';
  context.drawImage(card, 0, 0);
  context.filter = 'none';
  if (options.glare) {
    const light = context.createRadialGradient(800, 480, 10, 800, 480, 260);
    light.addColorStop(0, 'rgb(255 255 255 / 100%)');
    light.addColorStop(0.6, 'rgb(255 255 255 / 100%)');
    light.addColorStop(1, 'rgb(255 255 255 / 0%)');
    context.fillStyle = light;
    context.fillRect(0, 0, 1600, 1000);
  }
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], `card-${options.side ?? 'front'}.png`, { type: 'image/png' });
}

/** Puts `file` in the document step's file input, as choosing it in the picker does. */
export function chooseFile(element: EmzanoKyc, file: File): void {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const root = (element: EmzanoKyc) => element.shadowRoot!;
const primary = (element: EmzanoKyc) => root(element).querySelector<HTMLButtonElement>('button.primary');
const pause = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `predicate` holds (every 50 ms), or fails naming `what`. A failure shown meanwhile
 * in `root` with Try again is tried again, as a person would.
 */
async function waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000, root?: ShadowRoot): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) {
      const shown = root?.querySelector('[role="alert"], [part="error"]')?.textContent?.trim();
      throw new Error(`Timed out waiting for ${what}${shown ? ` (shown: ${shown})` : ''}`);
    }
    const buttons = [...(root?.querySelectorAll<HTMLButtonElement>('[part="error"] button') ?? [])];
    buttons.find((button) => ['Try again', 'تلاش دوباره'].includes(button.textContent!.trim()))?.click();
    await pause();
  }
}

/** The step is on screen and idle (its code here, nothing running). */
export const diparStepReady = (element: EmzanoKyc, step: string) =>
  waitFor(() => element.step === step && !element.isUpdatePending && !root(element).querySelector('[aria-busy="true"]'), `step ${step}`);

/**
 * Passes the Dipar step on screen as a person would, in any language (by the parts and the main
 * button, not by the words): `looked` runs at each state worth looking at (an accessibility check).
 */
export async function passDiparStep(element: EmzanoKyc, looked: () => Promise<void> = async () => undefined): Promise<void> {
  const step = element.step;
  await diparStepReady(element, step);
  await looked();
  switch (step) {
    case 'signature': {
      const pad = root(element).querySelector('emzano-signature-pad') as HTMLElement & { updateComplete: Promise<boolean> };
      await pad.updateComplete;
      const { drawStroke } = await import('./dom.js');
      await drawStroke(pad.shadowRoot!.querySelector('canvas')!, [
        [20, 40],
        [80, 90],
        [160, 40],
      ]);
      break;
    }
    case 'video':
    case 'admittance':
      await waitFor(() => primary(element)?.disabled === false, 'camera and sentence', 15_000, root(element));
      primary(element)!.click();
      await waitFor(() => root(element).querySelector('[part="countdown"]') !== null, 'recording');
      await looked();
      {
        // Read aloud for a second: stopped once the countdown has moved on (the recorder's clock),
        // unless a busy machine let the recorder reach its limit and stop by itself first.
        const countdown = () => root(element).querySelector('[part="countdown"]')?.textContent;
        const playback = () => root(element).querySelector('[part="playback"]') !== null;
        const started = countdown();
        await waitFor(
          () => (countdown() !== undefined && countdown() !== started) || playback(),
          'a second recorded',
          15_000,
          root(element),
        );
        if (!playback()) primary(element)!.click();
      }
      await waitFor(() => root(element).querySelector('[part="playback"]') !== null, 'the recording', 30_000, root(element));
      await looked();
      break;
    case 'card-front':
    case 'card-back':
      await waitFor(() => root(element).querySelector('input[type="file"]') !== null, 'the document step');
      chooseFile(element, await cardPhoto({ blur: 6 }));
      await waitFor(() => root(element).querySelector('[part~="photo-problem"]') !== null, 'a blurred photo refused');
      await looked();
      chooseFile(element, await cardPhoto({ side: step === 'card-back' ? 'back' : 'front' }));
      await waitFor(() => root(element).querySelector('[part~="photo-accepted"]') !== null, 'a clear photo');
      await looked();
      break;
  }
  primary(element)!.click();
  await waitFor(() => element.step !== step || root(element).querySelector('[part="error"]') !== null, `leaving ${step}`, 30_000);
}
