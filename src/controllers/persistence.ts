/**
 * Keeps an element's unfinished work across reloads (IndexedDB through `AttemptStore`): a burst
 * of changes is written once after a short pause, what is pending is written at once when the
 * page is hidden for good (`pagehide`) or the element leaves the DOM, and records older than the
 * age limit are dropped. `persist="off"` (the element's `enabled()` answering false) stores nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttemptStore } from '../store/attempt-store.js';

/** The store (idb-keyval behind it) is not initial code: it loads when the element connects. */
let storeCode: Promise<typeof import('../store/attempt-store.js')> | undefined;
const loadStoreCode = () => (storeCode ??= import('../store/attempt-store.js'));

export interface PersistenceOptions<T> {
  /** Keeps one element's records apart from another's (`emzano-kyc`, `emzano-sign-pdf`). */
  namespace: string;
  /** Whether anything may be stored now (`persist` is not `off`). */
  enabled: () => boolean;
  /** What to write: the attempt's id and its record, or `undefined` when there is nothing to keep yet. */
  snapshot: () => { id: string; value: T } | undefined;
  /** How long edits are gathered before one write. Default 250 ms. */
  delayMs?: number;
  /** Records older than this are dropped. Default 24 h. */
  maxAgeMs?: number;
  /**
   * Whose work this is (the host's `persist-key`, an opaque id of its signed-in user; `''` for
   * none): only work saved under the same scope is reopened.
   */
  scope?: () => string;
}

export class PersistenceController<T> implements ReactiveController {
  private store: Promise<AttemptStore<T>> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PersistenceOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener('pagehide', this.flush);
    // Loaded now, so a save on leaving the page never waits for code.
    if (this.options.enabled()) void this.attempts().catch(() => undefined);
  }

  hostDisconnected(): void {
    this.flush();
    globalThis.removeEventListener('pagehide', this.flush);
  }

  /** Writes a moment later, so a burst of changes (typing, strokes, drags) is written once. */
  schedule(): void {
    if (!this.options.enabled()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.options.delayMs ?? 250);
  }

  /** Writes what is pending now rather than after the pause. */
  readonly flush = (): void => {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.save();
  };

  /** Writes now (a new recording: the hardest thing for the person to redo). */
  async save(): Promise<void> {
    if (!this.options.enabled()) return;
    const snapshot = this.options.snapshot();
    // Private browsing may refuse storage: the flow goes on without it.
    if (snapshot)
      await this.attempts()
        .then((store) => store.save(this.scope(), snapshot.id, snapshot.value))
        .catch(() => undefined);
  }

  /** The latest unfinished record, if any, not too old, and storing is on. */
  async latest(): Promise<{ id: string; value: T } | undefined> {
    if (!this.options.enabled()) return undefined;
    return this.attempts()
      .then((store) => store.latest(this.scope()))
      .catch(() => undefined);
  }

  /** Forgets the record `id` and anything pending (the work is finished, or the person started over). */
  async forget(id: string | undefined): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (id !== undefined && this.options.enabled())
      await this.attempts()
        .then((store) => store.clear(this.scope(), id))
        .catch(() => undefined);
  }

  /** Forgets everything this element kept on this site, whoever's it was, and anything pending. */
  async forgetAll(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.attempts()
      .then((store) => store.clearAll())
      .catch(() => undefined);
  }

  private scope(): string {
    return this.options.scope?.() ?? '';
  }

  private attempts(): Promise<AttemptStore<T>> {
    this.store ??= loadStoreCode().then(({ AttemptStore }) => new AttemptStore<T>(this.options.namespace, this.options.maxAgeMs));
    // Offline before the code arrived: the next call tries again.
    this.store.catch(() => (this.store = undefined));
    return this.store;
  }
}
