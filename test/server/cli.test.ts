/**
 * `npx emzano-elements ca-profiles` against the RA emulator, as a host runs it to set up the
 * certificate endpoint: the CAs, their availability and profiles; and a clear failure (no key in
 * it) when the credentials are wrong or missing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testCustomer } from '../../demo/emulator/ra/ra-emulator.js';
import { startRaEmulatorServer, type RunningRaEmulator } from '../../demo/emulator/server.js';

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('emzano-elements ca-profiles', () => {
  let ra: RunningRaEmulator;
  const { customer, customerKey } = testCustomer();
  before(async () => {
    // Its own customer: the CLI runs in another process, with a key handed over by environment.
    ra = await startRaEmulatorServer({ customers: [customer] });
  });
  after(() => ra.close());
  const env = () => ({
    RA_CUSTOMER_CODE: customer.customerCode,
    RA_LICENSE_NUMBER: customer.licenseNumber,
    RA_CUSTOMER_KEY: customerKey,
    RA_BASE_URL: ra.baseUrl,
  });

  it('lists the CAs, their availability and their profiles', async () => {
    const { code, stdout } = await run(['ca-profiles'], env());
    assert.equal(code, 0);
    assert.match(stdout, /CA 01: available/);
    assert.match(stdout, /profileName "Remote-Sign": face authentication and approval/);
    assert.match(stdout, /profileName "Test-Sign": no approval step/);
    const json = await run(['ca-profiles', '--ca', '01', '--json'], env());
    const [report] = JSON.parse(json.stdout) as Array<{ caName: string; profiles: Array<{ ProfileName: string }> }>;
    assert.equal(report?.caName, '01');
    assert.deepEqual(
      report?.profiles.map((profile) => profile.ProfileName),
      ['Remote-Sign', 'Test-Sign'],
    );
  });

  it('says what is missing, and fails without the key in its words when the gateway refuses', async () => {
    const missing = await run(['ca-profiles'], { RA_BASE_URL: ra.baseUrl });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /set RA_CUSTOMER_CODE, RA_LICENSE_NUMBER, RA_CUSTOMER_KEY/);
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const refused = await run(['ca-profiles'], { ...env(), RA_LICENSE_NUMBER: 'WRONG', RA_CUSTOMER_KEY: otherKey });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /refused our customer credentials/);
    assert.ok(!refused.stderr.includes(otherKey.slice(40, 80)));
  });
});
