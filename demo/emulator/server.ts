/** Serves an emulator over real HTTP on a loopback port (tests and stand-alone use). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../src/server/node.js';
import { EmzanoEmulator, type EmulatorOptions } from './emulator.js';

export interface RunningEmulator {
  emulator: EmzanoEmulator;
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startEmulatorServer(options: EmulatorOptions & { port?: number } = {}): Promise<RunningEmulator> {
  const emulator = new EmzanoEmulator(options);
  const server = createServer(toNodeListener(emulator.handle));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    emulator,
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
