import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clampViewRect,
  defaultField,
  fieldFromView,
  moveViewRect,
  normalizeRotation,
  pdfRectToView,
  pdfToView,
  resizeViewRect,
  viewRectToPdf,
  viewSize,
  viewToPdf,
  type PageGeometry,
  type Rotation,
} from '../../../src/core/pdf-geometry.js';

const A4 = (rotation: Rotation): PageGeometry => ({ width: 595, height: 842, rotation });
const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('pdf geometry', () => {
  it('shows pages turned a quarter sideways', () => {
    assert.deepEqual(viewSize(A4(0), 2), { width: 1190, height: 1684 });
    assert.deepEqual(viewSize(A4(90), 2), { width: 1684, height: 1190 });
    assert.deepEqual(viewSize(A4(270), 1), { width: 842, height: 595 });
  });

  it('puts the crop box’s lower-left corner where the turned page shows it', () => {
    // Upright: bottom-left. /Rotate 90 (clockwise): top-left. 180: top-right. 270: bottom-right.
    assert.deepEqual(pdfToView(A4(0), 1, { x: 0, y: 0 }), { x: 0, y: 842 });
    assert.deepEqual(pdfToView(A4(90), 1, { x: 0, y: 0 }), { x: 0, y: 0 });
    assert.deepEqual(pdfToView(A4(180), 1, { x: 0, y: 0 }), { x: 595, y: 0 });
    assert.deepEqual(pdfToView(A4(270), 1, { x: 0, y: 0 }), { x: 842, y: 595 });
  });

  it('matches pdf.js’s viewport for a rotated page', () => {
    // pdf.js, /Rotate 90, scale 1: transform [0, 1, 1, 0, 0, 0] maps (u, v) to (v, u).
    assert.deepEqual(pdfToView(A4(90), 1, { x: 100, y: 300 }), { x: 300, y: 100 });
    // /Rotate 270: transform [0, -1, -1, 0, 842, 595] maps (u, v) to (842 − v, 595 − u).
    assert.deepEqual(pdfToView(A4(270), 1, { x: 100, y: 300 }), { x: 542, y: 495 });
  });

  for (const rotation of [0, 90, 180, 270] as const) {
    it(`round-trips points and rectangles at /Rotate ${rotation}`, () => {
      const page = A4(rotation);
      for (const point of [
        { x: 0, y: 0 },
        { x: 123.5, y: 456.25 },
        { x: 595, y: 842 },
      ]) {
        const back = viewToPdf(page, 1.5, pdfToView(page, 1.5, point));
        close(back.x, point.x, 'x');
        close(back.y, point.y, 'y');
      }
      const rect = { x: 100, y: 150, width: 60, height: 150 };
      const view = pdfRectToView(page, 1.25, rect);
      const back = viewRectToPdf(page, 1.25, view);
      for (const key of ['x', 'y', 'width', 'height'] as const) close(back[key], rect[key], key);
      // Sideways pages swap what is wide and what is tall.
      const sideways = rotation % 180 !== 0;
      close(view.width, (sideways ? rect.height : rect.width) * 1.25, 'view width');
    });
  }

  it('keeps a field inside the page when moved or resized', () => {
    const page = { width: 400, height: 600 };
    assert.deepEqual(moveViewRect({ left: 350, top: 10, width: 100, height: 40 }, 30, -20, page), {
      left: 300,
      top: 0,
      width: 100,
      height: 40,
    });
    assert.deepEqual(resizeViewRect({ left: 350, top: 580, width: 40, height: 10 }, 100, 100, page, 20), {
      left: 350,
      top: 580,
      width: 50,
      height: 20,
    });
    assert.deepEqual(resizeViewRect({ left: 0, top: 0, width: 40, height: 30 }, -100, -100, page, 20), {
      left: 0,
      top: 0,
      width: 20,
      height: 20,
    });
    assert.deepEqual(clampViewRect({ left: -5, top: 700, width: 900, height: 10 }, page, 20), {
      left: 0,
      top: 580,
      width: 400,
      height: 20,
    });
  });

  it('builds a field in PDF terms with the page size', () => {
    const field = fieldFromView(3, A4(0), 2, { left: 200, top: 1484, width: 360, height: 140 });
    assert.deepEqual(field, { page: 3, x: 100, y: 30, width: 180, height: 70, pageWidth: 595, pageHeight: 842 });
  });

  it('places a default field that looks landscape on any page', () => {
    for (const rotation of [0, 90, 180, 270] as const) {
      const field = defaultField(1, A4(rotation));
      const view = pdfRectToView(A4(rotation), 1, field);
      close(view.width, 180, 'seen width');
      close(view.height, 70, 'seen height');
    }
  });

  it('normalises any multiple of 90 degrees', () => {
    assert.equal(normalizeRotation(-90), 270);
    assert.equal(normalizeRotation(450), 90);
    assert.equal(normalizeRotation(0), 0);
  });
});
