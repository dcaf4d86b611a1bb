/**
 * What the sandbox keeps between runs (`--state DIR`, default `.emzano-sandbox` in the folder it
 * was started from): every credential and key it made, so that a host's `.env` and the root it
 * trusts stay right across restarts. Made once, on first run; written readable by its owner only.
 * These are test secrets of emulators, never anything of a real service.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SavedAuthority } from '../emulator/pki/certificates.js';

export interface SandboxState {
  version: 1;
  emzanoApiKey: string;
  ra: { customerCode: string; licenseNumber: string; customerKey: string; publicKey: string };
  /** The RA's test root and intermediate; undefined until the first run made them. */
  raChain?: { root: SavedAuthority; intermediate: SavedAuthority };
  /** DSS's own test CA (signing without a certificate from the RA). */
  dssCa?: SavedAuthority;
  dipar: { callerCode: string; tokenKey: string; brokerPrivateKey: string };
  remoteVerification: {
    apiUser: string;
    apiToken: string;
    certificatePath: string;
    creditsPath: string;
    webhook: { username: string; password: string };
  };
}

const FILE = 'sandbox.json';
const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');

function freshState(): SandboxState {
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const customer = rsa();
  return {
    version: 1,
    emzanoApiKey: `sandbox-${secret()}`,
    ra: {
      customerCode: 'EMZ100',
      licenseNumber: 'LIC2024',
      customerKey: customer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: customer.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    dipar: {
      callerCode: 'EMZ-sandbox-0001',
      tokenKey: secret(32),
      // RSA-1024: the size the broker's reference samples imply.
      brokerPrivateKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    remoteVerification: {
      apiUser: `sandbox-${secret(6)}`,
      apiToken: secret(),
      // The reference names no path for these two (its Ambiguity 1): the emulator's own choice.
      certificatePath: '/emulator/certificate',
      creditsPath: '/emulator/credits',
      webhook: { username: 'sandbox-webhook', password: secret(18) },
    },
  };
}

/** The state kept in `directory`, or a new one written there. */
export function loadState(directory: string): SandboxState {
  const file = join(directory, FILE);
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
    if (kept.version === 1) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`The sandbox's state in ${file} cannot be read (${(error as Error).message}); remove it to start afresh.`, {
        cause: error,
      });
    }
  }
  const state = freshState();
  saveState(directory, state);
  return state;
}

export function saveState(directory: string, state: SandboxState): void {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, FILE);
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
