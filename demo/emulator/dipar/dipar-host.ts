/**
 * A host's Dipar endpoint in front of the Dipar emulator, as the demo and the browser tests mount
 * it: `createDiparHandler` with the emulator's test operator. The host's records are stood in for
 * by what the person typed (a real host checks those against its own records in `claims`; this one
 * remembers them, for `mobileOf`), and every verification carries the same admittance statement.
 */
import { SignJWT } from 'jose';
import type { Storage } from 'unstorage';
import type { Authorize } from '../../../src/server/authorize.js';
import { createDiparHandler, type DiparAction, type DiparHandler } from '../../../src/server/dipar-handler.js';
import type { DiparEmulator } from './dipar-emulator.js';

/** What the person reads on the admittance video (the reference's sample sentence). */
export const DEMO_ADMITTANCE = 'مستند اساسنامه شرکت را مطالعه کرده و با آگاهی کامل تایید میکنم.';

export type DemoDiparHandler = DiparHandler & {
  /** The mobile number the subject last started a verification with (the host's records, in the demo). */
  mobileOf(subject: string): string | undefined;
};

export function demoDiparHandler(options: {
  emulator: DiparEmulator;
  /** The emulator's address. */
  baseUrl: string;
  authorize: Authorize<DiparAction>;
  storage?: Storage;
  /** In-process calls to the emulator (the demo), instead of HTTP to `baseUrl`. */
  fetch?: typeof fetch;
}): DemoDiparHandler {
  const operator = options.emulator.operators[0]!;
  const key = new TextEncoder().encode(operator.tokenKey);
  const mobiles = new Map<string, string>();
  const handler = createDiparHandler({
    baseUrl: options.baseUrl,
    callerCode: operator.callerCode,
    tokenKey: operator.tokenKey,
    authorize: options.authorize,
    claims: (subject, fields) => {
      mobiles.set(subject, String(fields['mobile']));
      return {
        nationalCode: fields['nationalCode'],
        mobile: fields['mobile'],
        birthDate: fields['birthDate'],
        admittanceText: DEMO_ADMITTANCE,
      };
    },
    brokerPublicKey: options.emulator.brokerPublicKeyPem(),
    // The emulator's stand-in for Dual-Auth (the real scheme is in the broker's Document No. 1).
    dualAuthToken: (scope) =>
      new SignJWT({ CallerCode: operator.callerCode, Scope: scope }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key),
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return Object.assign(handler, { mobileOf: (subject: string) => mobiles.get(subject) });
}
