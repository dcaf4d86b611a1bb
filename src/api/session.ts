/**
 * The person's Emzano user token, obtained from and renewed through the host's token endpoint.
 * Held in memory only: a token never touches storage.
 */
import { EmzanoError } from '../core/errors.js';
import { NO_PROGRESS } from '../core/kyc-flow.js';
import { parseTokenGrant, type EmzanoSession, type EnrolRequest, type TokenGrant } from '../core/token-contract.js';
import type { AuthProvider, HttpClient } from './http.js';

/** Renew this long before the token's stated expiry, so a request in flight does not race it. */
const EXPIRY_MARGIN_MS = 30_000;

export class TokenSession implements AuthProvider {
  private current: TokenGrant | undefined;
  private resumable: string | undefined;
  private refreshing: Promise<void> | undefined;

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
    const body = await this.post(input, false, signal);
    this.current = body;
    return body;
  }

  /** Asks the host for a token for a user who already finished KYC (it must authorise this). */
  async start(userId: string, signal?: AbortSignal): Promise<TokenGrant> {
    const body = await this.post({ userId }, false, signal);
    this.current = body;
    this.resumable = undefined;
    return body;
  }

  /** Takes over a session another element (or the host) already holds. */
  adopt(session: EmzanoSession): void {
    this.current = { ...session, progress: this.current?.userId === session.userId ? this.current.progress : NO_PROGRESS };
  }

  /** The session without progress: what `emzano-complete` hands to the host. */
  get session(): EmzanoSession | undefined {
    if (!this.current) return undefined;
    const { userId, accessToken, refreshToken, expiresAt } = this.current;
    return { userId, accessToken, refreshToken, expiresAt };
  }

  async accessToken(): Promise<string> {
    if (!this.current && this.resumable) await this.start(this.resumable);
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
  }

  private async renew(): Promise<void> {
    const grant = this.current;
    // Without an endpoint (a session handed over, no token-endpoint set) there is nowhere to renew.
    if (!grant || !this.endpoint) {
      this.current = undefined;
      throw new EmzanoError('session-expired');
    }
    try {
      this.current = await this.post({ userId: grant.userId, refreshToken: grant.refreshToken }, true);
    } catch (error) {
      if (error instanceof EmzanoError && (error.status === 401 || error.status === 403)) {
        this.current = undefined;
        throw new EmzanoError('session-expired', { status: error.status, detail: error.detail, cause: error });
      }
      throw error;
    }
  }

  private async post(json: unknown, idempotent: boolean, signal?: AbortSignal): Promise<TokenGrant> {
    let body: unknown;
    try {
      body = await this.http.send({ method: 'POST', url: this.endpoint, json, idempotent, signal, credentials: 'same-origin' });
    } catch (error) {
      // A 404 or an HTML error page means the host's endpoint is missing or broken, not Emzano.
      if (error instanceof EmzanoError && error.code === 1 && error.status !== 400) {
        throw new EmzanoError('token-endpoint', { status: error.status, detail: error.detail, cause: error });
      }
      throw error;
    }
    const grant = parseTokenGrant(body);
    if (!grant) throw new EmzanoError('token-endpoint', { detail: 'The token endpoint answered with an unexpected shape.' });
    return grant;
  }
}
