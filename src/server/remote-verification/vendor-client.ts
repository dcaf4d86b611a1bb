/**
 * Calls to the video identity-verification service (reference §2–§6): HTTP Basic with the API
 * user and token, a JSON body with `Resp: "JSON"` always set (left out, the service answers in an
 * old format), and the answer read leniently: wrapped in an array, numbers as strings (Ambiguities
 * 5 and 6). A connection that keeps failing gets blocked by the service (§2.1), so failures are
 * counted in the store, shared by every instance, and after a few of them calls wait, longer each time.
 */
import { bytesToBase64 } from '../../core/base64.js';
import { isRecord } from '../../core/is-record.js';
import type { KitStore } from '../store.js';

export interface VendorConfig {
  baseUrl: string;
  apiUser: string;
  apiToken: string;
  /** `Res` values that mean success; the reference shows only `10` (Ambiguity 2). */
  successCodes: readonly number[];
  fetch: typeof fetch;
  timeoutMs: number;
  backoff: BackoffPolicy;
  now: () => number;
}

export interface BackoffPolicy {
  /** Failures in a row before calls wait. Default 3. */
  after: number;
  /** The first wait, doubled at each further failure. Default 5 s. */
  initialSeconds: number;
  /** The longest wait. Default 10 minutes. */
  maxSeconds: number;
}

export type VendorFailure =
  /** Not reachable, timed out, or a 5xx. */
  | 'unreachable'
  /** 401/403: the API user and token were refused. The operator cannot fix this; the host must. */
  | 'unauthorized'
  /** 429: the service has blocked this connection for a while. */
  | 'blocked'
  /** We are waiting after repeated failures, and did not call. */
  | 'backing-off'
  /** A `Res` other than a success code. */
  | 'refused'
  /** An answer that is not what the reference describes. */
  | 'malformed';

export class VendorError extends Error {
  constructor(
    readonly failure: VendorFailure,
    message: string,
    readonly details: { res?: number; status?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'VendorError';
  }
}

interface BackoffState {
  failures: number;
  /** Unix ms before which no call is made. */
  until: number;
}

/** One call; the raw response once it passed the status checks (the caller reads the body). */
export async function callVendor(
  config: VendorConfig,
  store: KitStore,
  path: string,
  parameters: Record<string, unknown>,
): Promise<Response> {
  const state = (await store.get<BackoffState>('backoff')) ?? { failures: 0, until: 0 };
  const waitMs = state.until - config.now();
  if (waitMs > 0) {
    throw new VendorError('backing-off', 'The verification service failed several times in a row; calls wait before trying again.', {
      retryAfterSeconds: Math.ceil(waitMs / 1000),
    });
  }
  let response: Response;
  try {
    response = await config.fetch(`${config.baseUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${bytesToBase64(new TextEncoder().encode(`${config.apiUser}:${config.apiToken}`))}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, application/pdf',
      },
      body: JSON.stringify({ ...parameters, Resp: 'JSON' }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw await failed(
      config,
      store,
      new VendorError(
        'unreachable',
        timedOut ? 'The verification service did not answer in time.' : 'The verification service could not be reached.',
      ),
    );
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw await failed(
      config,
      store,
      new VendorError('unauthorized', 'The verification service refused the API user and token.', { status: response.status }),
    );
  }
  if (response.status === 429) {
    await response.body?.cancel();
    const retryAfter = Number(response.headers.get('retry-after'));
    throw await failed(
      config,
      store,
      new VendorError('blocked', 'The verification service has blocked calls for a while.', {
        status: 429,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      }),
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw await failed(
      config,
      store,
      new VendorError('unreachable', `The verification service answered ${response.status}.`, { status: response.status }),
    );
  }
  return response;
}

/** A call that went through: the failures in a row start again from none. */
export async function succeeded(store: KitStore): Promise<void> {
  if (await store.get<BackoffState>('backoff')) await store.remove('backoff');
}

/** Counts a failure and, past the policy's count, sets the next wait; returns the error to throw. */
export async function failed(config: VendorConfig, store: KitStore, error: VendorError): Promise<VendorError> {
  const state = (await store.get<BackoffState>('backoff')) ?? { failures: 0, until: 0 };
  const failures = state.failures + 1;
  const { after, initialSeconds, maxSeconds } = config.backoff;
  // The service's own block is waited out whatever the count; our wait starts after `after` failures.
  let until = Math.max(state.until, config.now() + (error.details.retryAfterSeconds ?? 0) * 1000);
  if (failures >= after) until = Math.max(until, config.now() + Math.min(maxSeconds, initialSeconds * 2 ** (failures - after)) * 1000);
  // Kept for a day after the last failure; a success removes it.
  await store.set<BackoffState>('backoff', { failures, until }, 86_400);
  return error;
}

/** The answer's one object: `[ { … } ]` or `{ … }`, its numbers read from strings too. */
export function readVendorAnswer(text: string): { res: number | undefined; fields: Record<string, unknown> } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  while (Array.isArray(parsed) && parsed.length === 1) parsed = parsed[0];
  if (!isRecord(parsed)) return undefined;
  const fields: Record<string, unknown> = {};
  // Names are case-insensitive (§2): keep them as the reference spells them.
  for (const [key, value] of Object.entries(parsed)) fields[CANONICAL[key.toLowerCase()] ?? key] = value;
  return { res: vendorNumber(fields['Res']), fields };
}

const CANONICAL: Record<string, string> = { res: 'Res', id: 'ID', cred: 'Cred' };

/** A number sent as a number or as a string (`"12000"`). */
export function vendorNumber(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}
