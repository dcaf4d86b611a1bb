/** Reads Server-Sent Events from a response until `until` says stop; returns what arrived. */
export async function readEvents(
  response: Response,
  until: (events: { id: string; data: unknown }[]) => boolean,
  timeoutMs = 10_000,
): Promise<{ id: string; data: unknown }[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id: string; data: unknown }[] = [];
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    while (!until(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) });
      }
    }
  } finally {
    clearTimeout(deadline);
    await reader.cancel().catch(() => undefined);
  }
  return events;
}

/** Reads Server-Sent Events in the background; `waitFor` resolves once one arrived that `matches`. */
export function followEvents(response: Response) {
  const events: { id: string; data: unknown }[] = [];
  const waiters = new Set<() => void>();
  let stop = false;
  const reading = readEvents(
    response,
    (arrived) => {
      if (arrived.length > events.length) events.push(...arrived.slice(events.length));
      for (const wake of waiters) wake();
      return stop;
    },
    60_000,
  );
  return {
    events,
    async waitFor(matches: (data: unknown) => boolean, timeoutMs = 10_000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((event) => matches(event.data));
        if (found) return found.data;
        if (Date.now() > deadline) throw new Error(`No such event arrived; got ${JSON.stringify(events.map((event) => event.data))}`);
        await new Promise<void>((resolve) => {
          const wake = () => (waiters.delete(wake), resolve());
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
    },
    async stop(): Promise<void> {
      stop = true;
      await reading;
    },
  };
}
