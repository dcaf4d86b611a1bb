/**
 * A property set to a value of the wrong shape is refused, by name: the element says so (console
 * and `emzano-error`, through its task) and keeps the value it had, as if the wrong one was never
 * set, rather than failing later, upstream, where nobody can tell why.
 */
import type { PropertyValues } from 'lit';
import type { EmzanoError } from '../core/errors.js';
import type { EmzanoErrorDetail } from '../events/error-event.js';

/** What a property accepts; the step an error about it belongs to; its default, when it had no value before. */
export type PropertyShape = readonly [accepts: (value: unknown) => boolean, step?: EmzanoErrorDetail['step'], fallback?: unknown];

/** One of `words`. */
export const oneOf =
  (...words: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && words.includes(value);

/** Text, any (an id or a URL a page set as something else would be sent as "[object Object]"). */
export const isText = (value: unknown): boolean => typeof value === 'string';

/** A finite number above zero (an attribute like `max-duration="abc"` reads as NaN). */
export const positiveNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** What refuses a property: the element's task (`TaskController`), or an element's own way of showing it. */
export interface PropertyRefuser {
  refuseProperty(name: string, value: unknown, step?: EmzanoErrorDetail['step']): void;
}

let refusalTexts: Promise<typeof import('./property-refusal.js')> | undefined;

/**
 * The developer's message in the console, naming the property and the value, and the error to
 * show the person and fire as `emzano-error`. The texts load only when a page gets something
 * wrong; one promise keeps the reports in the order of the mistakes.
 */
export async function reportRefusal(element: Element, name: string, value: unknown): Promise<EmzanoError> {
  refusalTexts ??= import('./property-refusal.js');
  return (await refusalTexts).refusal(element, name, value);
}

/** Checks the properties in `changed` against `shapes`; a refused one goes back to its value before (or its default). */
export function refuseWrongShapes(
  element: object,
  changed: PropertyValues,
  task: PropertyRefuser,
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
