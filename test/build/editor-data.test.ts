import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

describe('editor data', () => {
  it('custom-elements.json, web-types.json and VS Code data match the JSDoc on the elements', () => {
    const result = spawnSync(process.execPath, ['scripts/generate-editor-data.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
