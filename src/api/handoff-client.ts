/**
 * The host's handoff endpoint (`createHandoffHandler`, `handoff-endpoint`), as `<emzano-kyc>` uses
 * them: the desktop asks for a handoff, follows it live (Server-Sent Events on
 * `GET {endpoint}?handoff={id}`, polling the status when the stream cannot be had), and cancels or
 * takes it back; the phone reports its steps and watches for the desktop taking over. The phone's
 * redemption of the code is the token session's (`TokenSession.redeem`): it yields the session.
 */
import { EmzanoError } from '../core/errors.js';
import {
  parseHandoffStatus,
  parseHandoffTicket,
  type HandoffStatus,
  type HandoffTicket,
  type PhoneHandoff,
} from '../core/handoff-contract.js';
import type { KycProgress } from '../core/kyc-flow.js';
import { HttpClient } from './http.js';

/** How often the status is read when the live stream is not available. */
const POLL_MS = 3000;

export class HandoffClient {
  private readonly http = new HttpClient();

  constructor(readonly endpoint: string) {}

  /** Desktop: a new handoff for `userId`, with what is done so far. */
  async create(userId: string, progress: KycProgress, signal?: AbortSignal): Promise<HandoffTicket> {
    return this.ticket(await this.post({ handoff: 'create', userId, progress }, false, signal));
  }

  /** Desktop: a new code for a handoff still waiting; only the status when it is not waiting any more. */
  async newCode(id: string, signal?: AbortSignal): Promise<HandoffTicket | HandoffStatus> {
    const body = await this.post({ handoff: 'code', id }, false, signal);
    const ticket = parseHandoffTicket(body);
    if (ticket) return ticket;
    return this.readStatus((body as { status?: unknown } | undefined)?.status);
  }

  async status(id: string, signal?: AbortSignal): Promise<HandoffStatus> {
    return this.readStatus(await this.post({ handoff: 'status', id }, true, signal));
  }

  /** Desktop: `cancel` before the phone came or `take-back` after; answers how it ended (it may have finished first). */
  async end(id: string, how: 'cancel' | 'take-back'): Promise<HandoffStatus> {
    return this.readStatus(await this.post({ handoff: how, id }, true));
  }

  /** Phone: how the handoff stands (it may have ended on the desktop). */
  async phoneStatus(handoff: PhoneHandoff, signal?: AbortSignal): Promise<HandoffStatus> {
    return this.readStatus(await this.post({ handoff: 'status', ...handoff }, true, signal));
  }

  /** Phone: it shows `step` now, having just finished `completed`. */
  async progress(handoff: PhoneHandoff, step: string, completed?: string): Promise<HandoffStatus> {
    return this.readStatus(await this.post({ handoff: 'progress', ...handoff, step, ...(completed ? { completed } : {}) }, true));
  }

  /**
   * Desktop: each new status of handoff `id`, as it happens, until the returned function is
   * called. The stream reconnects by itself; when it is refused or unavailable, the status is
   * read every few seconds instead.
   */
  follow(id: string, onStatus: (status: HandoffStatus) => void): () => void {
    let stopped = false;
    let latest = 0;
    const take = (status: HandoffStatus | undefined) => {
      if (!stopped && status && status.version > latest) {
        latest = status.version;
        onStatus(status);
      }
    };
    let poller: ReturnType<typeof setInterval> | undefined;
    const poll = () => {
      poller ??= setInterval(() => void this.status(id).then(take, () => undefined), POLL_MS);
    };
    let source: EventSource | undefined;
    if (typeof EventSource === 'function') {
      const url = new URL(this.endpoint, document.baseURI);
      url.searchParams.set('handoff', id);
      source = new EventSource(url.href);
      source.addEventListener('handoff', (event) => {
        try {
          take(parseHandoffStatus(JSON.parse((event as MessageEvent<string>).data)));
        } catch {
          // A frame that is not JSON: the next one (or the poll) brings the state.
        }
      });
      // A refused stream (CLOSED) is not retried by the browser: the status is polled instead.
      source.addEventListener('error', () => source?.readyState === EventSource.CLOSED && poll());
    } else poll();
    // Once at the start too, so a status from before the stream opened is never missed.
    void this.status(id).then(take, () => undefined);
    return () => {
      stopped = true;
      source?.close();
      clearInterval(poller);
    };
  }

  private post(json: unknown, idempotent: boolean, signal?: AbortSignal): Promise<unknown> {
    return this.http.send({ method: 'POST', url: this.endpoint, json, idempotent, signal, credentials: 'same-origin' });
  }

  private ticket(body: unknown): HandoffTicket {
    const ticket = parseHandoffTicket(body);
    if (!ticket) throw new EmzanoError('token-endpoint', { detail: 'The handoff answer has an unexpected shape.' });
    return ticket;
  }

  private readStatus(body: unknown): HandoffStatus {
    const status = parseHandoffStatus(body);
    if (!status) throw new EmzanoError('token-endpoint', { detail: 'The handoff status has an unexpected shape.' });
    return status;
  }
}
