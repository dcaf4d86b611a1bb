/**
 * `npx emzano-elements sandbox [--port 8787] [--host 127.0.0.1] [--state DIR] [--webhook URL] [--json]`:
 * starts the sandbox and says how to use it: an `.env` block with every credential and base URL
 * the kit needs, the test identities, and the root to trust. Runs until stopped (Ctrl-C).
 */
import { resolve } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxDiscovery } from './sandbox.js';

export const SANDBOX_USAGE = `Usage: emzano-elements sandbox [--port 8787] [--host 127.0.0.1] [--public-url URL] [--state DIR] [--webhook URL] [--json]

Runs the emulators of every service (Emzano KYC, DSS and CLM; the CA's RA gateway; Dipar; the
video identity-verification service) on one port, and prints the settings your server kit needs.
  --port     the port (default 8787; 0 for any free one)
  --host     the address to listen on (default 127.0.0.1; secrets and fault switches answer this machine only)
  --public-url  how other devices reach it (with --host 0.0.0.0), e.g. http://192.168.1.5:8787: the
             services' base URLs and your kit's tokens name it, so a phone on the LAN can continue a handoff
  --state    where credentials and keys are kept between runs (default ./.emzano-sandbox)
  --webhook  your kit's remote-verification webhook, e.g. http://localhost:3000/api/emzano/remote/webhook
  --json     print the settings as one line of JSON (as GET /.well-known/emzano-sandbox answers)`;

/** `KEY=value` lines; a multi-line value (a PEM) in double quotes with \\n, as dotenv reads it. */
export function envBlock(discovery: SandboxDiscovery): string {
  const { emzano, clm, ra, dipar, remoteVerification: remote } = discovery;
  const entries: Array<[string, string]> = [
    ['EMZANO_BASE_URL', emzano.baseUrl],
    ['EMZANO_API_KEY', emzano.apiKey],
    ['CLM_BASE_URL', clm.baseUrl],
    ['CLM_CLIENT_ID', clm.clientId],
    ['CLM_CLIENT_SECRET', clm.clientSecret],
    ['CLM_USERNAME', clm.username],
    ['CLM_PASSWORD', clm.password],
    ['RA_BASE_URL', ra.baseUrl],
    ['RA_CUSTOMER_CODE', ra.customerCode],
    ['RA_LICENSE_NUMBER', ra.licenseNumber],
    ['RA_CUSTOMER_KEY', ra.customerKey],
    ['RA_CA_NAME', ra.caName],
    ['RA_PROFILE_NAME', ra.profileName],
    ['DIPAR_BASE_URL', dipar.baseUrl],
    ['DIPAR_CALLER_CODE', dipar.callerCode],
    ['DIPAR_TOKEN_KEY', dipar.tokenKey],
    ['DIPAR_BROKER_PUBLIC_KEY', dipar.brokerPublicKey],
    ['REMOTE_VERIFICATION_BASE_URL', remote.baseUrl],
    ['REMOTE_VERIFICATION_API_USER', remote.apiUser],
    ['REMOTE_VERIFICATION_API_TOKEN', remote.apiToken],
    ['REMOTE_VERIFICATION_CERTIFICATE_PATH', remote.paths.certificate],
    ['REMOTE_VERIFICATION_CREDITS_PATH', remote.paths.credits],
    ['REMOTE_VERIFICATION_WEBHOOK_USER', remote.webhookAuth.basic.username],
    ['REMOTE_VERIFICATION_WEBHOOK_PASSWORD', remote.webhookAuth.basic.password],
  ];
  return entries.map(([name, value]) => `${name}=${value.includes('\n') ? JSON.stringify(value.trimEnd()) : value}`).join('\n');
}

function describe(sandbox: RunningSandbox): string {
  const { discovery } = sandbox;
  const rows = discovery.identities.map(
    (identity) =>
      `  ${identity.service} · ${identity.who}: ${Object.entries(identity.values)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ')}\n      → ${identity.outcome}`,
  );
  return [
    `emzano-elements sandbox on ${sandbox.url}`,
    '',
    '# .env for your server (also GET /.well-known/emzano-sandbox, as JSON)',
    envBlock(discovery),
    '',
    'Test identities:',
    ...rows,
    '',
    "The CA's test root, to trust when you check a signed PDF:",
    `  ${discovery.ra.rootCertificateFile}`,
    `  certutil -N -d sql:./nssdb --empty-password && certutil -A -d sql:./nssdb -n "Emzano sandbox root" -t CT,C,C -i ${discovery.ra.rootCertificateFile}`,
    '  pdfsig -nssdir sql:./nssdb signed.pdf',
    '',
    `Fault switches: ${discovery.controls}`,
    'Stop with Ctrl-C.',
    '',
  ].join('\n');
}

/** The command: starts the sandbox, prints, and keeps it running until a signal; 2 for bad arguments. */
export async function runSandbox(args: string[], out: (text: string) => void, cwd = process.cwd()): Promise<number | RunningSandbox> {
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  if (args.includes('--help')) {
    out(`${SANDBOX_USAGE}\n`);
    return 0;
  }
  const port = value('--port') === undefined ? 8787 : Number(value('--port'));
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    out(`emzano-elements: --port must be a port number.\n\n${SANDBOX_USAGE}\n`);
    return 2;
  }
  const publicUrl = value('--public-url');
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) {
    out(`emzano-elements: --public-url must be an http(s) origin, e.g. http://192.168.1.5:8787.\n\n${SANDBOX_USAGE}\n`);
    return 2;
  }
  const webhook = value('--webhook');
  if (webhook !== undefined && !/^https?:\/\//.test(webhook)) {
    out(`emzano-elements: --webhook must be an http(s) URL.\n\n${SANDBOX_USAGE}\n`);
    return 2;
  }
  const sandbox = await startSandbox({
    port,
    host: value('--host') ?? '127.0.0.1',
    stateDir: resolve(cwd, value('--state') ?? '.emzano-sandbox'),
    ...(webhook ? { webhook } : {}),
    ...(publicUrl ? { publicUrl } : {}),
  });
  out(args.includes('--json') ? `${JSON.stringify(sandbox.discovery)}\n` : describe(sandbox));
  return sandbox;
}
