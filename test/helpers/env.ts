import type { RecordedRequest } from '../../demo/emulator/emulator.js';

export type { RecordedPart, RecordedRequest } from '../../demo/emulator/emulator.js';

/** Where the emulator and the token endpoint are, as served by the test runner's config. */
export interface TestEnv {
  apiBase: string;
  tokenEndpoint: string;
}

let cached: Promise<TestEnv> | undefined;

export function testEnv(): Promise<TestEnv> {
  cached ??= fetch('/__test-env').then((response) => response.json() as Promise<TestEnv>);
  return cached;
}

/** Calls one of the emulator's control paths (`/__emulator/...`). */
export async function emulator<T = unknown>(path: string, init?: RequestInit): Promise<T> {
  const { apiBase } = await testEnv();
  const response = await fetch(`${apiBase}/__emulator${path}`, init);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const emulatorRequests = () => emulator<RecordedRequest[]>('/requests');
export const resetEmulator = () => emulator('/reset', { method: 'POST' });
export const setFaults = (rules: unknown[]) => emulator('/faults', { method: 'PUT', body: JSON.stringify({ rules }) });

/** A person Emzano already knows, with some steps done, so a test starts further along. */
export const seedPerson = (person: { nationalCode: string; phoneNumber: string; infoInquiry?: boolean; faceRecognition?: boolean }) =>
  emulator('/users', { method: 'POST', body: JSON.stringify(person) });

/**
 * The emulators' clock, one per test file (`/__clock` on the test page's own origin): a latency
 * fault holds its answer until the clock has moved on by its time, so a test waits for nothing.
 */
async function clock(body: { waitForHeld?: true; advance?: number }): Promise<{ now: number; pending: number }> {
  const response = await fetch('/__clock', { method: 'POST', body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`/__clock ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { now: number; pending: number };
}

/** Resolves once something waits on the clock: an answer held by a latency fault. */
export const untilHeld = () => clock({ waitForHeld: true });

/** Moves the clock on by `ms`, running what falls due on the way (a held answer goes out). */
export const advanceClock = (ms: number) => clock({ advance: ms });
