/**
 * The demo's remote-verification section (emulator mode): `<emzano-remote-verification>` sends an
 * SMS link through the host's endpoint; the video identity-verification emulator's simulated
 * person opens it and goes through the process over a few seconds (or, as chosen here, fails the
 * liveness check, gives up, or shows another document); each report reaches the element live.
 */
import type { EmzanoRemoteVerification } from '../src/components/remote-verification/emzano-remote-verification.js';

export function bindRemoteDemo(options: {
  element: EmzanoRemoteVerification;
  /** What the next simulated person does. */
  outcome: HTMLSelectElement;
  /** The element's own language (it also speaks Spanish; the rest of the page does not). */
  language: HTMLSelectElement;
  log: (name: string, detail: unknown) => void;
  enabled: boolean;
}): void {
  const { element, outcome, language, log } = options;
  // Real-service mode mounts no remote-verification endpoint: the section is not shown.
  const section = element.closest('section');
  if (section) section.hidden = !options.enabled;
  if (!options.enabled) return;
  language.addEventListener('change', () => {
    if (language.value === 'page') element.removeAttribute('lang');
    else element.lang = language.value;
  });
  // The choice is queued just before each send, so it applies to that person.
  element.addEventListener(
    'click',
    (event) => {
      const target = event.composedPath()[0] as HTMLElement;
      if (target.getAttribute('part')?.includes('primary-button')) {
        void fetch('/__video-id/outcomes', { method: 'POST', body: JSON.stringify({ outcomes: [outcome.value] }) });
      }
    },
    { capture: true },
  );
  for (const name of ['emzano-remote-sent', 'emzano-remote-status', 'emzano-error'] as const) {
    element.addEventListener(name, (event) => log(name, name === 'emzano-remote-status' ? { ...event.detail, event: '…' } : event.detail));
  }
}
