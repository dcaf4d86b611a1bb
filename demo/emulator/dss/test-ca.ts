/**
 * The emulator's instant test certificate authority. Development only: it issues a signing
 * certificate for any public key, so the demo and the tests have a signer without going through
 * the RA (see ../ra/ for the CA that certifies a registered identity).
 */
import type * as pkijs from 'pkijs';
import {
  certificateDer,
  createAuthority,
  createCertificate,
  KEY_USAGE,
  restoreAuthority,
  saveAuthority,
  type Authority,
  type SavedAuthority,
} from '../pki/certificates.js';
import type { CertificateIssuer } from './dss-service.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface IssuedCertificate {
  /** The signer's certificate, DER. */
  certificate: Uint8Array<ArrayBuffer>;
  /** The CA's certificate, DER. */
  caCertificate: Uint8Array<ArrayBuffer>;
}

export class TestCertificateAuthority implements CertificateIssuer {
  private ca: Promise<Authority> | undefined;
  private serial = 1;

  /** The CA's own certificate, created on first use. */
  async certificate(): Promise<pkijs.Certificate> {
    return (await this.authority()).certificate;
  }

  issuingCertificate(): Promise<pkijs.Certificate> {
    return this.certificate();
  }

  async chain(): Promise<Uint8Array[]> {
    return [certificateDer(await this.certificate())];
  }

  /** The instant CA revokes nothing. */
  revoked(): boolean {
    return false;
  }

  /** Issues a one-year signing certificate for an RSA public key given as SPKI DER. */
  async issue(publicKeySpki: Uint8Array<ArrayBuffer>, commonName: string): Promise<IssuedCertificate> {
    const { certificate: caCertificate, keys } = await this.authority();
    const now = Date.now();
    const certificate = await createCertificate({
      serialNumber: ++this.serial,
      subject: [
        ['O', 'Emzano Emulator'],
        ['CN', commonName],
      ],
      issuer: caCertificate,
      publicKey: publicKeySpki,
      signingKey: keys.privateKey,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + YEAR_MS),
      ca: false,
      keyUsage: KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation,
    });
    return { certificate: certificateDer(certificate), caCertificate: certificateDer(caCertificate) };
  }

  /** The CA as text, to start from again (the sandbox keeps it between runs). */
  async save(): Promise<SavedAuthority> {
    return saveAuthority(await this.authority());
  }

  /** Starts from a CA `save` gave, instead of making a new one. */
  restore(saved: SavedAuthority): void {
    this.ca = restoreAuthority(saved);
  }

  private authority(): Promise<Authority> {
    this.ca ??= createAuthority({
      serialNumber: 1,
      subject: [
        ['O', 'Emzano Emulator'],
        ['CN', 'Emzano Emulator Test CA'],
      ],
      years: 5,
      now: Date.now(),
    });
    return this.ca;
  }
}
