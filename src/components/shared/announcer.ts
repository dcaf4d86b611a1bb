import { html } from 'lit';

/**
 * The element's one polite live region, visually hidden: recording countdown and upload
 * progress are announced here (errors use their own `role="alert"` box). It is always in the
 * DOM, so screen readers register it before its text first changes.
 */
export function renderAnnouncer(text: string) {
  return html`<div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${text}</div>`;
}
