/**
 * The README's quickstart is the Express example, verbatim: its server and its page, as
 * `test/e2e/quickstarts.test.ts` runs them from the installed package. And the README stays a
 * quickstart: under 10 KB.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe("README's quickstart", () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Your server'), readme.indexOf('## Security model'));

  it('shows examples/express/server.js as it is', () => {
    const shown = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    assert.equal(shown, read('examples/express/server.js'));
  });

  it("shows the example page's elements and script as they are", () => {
    const shown = /```html\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const page = read('examples/express/public/index.html');
    assert.ok(
      shown.includes('<script src="/emzano-elements/cdn/emzano-elements.iife.js"></script>') &&
        page.includes('<script src="/emzano-elements/cdn/emzano-elements.iife.js"></script>'),
    );
    const body = page
      .slice(page.indexOf('<body>') + '<body>'.length, page.indexOf('</body>'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(4));
    for (const line of body) assert.ok(shown.split('\n').includes(line), `the README shows: ${line}`);
  });

  it('stays under 10 KB', () => {
    assert.ok(Buffer.byteLength(readme) < 10 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
  });
});
