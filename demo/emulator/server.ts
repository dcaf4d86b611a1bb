/** Serves an emulator over real HTTP on a loopback port (tests and stand-alone use). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../src/server/node.js';
import { EmzanoEmulator, type EmulatorOptions } from './emulator.js';
import { RaEmulator, type RaEmulatorOptions } from './ra/ra-emulator.js';

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

export interface RunningRaEmulator {
  emulator: RaEmulator;
  /** The gateway's base, as the server kit's `baseUrl` takes it (`…/api`). */
  baseUrl: string;
  url: string;
  close(): Promise<void>;
}

/** The RA gateway emulator on a loopback port of its own. */
export async function startRaEmulatorServer(options: RaEmulatorOptions & { port?: number } = {}): Promise<RunningRaEmulator> {
  const emulator = new RaEmulator(options);
  const server = createServer(toNodeListener(emulator.handle));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    emulator,
    url,
    baseUrl: `${url}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
