/**
 * `<emzano-remote-verification>`'s calls to the host's endpoint (`createRemoteVerificationHandler`):
 * send, read a request's timeline, fetch its certificate. The live stream is the browser's own
 * EventSource (see the element's follow controller). Failures become a `RemoteFailure` whose
 * code the element words in the person's language.
 */
import { isRecord } from '../core/is-record.js';
import type { RemoteFieldProblem, RemoteRequestField, RemoteRequestInput } from '../core/remote-request.js';
import type { RemoteErrorCode, RemoteSendResult, RemoteVerificationTimeline } from '../core/remote-verification-contract.js';

export class RemoteFailure extends Error {
  constructor(
    readonly code: RemoteErrorCode,
    readonly details: {
      status?: number;
      problems?: Partial<Record<RemoteRequestField, RemoteFieldProblem>>;
      retryAfter?: number;
      /** The service's own `Res`, when it refused. */
      res?: number;
    } = {},
  ) {
    super(code);
    this.name = 'RemoteFailure';
  }

  /** Whether trying the same again can help. */
  get retryable(): boolean {
    return ![
      'not-allowed',
      'invalid-property',
      'validation',
      'remote-refused',
      'remote-unauthorized',
      'remote-not-found',
      'too-large',
    ].includes(this.code);
  }
}

const REASONS: Record<string, RemoteErrorCode> = {
  validation: 'validation',
  'not-allowed': 'not-allowed',
  'not-found': 'remote-not-found',
  'too-large': 'too-large',
  'remote-refused': 'remote-refused',
  'remote-busy': 'remote-busy',
  'remote-unauthorized': 'remote-unauthorized',
  'remote-unreachable': 'remote-unreachable',
  'certificate-not-ready': 'remote-certificate-not-ready',
};

const TIMEOUT_MS = 30_000;

async function call(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init, signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new RemoteFailure(
      error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : navigator.onLine === false ? 'offline' : 'network',
    );
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => undefined);
  const record = isRecord(body) ? body : {};
  const code =
    REASONS[String(record['reason'])] ??
    (response.status === 403 ? 'not-allowed' : response.status >= 500 ? 'remote-unreachable' : 'unknown');
  const retryAfter = Number(response.headers.get('retry-after') ?? record['retryAfter']);
  throw new RemoteFailure(code, {
    status: response.status,
    ...(isRecord(record['problems']) ? { problems: record['problems'] as Partial<Record<RemoteRequestField, RemoteFieldProblem>> } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
    ...(typeof record['res'] === 'number' ? { res: record['res'] } : {}),
  });
}

const joined = (endpoint: string, path: string) => `${endpoint.replace(/\/+$/, '')}${path}`;

export async function sendRemoteRequest(endpoint: string, input: RemoteRequestInput): Promise<RemoteSendResult> {
  const response = await call(joined(endpoint, '/send'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!isRecord(body) || typeof body['id'] !== 'string') throw new RemoteFailure('invalid-response');
  return { id: body['id'], ...(typeof body['credits'] === 'number' ? { credits: body['credits'] } : {}) };
}

export async function fetchRemoteTimeline(endpoint: string, id: string, signal?: AbortSignal): Promise<RemoteVerificationTimeline> {
  const response = await call(joined(endpoint, `/${encodeURIComponent(id)}`), { signal });
  const body: unknown = await response.json().catch(() => undefined);
  if (!isRecord(body) || body['id'] !== id || !Array.isArray(body['events'])) throw new RemoteFailure('invalid-response');
  return body as unknown as RemoteVerificationTimeline;
}

/** The certificate PDF; refused when what came is not one. */
export async function fetchRemoteCertificate(endpoint: string, id: string, signal?: AbortSignal): Promise<Blob> {
  const response = await call(joined(endpoint, `/${encodeURIComponent(id)}/certificate`), { signal });
  const blob = await response.blob();
  const head = new Uint8Array(await blob.slice(0, 5).arrayBuffer());
  if (String.fromCharCode(...head) !== '%PDF-') throw new RemoteFailure('remote-certificate-unreadable');
  return blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
}

export function remoteEventsUrl(endpoint: string, id: string): string {
  return joined(endpoint, `/${encodeURIComponent(id)}/events`);
}
