/**
 * Calls to the host's CLM endpoint (`createClmHandler`), which mirrors the CLM paths under its own
 * base and adds the credentials: the browser sends only its own cookies. Used by
 * `<emzano-document-status>` and by send mode (`<emzano-sign-pdf mode="send">`).
 */
import { readClmDocument, type ClmDocumentView } from '../core/clm-document.js';
import type { ExecuteFilePayload } from '../core/clm-send.js';
import { EmzanoError } from '../core/errors.js';

/** A call that hangs would stall whoever waits on it: give up after this long. */
const TIMEOUT_MS = 30_000;

async function clmRequest(endpoint: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const url = new URL(`${endpoint.replace(/\/$/, '')}${path}`, document.baseURI);
  const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS);
  const response = await fetch(url, {
    ...init,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...init.headers },
    signal,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    // CLM answers errors as {code, message}; some validation errors carry a message only.
    const code = typeof (body as { code?: unknown } | undefined)?.code === 'number' ? (body as { code: number }).code : 'network';
    throw new EmzanoError(code, { status: response.status });
  }
  return body;
}

/** Get Document (`returnStructure=1`, the reference's sample), read into a typed view. */
export async function fetchClmDocument(endpoint: string, id: string, signal?: AbortSignal): Promise<ClmDocumentView> {
  const path = `/api/v1/clm/documents/${encodeURIComponent(id)}?returnStructure=1&onlyDetail=false`;
  const view = readClmDocument(await clmRequest(endpoint, path, signal ? { signal } : {}));
  if (!view) throw new EmzanoError('invalid-response');
  return view;
}

/** Execute File: starts the workflow; resolves with the new document's id. */
export async function executeClmFile(endpoint: string, payload: ExecuteFilePayload, signal?: AbortSignal): Promise<string> {
  const body = await clmRequest(endpoint, '/api/v1/clm/documents/execute/file', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
  });
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') throw new EmzanoError('invalid-response');
  return id;
}
