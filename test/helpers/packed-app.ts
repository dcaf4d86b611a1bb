/**
 * An app as an integrator has one: `npm pack` of this working tree (built), installed into a
 * folder outside the repository, and the sandbox started from that app's own `node_modules/.bin`.
 * Nothing of this repository is on the app's paths: what works here works from the package.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('../../', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tarball: string | undefined;

/** The package's tarball, packed once per test process. */
export function packedTarball(): string {
  if (!tarball) {
    const directory = mkdtempSync(join(tmpdir(), 'emzano-pack-'));
    const name = execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', directory, '--silent'], {
      cwd: repo,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)!;
    tarball = join(directory, name);
  }
  return tarball;
}

/** A fresh app folder: a copy of `example` (a folder of this repository's `examples/`), or an empty app. */
export function installApp(options: { example?: string; add?: string[] } = {}): string {
  const app = mkdtempSync(join(tmpdir(), 'emzano-app-'));
  if (options.example) cpSync(join(repo, 'examples', options.example), app, { recursive: true });
  else writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync(
    npm,
    ['install', packedTarball(), ...(options.add ?? []), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    {
      cwd: app,
      stdio: 'pipe',
    },
  );
  return app;
}

/** The environment an app runs in: its own PATH and HOME, nothing of this repository. */
export const appEnv = (app: string, extra: Record<string, string> = {}) => ({ PATH: process.env['PATH'] ?? '', HOME: app, ...extra });

export interface StartedSandbox {
  child: ChildProcess;
  discovery: { sandbox: string; ra: { rootCertificate: string }; [section: string]: unknown };
}

/** `emzano-elements sandbox --json` from the app's `.bin`, on a free port; its discovery document once it listens. */
export function startAppSandbox(app: string, state: string): Promise<StartedSandbox> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(app, 'node_modules/.bin/emzano-elements'), ['sandbox', '--port', '0', '--state', state, '--json'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: appEnv(app),
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ child, discovery: JSON.parse(out.split('\n')[0]!) as StartedSandbox['discovery'] });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${err}`)));
  });
}
