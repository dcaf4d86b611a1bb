/**
 * The CLM access token: Emzano CLM's OAuth password grant (`POST /Identity/connect/token`, CLM
 * reference §2.1), cached until shortly before it expires. Requests that arrive together share
 * one token call. The reference documents no refresh call, so an expired token is replaced by
 * signing in again.
 */
export interface ClmCredentials {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
}

export interface ClmTokenOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Lifetime assumed when the answer has no `expires_in`, in seconds. */
  defaultLifetimeSeconds: number;
  /** A token this close to expiry is replaced before use, in seconds. */
  marginSeconds: number;
  now: () => number;
}

/** CLM refused the sign-in (wrong credentials or client). Carries no secret. */
export class ClmSignInError extends Error {}

export class ClmTokenCache {
  private token: { value: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly credentials: ClmCredentials,
    private readonly options: ClmTokenOptions,
  ) {}

  /** A token valid for at least the margin; signs in when there is none. */
  get(): Promise<string> {
    const token = this.token;
    if (token && this.options.now() < token.expiresAt - this.options.marginSeconds * 1000) return Promise.resolve(token.value);
    this.pending ??= this.signIn().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the token (CLM refused it): the next `get()` signs in again. */
  invalidate(rejected: string): void {
    if (this.token?.value === rejected) this.token = undefined;
  }

  private async signIn(): Promise<string> {
    const { clientId, clientSecret, username, password } = this.credentials;
    const form = new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      username,
      password,
      grant_type: 'password',
    });
    let response: Response;
    try {
      response = await this.options.fetch(new URL('/Identity/connect/token', this.options.baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      // Unreachable: the caller answers as for any CLM outage.
      throw new TypeError('CLM could not be reached to sign in.', { cause: error });
    }
    const body = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!response.ok || typeof body?.access_token !== 'string' || body.access_token === '') {
      throw new ClmSignInError(`CLM refused the sign-in (HTTP ${response.status}).`);
    }
    // `expires_in` has no documented unit; OAuth's is seconds (see docs/decisions.md).
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : this.options.defaultLifetimeSeconds;
    this.token = { value: body.access_token, expiresAt: this.options.now() + lifetime * 1000 };
    return body.access_token;
  }
}
