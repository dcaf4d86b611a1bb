/**
 * `npm run screenshots` keeps working: it walks the demo through every step of both elements in
 * both languages and the dark phone preview. The pictures land in artifacts/screenshots/ for
 * review (not compared pixel by pixel); this checks that each one was taken and is a real PNG.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const OUT = 'artifacts/screenshots';
const STEPS = [
  '1-enrol',
  '2-inquiry',
  '3-confirm',
  '4-video',
  '5-recording',
  '6-recorded',
  '7-signature',
  '8-certificate',
  '8-done',
  '9-sign-placed',
  '10-signed',
  '11-dark-phone',
  '12-send-problem',
  '13-contract-status',
];

describe('screenshot script', () => {
  it('captures every step in Persian and English', { timeout: 120_000 }, () => {
    rmSync(OUT, { recursive: true, force: true });
    execFileSync(process.execPath, ['scripts/screenshots.mjs', OUT], { stdio: 'pipe' });
    const expected = ['fa', 'en'].flatMap((lang) => STEPS.map((step) => `${lang}-${step}.png`)).sort();
    assert.deepEqual(readdirSync(OUT).sort(), expected);
    for (const file of expected) {
      const png = readFileSync(join(OUT, file));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.ok(width >= 300 && height >= 300, `${file} is ${width}×${height}`);
    }
    // The phone preview: a 390 px screen in a 12 px frame.
    assert.equal(readFileSync(join(OUT, 'fa-11-dark-phone.png')).readUInt32BE(16), 414);
  });
});
