/**
 * One place for HTTP: timeouts, Emzano's response envelope and error body, retries of requests
 * that are safe to repeat, and the 401 → refresh → replay dance. Clients above this file only
 * say what to send; no DOM here.
 */
import { addClientErrors, catalogEntry, isRegisteredClientError } from '../core/error-catalog.js';
import { EmzanoError, toEmzanoError } from '../core/errors.js';
import { isRecord } from '../core/is-record.js';
import { fetchWithUploadProgress } from './upload.js';

// The server kit's refusals of the caller (any element's host endpoint can answer them).
addClientErrors({
  'not-allowed': {
    retryable: false,
    fa: 'این سایت اجازهٔ این کار را نداد. دوباره وارد حساب خود شوید یا با پشتیبانی سایت تماس بگیرید.',
    en: "This site did not allow this. Please sign in again, or contact the site's support.",
  },
  'identity-taken': {
    retryable: false,
    fa: 'این هویت (شمارهٔ موبایل و کد ملی) در این سایت به حساب دیگری متصل است. با حساب خودتان وارد شوید یا با پشتیبانی سایت تماس بگیرید.',
    en: "This identity (mobile number and national code) is already linked to another account on this site. Sign in with your own account, or contact the site's support.",
  },
});

/** Supplies the bearer token and renews it once when the server rejects it. */
export interface AuthProvider {
  accessToken(): Promise<string>;
  refresh(): Promise<void>;
}

export interface HttpOptions {
  /** Replaced in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per-try time limit. */
  timeoutMs?: number;
  /** Tries for requests marked `idempotent` (the first one included). */
  maxAttempts?: number;
  /** First back-off delay; doubles each retry, plus up to the same again of random jitter. */
  retryDelayMs?: number;
  /**
   * Scheme put before the user token in `Authorization`. The reference does not say how user
   * tokens are presented; `Bearer` is the usual form, and `''` sends the bare token.
   */
  authScheme?: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** The URL, or how to work it out once the token is in hand (its base may come with the token). */
  url: string | (() => string);
  json?: unknown;
  /** A JSON body already assembled (a large upload built in parts, see json-file-body.ts). */
  jsonBlob?: Blob;
  form?: FormData;
  auth?: AuthProvider;
  /** Safe to send again after a network error, 429 or 5xx. */
  idempotent?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Cookies: the host's own token endpoint may rely on its session cookie; Emzano never needs them. */
  credentials?: RequestCredentials;
  /** `blob` for endpoints that stream a file (put-sign); errors are still read as JSON. */
  responseType?: 'json' | 'blob';
  /** Called with the share of the body sent (0–1); makes the request go through XMLHttpRequest. */
  onUploadProgress?: (fraction: number) => void;
  /** A service's own reading of a refusal (another provider's error shape), before Emzano's; `undefined` defers to it. */
  readError?: (status: number, body: unknown) => EmzanoError | undefined;
}

addClientErrors({
  'too-large': {
    retryable: false,
    fa: 'حجم آنچه فرستادید از حد مجاز سرور بیشتر است.',
    en: 'What you sent is larger than the server accepts.',
  },
});

const DEFAULTS = { timeoutMs: 30_000, maxAttempts: 3, retryDelayMs: 400, authScheme: 'Bearer' } as const;

export class HttpClient {
  private readonly options: Required<Omit<HttpOptions, 'fetch'>> & { fetch: typeof fetch | undefined };

  constructor(options: HttpOptions = {}) {
    this.options = { ...DEFAULTS, ...options, fetch: options.fetch };
  }

  /** Sends the request and returns the parsed JSON body (or `undefined` for an empty one). */
  async send(request: HttpRequest): Promise<unknown> {
    const attempts = request.idempotent ? this.options.maxAttempts : 1;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(request);
      } catch (thrown) {
        const error = toEmzanoError(thrown);
        if (error.status === 401 && request.auth && !refreshed) {
          refreshed = true;
          await request.auth.refresh();
          attempt--; // the replay after a refresh is not a retry
          continue;
        }
        if (attempt >= attempts || !shouldRetry(error) || request.signal?.aborted) throw error;
        await delay(backoff(attempt, this.options.retryDelayMs), request.signal);
      }
    }
  }

  private async sendOnce(request: HttpRequest): Promise<unknown> {
    const headers = new Headers({ Accept: 'application/json' });
    let body: BodyInit | undefined;
    if (request.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(request.json);
    } else if (request.jsonBlob) {
      headers.set('Content-Type', 'application/json');
      body = request.jsonBlob;
    } else if (request.form) {
      body = request.form; // the browser writes the multipart boundary itself
    }
    if (request.auth) {
      const token = await request.auth.accessToken();
      headers.set('Authorization', this.options.authScheme ? `${this.options.authScheme} ${token}` : token);
    }

    const url = typeof request.url === 'function' ? request.url() : request.url;
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const init: RequestInit = { method: request.method, headers, body, signal, credentials: request.credentials ?? 'omit' };
    // Uploads that report progress need XMLHttpRequest (fetch cannot tell how much was sent).
    const withProgress = request.onUploadProgress && typeof XMLHttpRequest !== 'undefined' && !this.options.fetch;
    const response = withProgress
      ? await fetchWithUploadProgress(url, init, request.onUploadProgress!)
      : await (this.options.fetch ?? globalThis.fetch.bind(globalThis))(url, init);
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    if (request.responseType === 'blob' && response.ok && !isJson) return response.blob();
    const payload = await readBody(response);
    if (!response.ok) throw request.readError?.(response.status, payload) ?? errorFromBody(response.status, payload);
    if (request.responseType === 'blob') {
      // A JSON answer where a file was expected: an envelope reporting failure, or nothing usable.
      unwrapEnvelope(payload);
      throw new EmzanoError('invalid-response', { status: response.status, detail: 'Expected a file, got JSON.' });
    }
    return payload;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok) throw new EmzanoError('invalid-response', { status: response.status, detail: text.slice(0, 200) });
    return text;
  }
}

/**
 * Emzano documents errors as HTTP 500 `{code, message}`; we also read the PascalCase envelope
 * (`{IsSuccess:false, Code, Message}`) because a real server may answer either way.
 */
export function errorFromBody(status: number, body: unknown): EmzanoError {
  if (isRecord(body)) {
    const rawCode = body['code'] ?? body['Code'];
    const rawMessage = body['message'] ?? body['Message'];
    const code = typeof rawCode === 'number' ? rawCode : Number.parseInt(String(rawCode ?? ''), 10);
    const detail = typeof rawMessage === 'string' ? rawMessage : undefined;
    // The server kit's refusals of the caller (not the input): sending the same again cannot help.
    if (status === 403 && body['reason'] === 'identity-taken') return new EmzanoError('identity-taken', { status, detail });
    if (status === 403 && body['reason'] === 'not-allowed') return new EmzanoError('not-allowed', { status, detail });
    // Any other refusal the server kit names, when the part that can meet it registered its message.
    const reason = body['reason'];
    if (typeof reason === 'string' && status >= 400 && isRegisteredClientError(reason)) return new EmzanoError(reason, { status, detail });
    if (Number.isFinite(code) && code > 0) return new EmzanoError(code, { status, detail });
    if (status === 401) return new EmzanoError('unauthorized', { status, detail });
  }
  if (status === 401 || status === 403) return new EmzanoError('unauthorized', { status });
  // The host's server (or a proxy before it) refused the body's size: sending it again cannot help.
  if (status === 413) return new EmzanoError('too-large', { status });
  if (status === 429 || status >= 500) return new EmzanoError(2, { status });
  return new EmzanoError(1, { status, detail: typeof body === 'string' ? body.slice(0, 200) : undefined });
}

/** Unwraps `{IsSuccess, Message, Code, Data}`; throws when `IsSuccess` is false. */
export function unwrapEnvelope(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) return {};
  if (body['IsSuccess'] === false || body['isSuccess'] === false) {
    throw errorFromBody(200, body);
  }
  const data = body['Data'] ?? body['data'];
  return isRecord(data) ? data : {};
}

/** Reads a field whichever casing the server used (`RandomText` or `randomText`). */
export function field(data: Record<string, unknown>, name: string): unknown {
  if (name in data) return data[name];
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return data[lower];
}

function shouldRetry(error: EmzanoError): boolean {
  if (error.code === 'network' || error.code === 'timeout') return true;
  if (error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504) return true;
  // Emzano answers every error with 500, so the status alone says nothing: ask the catalog.
  return error.status === 500 && catalogEntry(error.code).retryable;
}

function backoff(attempt: number, base: number): number {
  const exponential = base * 2 ** (attempt - 1);
  return exponential + Math.random() * exponential;
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new EmzanoError('aborted'));
      },
      { once: true },
    );
  });
}
