/**
 * The state of remote verifications in the kit's store, shared by every instance of the host:
 * each request sent (bound to the subject that sent it), each webhook report received for it
 * (stored once however often it is delivered), and the reports for ids this server never sent,
 * kept aside for the host to look at rather than dropped.
 *
 * Keys (under `emzano-elements:remote-verification:`):
 * - `request:{ID}`: who sent it, to which number, when;
 * - `event:{ID}:{eventId}`: one report; `eventId` is the arrival time (ms, 13 digits) and a hash
 *   of the report, so keys sort by arrival and two instances never write the same key;
 * - `latest:{ID}`: the newest `eventId`, the one key a live stream watches;
 * - `heard:{hash}`: a claim, so a repeated delivery is stored once;
 * - `unmatched:{eventId}`: a report whose `ID` was not known (or whose phone did not match).
 */
import { sha256Hex } from '../../core/sha256.js';
import type { RemoteVerificationEvent, RemoteVerificationTimeline } from '../../core/remote-verification-contract.js';
import { CERTIFICATE_STATUS } from '../../core/remote-verification-contract.js';
import type { KitStore } from '../store.js';

export interface SentRequest {
  id: string;
  /** The host's subject that sent it: only that subject may follow it. */
  subject: string;
  phone: string;
  requestedAt: string;
  scheduledFor?: string;
  dni?: string;
}

export interface UnmatchedEvent {
  event: RemoteVerificationEvent;
  /** `unknown-id`: no request with this `ID` was sent from here; `phone-mismatch`: its `Telefono` is not the number it was sent to. */
  reason: 'unknown-id' | 'phone-mismatch';
}

export type StoredOutcome =
  | { stored: true; event: RemoteVerificationEvent; request: SentRequest; aside?: undefined }
  | { stored: true; event: RemoteVerificationEvent; request?: undefined; aside: UnmatchedEvent }
  | { stored: false };

/** How an arriving report is compared with one already heard: the reference's identity of a report. */
function deliveryIdentity(event: Omit<RemoteVerificationEvent, 'eventId' | 'receivedAt'>): string {
  return JSON.stringify([event.id, event.status, event.updatedAt ?? '']);
}

export class TimelineStore {
  constructor(
    private readonly store: KitStore,
    /** How long requests and their reports are kept. */
    private readonly retentionSeconds: number,
    private readonly now: () => number,
  ) {}

  /**
   * Stores a request sent. Reports for its id that arrived before (a fast person, a slow store)
   * are not orphans after all: they are taken off the unmatched list and returned, for the host to hear.
   */
  async saveRequest(request: SentRequest): Promise<RemoteVerificationEvent[]> {
    await this.store.set(`request:${request.id}`, request, this.retentionSeconds);
    const adopted: RemoteVerificationEvent[] = [];
    for (const key of await this.store.keys('unmatched:')) {
      const aside = await this.store.get<UnmatchedEvent>(key);
      if (aside?.reason !== 'unknown-id' || aside.event.id !== request.id) continue;
      await this.store.remove(key);
      adopted.push(aside.event);
    }
    return adopted.sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
  }

  request(id: string): Promise<SentRequest | undefined> {
    return this.store.get<SentRequest>(`request:${id}`);
  }

  /**
   * Stores a report once: a second delivery with the same `ID`, `Estado` and `UltimaActualizacion`
   * answers `{ stored: false }`. The report is kept under its `ID` even when the request is not
   * known here, and that one is also set aside as unmatched.
   */
  async add(reading: Omit<RemoteVerificationEvent, 'eventId' | 'receivedAt'>): Promise<StoredOutcome> {
    const hash = await sha256Hex(deliveryIdentity(reading));
    if (!(await this.store.claim(`heard:${hash}`, this.retentionSeconds))) return { stored: false };
    try {
      const receivedAt = this.now();
      const event: RemoteVerificationEvent = {
        eventId: `${String(receivedAt).padStart(13, '0')}-${hash.slice(0, 12)}`,
        receivedAt: new Date(receivedAt).toISOString(),
        ...reading,
      };
      const request = await this.request(reading.id);
      await this.store.set(`event:${reading.id}:${event.eventId}`, event, this.retentionSeconds);
      const latest = await this.store.get<string>(`latest:${reading.id}`);
      if (!latest || latest < event.eventId) await this.store.set(`latest:${reading.id}`, event.eventId, this.retentionSeconds);
      const phone = reading.raw['Telefono'] ?? reading.raw['telefono'];
      const reason = !request ? 'unknown-id' : phone !== undefined && String(phone) !== request.phone ? 'phone-mismatch' : undefined;
      if (!reason) return { stored: true, event, request: request! };
      const aside: UnmatchedEvent = { event, reason };
      await this.store.set(`unmatched:${event.eventId}`, aside, this.retentionSeconds);
      return { stored: true, event, aside };
    } catch (error) {
      // Not stored after all: the vendor's next delivery of it gets its chance.
      await this.store.release(`heard:${hash}`);
      throw error;
    }
  }

  /** The newest report's `eventId`, cheap to read: what a live stream polls. */
  latest(id: string): Promise<string | undefined> {
    return this.store.get<string>(`latest:${id}`);
  }

  /** Every report for `id`, oldest first, or only those after `afterEventId`. */
  async events(id: string, afterEventId?: string): Promise<RemoteVerificationEvent[]> {
    const prefix = `event:${id}:`;
    const keys = (await this.store.keys(prefix)).filter((key) => !afterEventId || key.slice(prefix.length) > afterEventId).sort();
    const events = await Promise.all(keys.map((key) => this.store.get<RemoteVerificationEvent>(key)));
    return events.filter((event): event is RemoteVerificationEvent => event !== undefined);
  }

  async timeline(request: SentRequest): Promise<RemoteVerificationTimeline> {
    const events = await this.events(request.id);
    return {
      id: request.id,
      phone: request.phone,
      requestedAt: request.requestedAt,
      ...(request.scheduledFor ? { scheduledFor: request.scheduledFor } : {}),
      ...(request.dni ? { dni: request.dni } : {}),
      events,
      certificateReady: events.some((event) => event.status === CERTIFICATE_STATUS),
    };
  }

  async unmatched(): Promise<UnmatchedEvent[]> {
    const keys = (await this.store.keys('unmatched:')).sort();
    const aside = await Promise.all(keys.map((key) => this.store.get<UnmatchedEvent>(key)));
    return aside.filter((item): item is UnmatchedEvent => item !== undefined);
  }
}
