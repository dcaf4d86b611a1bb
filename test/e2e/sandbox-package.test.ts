/**
 * `npx emzano-elements sandbox` from the installed package, as an integrator meets it: `npm pack`
 * of this working tree, installed into an empty app in a temporary folder (nothing of this
 * repository on its paths), the sandbox started from the app's `node_modules/.bin`. Its discovery
 * document drives the kit imported from the installed package too: an enrolment through the kit
 * reaches the sandbox's Emzano. Its credentials, keys and the root to trust stay the same across
 * a restart with the same `--state`.
 */
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appEnv, installApp, startAppSandbox } from '../helpers/packed-app.js';

describe('the sandbox from the installed package', () => {
  let app: string;
  const running: ChildProcess[] = [];

  before(
    () => {
      app = installApp();
    },
    { timeout: 300_000 },
  );
  after(() => {
    for (const child of running) child.kill('SIGTERM');
    rmSync(app, { recursive: true, force: true });
  });

  const startSandbox = async (state: string) => {
    const { child, discovery } = await startAppSandbox(app, state);
    running.push(child);
    return discovery as Record<string, Record<string, unknown>> & { sandbox: string };
  };

  it('ships compiled, with nothing of the repository', () => {
    const installed = join(app, 'node_modules/emzano-elements');
    assert.ok(existsSync(join(installed, 'dist/node/sandbox/cli.js')));
    assert.deepEqual(
      readdirSync(installed).filter((name) => ['demo', 'src', 'test', 'scripts'].includes(name)),
      [],
    );
  });

  it('starts, describes itself, serves the kit it configures, and keeps its keys across a restart', { timeout: 120_000 }, async () => {
    const state = join(app, 'state');
    const first = await startSandbox(state);
    const discovery = (await (await fetch(`${first.sandbox}/.well-known/emzano-sandbox`)).json()) as Record<
      string,
      Record<string, unknown>
    >;
    assert.deepEqual(discovery, first, '--json prints what the discovery document answers');
    for (const section of ['emzano', 'clm', 'ra', 'dipar', 'remoteVerification']) assert.ok(discovery[section], section);
    assert.match(String(discovery['ra']!['rootCertificate']), /^-----BEGIN CERTIFICATE-----/);

    // The installed kit, configured from the discovery document alone, enrols a person at the sandbox.
    writeFileSync(
      join(app, 'enrol.mjs'),
      `import { createEmzanoKit } from 'emzano-elements/server';
const discovery = await (await fetch(process.argv[2] + '/.well-known/emzano-sandbox')).json();
const kit = createEmzanoKit({ authorize: () => ({ subject: 'alice' }), emzano: discovery.emzano });
const answer = await kit.fetch(new Request('http://app.example/api/emzano/token', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ phoneNumber: '09121234567', nationalCode: '0499370899' }),
}));
console.log(JSON.stringify({ status: answer.status, body: await answer.json() }));
`,
    );
    const enrolled = JSON.parse(
      execFileSync(process.execPath, ['enrol.mjs', first.sandbox], { cwd: app, encoding: 'utf8', env: appEnv(app) }),
    ) as {
      status: number;
      body: { userId?: string; accessToken?: string };
    };
    assert.equal(enrolled.status, 200, JSON.stringify(enrolled));
    assert.ok(enrolled.body.userId && enrolled.body.accessToken);

    running.pop()!.kill('SIGTERM');
    const second = await startSandbox(state);
    const kept = (section: Record<string, unknown>, names: string[]) => names.map((name) => section[name]);
    assert.deepEqual(kept(second['ra']!, ['customerKey', 'rootCertificate']), kept(discovery['ra']!, ['customerKey', 'rootCertificate']));
    assert.deepEqual(second['emzano']!['apiKey'], discovery['emzano']!['apiKey']);
    assert.deepEqual(second['dipar']!['brokerPublicKey'], discovery['dipar']!['brokerPublicKey']);
  });

  it('says what to install when its optional dependency is missing', () => {
    rmSync(join(app, 'node_modules/@cantoo/pdf-lib'), { recursive: true, force: true });
    let failure: { status: number | null; stderr: string } = { status: 0, stderr: '' };
    try {
      execFileSync(join(app, 'node_modules/.bin/emzano-elements'), ['sandbox', '--port', '0', '--state', join(app, 'state')], {
        cwd: app,
        stdio: 'pipe',
        encoding: 'utf8',
        env: appEnv(app),
      });
    } catch (error) {
      failure = error as { status: number | null; stderr: string };
    }
    assert.equal(failure.status, 1);
    assert.match(failure.stderr, /npm install @cantoo\/pdf-lib/);
  });
});
