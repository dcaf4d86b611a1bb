/**
 * Follows one remote verification: reads its timeline from the host's endpoint (so reports that
 * arrived while no element was open are there at once), then listens to the endpoint's
 * Server-Sent Events for new ones. The browser's EventSource reconnects by itself and sends
 * `Last-Event-ID`, so a dropped connection replays what it missed; a report already held (by
 * `eventId`) is never added twice. Off the page, nothing listens.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fetchRemoteTimeline, remoteEventsUrl, RemoteFailure } from '../../api/remote-verification-client.js';
import {
  CERTIFICATE_STATUS,
  type RemoteVerificationEvent,
  type RemoteVerificationTimeline,
} from '../../core/remote-verification-contract.js';

export type FollowConnection = 'idle' | 'loading' | 'live' | 'reconnecting' | 'finished';

export interface FollowCallbacks {
  endpoint(): string;
  /** A report this element had not shown before, in arrival order. */
  onEvent(id: string, event: RemoteVerificationEvent): void;
  /** The timeline or the stream could not be read (after EventSource gave up). */
  onFailure(failure: RemoteFailure): void;
}

export class RemoteFollowController implements ReactiveController {
  timeline: RemoteVerificationTimeline | undefined;
  connection: FollowConnection = 'idle';
  private id = '';
  private source: EventSource | undefined;
  private reading: AbortController | undefined;
  private readonly seen = new Set<string>();
  /** After EventSource gives up: the wait before listening again, doubled each time it gives up again. */
  private retryDelay = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: FollowCallbacks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.id && this.connection === 'idle') void this.follow(this.id);
  }

  hostDisconnected(): void {
    this.close();
    if (this.connection !== 'finished') this.connection = 'idle';
  }

  /** Starts following `id` (another id: what was shown is forgotten). */
  async follow(id: string): Promise<void> {
    if (id !== this.id) {
      this.close();
      this.timeline = undefined;
      this.seen.clear();
    }
    this.id = id;
    this.connection = 'loading';
    this.host.requestUpdate();
    this.reading?.abort();
    const reading = (this.reading = new AbortController());
    let timeline: RemoteVerificationTimeline;
    try {
      timeline = await fetchRemoteTimeline(this.callbacks.endpoint(), id, reading.signal);
    } catch (error) {
      if (reading.signal.aborted || this.id !== id) return;
      this.connection = 'idle';
      this.callbacks.onFailure(error instanceof RemoteFailure ? error : new RemoteFailure('unknown'));
      this.host.requestUpdate();
      return;
    }
    if (reading.signal.aborted || this.id !== id) return;
    this.timeline = { ...timeline, events: [] };
    for (const event of timeline.events) this.add(event);
    if (this.timeline.certificateReady) this.finish();
    else this.listen(id);
    this.host.requestUpdate();
  }

  /** Stops listening and forgets the request. */
  clear(): void {
    this.close();
    this.id = '';
    this.timeline = undefined;
    this.seen.clear();
    this.connection = 'idle';
    this.host.requestUpdate();
  }

  private listen(id: string): void {
    this.source?.close();
    const last = this.timeline?.events.at(-1)?.eventId;
    const url = new URL(remoteEventsUrl(this.callbacks.endpoint(), id), document.baseURI);
    if (last) url.searchParams.set('lastEventId', last);
    const source = (this.source = new EventSource(url));
    source.addEventListener('open', () => {
      this.retryDelay = 0;
      this.connection = 'live';
      this.host.requestUpdate();
    });
    source.addEventListener('status', (message) => {
      let event: RemoteVerificationEvent;
      try {
        event = JSON.parse((message as MessageEvent<string>).data) as RemoteVerificationEvent;
      } catch {
        return;
      }
      if (event.id !== id) return;
      this.add(event);
      if (event.status === CERTIFICATE_STATUS) this.finish();
      this.host.requestUpdate();
    });
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      if (source.readyState === EventSource.CLOSED) {
        // EventSource gave up (the endpoint refused: signed out, not this operator's request):
        // reading the timeline again says why, in words the person gets.
        this.source = undefined;
        source.close();
        this.connection = 'reconnecting';
        this.retryDelay = Math.min(Math.max(this.retryDelay * 2, 1000), 30_000);
        this.retryTimer = setTimeout(() => void this.follow(id), this.retryDelay);
        this.host.requestUpdate();
      } else {
        this.connection = 'reconnecting';
        this.host.requestUpdate();
      }
    });
  }

  private add(event: RemoteVerificationEvent): void {
    if (!this.timeline || this.seen.has(event.eventId)) return;
    this.seen.add(event.eventId);
    this.timeline.events = [...this.timeline.events, event].sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
    if (event.status === CERTIFICATE_STATUS) this.timeline.certificateReady = true;
    this.callbacks.onEvent(this.id, event);
  }

  private finish(): void {
    this.close();
    this.connection = 'finished';
  }

  private close(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = undefined;
    this.reading?.abort();
    this.reading = undefined;
  }
}
