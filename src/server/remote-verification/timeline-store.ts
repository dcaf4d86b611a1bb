/**
 * The state of remote verifications in the kit's store, shared by every instance of the host:
 * each request sent (bound to the subject that sent it), each webhook report received for it
 * (stored once however often it is delivered), and the reports for ids this server never sent,
 * kept aside for the host to look at rather than dropped.
 *
 * Keys and lists (under `emzano-elements:remote-verification:`), each read by its name, never by
 * scanning keys (a scan of a shared Redis on every report and every stream wake-up):
 * - `request:{ID}`: who sent it, to which number, when; the list `requests:{subject's SHA-256}`
 *   names a subject's requests, for forgetting them;
 * - the list `events:{ID}`: its reports in arrival order; each report's `eventId` is the arrival
 *   time (ms, 13 digits) and a hash of the report, so ids sort by arrival;
 * - `latest:{ID}`: the newest `eventId`, the one key a live stream watches;
 * - `heard:{hash}`: a claim, so a repeated delivery is stored once;
 * - the lists `unmatched-for:{ID}` and `unmatched:{day}`: reports whose `ID` was not known (or
 *   whose phone did not match), by id (for a request saved after its first report) and by the
 *   UTC day they came (for the host to look at); `adopted:{eventId}` marks one taken back.
 */
import { sha256Hex } from '../../core/sha256.js';
import { subjectKey } from '../authorize.js';
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
    await this.store.append(`requests:${await subjectKey(request.subject)}`, request.id, this.retentionSeconds);
    const adopted: RemoteVerificationEvent[] = [];
    for (const aside of await this.store.list<UnmatchedEvent>(`unmatched-for:${request.id}`)) {
      if (aside.reason !== 'unknown-id') continue;
      // One adopter, however many instances save the same request.
      if (!(await this.store.claim(`adopt:${aside.event.eventId}`, this.retentionSeconds))) continue;
      await this.store.set(`adopted:${aside.event.eventId}`, true, this.retentionSeconds);
      adopted.push(aside.event);
    }
    return adopted.sort(byEventId);
  }

  /** Forgets every request the subject (by its SHA-256) sent, with its reports. */
  async forget(subjectHash: string): Promise<void> {
    for (const id of await this.store.list<string>(`requests:${subjectHash}`)) {
      await Promise.all([
        this.store.remove(`request:${id}`),
        this.store.remove(`latest:${id}`),
        this.store.dropList(`events:${id}`),
        this.store.dropList(`unmatched-for:${id}`),
      ]);
    }
    await this.store.dropList(`requests:${subjectHash}`);
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
      await this.store.append(`events:${reading.id}`, event, this.retentionSeconds);
      await this.store.update<string>(
        `latest:${reading.id}`,
        (latest) => (!latest || latest < event.eventId ? event.eventId : undefined),
        this.retentionSeconds,
      );
      const phone = reading.raw['Telefono'] ?? reading.raw['telefono'];
      const reason = !request ? 'unknown-id' : phone !== undefined && String(phone) !== request.phone ? 'phone-mismatch' : undefined;
      if (!reason) return { stored: true, event, request: request! };
      const aside: UnmatchedEvent = { event, reason };
      await this.store.append(`unmatched-for:${reading.id}`, aside, this.retentionSeconds);
      await this.store.append(`unmatched:${dayOf(receivedAt)}`, aside, this.retentionSeconds + DAY_SECONDS);
      return { stored: true, event, aside };
    } catch (error) {
      // Not stored after all: the vendor's next delivery of it gets its chance.
      await this.store.unclaim(`heard:${hash}`);
      throw error;
    }
  }

  /** The newest report's `eventId`, cheap to read: what a live stream polls. */
  latest(id: string): Promise<string | undefined> {
    return this.store.get<string>(`latest:${id}`);
  }

  /** Every report for `id`, oldest first, or only those after `afterEventId`. */
  async events(id: string, afterEventId?: string): Promise<RemoteVerificationEvent[]> {
    const events = await this.store.list<RemoteVerificationEvent>(`events:${id}`);
    return events.filter((event) => !afterEventId || event.eventId > afterEventId).sort(byEventId);
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

  /** Reports set aside within the retention, oldest first (those adopted since left out). */
  async unmatched(): Promise<UnmatchedEvent[]> {
    const now = this.now();
    const oldest = now - this.retentionSeconds * 1000;
    const days: string[] = [];
    for (let day = Math.floor(oldest / DAY_MS) * DAY_MS; day <= now; day += DAY_MS) days.push(dayOf(day));
    const aside = (await Promise.all(days.map((day) => this.store.list<UnmatchedEvent>(`unmatched:${day}`)))).flat();
    const kept: UnmatchedEvent[] = [];
    for (const item of aside) {
      if (Date.parse(item.event.receivedAt) < oldest) continue;
      if (item.reason === 'unknown-id' && (await this.store.get<boolean>(`adopted:${item.event.eventId}`))) continue;
      kept.push(item);
    }
    return kept.sort((a, b) => byEventId(a.event, b.event));
  }
}

const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function byEventId(a: RemoteVerificationEvent, b: RemoteVerificationEvent): number {
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
