/**
 * The shapes `<emzano-sign-pdf>`'s object properties must have. A value of another shape is not
 * used: the element names the property and the value (console and `emzano-error`, texts in
 * `internal/property-refusal.ts`) rather than failing later, upstream, where nobody can tell why.
 */
import { isRecord } from '../../core/is-record.js';
import { isFieldShape } from '../../core/pdf-geometry.js';
import type { PropertyValues } from 'lit';
import type { TaskController } from '../../controllers/task.js';
import type { SignPdfStep } from '../../events/kyc-events.js';

type Shape = [accepts: (value: unknown) => boolean, step: SignPdfStep];

export const PROPERTY_SHAPES: Record<string, Shape> = {
  pdf: [(value) => value instanceof Blob || value instanceof ArrayBuffer || value instanceof Uint8Array, 'load'],
  mode: [(value) => value === 'sign' || value === 'send', 'load'],
  field: [isFieldShape, 'sign'],
  // Its content is read when signing (`certificateBase64`); here, the kinds of value it can be.
  certificate: [
    (value) => (typeof value === 'string' && value.trim() !== '') || value instanceof ArrayBuffer || value instanceof Uint8Array,
    'sign',
  ],
  signer: [(value) => typeof value === 'function', 'sign'],
  signingKey: [(value) => value instanceof CryptoKey, 'sign'],
  session: [
    (value) =>
      isRecord(value) &&
      typeof value['userId'] === 'string' &&
      typeof value['accessToken'] === 'string' &&
      typeof value['expiresAt'] === 'number',
    'sign',
  ],
  recipients: [(value) => Array.isArray(value) && value.every(isRecord), 'send'],
  sendOptions: [(value) => isRecord(value) && typeof value['title'] === 'string' && Number.isInteger(value['startPage']), 'send'],
};

/**
 * Refuses every property just set to a value of the wrong shape: named for the developer, put back
 * to the value before (a wrong mode reads as signing) and taken out of `changed`, as if never set.
 */
export function refuseWrongShapes(element: object, changed: PropertyValues, task: TaskController): void {
  const values = element as Record<string, unknown>;
  for (const [name, [accepts, step]] of Object.entries(PROPERTY_SHAPES)) {
    const value = values[name];
    if (!changed.has(name) || value === undefined || accepts(value)) continue;
    task.refuseProperty(name, value, step);
    values[name] = name === 'mode' ? 'sign' : changed.get(name);
    if (name !== 'mode') changed.delete(name);
  }
}
