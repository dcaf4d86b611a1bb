import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('editor data', () => {
  it('custom-elements.json, web-types.json and VS Code data match the JSDoc on the elements', () => {
    const result = spawnSync(process.execPath, ['scripts/generate-editor-data.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });

  it('is shipped and found where the editors look: package fields, package files', () => {
    const pkg = json('package.json');
    assert.equal(pkg['web-types'], './web-types.json');
    assert.equal(pkg.customElements, 'custom-elements.json');
    for (const file of ['custom-elements.json', 'web-types.json', 'vscode.html-custom-data.json'])
      assert.ok(pkg.files.includes(file), file);
  });

  it('describes every element fully: each attribute, event, part and custom property has a description', () => {
    const tags = json('vscode.html-custom-data.json').tags as Array<{
      name: string;
      attributes: Array<{ name: string; description: string }>;
    }>;
    assert.deepEqual(tags.map((tag) => tag.name).sort(), [
      'emzano-certificate',
      'emzano-document-status',
      'emzano-kyc',
      'emzano-remote-verification',
      'emzano-sign-pdf',
      'emzano-signature-pad',
    ]);
    const webTypes = json('web-types.json').contributions.html.elements as Array<{
      name: string;
      attributes: Array<{ name: string; description: string }>;
      events: Array<{ name: string; description: string }>;
      css: { parts: Array<{ name: string; description: string }>; properties: Array<{ name: string; description: string }> };
    }>;
    for (const element of webTypes) {
      const described = [...element.attributes, ...element.events, ...element.css.parts, ...element.css.properties];
      assert.ok(described.length > 5, element.name);
      for (const item of described) assert.notEqual(item.description, '', `${element.name}: ${item.name} has no description`);
    }
    const kyc = webTypes.find((element) => element.name === 'emzano-kyc')!;
    for (const attribute of ['token-endpoint', 'lang', 'theme', 'signature', 'video-bitrate']) {
      assert.ok(
        kyc.attributes.some((item) => item.name === attribute),
        attribute,
      );
    }
    assert.ok(kyc.events.some((event) => event.name === 'emzano-complete'));
  });
});
