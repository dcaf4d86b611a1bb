/**
 * The one request pipeline every route of the server kit goes through, in this order:
 * method → origin and the host's rate limit → a bounded body → parse and validate (the route's
 * schema) → `authorize` with the route's action → act → one error envelope.
 *
 * Every refusal answers `{ reason, message }` (plus fields of the route's own, such as `problems`
 * or the token endpoint's `code`), with the status the route documents. An unexpected error is
 * handed to the host's `onError` (the route's name and the error, whose message the kit never
 * writes personal data into) and answered `500 { reason: 'internal' }`: never a stack, never an
 * upstream detail.
 */
import { askHost, type Authorize } from './authorize.js';
import { BodyTooLarge, guardRequest, readLimitedText, type GuardOptions } from './request-guards.js';
import { json } from './responses.js';

/** Every refusal's body: a stable reason, a sentence for the developer, and fields of the route's own. */
export interface RefusalBody {
  reason: string;
  message: string;
  [field: string]: unknown;
}

/** A refusal a route answers (or throws, from deep inside its work): one status, one envelope. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: RefusalBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'Refusal';
  }

  toResponse(): Response {
    return json(this.body, this.status, this.headers);
  }
}

export function refusal(
  status: number,
  reason: string,
  message: string,
  fields: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Refusal {
  return new Refusal(status, { ...fields, reason, message }, headers);
}

/** What the host hears of an unexpected error: which route, and the error (for its own logs). */
export interface KitErrorContext {
  route: string;
  method: string;
}

export interface PipelineOptions extends GuardOptions {
  /** The host's hook for unexpected errors (a failed store, a bug): log them; the browser gets `500 internal`. */
  onError?: (error: unknown, context: KitErrorContext) => void;
}

/** What a route asks its parser with. */
export interface RouteRequest {
  request: Request;
  url: URL;
  /** The JSON body (`undefined` for a route that reads none, or an empty body). */
  body: unknown;
  /** The body as it came, for a route that forwards it unchanged. */
  text: string;
}

export interface RouteContext<Input> {
  request: Request;
  url: URL;
  input: Input;
  /** The host's signed-in user (empty on a server-to-server route). */
  subject: string;
  /** The host's whole `authorize` answer (empty on a server-to-server route). */
  granted: Readonly<Record<string, unknown>>;
  /** The body as it came (empty for a route that reads none). */
  text: string;
}

export interface RouteDefinition<Input, Action> {
  /** The route's name, for `onError` and the docs' refusal table. */
  name: string;
  methods: readonly string[];
  /** Largest body read, in bytes (the route applies the host's `maxBodyBytes` where it takes one); 0 for none. */
  maxBodyBytes: number;
  /** The route's schema: the input, or the refusal that names what is wrong (400 `bad-request` by default). */
  parse(request: RouteRequest): Input | Refusal | Promise<Input | Refusal>;
  /** Browser routes: what the host's `authorize` is asked for this input. */
  action?: (input: Input) => Action;
  /**
   * Whether this input's action is made for a visitor who is not signed in, so that the host may
   * answer `{ anonymous: true }` (the route then acts with an empty subject). Never by default.
   */
  anonymous?: (input: Input) => boolean;
  /**
   * How the body is read: `json` (default; a body that is not JSON is refused) or `text` (the
   * route parses it itself, as a vendor's callback that may post a form).
   */
  body?: 'json' | 'text';
  /** Told of every refusal the pipeline answers before the route acts (for a handler's own events). */
  onRefused?: (status: number) => void;
  authorize?: Authorize<Action>;
  /**
   * Server-to-server routes (a service's callback) instead: who is calling, checked before the
   * body is read (a URL secret, a signature header); a refusal, or `undefined` to go on.
   */
  caller?: (request: Request, url: URL) => Refusal | undefined | Promise<Refusal | undefined>;
  act(context: RouteContext<Input>): Promise<Response>;
}

const METHOD_MESSAGE = 'This method is not allowed here.';

/** One route on the pipeline: `(request) => Response`, never throwing. */
export function route<Input, Action>(definition: RouteDefinition<Input, Action>, options: PipelineOptions) {
  // Fail closed: a route says who may call it, the host's authorize or a caller check of its own.
  const { authorize, action, caller } = definition;
  if (!caller && (typeof authorize !== 'function' || typeof action !== 'function')) {
    throw new TypeError(`The route ${definition.name} says neither whom the host authorizes nor how its caller is checked.`);
  }
  return async function handleRoute(request: Request): Promise<Response> {
    try {
      return await run(request);
    } catch (error) {
      if (error instanceof Refusal) definition.onRefused?.(error.status);
      if (error instanceof Refusal) return error.toResponse();
      try {
        options.onError?.(error, { route: definition.name, method: request.method });
      } catch {
        // The host's logger failing is no reason to answer anything else.
      }
      return refusal(500, 'internal', 'Something went wrong on the server. Please try again.').toResponse();
    }
  };

  function refused(response: Response): Response {
    definition.onRefused?.(response.status);
    return response;
  }

  async function run(request: Request): Promise<Response> {
    if (!definition.methods.includes(request.method)) {
      return refused(refusal(405, 'method-not-allowed', METHOD_MESSAGE, {}, { Allow: definition.methods.join(', ') }).toResponse());
    }
    // A service's own call (a callback, a webhook) is not held to the host's rate limit for browsers:
    // its caller is proven by a secret just below, and a limit meant for visitors would drop its reports.
    const guarded = await guardRequest(request, caller ? { ...options, rateLimit: undefined } : options);
    if (guarded) return refused(guarded);
    const url = new URL(request.url);
    const unknownCaller = caller && (await caller(request, url));
    if (unknownCaller) return refused(unknownCaller.toResponse());
    let body: unknown;
    let text = '';
    if (definition.maxBodyBytes > 0 && request.method !== 'GET' && request.method !== 'HEAD') {
      try {
        text = await readLimitedText(request, definition.maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refused(refusal(413, 'too-large', 'The request is too large.').toResponse());
        throw error;
      }
      if (definition.body !== 'text' && text.trim() !== '') {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          return refused(refusal(400, 'bad-request', 'The body must be JSON.').toResponse());
        }
      }
    }
    const parsed = await definition.parse({ request, url, body, text });
    if (parsed instanceof Refusal) return refused(parsed.toResponse());
    if (caller) return definition.act({ request, url, input: parsed, subject: '', granted: {}, text });
    const asked = await askHost(authorize!, request, action!(parsed), definition.anonymous?.(parsed) ?? false);
    if ('refusal' in asked) return refused(asked.refusal);
    return definition.act({ request, url, input: parsed, subject: asked.subject, granted: asked.granted, text });
  }
}

/** A route with the paths it answers, for a handler that serves several. */
export interface MountedRoute {
  name: string;
  /** Whether this route answers the path (and, where two routes share a path, the method). */
  matches(url: URL, method: string): boolean;
  handle(request: Request): Promise<Response>;
}

export function mount<Input, Action>(
  definition: RouteDefinition<Input, Action> & { matches(url: URL, method: string): boolean },
  options: PipelineOptions,
): MountedRoute {
  return { name: definition.name, matches: definition.matches, handle: route(definition, options) };
}

/** One handler for several routes: the first whose paths match answers; no match is `404 not-found`. */
export function router(routes: readonly MountedRoute[]): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const chosen = routes.find((candidate) => candidate.matches(url, request.method));
    return chosen ? chosen.handle(request) : refusal(404, 'not-found', 'Not a path this endpoint answers.').toResponse();
  };
}
