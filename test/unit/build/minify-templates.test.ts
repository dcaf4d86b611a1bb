import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyTemplates } from '../../../scripts/minify-templates.mjs';

describe('template minifier (build)', () => {
  it('strips CSS comments and layout white space, keeping spaces inside values and beside expressions', () => {
    const source = 'const a = css`\n  /* why */\n  :host {\n    border: 1px solid ${color};\n    margin: 0 auto;\n  }\n`;';
    assert.equal(minifyTemplates(source), 'const a = css` :host{border:1px solid ${color};margin:0 auto}`;');
  });

  it('collapses line breaks between tags to one space, and leaves expressions and nested templates working', () => {
    const source = ['const b = html`', '  <p part="x">', "    ${ok ? html`<b>\n  yes\n</b>` : { a: '}' }.a}", '  </p>', '`;'].join('\n');
    assert.equal(minifyTemplates(source), 'const b = html` <p part="x"> ${ok ? html`<b> yes </b>` : { a: \'}\' }.a} </p> `;');
  });

  it('leaves other template literals and escapes alone', () => {
    const source = 'const c = `a\n  b`; const d = html`\\`x\\``;';
    assert.equal(minifyTemplates(source), source);
  });
});
