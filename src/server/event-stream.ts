/**
 * What the kit's store records, as Server-Sent Events, so an element updates the moment something
 * happens without polling: a remote verification's webhook reports (`GET …/{id}/events`), a
 * handoff's progress on the phone. Events reach the stream through the store, so the instance that
 * received them need not be the one holding the connection: the stream watches one small value
 * (the newest event id) and is also woken at once when this instance stores one. A reconnecting
 * browser sends `Last-Event-ID` and gets what it missed; event ids sort as text in the order the
 * events happened.
 */

/** Where a stream reads its events: each has an id that sorts, as text, after the ones before it. */
export interface StreamSource<Event extends { eventId: string }> {
  /** The newest event's id (one small read, made every poll). */
  latest(id: string): Promise<string | undefined>;
  /** The events after `after` (all of them without it), oldest first. */
  events(id: string, after: string | undefined): Promise<Event[]>;
}

export interface EventStreamOptions {
  /** How often the store is read for reports another instance received. Default 1 s. */
  pollMs: number;
  /** A comment line this often keeps proxies from closing a quiet connection. Default 15 s. */
  heartbeatMs: number;
  /** The stream ends after this long; the browser reconnects with `Last-Event-ID`. Default 10 minutes. */
  maxDurationMs: number;
  /** What the browser waits before reconnecting (the `retry:` field). Default 2 s. */
  retryMs: number;
}

/** This instance's reports as they are stored, so its streams do not wait for the next poll. */
export class LocalArrivals {
  private readonly listeners = new Map<string, Set<() => void>>();

  listen(id: string, wake: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  arrived(id: string): void {
    for (const wake of this.listeners.get(id) ?? []) wake();
  }
}

const encoder = new TextEncoder();

function frame(name: string, event: { eventId: string }): Uint8Array {
  // JSON has no raw line breaks, so the data is one `data:` line.
  return encoder.encode(`id: ${event.eventId}\nevent: ${name}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** The events of `id` after `lastEventId`, then each new one as it is stored, as `event: {name}` frames. */
export function eventStream<Event extends { eventId: string }>(
  source: StreamSource<Event>,
  arrivals: LocalArrivals,
  id: string,
  lastEventId: string | undefined,
  options: EventStreamOptions & { name: string },
): Response {
  let stop: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let sentUpTo = lastEventId;
      let closed = false;
      let reading: Promise<void> | undefined;
      let again = false;
      const timers: ReturnType<typeof setTimeout>[] = [];

      const close = () => {
        if (closed) return;
        closed = true;
        for (const timer of timers) clearInterval(timer);
        unlisten();
      };
      stop = close;

      /** Sends the reports after the last one sent; one reading at a time, another after it when woken meanwhile. */
      const sendNew = (): Promise<void> => {
        if (reading) {
          again = true;
          return reading;
        }
        reading = (async () => {
          do {
            again = false;
            const latest = await source.latest(id);
            if (closed || (latest !== undefined && sentUpTo !== undefined && latest <= sentUpTo)) continue;
            for (const event of await source.events(id, sentUpTo)) {
              if (closed) return;
              controller.enqueue(frame(options.name, event));
              sentUpTo = event.eventId;
            }
          } while (again && !closed);
        })()
          .catch(() => {
            // The store failed: end the stream; the browser reconnects and replays from where it was.
            if (!closed) {
              close();
              controller.close();
            }
          })
          .finally(() => (reading = undefined));
        return reading;
      };

      const unlisten = arrivals.listen(id, () => void sendNew());
      controller.enqueue(encoder.encode(`retry: ${options.retryMs}\n: connected\n\n`));
      timers.push(setInterval(() => void sendNew(), options.pollMs));
      timers.push(setInterval(() => !closed && controller.enqueue(encoder.encode(': keep-alive\n\n')), options.heartbeatMs));
      timers.push(
        setTimeout(() => {
          if (closed) return;
          close();
          controller.close();
        }, options.maxDurationMs),
      );
      void sendNew();
    },
    cancel() {
      // The browser went away.
      stop();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies (nginx) would otherwise hold the events back in a buffer.
      'X-Accel-Buffering': 'no',
    },
  });
}
