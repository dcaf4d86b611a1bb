/** The emulator for one Node test suite: started before it, reset before each case, closed after. */
import { after, before, beforeEach } from 'node:test';
import { startEmulatorServer, type RunningEmulator } from '../../demo/emulator/server.js';

/** Call at the top of a `describe`; the returned function gives the running emulator inside its cases. */
export function emulatorForSuite(apiKey: string): () => RunningEmulator {
  let running: RunningEmulator | undefined;
  before(async () => {
    running = await startEmulatorServer({ apiKey });
  });
  after(async () => {
    await running?.close();
  });
  beforeEach(() => running!.emulator.reset());
  return () => running!;
}
