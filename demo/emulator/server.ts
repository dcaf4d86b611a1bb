/** Serves an emulator over real HTTP on a loopback port (tests and stand-alone use). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../src/server/node.js';
import { EmzanoEmulator, type EmulatorOptions } from './emulator.js';
import { DiparEmulator, type DiparEmulatorOptions } from './dipar/dipar-emulator.js';
import { RaEmulator, type RaEmulatorOptions } from './ra/ra-emulator.js';
import { VideoIdEmulator, type VideoIdEmulatorOptions } from './video-id/video-id-emulator.js';

export interface RunningEmulator {
  emulator: EmzanoEmulator;
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface RunningRaEmulator {
  emulator: RaEmulator;
  /** The gateway's base, as the server kit's `baseUrl` takes it (`…/api`). */
  baseUrl: string;
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface RunningDiparEmulator {
  emulator: DiparEmulator;
  /** The broker's `{Base_URL}`, as `createDiparHandler`'s `baseUrl` takes it. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** A Web-standard handler on a loopback port (`0`: one the system picks). */
async function serve(
  handle: (request: Request) => Promise<Response>,
  port = 0,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(toNodeListener(handle));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startEmulatorServer(options: EmulatorOptions & { port?: number } = {}): Promise<RunningEmulator> {
  const emulator = new EmzanoEmulator(options);
  return { emulator, ...(await serve(emulator.handle, options.port)) };
}

/** The RA gateway emulator on a loopback port of its own. */
export async function startRaEmulatorServer(options: RaEmulatorOptions & { port?: number } = {}): Promise<RunningRaEmulator> {
  const emulator = new RaEmulator(options);
  const running = await serve(emulator.handle, options.port);
  return { emulator, baseUrl: `${running.url}/api`, ...running };
}

/** The Dipar broker emulator on a loopback port of its own (the onboarding-given IP:port). */
export async function startDiparEmulatorServer(options: DiparEmulatorOptions & { port?: number } = {}): Promise<RunningDiparEmulator> {
  const emulator = new DiparEmulator(options);
  return { emulator, ...(await serve(emulator.handle, options.port)) };
}

export interface RunningVideoIdEmulator {
  emulator: VideoIdEmulator;
  /** The service's base URL, as `createRemoteVerificationHandler`'s `baseUrl` takes it. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** The video identity-verification emulator on a loopback port of its own. */
export async function startVideoIdEmulatorServer(
  options: VideoIdEmulatorOptions & { port?: number } = {},
): Promise<RunningVideoIdEmulator> {
  const emulator = new VideoIdEmulator(options);
  const running = await serve(emulator.handle, options.port);
  return {
    emulator,
    ...running,
    close: async () => {
      emulator.close();
      await running.close();
    },
  };
}
