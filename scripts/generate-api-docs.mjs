/**
 * The elements' API reference (`docs/api.md`), generated from `custom-elements.json`, which is
 * itself generated from the JSDoc on the element classes (scripts/generate-editor-data.mjs runs
 * this after it). So the tables cannot drift from the code: `--check` fails when the committed
 * page is out of date (run by the tests).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';

const root = new URL('..', import.meta.url).pathname;
const OUTPUT = 'docs/api.md';
/** Each element's section, in the order a newcomer meets them. */
const ORDER = ['emzano-kyc', 'emzano-certificate', 'emzano-sign-pdf', 'emzano-document-status', 'emzano-signature-pad'];

/** Constants a default names (`DEFAULT_API_BASE`), by their value in src/api/defaults.ts. */
const CONSTANTS = Object.fromEntries(
  [...readFileSync(join(root, 'src/api/defaults.ts'), 'utf8').matchAll(/export const (\w+) = ('[^']*')/g)].map(([, name, value]) => [
    name,
    value,
  ]),
);
const defaultText = (value) => {
  if (!value) return value;
  if (CONSTANTS[value]) return CONSTANTS[value];
  // `25 * 1024 * 1024` reads better as what it is.
  const product = /^\d+( \* \d+)+$/.test(value) ? value.split('*').reduce((total, factor) => total * Number(factor), 1) : undefined;
  if (product && product % (1024 * 1024) === 0) return `${product / 1024 / 1024} MiB`;
  return value;
};

/** A table cell: one line, pipes escaped, inline code kept. */
const cell = (text) =>
  (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const code = (text) => (text ? `\`${cell(text).replace(/`/g, "'")}\`` : '');

function table(headers, rows) {
  if (rows.length === 0) return '';
  return (
    [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
      '\n',
    ) + '\n'
  );
}

function elementSection(element) {
  const members = element.members ?? [];
  const attributes = element.attributes ?? [];
  const attributeFields = new Set(attributes.map((attribute) => attribute.fieldName).filter(Boolean));
  const fieldsByName = new Map(members.filter((member) => member.kind === 'field').map((member) => [member.name, member]));
  const lines = [`## \`<${element.tagName}>\``, '', cell(element.summary), '', element.description.trim(), ''];

  lines.push('### Attributes', '');
  lines.push(
    table(
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      attributes.map((attribute) => {
        const field = attribute.fieldName ? fieldsByName.get(attribute.fieldName) : undefined;
        return [
          code(attribute.name),
          attribute.fieldName && attribute.fieldName !== attribute.name ? code(attribute.fieldName) : '',
          code(attribute.type?.text),
          code(defaultText(attribute.default ?? field?.default)),
          cell(attribute.description),
        ];
      }),
    ),
  );

  const properties = members.filter((member) => member.kind === 'field' && !attributeFields.has(member.name));
  if (properties.length) {
    lines.push('### Properties (no attribute)', '');
    lines.push(
      table(
        ['Property', 'Type', 'Default', 'Description'],
        properties.map((member) => [
          code(member.name),
          code(member.type?.text),
          code(defaultText(member.default)),
          cell(member.description) + (member.readonly ? ' (read-only)' : ''),
        ]),
      ),
    );
  }

  const methods = members.filter((member) => member.kind === 'method');
  if (methods.length) {
    lines.push('### Methods', '');
    lines.push(
      table(
        ['Method', 'Returns', 'Description'],
        methods.map((method) => {
          const parameters = (method.parameters ?? []).map((parameter) => `${parameter.name}${parameter.default ? '?' : ''}`).join(', ');
          return [code(`${method.name}(${parameters})`), code(method.return?.type?.text ?? 'void'), cell(method.description)];
        }),
      ),
    );
  }

  lines.push('### Events', '');
  lines.push(
    table(
      ['Event', 'Description'],
      (element.events ?? []).map((event) => [code(event.name), cell(event.description)]),
    ),
  );
  lines.push('### Parts (`::part()`)', '');
  lines.push(
    table(
      ['Part', 'Description'],
      (element.cssParts ?? []).map((part) => [code(part.name), cell(part.description)]),
    ),
  );
  if (element.cssProperties?.length) {
    lines.push('### CSS custom properties', '');
    lines.push(
      table(
        ['Property', 'Description'],
        element.cssProperties.map((property) => [code(property.name), cell(property.description)]),
      ),
    );
  }
  return lines.join('\n');
}

/** The page as it is committed: formatted as `npm run lint` expects (tables aligned by Prettier). */
export async function apiDocs(manifest) {
  const path = join(root, OUTPUT);
  return format(apiMarkdown(manifest), { ...(await resolveConfig(path)), filepath: path });
}

function apiMarkdown(manifest) {
  const elements = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .sort((a, b) => ORDER.indexOf(a.tagName) - ORDER.indexOf(b.tagName));
  const header = [
    '# Element reference',
    '',
    '<!-- Generated from custom-elements.json by scripts/generate-api-docs.mjs: edit the JSDoc on the element classes, then run `npm run editor-data`. -->',
    '',
    'Every attribute, property, method, event, part and custom property of each element. How to use them: [elements.md](elements.md) and the [README](../README.md);',
    'theming with the global `--emzano-*` tokens: [theming.md](theming.md). Objects and binary data are properties only;',
    'a property set to a value of the wrong shape is refused with `emzano-error` (code `invalid-property`) naming it.',
    '',
    elements.map((element) => `- [\`<${element.tagName}>\`](#${element.tagName})`).join('\n'),
    '',
  ];
  return `${[...header, ...elements.map(elementSection)]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const text = await apiDocs(manifest);
  const path = join(root, OUTPUT);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error(`Out of date: ${OUTPUT}. Run: npm run editor-data`);
      process.exit(1);
    }
    console.log('api docs: up to date');
  } else {
    writeFileSync(path, text);
    console.log(`api docs: written to ${OUTPUT}`);
  }
}
