/**
 * Calls to the host's CLM endpoint (`createClmHandler`), which mirrors the CLM paths under its own
 * base and adds the credentials: the browser sends only its own cookies. Used by
 * `<emzano-document-status>` and by send mode (`<emzano-sign-pdf mode="send">`). Through the
 * shared `HttpClient`, so a refusal (401, 403, 413, CLM's `{code, message}`) reads the same as
 * anywhere else, never as a connection problem.
 */
import { readClmDocument, type ClmDocumentView } from '../core/clm-document.js';
import type { ExecuteFilePayload } from '../core/clm-send.js';
import { EmzanoError } from '../core/errors.js';
import { isRecord } from '../core/is-record.js';
import { HttpClient } from './http.js';

const http = new HttpClient();

function clmUrl(endpoint: string, path: string): string {
  return new URL(`${endpoint.replace(/\/$/, '')}${path}`, document.baseURI).href;
}

/** Get Document (`returnStructure=1`, the reference's sample), read into a typed view. Safe to repeat. */
export async function fetchClmDocument(endpoint: string, id: string, signal?: AbortSignal): Promise<ClmDocumentView> {
  const path = `/api/v1/clm/documents/${encodeURIComponent(id)}?returnStructure=1&onlyDetail=false`;
  const body = await http.send({ method: 'GET', url: clmUrl(endpoint, path), credentials: 'same-origin', idempotent: true, signal });
  const view = readClmDocument(body);
  if (!view) throw new EmzanoError('invalid-response');
  return view;
}

/** Execute File: starts the workflow; resolves with the new document's id. Never repeated by itself. */
export async function executeClmFile(endpoint: string, payload: ExecuteFilePayload, signal?: AbortSignal): Promise<string> {
  const url = clmUrl(endpoint, '/api/v1/clm/documents/execute/file');
  // A large PDF travels as base64: the same limit as an upload to Emzano.
  const body = await http.send({ method: 'POST', url, json: payload, credentials: 'same-origin', signal, timeoutMs: 120_000 });
  const id = isRecord(body) ? body['id'] : undefined;
  if (typeof id !== 'string' || id === '') throw new EmzanoError('invalid-response');
  return id;
}
