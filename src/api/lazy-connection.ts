/**
 * The API stack (HTTP client with retries and refresh, token session, Emzano clients) is not part
 * of the elements' initial code: it loads when first needed, and the elements ask for it as soon
 * as they are idle after their first render, so it is normally there before the person acts.
 */
import type { ConnectionSettings, EmzanoConnection } from './connection.js';

let stack: Promise<typeof import('./connection.js')> | undefined;

/** Loads the API stack once; a failed load (offline) is tried again on the next call. */
export function loadConnection(): Promise<typeof import('./connection.js')> {
  stack ??= import('./connection.js').catch((error: unknown) => {
    stack = undefined;
    throw error;
  });
  return stack;
}

/** `previous` when the settings are unchanged, otherwise a new connection (see EmzanoConnection.for). */
export async function connect(previous: EmzanoConnection | undefined, settings: ConnectionSettings): Promise<EmzanoConnection> {
  const { EmzanoConnection: Connection } = await loadConnection();
  return Connection.for(previous, settings);
}

/** Runs `task` when the page is idle (soon, at the latest): for fetching code ahead of need. */
export function preload(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 200);
}

/** Starts loading the API stack when the page is idle. */
export function preloadConnection(): void {
  preload(() => void loadConnection().catch(() => undefined));
}
