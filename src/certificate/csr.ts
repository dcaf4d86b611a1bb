/**
 * A PKCS#10 certificate request for a key pair made in this browser, on pkijs. Loaded only when
 * a key is made (pkijs is large); the private key only signs the request, it is never exported.
 *
 * The subject carries what the caller knows of the person (the national code as `serialNumber`,
 * the names, always `C=IR`). The browser is never told whose identity the host verified, and
 * does not choose it: the CA writes the certificate's subject from the identity the host's server
 * registered (its profile's SubjectDN), so `<emzano-certificate>` sends `C=IR` alone and checks
 * what comes back.
 */
import * as pkijs from 'pkijs';
import { distinguishedName, NAME_OID as NAME } from './names.js';

export interface CsrSubject {
  /** The person's national code: the subject's `serialNumber`. */
  nationalCode?: string;
  /** Given name and surname as the certificate should carry them (Latin letters at most CAs). */
  givenName?: string;
  surname?: string;
}

export { SIGNING_KEY_ALGORITHM } from './signing-keys.js';

function engine(): pkijs.CryptoEngine {
  return new pkijs.CryptoEngine({ name: 'emzano-elements', crypto: globalThis.crypto });
}

/** The request's DER, signed by `keys.privateKey` (SHA-256 with RSA). */
export async function createCsr(keys: CryptoKeyPair, subject: CsrSubject = {}): Promise<Uint8Array<ArrayBuffer>> {
  const crypto = engine();
  const request = new pkijs.CertificationRequest();
  const parts: [string, string][] = [[NAME.country, 'IR']];
  if (subject.nationalCode) parts.push([NAME.serialNumber, subject.nationalCode]);
  if (subject.givenName) parts.push([NAME.givenName, subject.givenName]);
  if (subject.surname) parts.push([NAME.surname, subject.surname]);
  const commonName = [subject.givenName, subject.surname].filter(Boolean).join(' ') || subject.nationalCode;
  if (commonName) parts.push([NAME.commonName, commonName]);
  request.subject = distinguishedName(parts);
  await request.subjectPublicKeyInfo.importKey(keys.publicKey, crypto);
  request.attributes = [];
  await request.sign(keys.privateKey, 'SHA-256', crypto);
  return new Uint8Array(request.toSchema().toBER(false));
}
