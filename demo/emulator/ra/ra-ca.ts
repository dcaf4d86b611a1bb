/**
 * The RA emulator's certificate authority: a test root and one test intermediate under it, made
 * on first use, that certify a CSR's key for a registered identity. The root is what a test puts
 * in an NSS database for `pdfsig` to trust, and what the DSS emulator accepts chains up to.
 */
import * as pkijs from 'pkijs';
import {
  certificateDer,
  createAuthority,
  createCertificate,
  KEY_USAGE,
  publicKeyDer,
  restoreAuthority,
  saveAuthority,
  type Authority,
  type NameParts,
  type SavedAuthority,
} from '../pki/certificates.js';
import { NAME_OID, nameValue, rsaBits } from '../../../src/certificate/x509.js';

const DAY_MS = 24 * 3600 * 1000;

/** Why a CSR cannot be certified (the RA emulator maps each to its own error). */
export type CsrProblem = 'not-a-csr' | 'bad-signature' | 'not-rsa' | 'key-too-small';

export class CsrRefused extends Error {
  constructor(readonly problem: CsrProblem) {
    super(problem);
  }
}

export interface ReadCsr {
  request: pkijs.CertificationRequest;
  /** The requested key, SPKI DER. */
  publicKey: Uint8Array<ArrayBuffer>;
  /** The subject's serialNumber (the national code), if the CSR names one. */
  serialNumber: string | undefined;
}

/** Reads a PKCS#10 CSR and checks what a CA checks before it signs anything: its own signature, an RSA key of 2048 bits or more. */
export async function readCsr(der: Uint8Array): Promise<ReadCsr> {
  let request: pkijs.CertificationRequest;
  try {
    request = pkijs.CertificationRequest.fromBER(new Uint8Array(der).buffer);
  } catch {
    throw new CsrRefused('not-a-csr');
  }
  let verified = false;
  try {
    verified = await request.verify();
  } catch {
    verified = false;
  }
  if (!verified) throw new CsrRefused('bad-signature');
  const key = request.subjectPublicKeyInfo;
  if (key.algorithm.algorithmId !== '1.2.840.113549.1.1.1') throw new CsrRefused('not-rsa');
  if (rsaBits(key) < 2048) throw new CsrRefused('key-too-small');
  return {
    request,
    publicKey: publicKeyDer(request),
    serialNumber: nameValue(request.subject, NAME_OID.serialNumber),
  };
}

export class RaCertificateAuthority {
  private chain: Promise<{ root: Authority; intermediate: Authority }> | undefined;
  private serial = 0x1000;

  constructor(
    private readonly caName: string,
    private readonly now: () => number,
    private readonly validityDays: number,
  ) {}

  /** The test root's certificate, DER: the trust anchor. */
  async rootDer(): Promise<Uint8Array<ArrayBuffer>> {
    return certificateDer((await this.authorities()).root.certificate);
  }

  /** The intermediate's certificate, DER: what signs the applicants' certificates. */
  async intermediateDer(): Promise<Uint8Array<ArrayBuffer>> {
    return certificateDer((await this.authorities()).intermediate.certificate);
  }

  async intermediate(): Promise<pkijs.Certificate> {
    return (await this.authorities()).intermediate.certificate;
  }

  async root(): Promise<pkijs.Certificate> {
    return (await this.authorities()).root.certificate;
  }

  /** Certifies `publicKey` for `subject` (a digital-signature certificate: digitalSignature and nonRepudiation). */
  async issue(publicKey: Uint8Array<ArrayBuffer>, subject: NameParts): Promise<pkijs.Certificate> {
    const { intermediate } = await this.authorities();
    const now = this.now();
    return createCertificate({
      serialNumber: ++this.serial,
      subject,
      issuer: intermediate.certificate,
      publicKey,
      signingKey: intermediate.keys.privateKey,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + this.validityDays * DAY_MS),
      ca: false,
      keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
    });
  }

  /** The chain as text, to start from again (the sandbox keeps it, so the root to trust stays the same). */
  async save(): Promise<{ root: SavedAuthority; intermediate: SavedAuthority }> {
    const { root, intermediate } = await this.authorities();
    return { root: await saveAuthority(root), intermediate: await saveAuthority(intermediate) };
  }

  /** Starts from a chain `save` gave, instead of making a new one. */
  restore(saved: { root: SavedAuthority; intermediate: SavedAuthority }): void {
    this.chain = (async () => ({ root: await restoreAuthority(saved.root), intermediate: await restoreAuthority(saved.intermediate) }))();
  }

  private authorities() {
    this.chain ??= (async () => {
      const now = this.now();
      const root = await createAuthority({
        serialNumber: 1,
        subject: [
          ['C', 'IR'],
          ['O', 'Emzano Emulator'],
          ['CN', 'Emzano Emulator Test Root CA'],
        ],
        years: 20,
        now,
      });
      const intermediate = await createAuthority({
        serialNumber: 2,
        subject: [
          ['C', 'IR'],
          ['O', 'Emzano Emulator'],
          ['CN', `Emzano Emulator Test Intermediate CA ${this.caName}`],
        ],
        issuer: root,
        years: 10,
        now,
      });
      return { root, intermediate };
    })();
    return this.chain;
  }
}
