/**
 * The emulator's test certificate authority. Development only: it issues a signing certificate
 * for any public key, so the demo and the tests have a real signer without a real CA.
 */
import { webcrypto } from 'node:crypto';
import { x509 } from './x509.js';

const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface IssuedCertificate {
  /** The signer's certificate, DER. */
  certificate: Uint8Array<ArrayBuffer>;
  /** The CA's certificate, DER. */
  caCertificate: Uint8Array<ArrayBuffer>;
}

export class TestCertificateAuthority {
  private ca: Promise<{ certificate: x509.X509Certificate; keys: CryptoKeyPair }> | undefined;
  private serial = 1;

  /** The CA's own certificate, created on first use. */
  async certificate(): Promise<x509.X509Certificate> {
    return (await this.authority()).certificate;
  }

  /** Issues a one-year signing certificate for an RSA public key given as SPKI DER. */
  async issue(publicKeySpki: Uint8Array<ArrayBuffer>, commonName: string): Promise<IssuedCertificate> {
    const { certificate: caCertificate, keys } = await this.authority();
    const publicKey = await webcrypto.subtle.importKey('spki', publicKeySpki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, [
      'verify',
    ]);
    const now = Date.now();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: (++this.serial).toString(16).padStart(8, '0'),
      subject: `CN=${commonName.replace(/[,+=<>#;"\\]/g, ' ')}, O=Emzano Emulator`,
      issuer: caCertificate.subject,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + YEAR_MS),
      signingKey: keys.privateKey,
      publicKey: publicKey as CryptoKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      ],
    });
    return { certificate: new Uint8Array(certificate.rawData), caCertificate: new Uint8Array(caCertificate.rawData) };
  }

  private authority() {
    this.ca ??= (async () => {
      const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
      const now = Date.now();
      const certificate = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: '01',
        name: 'CN=Emzano Emulator Test CA, O=Emzano Emulator',
        notBefore: new Date(now - 60_000),
        notAfter: new Date(now + 5 * YEAR_MS),
        keys,
        signingAlgorithm: RSA,
        extensions: [
          new x509.BasicConstraintsExtension(true, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        ],
      });
      return { certificate, keys };
    })();
    return this.ca;
  }
}
