/**
 * The person's Emzano user token, obtained from and renewed through the host's token endpoint.
 * Held in memory only: a token never touches storage.
 */
import { EmzanoError } from '../core/errors.js';
import { parseHandoffStatus, type HandoffStatus, type PhoneHandoff } from '../core/handoff-contract.js';
import { isRecord } from '../core/is-record.js';
import { NO_PROGRESS } from '../core/kyc-flow.js';
import { parseTokenGrant, type EmzanoSession, type EnrolRequest, type TokenGrant } from '../core/token-contract.js';
import type { AuthProvider, HttpClient } from './http.js';

/** Renew this long before the token's stated expiry, so a request in flight does not race it. */
const EXPIRY_MARGIN_MS = 30_000;

export class TokenSession implements AuthProvider {
  private current: TokenGrant | undefined;
  private resumable: string | undefined;
  private refreshing: Promise<void> | undefined;
  private resuming: Promise<TokenGrant> | undefined;
  /** On a phone that took over from a desktop: the handoff whose key renews the session (no refresh token). */
  private handoff: PhoneHandoff | undefined;
  /** And the host's handoff endpoint that renews it. */
  private handoffEndpoint = '';
  /** The `apiBase` of the last grant, kept while a renewal is under way (the current one is cleared then). */
  private lastApiBase: string | undefined;

  constructor(
    readonly endpoint: string,
    private readonly http: HttpClient,
    private readonly now: () => number = Date.now,
  ) {}

  get grant(): TokenGrant | undefined {
    return this.current;
  }

  get userId(): string | undefined {
    return this.current?.userId ?? this.resumable;
  }

  /**
   * After a reload the user id is known but no token is (tokens are never stored): the first
   * request asks the host's endpoint for a token for that user, never a second enrolment.
   */
  resume(userId: string): void {
    if (this.current?.userId === userId) return;
    this.current = undefined;
    this.resumable = userId;
  }

  /** Enrols the person through the host (which calls Emzano with its API key). Never retried. */
  async enrol(input: EnrolRequest, signal?: AbortSignal): Promise<TokenGrant> {
    const { grant } = await this.post(input, false, signal);
    this.current = grant;
    return grant;
  }

  /** Asks the host for a token for a user who already finished KYC (it must authorise this). */
  async start(userId: string, signal?: AbortSignal): Promise<TokenGrant> {
    const { grant } = await this.post({ userId }, false, signal);
    this.current = grant;
    this.resumable = undefined;
    return grant;
  }

  /**
   * On the phone: redeems the desktop's one-time code for a session of the same user, and the
   * handoff's key that renews it from then on.
   */
  async redeem(
    code: string,
    handoffEndpoint: string,
    signal?: AbortSignal,
  ): Promise<{ grant: TokenGrant; handoff: PhoneHandoff; status: HandoffStatus }> {
    const body = await this.post({ handoff: 'redeem', code }, false, signal, handoffEndpoint);
    const handoff = isRecord(body.raw) && isRecord(body.raw['handoff']) ? body.raw['handoff'] : {};
    const status = parseHandoffStatus(handoff['status']);
    const { id, key } = handoff;
    if (typeof id !== 'string' || typeof key !== 'string' || !status) {
      throw new EmzanoError('token-endpoint', { detail: 'The handoff answer has an unexpected shape.' });
    }
    this.take(body.grant, { id, key }, handoffEndpoint);
    return { grant: body.grant, handoff: { id, key }, status };
  }

  /** On the phone after a reload: a new token for the handoff's user, with the key kept in this tab. */
  async rejoin(handoff: PhoneHandoff, handoffEndpoint: string, signal?: AbortSignal): Promise<TokenGrant> {
    const { grant } = await this.post({ handoff: 'session', ...handoff }, true, signal, handoffEndpoint);
    this.take(grant, handoff, handoffEndpoint);
    return grant;
  }

  private take(grant: TokenGrant, handoff: PhoneHandoff, handoffEndpoint: string): void {
    this.current = grant;
    this.resumable = undefined;
    this.handoff = handoff;
    this.handoffEndpoint = handoffEndpoint;
  }

  /** Takes over a session another element (or the host) already holds. */
  adopt(session: EmzanoSession): void {
    this.lastApiBase = session.apiBase;
    this.current = {
      ...session,
      refreshToken: session.refreshToken ?? '',
      progress: this.current?.userId === session.userId ? this.current.progress : NO_PROGRESS,
    };
  }

  /**
   * What `emzano-complete` hands to the page: the user and the access token, without progress and
   * without the refresh token, which stays with this session (the element that renews it).
   */
  get session(): EmzanoSession | undefined {
    if (!this.current) return undefined;
    const { userId, accessToken, expiresAt, apiBase } = this.current;
    return { userId, accessToken, expiresAt, ...(apiBase ? { apiBase } : {}) };
  }

  /** Where the host said the browser calls Emzano, with the token it handed out last; undefined when it did not say. */
  get apiBase(): string | undefined {
    return this.current ? this.current.apiBase : this.lastApiBase;
  }

  async accessToken(): Promise<string> {
    // After a reload several requests may ask at once: one token is asked for, and all wait on it.
    if (!this.current && this.resumable) {
      this.resuming ??= this.start(this.resumable).finally(() => (this.resuming = undefined));
      await this.resuming;
    }
    if (!this.current) throw new EmzanoError('session-expired');
    if (this.current.expiresAt * 1000 - this.now() < EXPIRY_MARGIN_MS) await this.refresh();
    return this.current.accessToken;
  }

  /** Renews the token; concurrent callers share one request. */
  refresh(): Promise<void> {
    this.refreshing ??= this.renew().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Forgets the token (on reset or completion). */
  clear(): void {
    this.current = undefined;
    this.resumable = undefined;
    this.handoff = undefined;
    this.handoffEndpoint = '';
    this.lastApiBase = undefined;
  }

  private async renew(): Promise<void> {
    const grant = this.current;
    // Without an endpoint (a session handed over, no token-endpoint set) there is nowhere to renew.
    if (!grant || !this.endpoint) {
      this.current = undefined;
      throw new EmzanoError('session-expired');
    }
    // The phone's session is renewed by its handoff key, for as long as the handoff lasts.
    if (this.handoff) {
      if (!this.handoffEndpoint) {
        this.current = undefined;
        throw new EmzanoError('session-expired');
      }
      // Asked before its end (Emzano answered 401): the host hands out a live token again unless told it was refused.
      const refused = grant.expiresAt * 1000 - this.now() >= EXPIRY_MARGIN_MS;
      try {
        const renewal = { handoff: 'session', ...this.handoff, ...(refused ? { refused: true } : {}) };
        this.current = (await this.post(renewal, true, undefined, this.handoffEndpoint)).grant;
        return;
      } catch (error) {
        this.current = undefined;
        throw error;
      }
    }
    try {
      // A handed-over session carries no refresh token: the host vouches for its user instead.
      this.current = grant.refreshToken
        ? (await this.post({ userId: grant.userId, refreshToken: grant.refreshToken }, true)).grant
        : (await this.post({ userId: grant.userId }, true)).grant;
    } catch (error) {
      if (!(error instanceof EmzanoError) || error.status !== 401) throw error;
      // Refresh tokens are used once. When the answer to a refresh was lost, the token it spent is
      // refused: the host's signed-in user asks for a new token for the same person instead.
      try {
        this.current = (await this.post({ userId: grant.userId }, true)).grant;
      } catch (retry) {
        this.current = undefined;
        if (retry instanceof EmzanoError && (retry.status === 401 || retry.status === 403) && retry.code !== 'identity-taken') {
          throw new EmzanoError('session-expired', { status: retry.status, detail: retry.detail, cause: retry });
        }
        throw retry;
      }
    }
  }

  private async post(
    json: unknown,
    idempotent: boolean,
    signal?: AbortSignal,
    url = this.endpoint,
  ): Promise<{ grant: TokenGrant; raw: unknown }> {
    let body: unknown;
    try {
      body = await this.http.send({ method: 'POST', url, json, idempotent, signal, credentials: 'same-origin' });
    } catch (error) {
      // A 404 or an HTML error page means the host's endpoint is missing or broken, not Emzano.
      if (error instanceof EmzanoError && error.code === 1 && error.status !== 400) {
        throw new EmzanoError('token-endpoint', { status: error.status, detail: error.detail, cause: error });
      }
      throw error;
    }
    const grant = parseTokenGrant(body);
    if (!grant) throw new EmzanoError('token-endpoint', { detail: 'The token endpoint answered with an unexpected shape.' });
    // What the host says now, every time: a grant that names no origin means Emzano's own (a host moved off the sandbox).
    this.lastApiBase = grant.apiBase;
    return { grant, raw: body };
  }
}
