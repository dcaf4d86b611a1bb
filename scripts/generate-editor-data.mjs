/**
 * Editor support from one source, the JSDoc on the element classes:
 *   custom-elements.json          (@custom-elements-manifest/analyzer)
 *   web-types.json                (JetBrains IDEs)
 *   vscode.html-custom-data.json  (VS Code's html.customData)
 *   docs/api.md                   (the element reference, scripts/generate-api-docs.mjs)
 * `node scripts/generate-editor-data.mjs` writes them; with `--check` it fails when any committed
 * file is out of date (run by the tests).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDocs } from './generate-api-docs.mjs';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const ELEMENT_FILES = [
  'src/components/kyc/emzano-kyc.ts',
  // `<emzano-kyc>`'s attributes and properties are declared on this base class (its settings).
  'src/components/kyc/kyc-settings.ts',
  'src/components/sign-pdf/emzano-sign-pdf.ts',
  'src/components/signature-pad/emzano-signature-pad.ts',
  'src/components/document-status/emzano-document-status.ts',
  'src/components/certificate/emzano-certificate.ts',
  'src/components/remote-verification/emzano-remote-verification.ts',
];

function analyze() {
  // The analyzer resolves --outdir against the working directory, so it must be relative.
  const outdir = 'node_modules/.cache/custom-elements-manifest';
  // It also rewrites package.json's customElements field to its scratch folder: put it back.
  const packageJson = readFileSync(join(root, 'package.json'), 'utf8');
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
        'analyze',
        '--litelement',
        '--globs',
        // Only the element classes: helpers and styles have nothing for editors, and leaving
        // them out means editing them never makes these files stale.
        ...ELEMENT_FILES,
        '--outdir',
        outdir,
      ],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    return JSON.parse(readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8'));
  } finally {
    writeFileSync(join(root, 'package.json'), packageJson);
    rmSync(join(root, outdir), { recursive: true, force: true });
  }
}

/**
 * Reactive fields marked `/** @internal *\/` (shared with a lazily loaded part of the element,
 * never API): the analyzer's Lit support lists them from `static properties` despite the tag.
 */
function internalFields() {
  const names = new Set();
  for (const file of ELEMENT_FILES) {
    for (const [, name] of readFileSync(join(root, file), 'utf8').matchAll(/\/\*\* @internal \*\/\s*declare (\w+)/g)) names.add(name);
  }
  return names;
}

/** The analyzer lists reactive state (private fields) as attributes too; keep only public ones. */
function publicElements(manifest) {
  const elements = [];
  const internal = internalFields();
  for (const module of manifest.modules) {
    // Only what the module exports is API: the analyzer also reports locals of arrow functions
    // passed to helpers (`this.task.run(async () => { const field = … })`) as module variables.
    const exported = new Set((module.exports ?? []).map((entry) => entry.declaration?.name ?? entry.name));
    module.declarations = (module.declarations ?? []).filter((declaration) => declaration.tagName || exported.has(declaration.name));
    for (const declaration of module.declarations) {
      if (!declaration.tagName) continue;
      const privateFields = new Set([
        ...internal,
        ...(declaration.members ?? []).filter((member) => member.privacy && member.privacy !== 'public').map((member) => member.name),
      ]);
      declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !privateFields.has(attribute.fieldName));
      declaration.members = (declaration.members ?? []).filter(
        (member) => (!member.privacy || member.privacy === 'public') && !member.static && !privateFields.has(member.name),
      );
      // <emzano-remote-verification> speaks Spanish too; the other elements Persian and English.
      const spanish = declaration.tagName === 'emzano-remote-verification';
      declaration.attributes.push({
        name: 'lang',
        type: { text: spanish ? "'fa' | 'en' | 'es'" : "'fa' | 'en'" },
        description: spanish
          ? 'Language: `fa` (right-to-left), `en` or `es`. Default: the nearest ancestor `lang`, else `fa`.'
          : 'Language: `fa` (right-to-left) or `en`. Default: the nearest ancestor `lang`, else `fa`.',
      });
      // Both shared attributes live on the common base class, outside the analyzed files.
      declaration.attributes.push({
        name: 'theme',
        type: { text: "'light' | 'dark'" },
        description: 'Pins the colour scheme. Default: the person’s system setting (`prefers-color-scheme`).',
      });
      elements.push(declaration);
    }
  }
  return { manifest, elements };
}

function webTypes(elements) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elements.map((element) => ({
          name: element.tagName,
          description: element.description ?? element.summary ?? '',
          attributes: element.attributes.map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? '',
            value: { type: attribute.type?.text ?? 'string' },
          })),
          events: (element.events ?? []).map((event) => ({ name: event.name, description: event.description ?? '' })),
          js: {
            properties: element.members
              .filter((member) => member.kind === 'field')
              .map((member) => ({ name: member.name, description: member.description ?? '', type: member.type?.text })),
            events: (element.events ?? []).map((event) => ({ name: event.name, description: event.description ?? '' })),
          },
          css: {
            parts: (element.cssParts ?? []).map((part) => ({ name: part.name, description: part.description ?? '' })),
            properties: (element.cssProperties ?? []).map((property) => ({ name: property.name, description: property.description ?? '' })),
          },
        })),
      },
    },
  };
}

function vscodeData(elements) {
  return {
    version: 1.1,
    tags: elements.map((element) => ({
      name: element.tagName,
      description: element.description ?? element.summary ?? '',
      attributes: element.attributes.map((attribute) => {
        const values = /^('[^']*'(\s*\|\s*'[^']*')*)$/.test(attribute.type?.text ?? '')
          ? attribute.type.text.split('|').map((value) => ({ name: value.trim().slice(1, -1) }))
          : undefined;
        return { name: attribute.name, description: attribute.description ?? '', ...(values ? { values } : {}) };
      }),
    })),
  };
}

const analyzed = analyze();
// The analyzer lists modules in the order its file search returned them; fix it so the output
// does not change between machines or runs.
analyzed.modules.sort((a, b) => a.path.localeCompare(b.path));
const { manifest, elements } = publicElements(analyzed);
const outputs = {
  'custom-elements.json': manifest,
  'web-types.json': webTypes(elements),
  'vscode.html-custom-data.json': vscodeData(elements),
};
let stale = [];
for (const [file, data] of Object.entries(outputs)) {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const path = join(root, file);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) stale.push(file);
  } else writeFileSync(path, text);
}
// The API reference page is made from the same manifest.
const api = await apiDocs(manifest);
const apiPath = join(root, 'docs/api.md');
if (!check) writeFileSync(apiPath, api);
else if (readFileSync(apiPath, 'utf8') !== api) stale.push('docs/api.md');
if (stale.length) {
  console.error(`Out of date: ${stale.join(', ')}. Run: npm run editor-data`);
  process.exit(1);
}
console.log(check ? 'editor data: up to date' : 'editor data: written');
