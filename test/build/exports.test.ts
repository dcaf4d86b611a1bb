/**
 * The built package as a consumer sees it: every export resolves, imports in Node without a
 * DOM (server-side rendering, test runners, build tools), and registers nothing twice.
 * Runs after `npm run build`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> };
// The cdn/ files are single-file browser scripts with Lit's browser build inlined; every other
// export is for bundlers and Node, and must import anywhere.
const importable = Object.keys(pkg.exports).filter((key) => !key.endsWith('.json') && !key.startsWith('./cdn/'));

describe('package exports', () => {
  for (const subpath of importable) {
    const specifier = subpath === '.' ? 'emzano-elements' : `emzano-elements/${subpath.slice(2)}`;
    it(`imports ${specifier} in Node without throwing`, async () => {
      await import(specifier);
    });
  }

  // Specifiers go through a function so the type check does not need dist/ to exist yet.
  const load = (specifier: string): Promise<Record<string, unknown>> => import(specifier);

  it('imports the element entries twice without throwing (registration is guarded)', async () => {
    await load('emzano-elements/kyc');
    await load(`${new URL('../../dist/kyc.js', import.meta.url).href}?again`);
    await load('emzano-elements/all');
  });

  it('ships the command line (npx emzano-elements ca-profiles) as an executable script', () => {
    const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }).bin['emzano-elements']!;
    assert.ok(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n'), `${bin} starts with a shebang`);
  });

  it('exposes the classes and the server kit by name', async () => {
    const main = await load('emzano-elements');
    assert.equal(typeof main['EmzanoKyc'], 'function');
    assert.equal(typeof main['EmzanoSignaturePad'], 'function');
    const server = await load('emzano-elements/server');
    assert.equal(typeof server['createTokenHandler'], 'function');
    assert.equal(typeof server['createCertificateHandler'], 'function');
    assert.equal(typeof server['createDiparHandler'], 'function');
    assert.equal(typeof server['createRemoteVerificationHandler'], 'function');
    assert.equal(typeof main['EmzanoRemoteVerification'], 'function');
  });

  it('ships declarations for every entry, with the tag-name map', () => {
    for (const value of Object.values(pkg.exports)) {
      if (typeof value === 'object' && value !== null && 'types' in value) {
        assert.ok(readFileSync(String((value as { types: string }).types), 'utf8').length > 0);
      }
    }
    assert.match(readFileSync('dist/types/emzano-kyc.d.ts', 'utf8'), /'emzano-kyc': EmzanoKyc/);
    assert.match(readFileSync('dist/types/emzano-signature-pad.d.ts', 'utf8'), /'emzano-signature-pad': EmzanoSignaturePad/);
  });

  it('keeps pdf.js out of <emzano-sign-pdf>’s initial code: it is imported only on demand', () => {
    const version = JSON.parse(readFileSync('node_modules/pdfjs-dist/package.json', 'utf8')).version as string;
    // Follow the static imports of the sign-pdf entry; none may be pdf.js.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join('dist', file), 'utf8');
      assert.ok(!code.includes(`"${version}"`), `${file} contains pdf.js ${version}`);
      assert.ok(!/(?:from|import)\s*["'`]pdfjs-dist/.test(code), `${file} imports pdfjs-dist statically`);
      for (const [, target] of code.matchAll(/(?:from|import)\s*["'](\.\.?\/[^"']+)["']/g)) visit(join(file, '..', target!));
    };
    visit('sign-pdf.js');
    // pdf.js itself comes from a dynamic import, in the element's code or in a part it loads lazily.
    const reachable = new Set<string>();
    const reach = (file: string) => {
      if (reachable.has(file)) return;
      reachable.add(file);
      const code = readFileSync(join('dist', file), 'utf8');
      for (const [, target] of code.matchAll(/(?:from|import\(?)\s*[`"'](\.\.?\/[^`"']+)[`"']/g)) reach(join(file, '..', target!));
    };
    reach('sign-pdf.js');
    const chunks = [...reachable].map((file) => readFileSync(join('dist', file), 'utf8')).join('\n');
    assert.match(chunks, /import\(\s*[`"']pdfjs-dist[`"']\s*\)/, 'pdf.js is loaded with a dynamic import');
    for (const file of ['emzano-elements.js', 'emzano-elements.iife.js']) {
      assert.ok(!readFileSync(join('dist/cdn', file), 'utf8').includes(`"${version}"`), `cdn/${file} inlines pdf.js`);
    }
    for (const file of ['cdn/pdf.min.mjs', ...['cdn/', ''].flatMap((dir) => [`${dir}pdf.worker.min.mjs`, `${dir}pdf.renderer.min.mjs`])]) {
      assert.ok(readFileSync(join('dist', file)).length > 10_000, `${file} ships beside the code`);
    }
  });

  it('keeps server code and the emulator out of every browser bundle', () => {
    // Every browser file: the entries, the modules below them, the script-tag bundles (not dist/node, the server kit).
    const files = (readdirSync('dist', { recursive: true, encoding: 'utf8' }) as string[]).filter(
      (name) => name.endsWith('.js') && !name.startsWith(`node${sep}`) && !name.startsWith(`types${sep}`),
    );
    for (const file of files) {
      const code = readFileSync(join('dist', file), 'utf8');
      for (const marker of ['createTokenHandler', 'node:http', 'node:stream', 'EmzanoEmulator', 'emulator-api-key']) {
        assert.ok(!code.includes(marker), `${file} contains ${marker}`);
      }
    }
  });
});

describe('source modules', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  for (const file of sources('src')) {
    it(`${file} imports in Node without window or document`, async () => {
      await import(new URL(`../../${file}`, import.meta.url).href);
    });
  }
});
