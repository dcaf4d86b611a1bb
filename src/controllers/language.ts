/**
 * One `MutationObserver` for every element on the page: a host page that switches language
 * (`<html lang>` or any ancestor's `lang`) re-renders each connected element once. Elements join
 * on connect and leave on disconnect; the observer stops when the last one leaves.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const connected = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

export class LanguageController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this.host);
    if (observer) return;
    observer = new MutationObserver(() => {
      for (const host of connected) host.requestUpdate();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    connected.delete(this.host);
    if (connected.size > 0) return;
    observer?.disconnect();
    observer = undefined;
  }
}

/** How many elements follow the page's language now (tests check that removal leaves none). */
export function languageListeners(): number {
  return connected.size;
}
