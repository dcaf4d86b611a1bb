/**
 * The demo host's `person(subject)` for its certificate endpoint: the identity its signed-in user
 * verified, as the CA's RegisterInfo wants it. It asks the server kit's KYC verifier whether Emzano
 * says the person is verified (identity inquiry and selfie video) and who they enrolled as, or else
 * the Dipar endpoint's signed result (`readResult`); the names come from the emulator's made-up
 * registry, standing in for a real host's own records.
 */
import type { Storage } from 'unstorage';
import { createKycVerifier, type RaPersonData } from '../src/server/index.js';
import { latinNames, lookUpPerson } from './emulator/registry.js';
import type { DemoDiparHandler } from './emulator/dipar/dipar-host.js';

export function demoPerson(options: {
  apiKey: string;
  storage: Storage;
  fetch: typeof fetch;
  /** The demo's Dipar endpoint: a person verified through Dipar gets a certificate too. */
  dipar?: DemoDiparHandler;
}): (subject: string) => Promise<RaPersonData | undefined> {
  // The same store as the token handler: its bindings say who each subject enrolled as.
  const verify = createKycVerifier({
    apiKey: options.apiKey,
    baseUrl: 'http://emulator.invalid',
    storage: options.storage,
    fetch: options.fetch,
  });
  /** Verified through Dipar: the broker's signed result (checked by `readResult`) and the mobile the host holds. */
  const viaDipar = async (subject: string) => {
    const result = await options.dipar?.readResult(subject);
    const phoneNumber = options.dipar?.mobileOf(subject);
    return result?.verified && phoneNumber ? { nationalCode: result.nationalCode, phoneNumber } : undefined;
  };
  return async (subject) => {
    const emzano = await verify({ subject });
    const identity = emzano.verified ? emzano.identity : await viaDipar(subject);
    // Verified by neither: the endpoint answers identity-missing and asks the CA nothing.
    if (!identity) return undefined;
    const registry = lookUpPerson(identity.nationalCode);
    const latin = latinNames(identity.nationalCode);
    return {
      NationalCode: identity.nationalCode,
      Name: registry.Name,
      LastName: registry.Family,
      EnName: latin.name,
      EnLastName: latin.family,
      FatherName: registry.FatherName,
      IsMan: registry.Gender,
      Telephone: identity.phoneNumber,
      // The made-up registry keeps no birth date; a real host has the one its KYC confirmed.
      BirthDate: '1370/01/01',
    };
  };
}
