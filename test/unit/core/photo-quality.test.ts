import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measurePhoto, photoProblem, toGrey } from '../../../src/core/photo-quality.js';

const [W, H] = [200, 120];

/** A grey picture: `paint(x, y)` for each pixel. */
function picture(paint: (x: number, y: number) => number): Uint8Array {
  const grey = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) grey[y * W + x] = paint(x, y);
  return grey;
}

/** Dark text-like strokes on a light card. */
const sharp = (x: number, y: number) => (y % 12 < 3 && x % 20 < 14 ? 30 : 215);
/** Dark and light bands whose edges are 20-pixel ramps (out of focus). */
const soft = (_x: number, y: number) => 30 + Math.round((185 * Math.abs((y % 40) - 20)) / 20);

describe('photo quality', () => {
  it('accepts a sharp, evenly lit card', () => {
    const measures = measurePhoto(picture(sharp), W, H);
    assert.ok(measures.sharpness > 100, `sharpness ${measures.sharpness}`);
    assert.equal(photoProblem(measures), undefined);
  });
  it('refuses a card with no edges as blurred', () => {
    const blurred = picture((x) => 120 + Math.round((x / W) * 60));
    assert.equal(photoProblem(measurePhoto(blurred, W, H)), 'blurry');
    assert.equal(photoProblem(measurePhoto(picture(soft), W, H)), 'blurry');
  });
  it('refuses a reflection that clips part of the card to white', () => {
    const glare = picture((x, y) => ((x - 100) ** 2 + (y - 60) ** 2 < 30 ** 2 ? 255 : sharp(x, y)));
    assert.equal(photoProblem(measurePhoto(glare, W, H)), 'glare');
  });
  it('refuses a photo too dark to read', () => {
    const dark = picture((x, y) => (sharp(x, y) === 30 ? 2 : 40));
    assert.equal(photoProblem(measurePhoto(dark, W, H)), 'dark');
  });
  it('reads luminance from RGBA', () => {
    assert.deepEqual([...toGrey(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]))], [255, 0, 76]);
  });
});
