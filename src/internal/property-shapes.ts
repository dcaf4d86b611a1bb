/**
 * A property set to a value of the wrong shape is refused, by name: the element says so (console
 * and `emzano-error`, through its task) and keeps the value it had, as if the wrong one was never
 * set, rather than failing later, upstream, where nobody can tell why.
 */
import type { PropertyValues } from 'lit';
import type { TaskController } from '../controllers/task.js';
import type { EmzanoErrorDetail } from '../events/error-event.js';

/** What a property accepts; the step an error about it belongs to; its default, when it had no value before. */
export type PropertyShape = readonly [accepts: (value: unknown) => boolean, step?: EmzanoErrorDetail['step'], fallback?: unknown];

/** One of `words`. */
export const oneOf =
  (...words: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && words.includes(value);

/** A finite number above zero (an attribute like `max-duration="abc"` reads as NaN). */
export const positiveNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Checks the properties in `changed` against `shapes`; a refused one goes back to its value before (or its default). */
export function refuseWrongShapes(
  element: object,
  changed: PropertyValues,
  task: TaskController,
  shapes: Record<string, PropertyShape>,
): void {
  const values = element as Record<string, unknown>;
  for (const [name, [accepts, step, fallback]] of Object.entries(shapes)) {
    const value = values[name];
    if (!changed.has(name) || value === undefined || accepts(value)) continue;
    task.refuseProperty(name, value, step);
    values[name] = changed.get(name) ?? fallback;
    changed.delete(name);
  }
}
