import { clear, createStore, get } from 'idb-keyval';

/** Where the elements keep unfinished work (see src/store/attempt-store.ts). */
export const attempts = () => createStore('emzano-elements', 'attempts');

/** Forgets every attempt the elements kept in IndexedDB, so each test starts fresh. */
export function clearSavedAttempts(): Promise<void> {
  return clear(attempts());
}

/** How `<emzano-kyc>`'s keys start on this origin. */
export const KYC_PREFIX = `emzano-kyc:${location.origin}:`;

export const sha256 = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');

/** A kept `<emzano-kyc>` attempt, as far as the tests read it. */
export interface SavedKyc {
  step: string;
  values?: Record<string, string>;
  video?: unknown;
  strokes?: unknown[];
}

/** The work `namespace`'s element keeps for `scope` (persist-key), read as the store keeps it. */
export async function keptRecord<T>(namespace: 'emzano-kyc' | 'emzano-sign-pdf', scope = ''): Promise<{ value: T } | undefined> {
  const prefix = `${namespace}:${location.origin}:`;
  const pointer = await get<{ record: string }>(`${prefix}current:${await sha256(`scope:${scope}`)}`, attempts());
  return pointer ? get<{ value: T }>(`${prefix}attempt:${pointer.record}`, attempts()) : undefined;
}

/** The attempt `scope` (persist-key) points to, read as the store keeps it. */
export const savedRecord = (scope = '') => keptRecord<SavedKyc>('emzano-kyc', scope);

/** Resolves once the element has written its attempt at `step`, with what `holds` asks of it (saves are batched). */
export async function savedAt(step: string, holds: (saved: SavedKyc) => boolean = () => true, scope = ''): Promise<void> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const saved = await savedRecord(scope);
    if (saved?.value.step === step && holds(saved.value)) return;
    if (performance.now() > deadline) throw new Error(`nothing saved at step ${step}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Watches the page's reads of `namespace`'s kept work (`emzano-kyc`, `emzano-sign-pdf`) for
 * `scope` (persist-key): `decided()` resolves once an element has read where that scope's work
 * would be, and any record it pointed to, and has acted on what it found. A test that expects
 * nothing reopened checks then, instead of waiting a while.
 */
export function watchReopening(namespace: 'emzano-kyc' | 'emzano-sign-pdf', scope = '') {
  const original = IDBObjectStore.prototype.get;
  const prefix = `${namespace}:${location.origin}:`;
  let pointerRead = false;
  let running = 0;
  const pointer = sha256(`scope:${scope}`).then((hash) => `${prefix}current:${hash}`);
  let pointerKey: string | undefined;
  void pointer.then((key) => (pointerKey = key));
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
    const request = original.call(this, query);
    if (typeof query === 'string' && query.startsWith(prefix)) {
      running += 1;
      const done = () => {
        running -= 1;
        if (query === pointerKey) pointerRead = true;
      };
      request.addEventListener('success', done);
      request.addEventListener('error', done);
    }
    return request;
  };
  return {
    async decided(): Promise<void> {
      await pointer;
      const deadline = performance.now() + 10_000;
      // Read, nothing more being read, and the element's own continuation run (a task later).
      for (let quiet = 0; quiet < 2;) {
        if (performance.now() > deadline) throw new Error(`${namespace} never read its kept work`);
        await new Promise((resolve) => setTimeout(resolve, 0));
        quiet = pointerRead && running === 0 ? quiet + 1 : 0;
      }
    },
    stop(): void {
      IDBObjectStore.prototype.get = original;
    },
  };
}
