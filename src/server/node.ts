/**
 * Runs a Web-standard handler inside Node's `http` server, Express, Connect or Fastify (its raw
 * request and reply): `app.use('/api/emzano', toNodeListener(kit.fetch))`.
 *
 * Behind a body parser (`express.json()`, `express.urlencoded()`, `express.text()`,
 * `express.raw()`, mounted before the kit), the request's stream has been read already: the
 * listener then builds the body from what the parser left on `req.body` (the bytes or text as
 * they were; JSON and form fields written out again). A body it cannot rebuild (a multipart form a
 * parser took apart, a stream read by something that left nothing) is answered `500
 * body-already-read`, naming the fix, instead of a handler failing on a locked stream.
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
      const request = toRequest(req, options);
      const response = request ? await handler(request) : bodyAlreadyRead();
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

/** A request whose body a parser read before the kit, in a shape that cannot be written out again. */
function bodyAlreadyRead(): Response {
  const message =
    "The request's body was read before emzano-elements' handler (a body parser such as express.json(), express.urlencoded() " +
    'or multer, mounted before it) and cannot be rebuilt. Mount the kit before the body parsers, or mount them only on your own routes.';
  return Response.json({ reason: 'body-already-read', message }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * The body for the Web request: the stream itself when no one read it; else what a body parser
 * left on `req.body`; `null` when it was read and cannot be rebuilt.
 */
function bodyOf(req: IncomingMessage): { body: BodyInit; rebuilt: boolean } | null {
  const parsed = req as IncomingMessage & { body?: unknown; _body?: boolean };
  const read = req.readableEnded || parsed._body === true;
  if (!read) return { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, rebuilt: false };
  const { body } = parsed;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  // express.raw() keeps the bytes as they came.
  if (body instanceof Uint8Array) return { body: new Uint8Array(body), rebuilt: false };
  // express.text() decoded them (its charset, a BOM): the same text, perhaps not the same length.
  if (typeof body === 'string' && !type.includes('json')) return { body, rebuilt: true };
  if (body && typeof body === 'object') {
    if (type.includes('json')) return { body: JSON.stringify(body), rebuilt: true };
    if (type.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(body)) {
        const values = Array.isArray(value) ? value : [value];
        // A nested field (`extended: true`'s a[b]=c, a[]=1) has no one way back: refused rather than guessed.
        if (name.includes('[') || !values.every((item) => typeof item === 'string')) return null;
        for (const item of values as string[]) form.append(name, item);
      }
      return { body: form.toString(), rebuilt: true };
    }
  }
  // An empty body read is an empty body, whatever the parser left for it.
  if (req.headers['content-length'] === '0') return { body: '', rebuilt: true };
  return null;
}

/** The Web request for `req`; `null` when a body parser read its body and it cannot be rebuilt. */
export function toRequest(req: IncomingMessage, options: NodeListenerOptions = {}): Request | null {
  const origin = options.origin ?? `http://${req.headers.host ?? 'localhost'}`;
  // Express mounts strip the prefix from req.url; originalUrl keeps it.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? bodyOf(req) : undefined;
  if (body === null) return null;
  if (body?.rebuilt) {
    // Written out again, its length is not the one the client sent.
    headers.delete('content-length');
    headers.delete('transfer-encoding');
  }
  return new Request(new URL(path, origin), {
    method: req.method ?? 'GET',
    headers,
    body: body?.body,
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
