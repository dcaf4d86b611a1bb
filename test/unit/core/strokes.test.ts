import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PointGroup } from 'signature_pad';
import { fitScale, strokeBounds, transformStrokes } from '../../../src/core/strokes.js';

const group = (points: Array<[number, number]>): PointGroup => ({
  dotSize: 0,
  minWidth: 0.5,
  maxWidth: 2.5,
  penColor: 'black',
  velocityFilterWeight: 0.7,
  compositeOperation: 'source-over',
  points: points.map(([x, y]) => ({ x, y, pressure: 0.5, time: 0 })),
});

describe('strokes', () => {
  it('finds the bounds of every point', () => {
    assert.deepEqual(
      strokeBounds([
        group([
          [10, 20],
          [30, 5],
        ]),
        group([[50, 40]]),
      ]),
      { minX: 10, minY: 5, maxX: 50, maxY: 40 },
    );
    assert.equal(strokeBounds([]), undefined);
  });
  it('moves and scales points without touching the pen settings', () => {
    const [moved] = transformStrokes([group([[10, 20]])], -10, 5, 2);
    assert.deepEqual(
      moved?.points.map(({ x, y }) => [x, y]),
      [[0, 50]],
    );
    assert.equal(moved?.maxWidth, 2.5);
  });
  it('scales uniformly to fit the new size', () => {
    assert.equal(fitScale({ width: 400, height: 200 }, { width: 200, height: 200 }), 0.5);
    assert.equal(fitScale({ width: 400, height: 200 }, { width: 800, height: 300 }), 1.5);
    assert.equal(fitScale({ width: 0, height: 0 }, { width: 100, height: 100 }), 1);
  });
});
