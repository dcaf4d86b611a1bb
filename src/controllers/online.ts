/**
 * Work that failed because the browser went offline runs again by itself once it is back online,
 * but only while the element is on the page: the listener goes with the element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { EmzanoError } from '../core/errors.js';

/** Failures that mean "the connection", not "the server said no". */
const CONNECTION_FAILURES = new Set<unknown>(['network', 'timeout', 'pdf-load-failed']);

export class OnlineController implements ReactiveController {
  /** The latest action waiting for the connection; a newer failure replaces it. */
  private pending: (() => void) | undefined;
  private listening = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * A connection failure while the browser is offline becomes `offline`, and `resume` runs once
   * the browser is back (if the element is still connected). Any other failure is returned as is.
   */
  offlineAware(error: EmzanoError, resume: () => void): EmzanoError {
    if (!CONNECTION_FAILURES.has(error.code) || typeof navigator === 'undefined' || navigator.onLine) return error;
    this.pending = resume;
    this.listen();
    return new EmzanoError('offline', { cause: error });
  }

  /** Nothing waits any more (the person retried by hand, or started over). */
  cancel(): void {
    this.pending = undefined;
    this.stopListening();
  }

  hostConnected(): void {
    if (this.pending) this.listen();
  }

  hostDisconnected(): void {
    // The action stays pending: an element moved in the DOM picks it up when it is back.
    this.stopListening();
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    globalThis.addEventListener('online', this.handleOnline);
  }

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    globalThis.removeEventListener('online', this.handleOnline);
  }

  private readonly handleOnline = () => {
    const resume = this.pending;
    this.cancel();
    resume?.();
  };
}
