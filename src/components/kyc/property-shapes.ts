/**
 * What each of `<emzano-kyc>`'s attributes and properties accepts, and the default it falls back
 * to when a page sets a value of the wrong shape (refused by name: internal/property-shapes.ts).
 */
import { DEFAULT_CERTIFICATE_ENDPOINT } from '../../api/defaults.js';
import { KYC_PROVIDERS } from '../../providers/registry.js';
import { isText, oneOf, positiveNumber, type PropertyShape } from '../../internal/property-shapes.js';

export const PROPERTY_SHAPES: Record<string, PropertyShape> = {
  provider: [oneOf(...Object.keys(KYC_PROVIDERS)), undefined, 'emzano'],
  signature: [oneOf('required', 'optional', 'off'), undefined, 'optional'],
  persist: [oneOf('on', 'off'), undefined, 'on'],
  randomTextField: [oneOf('RandomText', 'randomText'), undefined, 'RandomText'],
  maxDuration: [positiveNumber, undefined, 15],
  videoBitrate: [positiveNumber, undefined, 700_000],
  cameraHiddenTimeout: [positiveNumber, undefined, 30],
  persistKey: [isText, undefined, ''],
  certificate: [oneOf('issue', 'off'), undefined, 'off'],
  certificateEndpoint: [isText, undefined, DEFAULT_CERTIFICATE_ENDPOINT],
  handoff: [oneOf('auto', 'offer', 'off'), undefined, 'offer'],
  handoffUrl: [isText, undefined, ''],
  handoffEndpoint: [isText, undefined, ''],
};
