/**
 * The sandbox: the five services' emulators behind one port, for a host to build against before
 * it has real credentials. Emzano (KYC, DSS, user tokens and CLM) answers at the root, where the
 * browser calls it (`api-base`); the CA's RA gateway under `/ra`, Dipar's broker under `/dipar`,
 * the video identity-verification service under `/video-id`. `GET /.well-known/emzano-sandbox`
 * describes it all (every base URL, credential and key, in the kit's own section shapes), and
 * `/__sandbox/` is a page with the fault switches. What holds a secret or switches a fault
 * answers loopback callers only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { toNodeListener } from '../../src/server/node.js';
import { CLM_CREDENTIALS } from '../emulator/clm.js';
import { DiparEmulator, testOperator } from '../emulator/dipar/dipar-emulator.js';
import { EmzanoEmulator } from '../emulator/emulator.js';
import { RaEmulator } from '../emulator/ra/ra-emulator.js';
import { VideoIdEmulator } from '../emulator/video-id/video-id-emulator.js';
import { loadState, saveState, type SandboxState } from './state.js';
import { SANDBOX_PAGE } from './page.js';

export interface SandboxOptions {
  /** Default 8787; 0 picks a free one. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Where credentials and keys are kept between runs. */
  stateDir: string;
  /** Where the video-ID service POSTs its reports (your kit's `…/remote/webhook`), with the sandbox's Basic credentials. */
  webhook?: string;
  /**
   * The address other devices reach the services at (`http://192.168.1.5:8787`, with `--host
   * 0.0.0.0`): the services' base URLs, and so the tokens the kit hands out, name it, so a phone on
   * the LAN can continue a handoff. The discovery document and the switches stay on this machine.
   */
  publicUrl?: string;
}

/** The sandbox as `GET /.well-known/emzano-sandbox` answers it: what the kit's sections take. */
export interface SandboxDiscovery {
  sandbox: string;
  emzano: { baseUrl: string; apiKey: string };
  clm: { baseUrl: string; clientId: string; clientSecret: string; username: string; password: string; callbackSecretHint: string };
  ra: {
    baseUrl: string;
    customerCode: string;
    licenseNumber: string;
    customerKey: string;
    caName: string;
    profileName: string;
    /** The test root (PEM) to trust in a PDF reader, `pdfsig` or `openssl verify`. */
    rootCertificate: string;
    rootCertificateFile: string;
  };
  dipar: { baseUrl: string; callerCode: string; tokenKey: string; brokerPublicKey: string };
  remoteVerification: {
    baseUrl: string;
    apiUser: string;
    apiToken: string;
    paths: { certificate: string; credits: string };
    webhookAuth: { basic: { username: string; password: string } };
  };
  identities: SandboxIdentity[];
  controls: string;
}

export interface SandboxIdentity {
  service: string;
  who: string;
  values: Record<string, string>;
  outcome: string;
}

export interface RunningSandbox {
  url: string;
  discovery: SandboxDiscovery;
  emulators: { emzano: EmzanoEmulator; ra: RaEmulator; dipar: DiparEmulator; videoId: VideoIdEmulator };
  server: Server;
  close(): Promise<void>;
}

/** The people the emulators know, and what each gives. */
export const SANDBOX_IDENTITIES: SandboxIdentity[] = [
  {
    service: 'Emzano KYC',
    who: 'anyone',
    values: { mobile: '09121234567 (any valid 09… number)', nationalCode: '0499370899 (any valid national code)' },
    outcome: 'enrols; the registry answers a person made up from the national code, the same one every time',
  },
  {
    service: 'Emzano KYC inquiry',
    who: 'the person enrolled',
    values: { birthDate: '1370/05/12 (any valid Solar Hijri date)', cardSerial: 'any' },
    outcome: 'passes; an empty serial is refused (2006), a date that is not one (1009)',
  },
  {
    service: 'Dipar eKYC',
    who: 'the person your `claims` names',
    values: { nationalCode: 'any valid national code', mobile: 'any valid 09… number' },
    outcome: 'every step the operator profile allows; the result signed with the broker key above',
  },
  {
    service: 'Remote verification',
    who: 'a Spanish mobile',
    values: { phone: '+34 600 00 00 01', dni: '00000000T' },
    outcome: 'the simulated person opens the link and goes through the statuses to 5100 (certificate ready)',
  },
];

/** A peer on this machine: 127.0.0.0/8 or ::1 (IPv4-mapped too). */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** A Host header naming this machine (what a browser sends for localhost; a rebound DNS name is not one). */
function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || isLoopbackAddress(name);
}

/** Secrets (the discovery document) and fault switches: the emulators' control paths and the page. */
const isPrivatePath = (pathname: string) =>
  pathname === '/.well-known/emzano-sandbox' || pathname.startsWith('/__') || /^\/(ra|dipar|video-id)\/__/.test(pathname);

/**
 * Why a request for a private path is refused, or undefined: it must come from this machine, name
 * it in `Host` (DNS rebinding), and not come from another site's page (the emulators' control
 * paths answer any origin, for the demo).
 */
function privateRefusal(req: IncomingMessage, ownOrigin: string): string | undefined {
  if (!isLoopbackAddress(req.socket.remoteAddress ?? '')) return 'loopback-only';
  if (!isLoopbackHost(req.headers.host)) return 'loopback-host-only';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin && !isLoopbackHost(new URL(origin, 'http://invalid').host)) return 'cross-origin';
  return undefined;
}

/** The request under a prefix, as the emulator mounted there sees it (its own paths from `/`). */
function strip(request: Request, prefix: string): Request {
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(prefix.length) || '/';
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
  } as RequestInit);
}

const toPem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END ${label}-----\n`;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const state: SandboxState = loadState(options.stateDir);
  const ra = new RaEmulator({
    customers: [{ customerCode: state.ra.customerCode, licenseNumber: state.ra.licenseNumber, publicKeyPem: state.ra.publicKey }],
  });
  if (state.raChain) ra.ca.restore(state.raChain);
  const emzano = new EmzanoEmulator({ apiKey: state.emzanoApiKey });
  if (state.dssCa) emzano.ca.restore(state.dssCa);
  // DSS accepts what the RA's CA issues: the whole chain, KYC → certificate → signed PDF.
  emzano.trustIssuer(ra.issuer);
  const operator = { ...testOperator(), callerCode: state.dipar.callerCode, tokenKey: state.dipar.tokenKey };
  const dipar = new DiparEmulator({ operators: [operator], brokerPrivateKeyPem: state.dipar.brokerPrivateKey });
  const { webhook: hook, ...account } = state.remoteVerification;
  const videoId = new VideoIdEmulator({
    ...account,
    ...(options.webhook ? { webhook: { url: options.webhook, basic: hook, format: 'json', nestedAs: 'string' } } : {}),
  });
  // Made on the first run, kept for the next: the root a host trusts stays the same.
  if (!state.raChain || !state.dssCa) {
    saveState(options.stateDir, { ...state, raChain: await ra.ca.save(), dssCa: await emzano.ca.save() });
  }
  const rootPem = toPem('CERTIFICATE', await ra.ca.rootDer());
  const rootCertificateFile = join(options.stateDir, 'ra-root.pem');
  writeFileSync(rootCertificateFile, rootPem);

  const routes: Array<[string, (request: Request) => Promise<Response>]> = [
    ['/ra', ra.handle],
    ['/dipar', dipar.handle],
    ['/video-id', videoId.handle],
  ];
  // Written once the port is known.
  const described: { discovery?: SandboxDiscovery } = {};
  const listener = toNodeListener(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/.well-known/emzano-sandbox') return Response.json(described.discovery, { headers: { 'Cache-Control': 'no-store' } });
    if (pathname === '/__sandbox' || pathname === '/__sandbox/') {
      return new Response(SANDBOX_PAGE, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    for (const [prefix, handle] of routes) {
      if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return handle(strip(request, prefix));
    }
    return emzano.handle(request);
  });
  const refuse = (res: import('node:http').ServerResponse, reason: string) =>
    res.writeHead(403, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ reason }));
  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    // Only origin-form targets: an absolute URL, or a path that normalises to another, could route past the check below.
    if (!target.startsWith('/')) return refuse(res, 'bad-target');
    const { pathname } = new URL(target, 'http://sandbox.invalid');
    if (pathname !== target.split('?')[0]) return refuse(res, 'bad-target');
    // Secrets and fault switches: this machine only, whatever address the sandbox listens on.
    const refusal = isPrivatePath(pathname) ? privateRefusal(req, described.discovery?.sandbox ?? '') : undefined;
    if (refusal) return refuse(res, refusal);
    void listener(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  // Where the services are reached from: this machine, or the LAN address given.
  const services = (options.publicUrl ?? url).replace(/\/+$/, '');
  const discovery: SandboxDiscovery = {
    sandbox: url,
    emzano: { baseUrl: services, apiKey: state.emzanoApiKey },
    clm: { baseUrl: services, ...CLM_CREDENTIALS, callbackSecretHint: 'choose your own, at least 16 characters' },
    ra: {
      baseUrl: `${services}/ra/api`,
      customerCode: state.ra.customerCode,
      licenseNumber: state.ra.licenseNumber,
      customerKey: state.ra.customerKey,
      caName: ra.caName,
      profileName: 'Remote-Sign',
      rootCertificate: rootPem,
      rootCertificateFile,
    },
    dipar: {
      baseUrl: `${services}/dipar`,
      callerCode: operator.callerCode,
      tokenKey: operator.tokenKey,
      brokerPublicKey: dipar.brokerPublicKeyPem(),
    },
    remoteVerification: {
      baseUrl: `${services}/video-id`,
      apiUser: account.apiUser,
      apiToken: account.apiToken,
      paths: { certificate: account.certificatePath, credits: account.creditsPath },
      webhookAuth: { basic: hook },
    },
    identities: SANDBOX_IDENTITIES,
    controls: `${url}/__sandbox/`,
  };
  described.discovery = discovery;
  return {
    url,
    discovery,
    emulators: { emzano, ra, dipar, videoId },
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
