/**
 * Geometry on signature strokes (signature_pad's point groups), kept pure so it is tested
 * without a canvas: bounds for trimming, scaling when the pad is resized.
 */
import type { PointGroup } from 'signature_pad';

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function strokeBounds(groups: readonly PointGroup[]): Bounds | undefined {
  let bounds: Bounds | undefined;
  for (const group of groups) {
    for (const { x, y } of group.points) {
      if (!bounds) bounds = { minX: x, minY: y, maxX: x, maxY: y };
      else {
        bounds.minX = Math.min(bounds.minX, x);
        bounds.minY = Math.min(bounds.minY, y);
        bounds.maxX = Math.max(bounds.maxX, x);
        bounds.maxY = Math.max(bounds.maxY, y);
      }
    }
  }
  return bounds;
}

/** Moves and scales every point: `x' = (x + dx) * scale`. */
export function transformStrokes(groups: readonly PointGroup[], dx: number, dy: number, scale = 1): PointGroup[] {
  return groups.map((group) => ({
    ...group,
    points: group.points.map((point) => ({ ...point, x: (point.x + dx) * scale, y: (point.y + dy) * scale })),
  }));
}

/** Uniform factor that keeps a drawing made in `from` inside `to` without distorting it. */
export function fitScale(from: { width: number; height: number }, to: { width: number; height: number }): number {
  if (from.width <= 0 || from.height <= 0) return 1;
  return Math.min(to.width / from.width, to.height / from.height);
}
