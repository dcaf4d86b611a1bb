/**
 * Screen ↔ PDF geometry for placing a signature field, with no DOM and no pdf.js.
 *
 * PDF side: points in the page's default user space (unrotated), measured from the lower-left
 * corner of the crop box, y up; this is what `field` exposes and what DSS receives as SignField.
 * View side: CSS pixels from the top-left corner of the page as shown, y down, after the page's
 * `/Rotate` (a clockwise turn) and the zoom `scale` (CSS px per point).
 */

export type Rotation = 0 | 90 | 180 | 270;

/** What the geometry needs to know about a page. */
export interface PageGeometry {
  /** Crop box size in points, unrotated. */
  width: number;
  height: number;
  /** The page's effective `/Rotate`, normalised. */
  rotation: Rotation;
}

/** A signature field in PDF terms (the element's `field` property). */
export interface PdfField {
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The crop box's size, so a server can scale to the real page. */
  pageWidth: number;
  pageHeight: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A rectangle on screen: CSS px from the page's top-left. */
export interface ViewRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A rectangle in PDF points from the crop box's lower-left. */
export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function normalizeRotation(degrees: number): Rotation {
  const turned = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  return turned as Rotation;
}

/** The page's size as shown, in CSS px. */
export function viewSize(page: PageGeometry, scale: number): { width: number; height: number } {
  const sideways = page.rotation === 90 || page.rotation === 270;
  return { width: (sideways ? page.height : page.width) * scale, height: (sideways ? page.width : page.height) * scale };
}

export function pdfToView(page: PageGeometry, scale: number, { x: u, y: v }: Point): Point {
  const { width: w, height: h } = page;
  switch (page.rotation) {
    case 0:
      return { x: u * scale, y: (h - v) * scale };
    case 90:
      return { x: v * scale, y: u * scale };
    case 180:
      return { x: (w - u) * scale, y: v * scale };
    case 270:
      return { x: (h - v) * scale, y: (w - u) * scale };
  }
}

export function viewToPdf(page: PageGeometry, scale: number, { x: px, y: py }: Point): Point {
  const { width: w, height: h } = page;
  const a = px / scale;
  const b = py / scale;
  switch (page.rotation) {
    case 0:
      return { x: a, y: h - b };
    case 90:
      return { x: b, y: a };
    case 180:
      return { x: w - a, y: b };
    case 270:
      return { x: w - b, y: h - a };
  }
}

function bounds(points: Point[]): { minX: number; minY: number; maxX: number; maxY: number } {
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

export function pdfRectToView(page: PageGeometry, scale: number, rect: PdfRect): ViewRect {
  const corners = [
    { x: rect.x, y: rect.y },
    { x: rect.x + rect.width, y: rect.y + rect.height },
  ].map((corner) => pdfToView(page, scale, corner));
  const { minX, minY, maxX, maxY } = bounds(corners);
  return { left: minX, top: minY, width: maxX - minX, height: maxY - minY };
}

export function viewRectToPdf(page: PageGeometry, scale: number, rect: ViewRect): PdfRect {
  const corners = [
    { x: rect.left, y: rect.top },
    { x: rect.left + rect.width, y: rect.top + rect.height },
  ].map((corner) => viewToPdf(page, scale, corner));
  const { minX, minY, maxX, maxY } = bounds(corners);
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Keeps a rectangle inside the page, no smaller than `minSize` and no larger than the page. */
export function clampViewRect(rect: ViewRect, page: { width: number; height: number }, minSize = 1): ViewRect {
  const width = Math.min(Math.max(rect.width, minSize), page.width);
  const height = Math.min(Math.max(rect.height, minSize), page.height);
  return {
    left: Math.min(Math.max(rect.left, 0), page.width - width),
    top: Math.min(Math.max(rect.top, 0), page.height - height),
    width,
    height,
  };
}

/** Moves by (dx, dy) CSS px, staying inside the page. */
export function moveViewRect(rect: ViewRect, dx: number, dy: number, page: { width: number; height: number }): ViewRect {
  return clampViewRect({ ...rect, left: rect.left + dx, top: rect.top + dy }, page);
}

/** Grows or shrinks the bottom-right corner by (dw, dh) CSS px, staying inside the page. */
export function resizeViewRect(rect: ViewRect, dw: number, dh: number, page: { width: number; height: number }, minSize: number): ViewRect {
  const width = Math.min(Math.max(rect.width + dw, minSize), page.width - rect.left);
  const height = Math.min(Math.max(rect.height + dh, minSize), page.height - rect.top);
  return { ...rect, width, height };
}

/** A field in PDF terms from a rectangle on screen. */
export function fieldFromView(pageNumber: number, page: PageGeometry, scale: number, rect: ViewRect): PdfField {
  return { page: pageNumber, ...viewRectToPdf(page, scale, rect), pageWidth: page.width, pageHeight: page.height };
}

/**
 * A default field: `seen` points wide and tall as the person sees the page, centred
 * horizontally in the lower third.
 */
export function defaultField(pageNumber: number, page: PageGeometry, seen = { width: 180, height: 70 }): PdfField {
  const view = viewSize(page, 1);
  const width = Math.min(seen.width, view.width);
  const height = Math.min(seen.height, view.height);
  const rect = { left: (view.width - width) / 2, top: view.height * 0.72 - height / 2, width, height };
  return fieldFromView(pageNumber, page, 1, clampViewRect(rect, view));
}

/** Rounds to 1/100 pt, so values survive form encoding and comparison unchanged. */
export function roundField(field: PdfField): PdfField {
  const round = (value: number) => Math.round(value * 100) / 100;
  return { ...field, x: round(field.x), y: round(field.y), width: round(field.width), height: round(field.height) };
}

/** A field whose numbers make a box on a page: finite, positive sizes, a whole page number from 1. */
export function isFieldShape(field: unknown): field is PdfField {
  if (typeof field !== 'object' || field === null) return false;
  const box = field as Record<string, unknown>;
  const finite = (name: string) => typeof box[name] === 'number' && Number.isFinite(box[name]);
  const positive = (name: string) => finite(name) && (box[name] as number) > 0;
  return (
    Number.isInteger(box['page']) &&
    (box['page'] as number) >= 1 &&
    finite('x') &&
    finite('y') &&
    ['width', 'height', 'pageWidth', 'pageHeight'].every(positive)
  );
}
