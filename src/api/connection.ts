/**
 * Everything an element needs to talk to Emzano: one HTTP client, the person's token session,
 * and the typed clients. Built from the element's attributes and rebuilt only when they change;
 * the session survives a change of API settings so the person stays signed in.
 */
import { DssClient } from './dss-client.js';
import { HttpClient } from './http.js';
import { DEFAULT_API_BASE } from './defaults.js';
import { KycClient } from './kyc-client.js';
import { EmzanoError } from '../core/errors.js';
import type { EmzanoSession } from '../core/token-contract.js';
import { TokenSession } from './session.js';
import { signDocument, type SignDocumentInput, type SignDocumentOptions } from './sign-document.js';

export interface ConnectionSettings {
  tokenEndpoint: string;
  apiBase: string;
  /** Scheme before the user token (`Bearer`, or `''` for the bare token). */
  authScheme: string;
  randomTextField: 'RandomText' | 'randomText';
}

export class EmzanoConnection {
  readonly session: TokenSession;
  readonly kyc: KycClient;
  readonly dss: DssClient;

  private constructor(
    readonly key: string,
    settings: ConnectionSettings,
    session: TokenSession | undefined,
  ) {
    const http = new HttpClient({ authScheme: settings.authScheme });
    this.session = session ?? new TokenSession(settings.tokenEndpoint, http);
    // A relative `api-base` is the page's (a worker's own address in a worker); in Node it must be absolute.
    const pageBase = typeof document === 'undefined' ? globalThis.location?.href : document.baseURI;
    // Asked for each request, once its token is in hand: the element's own `api-base`, else where
    // the host's endpoint said with the token (the sandbox, say), else Emzano's production API.
    const apiBase = () => new URL(settings.apiBase || this.session.apiBase || DEFAULT_API_BASE, pageBase).href;
    const randomTextField = settings.randomTextField === 'randomText' ? 'randomText' : 'RandomText';
    this.kyc = new KycClient({ apiBase, auth: this.session, http, randomTextField });
    this.dss = new DssClient({ apiBase, auth: this.session, http });
  }

  /**
   * The user who signs: a session handed over (by `<emzano-kyc>` or the host) is adopted; without
   * one, the token endpoint mints one for `userId` (the host's `authorize` must vouch for it).
   */
  async signingUser(handedOver: EmzanoSession | undefined, userId: string): Promise<string> {
    const { session } = this;
    if (handedOver && session.userId !== handedOver.userId) session.adopt(handedOver);
    if (session.userId) return session.userId;
    if (userId && session.endpoint) return (await session.start(userId)).userId;
    throw new EmzanoError('session-missing');
  }

  /** Signs a PDF through DSS: digest, the signer, put-sign (see `signDocument`). */
  signPdf(input: SignDocumentInput, options: SignDocumentOptions = {}): Promise<Blob> {
    return signDocument(this.dss, input, options);
  }

  /** `previous` when the settings are unchanged; otherwise a new connection (same session if the endpoint is). */
  static for(previous: EmzanoConnection | undefined, settings: ConnectionSettings): EmzanoConnection {
    const key = [settings.tokenEndpoint, settings.apiBase, settings.authScheme, settings.randomTextField].join('\n');
    if (previous?.key === key) return previous;
    const keepSession = previous?.session.endpoint === settings.tokenEndpoint ? previous.session : undefined;
    const connection = new EmzanoConnection(key, settings, keepSession);
    // Resumed before the page set the endpoint (a reload, a framework that sets it after connecting): the same user carries on.
    const waiting = previous && !previous.session.endpoint ? previous.session.userId : undefined;
    if (!keepSession && waiting) connection.session.resume(waiting);
    return connection;
  }
}
