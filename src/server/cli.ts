#!/usr/bin/env node
/**
 * `npx emzano-elements sandbox`: the emulators of every service on one port (see
 * demo/sandbox/cli.ts), from the installed package.
 *
 * `npx emzano-elements ca-profiles`: what the host needs to set up `createCertificateHandler`,
 * asked of the CA's RA gateway with the host's own customer credentials: the intermediate CAs it
 * may use (`GetCAList`), whether each is up (`IsAvailable`) and its certificate profiles
 * (`GetCAProfileInfo`: `FaceAuth` and `Approval` say whether issuance needs an approval step).
 *
 * Credentials come from the environment, never the command line (which other users of the
 * machine can read): RA_CUSTOMER_CODE, RA_LICENSE_NUMBER, and the PKCS#8 key in RA_CUSTOMER_KEY
 * or the file RA_CUSTOMER_KEY_FILE names. RA_BASE_URL points elsewhere than the real gateway.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRaClient, RaError, type RaProfile } from './ra/ra-client.js';

const USAGE = `Usage: emzano-elements sandbox [--port 8787] [--host 127.0.0.1] [--public-url URL] [--state DIR] [--webhook URL] [--json]
       emzano-elements ca-profiles [--ca <caName>] [--json]

sandbox: runs every service's emulator on one port and prints the settings your server needs
(emzano-elements sandbox --help for more).

Lists the intermediate CAs your RA customer code may use, whether each is available, and its
certificate profiles. Set RA_CUSTOMER_CODE, RA_LICENSE_NUMBER and RA_CUSTOMER_KEY (PKCS#8 PEM)
or RA_CUSTOMER_KEY_FILE; RA_BASE_URL to use another gateway than https://api.pki.co.ir/api.`;

interface CaReport {
  caName: string;
  available: boolean;
  profiles: RaProfile[];
}

async function caProfiles(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const json = args.includes('--json');
  const only = args.includes('--ca') ? args[args.indexOf('--ca') + 1] : undefined;
  const customerKey =
    env['RA_CUSTOMER_KEY'] ?? (env['RA_CUSTOMER_KEY_FILE'] ? readFileSync(env['RA_CUSTOMER_KEY_FILE'], 'utf8') : undefined);
  const missing: string[] = (['RA_CUSTOMER_CODE', 'RA_LICENSE_NUMBER'] as const).filter((name) => !env[name]);
  if (!customerKey) missing.push('RA_CUSTOMER_KEY');
  if (!customerKey || missing.length) {
    process.stderr.write(`emzano-elements: set ${missing.join(', ')}.\n\n${USAGE}\n`);
    return 2;
  }
  const client = createRaClient({
    customerCode: env['RA_CUSTOMER_CODE']!,
    licenseNumber: env['RA_LICENSE_NUMBER']!,
    customerKey,
    ...(env['RA_BASE_URL'] ? { baseUrl: env['RA_BASE_URL'] } : {}),
  });
  const names = only ? [only] : (await client.getCaList()).map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)));
  const reports: CaReport[] = [];
  for (const caName of names) {
    const { available } = await client.isAvailable(caName);
    reports.push({ caName, available, profiles: await client.getCaProfileInfo(caName) });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    return 0;
  }
  if (reports.length === 0) process.stdout.write('No intermediate CA is open to this customer code.\n');
  for (const report of reports) {
    process.stdout.write(`CA ${report.caName}: ${report.available ? 'available' : 'NOT available'}\n`);
    for (const profile of report.profiles) {
      const needs =
        [profile.FaceAuth ? 'face authentication' : '', profile.Approval ? 'approval' : ''].filter(Boolean).join(' and ') ||
        'no approval step';
      process.stdout.write(`  profileName "${profile.ProfileName}": ${needs}${profile.Description ? `; ${profile.Description}` : ''}\n`);
    }
  }
  return 0;
}

/**
 * `sandbox`: the emulators, compiled into the package under `dist/node/sandbox/`. The PDF work of
 * DSS needs `@cantoo/pdf-lib`, an optional dependency: a clear word when it is missing.
 */
async function sandbox(args: string[]): Promise<number | undefined> {
  // Resolved at run time: the sandbox is built beside this file, not part of the server kit's types.
  const entry = new URL('../sandbox/cli.js', import.meta.url).href;
  let runSandbox: (args: string[], out: (text: string) => void) => Promise<number | { close(): Promise<void> }>;
  try {
    ({ runSandbox } = (await import(entry)) as { runSandbox: typeof runSandbox });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !String(error).includes('@cantoo/pdf-lib')) throw error;
    process.stderr.write('emzano-elements: the sandbox needs @cantoo/pdf-lib (an optional dependency): npm install @cantoo/pdf-lib\n');
    return 1;
  }
  const running = await runSandbox(args, (text) => process.stdout.write(text));
  if (typeof running === 'number') return running;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void running.close().then(() => process.exit(0)));
  }
  return undefined;
}

async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === 'sandbox') {
    try {
      return await sandbox(rest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      process.stderr.write(
        `emzano-elements: the sandbox did not start: ${code === 'EADDRINUSE' ? 'the port is taken (--port another one)' : (error as Error).message}\n`,
      );
      return 1;
    }
  }
  if (command === 'ca-profiles') {
    try {
      return await caProfiles(rest, process.env);
    } catch (error) {
      // The gateway's failure in words; never the key, never a stack.
      const detail =
        error instanceof RaError
          ? `${error.message}${error.raMessage ? ` (${error.raMessage})` : ''}`
          : error instanceof Error
            ? error.message
            : String(error);
      process.stderr.write(`emzano-elements: ${detail}\n`);
      return 1;
    }
  }
  process.stdout.write(`${USAGE}\n`);
  return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
}

/** Whether this file is the program Node was started with (`npx` runs it through a link in node_modules/.bin). */
function startedAsProgram(): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Imported (by a tool that loads every module, say), it only defines what it does.
if (startedAsProgram()) {
  const code = await main(process.argv.slice(2));
  // The sandbox keeps running: its exit code comes when it is stopped.
  if (code !== undefined) process.exitCode = code;
}
