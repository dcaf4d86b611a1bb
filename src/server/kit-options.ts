/** Small rules of the kit's configuration, shared by the kit and its sandbox switch. */

/** The options that were given: without the keys whose value is `undefined`. */
export function given<T extends object>(options: T): T;
export function given<T extends object>(options: T | undefined): T | undefined;
export function given<T extends object>(options: T | undefined): T | undefined {
  if (!options || typeof options !== 'object') return undefined;
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

export function normalizeBasePath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#]/.test(path)) {
    throw new TypeError('createEmzanoKit: `basePath` must be a path starting with "/" (e.g. "/api/emzano").');
  }
  return path.replace(/\/+$/, '');
}
