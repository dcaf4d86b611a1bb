/**
 * Runs a Web-standard handler inside Node's `http` server, Express or Connect:
 * `app.post('/api/emzano/token', toNodeListener(createTokenHandler({ apiKey })))`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export type WebHandler = (request: Request) => Promise<Response> | Response;

export interface NodeListenerOptions {
  /** Origin used to build `request.url` when the Host header is missing or untrusted. */
  origin?: string;
}

export function toNodeListener(handler: WebHandler, options: NodeListenerOptions = {}) {
  return async function nodeListener(req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): Promise<void> {
    res.once('finish', () => discardUnreadBody(req));
    try {
      const response = await handler(toRequest(req, options));
      await writeResponse(response, res);
    } catch (error) {
      if (next) next(error);
      else if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    }
  };
}

/**
 * An answer given without reading the whole body (a refusal before the upload is read): the rest
 * is read and thrown away, as Node does itself for a body no one started reading. Otherwise the
 * body, already handed to the Web stream, stays unread, the connection cannot carry the client's
 * next request, and that request waits for the keep-alive timeout and fails (ECONNRESET).
 */
function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete) return;
  req.removeAllListeners('data');
  req.resume();
}

export function toRequest(req: IncomingMessage, options: NodeListenerOptions = {}): Request {
  const origin = options.origin ?? `http://${req.headers.host ?? 'localhost'}`;
  // Express mounts strip the prefix from req.url; originalUrl keeps it.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(path, origin), {
    method: req.method ?? 'GET',
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Streams the response. The head is written only once the first chunk is in hand, so a body that
 * fails before producing anything drops the connection instead of sending a half answer.
 */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const reader = response.body?.getReader();
  // A client that goes away (a closed live stream, a cancelled download) cancels the body, so
  // the handler stops producing it.
  res.once('close', () => {
    if (!res.writableFinished) void reader?.cancel().catch(() => undefined);
  });
  let first: ReadableStreamReadResult<Uint8Array> | undefined;
  try {
    first = reader ? await reader.read() : undefined;
  } catch {
    res.destroy();
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!reader || !first || first.done) {
    res.end();
    return;
  }
  // Wait until the first bytes are on the wire, so a body failing right after them cuts a
  // started answer (the client sees an error) rather than discarding it unsent.
  await new Promise<void>((resolve) => res.write(first.value, () => resolve()));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
      if (res.destroyed) break;
    }
    res.end();
  } catch {
    res.destroy();
  }
}
