/**
 * A host's Dipar endpoint in front of the Dipar emulator, as the demo and the browser tests mount
 * it: `createDiparHandler` with the emulator's test operator. The host's records are stood in for
 * by what the person typed (a real host checks those against its own records in `claims`), and
 * every verification carries the same admittance statement.
 */
import { SignJWT } from 'jose';
import type { Storage } from 'unstorage';
import type { Authorize } from '../../../src/server/authorize.js';
import { createDiparHandler, type DiparAction, type DiparHandler } from '../../../src/server/dipar-handler.js';
import type { DiparEmulator } from './dipar-emulator.js';

/** What the person reads on the admittance video (the reference's sample sentence). */
export const DEMO_ADMITTANCE = 'مستند اساسنامه شرکت را مطالعه کرده و با آگاهی کامل تایید میکنم.';

export function demoDiparHandler(options: {
  emulator: DiparEmulator;
  /** The emulator's address. */
  baseUrl: string;
  authorize: Authorize<DiparAction>;
  storage?: Storage;
}): DiparHandler {
  const operator = options.emulator.operators[0]!;
  const key = new TextEncoder().encode(operator.tokenKey);
  return createDiparHandler({
    baseUrl: options.baseUrl,
    callerCode: operator.callerCode,
    tokenKey: operator.tokenKey,
    authorize: options.authorize,
    claims: (_subject, fields) => ({
      nationalCode: fields['nationalCode'],
      mobile: fields['mobile'],
      birthDate: fields['birthDate'],
      admittanceText: DEMO_ADMITTANCE,
    }),
    brokerPublicKey: options.emulator.brokerPublicKeyPem(),
    // The emulator's stand-in for Dual-Auth (the real scheme is in the broker's Document No. 1).
    dualAuthToken: (scope) =>
      new SignJWT({ CallerCode: operator.callerCode, Scope: scope }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key),
    ...(options.storage ? { storage: options.storage } : {}),
  });
}
