import { EmzanoError } from '../core/errors.js';

/**
 * A failed request while the browser is offline is not the server's fault: report it as
 * `offline` and run `resume` by itself once the browser is back online, keeping what the person did.
 * Any other failure is returned unchanged.
 */
export function offlineAware(error: EmzanoError, resume: () => void): EmzanoError {
  const connectionFailed = error.code === 'network' || error.code === 'timeout' || error.code === 'pdf-load-failed';
  if (!connectionFailed || typeof navigator === 'undefined' || navigator.onLine) return error;
  globalThis.addEventListener('online', () => resume(), { once: true });
  return new EmzanoError('offline', { cause: error });
}
