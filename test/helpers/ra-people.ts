/**
 * For the certificate tests: the people the RA registers (RegisterInfo's `personData`), CSRs
 * for keys made here, as the browser makes them, and the server kit set up as the RA emulator's
 * test customer.
 */
import { webcrypto } from 'node:crypto';
import { testCustomer } from '../../demo/emulator/ra/ra-emulator.js';
import { createCsr, SIGNING_KEY_ALGORITHM } from '../../src/certificate/csr.js';
import { createCertificateHandler, createRaClient, type CertificateHandlerOptions, type RaPersonData } from '../../src/server/index.js';

/** The person the emulator's `readySigner` enrols (national code 0499370899). */
export const SARA: RaPersonData = {
  NationalCode: '0499370899',
  Name: 'سارا',
  LastName: 'احمدی',
  EnName: 'Sara',
  EnLastName: 'Ahmadi',
  FatherName: 'حسن',
  IsMan: false,
  Telephone: '09121234567',
  BirthDate: '1370/05/12',
};

/** Another person, for requests made in someone else's name. */
export const REZA: RaPersonData = { ...SARA, NationalCode: '0067749828', EnName: 'Reza', EnLastName: 'Karimi' };

const csrs = new Map<string, Promise<string>>();

/**
 * A CSR (base64 DER) naming `nationalCode`; `modulusLength` below 2048 for a weak key. One key per
 * national code and size in a test process (an RSA key takes a good part of a second to make, and
 * every test resets the CA it is sent to); a test that needs another key makes its own.
 */
export function csrFor(nationalCode: string, modulusLength = 2048): Promise<string> {
  const wanted = `${nationalCode}/${modulusLength}`;
  let csr = csrs.get(wanted);
  if (!csr) {
    csr = (async () => {
      const keys = (await webcrypto.subtle.generateKey({ ...SIGNING_KEY_ALGORITHM, modulusLength }, false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      return Buffer.from(await createCsr(keys, { nationalCode, givenName: 'Sara', surname: 'Ahmadi' })).toString('base64');
    })();
    csrs.set(wanted, csr);
  }
  return csr;
}

/** The RA emulator's test customer's credentials at `baseUrl` (`…/api`). */
export function testRaCredentials(baseUrl: string) {
  const { customer, customerKey } = testCustomer();
  return { customerCode: customer.customerCode, licenseNumber: customer.licenseNumber, customerKey, baseUrl };
}

/** A certificate endpoint as the RA emulator's test customer, CA `01`, profile `Remote-Sign` unless told otherwise. */
export function testCertificateHandler(
  baseUrl: string,
  options: Pick<CertificateHandlerOptions, 'authorize' | 'person'> & Partial<CertificateHandlerOptions>,
) {
  return createCertificateHandler({ ...testRaCredentials(baseUrl), caName: '01', profileName: 'Remote-Sign', ...options });
}

/** The gateway's client as the RA emulator's test customer. */
export const testRaClient = (baseUrl: string) => createRaClient(testRaCredentials(baseUrl));
