/**
 * The emulators' sense of time: what time it is, and what happens later (a simulated person's
 * next step, a latency fault's held answer, a delivery tried again). The demo runs on the system
 * clock, as a person watching it expects; tests hand the emulators a `VirtualClock` and move it on
 * themselves, so a five-second latency or a ten-minute expiry costs no waiting.
 */

export interface EmulatorClock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Runs `run` once `ms` have passed on this clock; the returned function cancels it. */
  schedule(ms: number, run: () => void): () => void;
  /** Resolves once `ms` have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

/** The system clock: real time, real timers. */
export const systemClock: EmulatorClock = {
  now: () => Date.now(),
  schedule(ms, run) {
    const timer = setTimeout(run, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** The system clock shifted by `offsetMs` (an emulator that lives in the past or the future). */
export function offsetClock(offsetMs: number, base: EmulatorClock = systemClock): EmulatorClock {
  return { now: () => base.now() + offsetMs, schedule: (ms, run) => base.schedule(ms, run), sleep: (ms) => base.sleep(ms) };
}

interface Timer {
  at: number;
  order: number;
  run: () => void;
  /** A `sleep` (an answer held by a latency fault), not a scheduled step. */
  held: boolean;
}

/**
 * A clock tests move on themselves. `advance(ms)` runs everything that falls due on the way, in
 * order, each at its own time, letting the promises each one starts settle before the next (so a
 * step that schedules the following step is seen within the same advance).
 *
 * `VirtualClock` stands still until advanced (Node tests: nothing happens on its own).
 * `FastForwardClock` runs with real time and can jump ahead (browser and end-to-end tests, where
 * the page's own clock runs on and certificates and tokens are dated by it).
 */
export abstract class SteppedClock implements EmulatorClock {
  private timers: Timer[] = [];
  private sequence = 0;
  private waiters: Array<{ held: boolean; wake: () => void }> = [];

  abstract now(): number;
  /** Moves the clock's time to `time` (never backwards). */
  protected abstract moveTo(time: number): void;

  schedule(ms: number, run: () => void): () => void {
    return this.add(ms, run, false);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.add(ms, resolve, true));
  }

  private add(ms: number, run: () => void, held: boolean): () => void {
    const timer: Timer = { at: this.now() + Math.max(0, ms), order: this.sequence++, run, held };
    this.timers.push(timer);
    this.waiters = this.waiters.filter((waiter) => (waiter.held && !held ? true : (waiter.wake(), false)));
    this.scheduled();
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /** How many things are waiting for their time. */
  get pending(): number {
    return this.timers.length;
  }

  /** Resolves once something waits on this clock (a held answer, a person's next step). */
  whenPending(): Promise<void> {
    if (this.timers.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ held: false, wake: resolve }));
  }

  /** Resolves once an answer is held on this clock (a latency fault's `sleep`), whatever else waits. */
  whenHeld(): Promise<void> {
    if (this.timers.some((timer) => timer.held)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ held: true, wake: resolve }));
  }

  /**
   * Moves time on by `ms`, running what falls due, in order. `between` runs after each thing run,
   * before the next: what it started that real time would let finish first (a report's delivery
   * before the person's next step) finishes first.
   */
  async advance(ms: number, { between }: { between?: () => Promise<void> } = {}): Promise<void> {
    const end = this.now() + Math.max(0, ms);
    // A process that reschedules itself at once would never let time reach the end.
    for (let runs = 0; ; runs++) {
      if (runs > 10_000) throw new Error('advance: something reschedules itself without letting time pass');
      await settle();
      const next = this.nextDue(end);
      if (!next) break;
      this.take(next);
      await between?.();
    }
    this.moveTo(end);
    await settle();
  }

  /**
   * Moves time on to the earliest thing waiting and runs it (with anything due at the same
   * moment): one step of a simulated person. False when nothing waits.
   */
  async next(): Promise<boolean> {
    await settle();
    const earliest = this.earliest();
    if (earliest === undefined) return false;
    await this.advance(Math.max(0, earliest - this.now()));
    return true;
  }

  /**
   * Runs everything waiting, and whatever that schedules in turn, up to `limitMs` ahead (so a
   * process that reschedules itself for ever still ends).
   */
  async runAll(limitMs = 24 * 3600 * 1000): Promise<void> {
    const end = this.now() + limitMs;
    for (;;) {
      await settle();
      const next = this.nextDue(end);
      if (!next) return;
      await this.advance(next.at - this.now());
    }
  }

  /** A timer was added (a clock that follows real time arms itself for it). */
  protected scheduled(): void {}

  /** When the earliest timer falls due, if any. */
  protected earliest(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (soonest, timer) => (soonest === undefined || timer.at < soonest ? timer.at : soonest),
      undefined,
    );
  }

  /** Runs every timer already due (the real time of a flowing clock reached it). */
  protected runDue(): void {
    for (let next = this.nextDue(this.now()); next; next = this.nextDue(this.now())) this.take(next);
  }

  private take(timer: Timer): void {
    this.timers = this.timers.filter((candidate) => candidate !== timer);
    this.moveTo(timer.at);
    timer.run();
  }

  private nextDue(end: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.timers) {
      if (timer.at > end) continue;
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) next = timer;
    }
    return next;
  }
}

/** Stands still until a test advances it. */
export class VirtualClock extends SteppedClock {
  private time: number;

  constructor(start = Date.now()) {
    super();
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  protected moveTo(time: number): void {
    this.time = Math.max(this.time, time);
  }
}

/** Runs with real time; a test may jump it ahead (`advance`), never back. */
export class FastForwardClock extends SteppedClock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  protected moveTo(time: number): void {
    this.offset += Math.max(0, time - this.now());
  }

  private wake: ReturnType<typeof setTimeout> | undefined;

  // Real time may reach a timer before a test jumps past it: one real timer, always for the
  // earliest, runs what is due then (a timer runs once, by whichever comes first).
  protected override scheduled(): void {
    this.rearm();
  }

  private rearm(): void {
    if (this.wake) clearTimeout(this.wake);
    const earliest = this.earliest();
    if (earliest === undefined) return;
    this.wake = setTimeout(
      () => {
        this.wake = undefined;
        this.runDue();
        this.rearm();
      },
      Math.max(1, earliest - this.now()),
    );
    this.wake.unref?.();
  }
}

/**
 * Lets the work a timer started run as far as it can without waiting on the outside (promise
 * chains, in-process fetches), as real time would between two timers.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A test's handle on a clock over HTTP (`/__clock` on the test hosts): `GET` tells the time and
 * how many things wait on it; `POST {advance: ms}` moves it on, running what falls due (a held
 * latency, a simulated person's next steps, each after what `between` waits for);
 * `POST {waitForHeld: true}` answers once an answer is held by a latency fault, or 408 after 10 s.
 */
export function clockControl(
  clock: SteppedClock,
  options: { between?: () => Promise<void> } = {},
): (request: Request) => Promise<Response> {
  const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
  return async (request) => {
    if (request.method === 'POST') {
      const body = (await request.json().catch(() => ({}))) as { advance?: unknown; waitForHeld?: unknown };
      if (body.waitForHeld === true) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const waited = await Promise.race([
          clock.whenHeld().then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 10_000))),
        ]);
        clearTimeout(timer);
        if (!waited) return json({ error: 'no answer was held on the clock within 10 s' }, 408);
      }
      if (typeof body.advance === 'number' && Number.isFinite(body.advance)) await clock.advance(body.advance, options);
    }
    return json({ now: clock.now(), pending: clock.pending });
  };
}
