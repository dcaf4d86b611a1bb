/**
 * The layers of docs/architecture.md, kept true: each folder of `src/` may import only the layers
 * below it. A new import that crosses a boundary fails here with the file, the import and the rule.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';

const SRC = 'src';

/**
 * Which layers each layer may import (its own always), and which packages at run time. Type-only
 * imports of packages are erased by the compiler and allowed anywhere but in the server kit's
 * view of browser code. `internal/module-url` is only `import.meta.url`: the files the build puts
 * beside the code are found from it, with no DOM.
 */
const RULES: Record<string, { layers: string[]; packages: RegExp; why: string }> = {
  core: { layers: ['internal/module-url'], packages: /^jalaali-js$/, why: 'pure logic: no Lit, no DOM, no network' },
  signing: { layers: ['core'], packages: /^$/, why: 'the signer contract: core only' },
  events: { layers: ['core'], packages: /^$/, why: 'event classes: core types only' },
  i18n: { layers: ['core'], packages: /^$/, why: 'strings: core types only' },
  store: { layers: ['core'], packages: /^idb-keyval$/, why: 'persistence through idb-keyval, nothing else' },
  capture: { layers: ['core'], packages: /^$/, why: 'browser media without Lit' },
  certificate: {
    layers: ['core', 'store'],
    packages: /^(pkijs|asn1js)$/,
    why: 'keys and certificate requests: Web Crypto and pkijs, no Lit',
  },
  api: { layers: ['core', 'signing', 'internal/module-url'], packages: /^$/, why: 'protocol: no Lit, no elements, no DOM rendering' },
  providers: {
    layers: ['core', 'api', 'i18n', 'events'],
    packages: /^$/,
    why: 'identity providers: each service’s protocol and steps behind one interface; no Lit, no elements',
  },
  evidence: { layers: ['core', 'events', 'internal/module-url'], packages: /^@zip\.js\//, why: 'evidence packages: no elements' },
  controllers: {
    layers: ['core', 'events', 'i18n', 'internal', 'store'],
    packages: /^lit(\/|$)/,
    why: 'shared behaviour: never an element, never protocol',
  },
  internal: { layers: ['core', 'events', 'i18n', 'controllers'], packages: /^lit(\/|$)/, why: 'the base element and small helpers' },
  styles: { layers: [], packages: /^lit(\/|$)/, why: 'styles only' },
  components: {
    // `entry`: an element that nests another registers it through that element's own entry.
    layers: [
      'core',
      'api',
      'capture',
      'certificate',
      'controllers',
      'entry',
      'events',
      'evidence',
      'i18n',
      'internal',
      'providers',
      'signing',
      'store',
      'styles',
    ],
    // `uqr`: the handoff's QR code, drawn in the desktop's panel.
    packages: /^(lit(\/.*)?|pdfjs-dist|signature_pad|uqr)$/,
    why: 'elements render and wire; never the server kit or the demo',
  },
  server: {
    // `certificate`: the X.509 reader the browser checks with, so both read certificates alike.
    layers: ['core', 'certificate'],
    packages: /^(node:.*|unstorage|pkijs|asn1js|jose)$/,
    why: 'the server kit: Web-standard handlers on core logic, its state on unstorage, X.509 on pkijs, JWTs on jose, no browser code',
  },
};
/** Files directly in src/: the entries, allowed any browser layer. */
const ENTRY = { layers: Object.keys(RULES).filter((layer) => layer !== 'server'), packages: /^(lit(\/.*)?|@lit\/react|react)$/ };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function layerOf(path: string): string {
  const parts = relative(SRC, path).split('/');
  if (parts.length === 1) return 'entry';
  if (parts[0] === 'internal' && parts[1] === 'module-url.ts') return 'internal/module-url';
  return parts[0]!;
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(code: string): Import[] {
  const found: Import[] = [];
  for (const [, type, specifier] of code.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm))
    found.push({ specifier: specifier!, typeOnly: Boolean(type) });
  for (const [, specifier] of code.matchAll(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g))
    found.push({ specifier: specifier!, typeOnly: false });
  return found;
}

describe('architecture: the layers import only what they may', () => {
  const files = sourceFiles(SRC);

  it('finds every layer it has a rule for', () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of Object.keys(RULES)) assert.ok(layers.has(layer), `no files in src/${layer}`);
  });

  it('each import crosses only the boundaries docs/architecture.md allows', () => {
    const broken: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      if (layer === 'internal/module-url') continue;
      const rule = layer === 'entry' ? ENTRY : RULES[layer];
      assert.ok(rule, `src/${layer} has no rule in this test (and no place in docs/architecture.md)`);
      for (const { specifier, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = normalize(join(dirname(file), specifier));
          if (!target.startsWith(`${SRC}/`)) {
            broken.push(`${file} imports ${specifier}: outside src/ (the demo and tests are never imported by the package)`);
            continue;
          }
          const targetLayer = layerOf(target.replace(/\.js$/, '.ts'));
          if (targetLayer === layer || rule.layers.includes(targetLayer)) continue;
          if (targetLayer === 'internal/module-url' && rule.layers.includes('internal')) continue;
          broken.push(
            `${file} imports ${specifier}: src/${layer} may not import src/${targetLayer} (${'why' in rule ? rule.why : 'entries'})`,
          );
        } else if (!typeOnly && !rule.packages.test(specifier)) {
          broken.push(`${file} imports the package ${specifier} at run time: src/${layer} may not`);
        } else if (typeOnly && layer === 'server' && !rule.packages.test(specifier)) {
          broken.push(`${file} imports types of ${specifier}: the server kit stays free of browser packages`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('catches a crossing: the rule is not vacuous', () => {
    // What a mistake would look like, checked with the same reading of imports.
    const imports = importsOf(
      `import { html } from 'lit';\nimport type { X } from '../api/http.js';\nconst m = import('../server/index.js');\n`,
    );
    assert.deepEqual(imports, [
      { specifier: 'lit', typeOnly: false },
      { specifier: '../api/http.js', typeOnly: true },
      { specifier: '../server/index.js', typeOnly: false },
    ]);
    assert.equal(RULES['core']!.packages.test('lit'), false);
    assert.equal(RULES['api']!.layers.includes('components'), false);
    assert.equal(ENTRY.layers.includes('server'), false);
  });
});
