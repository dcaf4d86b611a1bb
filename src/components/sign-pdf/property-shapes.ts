/**
 * The shapes `<emzano-sign-pdf>`'s properties must have (see internal/property-shapes.ts): a value
 * of another shape is refused by name, and the value before stays.
 */
import { isRecord } from '../../core/is-record.js';
import { isFieldShape } from '../../core/pdf-geometry.js';
import { DEFAULT_CERTIFICATE_ENDPOINT } from '../../api/defaults.js';
import { isText, oneOf, type PropertyShape } from '../../internal/property-shapes.js';

export { refuseWrongShapes } from '../../internal/property-shapes.js';

export const PROPERTY_SHAPES: Record<string, PropertyShape> = {
  pdf: [(value) => value instanceof Blob || value instanceof ArrayBuffer || value instanceof Uint8Array, 'load'],
  mode: [oneOf('sign', 'send'), 'load', 'sign'],
  persist: [oneOf('on', 'off'), 'load', 'on'],
  persistKey: [isText, 'load', ''],
  certificateEndpoint: [isText, 'sign', DEFAULT_CERTIFICATE_ENDPOINT],
  maxSize: [(value) => typeof value === 'number' && value > 0, 'load', 25 * 1024 * 1024],
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
