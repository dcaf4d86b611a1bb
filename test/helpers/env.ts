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

export interface RecordedPart {
  name: string;
  value?: string;
  fileName?: string;
  type?: string;
  size?: number;
  uploadId?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  json?: unknown;
  parts?: RecordedPart[];
  status: number;
  code?: number;
}

export const emulatorRequests = () => emulator<RecordedRequest[]>('/requests');
export const resetEmulator = () => emulator('/reset', { method: 'POST' });
export const setFaults = (rules: unknown[]) => emulator('/faults', { method: 'PUT', body: JSON.stringify({ rules }) });
