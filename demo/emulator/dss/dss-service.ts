/**
 * Emzano DSS in the emulator: `dss/digest` prepares the PDF and answers the DER of the CMS signed
 * attributes (base64) for the signer to sign with RSASSA-PKCS1-v1_5 / SHA-256; `dss/put-sign`
 * takes the same inputs plus `SignedDigest` and answers the signed PDF.
 *
 * The two calls share no transaction id (see the reference), so the emulator keys what digest
 * prepared by everything put-sign must repeat: the PDF, the certificate, the user and the field.
 */
import { createHash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { issuedBy, nameValue, parseCertificate, serialHex } from '../pki/certificates.js';
import { assembleSignedData, buildSignedAttributes, verifySignature, type SignedAttributes } from './cms.js';
import { documentDigest, embedSignature, preparePdf, PdfRejected, type PreparedPdf, type SignField } from './prepare-pdf.js';

/**
 * A certificate authority whose certificates DSS accepts: the emulator's instant test CA, and the
 * RA emulator's intermediate (see `EmzanoEmulator.trustIssuer`).
 */
export interface CertificateIssuer {
  /** The CA certificate that signs the signers' certificates. */
  issuingCertificate(): Promise<pkijs.Certificate>;
  /** What is embedded after the signer's certificate: the issuing CA and any CA above it short of the root. */
  chain(): Promise<Uint8Array[]>;
  /** Whether the issuer revoked the certificate with this serial number (hex). */
  revoked(serialHex: string): boolean;
}

/** A DSS failure with the Emzano code the emulator answers. */
export class DssRejected extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  prepared: PreparedPdf;
  signedAttributes: SignedAttributes;
  certificate: Uint8Array<ArrayBuffer>;
  issuer: CertificateIssuer;
  expiresAt: number;
}

export interface DssRequest {
  pdf: Uint8Array<ArrayBuffer>;
  certificate: Uint8Array<ArrayBuffer>;
  userId: string;
  field: SignField;
}

const FIELD_NAMES = ['X', 'Y', 'Width', 'Height', 'Page', 'PageWidth', 'PageHeight'] as const;
const PENDING_TTL_MS = 15 * 60 * 1000;

/** Reads and checks the multipart fields both DSS calls share. */
export async function readDssForm(form: FormData): Promise<DssRequest> {
  const file = form.get('FormFile');
  if (!(file instanceof File) || file.size === 0) throw new DssRejected(3025, 'FormFile is required.');
  const certificateText = form.get('SignerCertificate');
  if (typeof certificateText !== 'string' || certificateText.trim() === '') throw new DssRejected(3025, 'SignerCertificate is required.');
  const userId = form.get('UserId');
  if (typeof userId !== 'string' || userId === '') throw new DssRejected(3025, 'UserId is required.');
  const values: Record<string, number> = {};
  for (const name of FIELD_NAMES) {
    const raw = form.get(`SignField.${name}`);
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) throw new DssRejected(3025, `SignField.${name} is required and must be a number.`);
    values[name] = value;
  }
  return {
    pdf: new Uint8Array(await file.arrayBuffer()),
    certificate: decodeCertificate(certificateText),
    userId,
    field: {
      page: values['Page']!,
      x: values['X']!,
      y: values['Y']!,
      width: values['Width']!,
      height: values['Height']!,
      pageWidth: values['PageWidth']!,
      pageHeight: values['PageHeight']!,
    },
  };
}

/** Base64 DER, with or without PEM armour. */
function decodeCertificate(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new DssRejected(3017, 'SignerCertificate is not base64.');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

export class DssService {
  private pending = new Map<string, Pending>();

  constructor(
    private readonly issuers: () => CertificateIssuer[],
    private readonly now: () => number,
  ) {}

  /** Prepares the PDF and returns the signed attributes' DER, base64. `nationalCode`: the DSS user's. */
  async digest(request: DssRequest, signatureImage: Uint8Array | undefined, signerName: string, nationalCode: string): Promise<string> {
    const issuer = await this.checkCertificate(request.certificate, nationalCode);
    if (!signatureImage) throw new DssRejected(2012, 'No signature image has been uploaded for this user.');
    let prepared: PreparedPdf;
    try {
      prepared = await preparePdf(request.pdf, request.field, signatureImage, new Date(this.now()), signerName);
    } catch (error) {
      if (error instanceof PdfRejected) throw new DssRejected(error.code, error.message);
      throw error;
    }
    const signedAttributes = buildSignedAttributes(documentDigest(prepared), request.certificate, new Date(this.now()));
    this.forgetExpired();
    this.pending.set(this.key(request), {
      prepared,
      signedAttributes,
      certificate: request.certificate,
      issuer,
      expiresAt: this.now() + PENDING_TTL_MS,
    });
    return Buffer.from(signedAttributes.der).toString('base64');
  }

  /** Checks the signature over what digest returned and embeds it: the signed PDF. */
  async putSign(request: DssRequest, signedDigestBase64: string, nationalCode: string): Promise<Uint8Array<ArrayBuffer>> {
    const pending = this.pending.get(this.key(request));
    if (!pending || pending.expiresAt < this.now()) {
      throw new DssRejected(3026, 'No digest was prepared for this PDF, certificate, user and field (or it expired).');
    }
    // Checked again: a certificate revoked (or expired) since the digest no longer signs.
    await this.checkCertificate(pending.certificate, nationalCode);
    const signature = new Uint8Array(Buffer.from(signedDigestBase64.trim(), 'base64'));
    if (signature.length === 0 || !(await verifySignature(pending.signedAttributes.der, signature, pending.certificate))) {
      throw new DssRejected(3015, 'SignedDigest is not a valid signature of the digest by the certificate’s key.');
    }
    const cms = assembleSignedData(pending.signedAttributes.attributes, signature, [
      pending.certificate,
      ...(await pending.issuer.chain()),
    ]);
    this.pending.delete(this.key(request));
    return embedSignature(pending.prepared, cms);
  }

  /**
   * What Emzano's error table implies DSS refuses: not a certificate or not from a CA it knows
   * (3017), out of its dates (3016), revoked (3017: the chain is not valid), or naming another
   * person than the DSS user (3023; a certificate that names no national code, as the instant
   * test CA's, is not compared). Answers the issuer, whose chain goes into the signature.
   */
  private async checkCertificate(der: Uint8Array<ArrayBuffer>, nationalCode: string): Promise<CertificateIssuer> {
    const certificate = parseCertificate(der);
    if (!certificate) throw new DssRejected(3017, 'SignerCertificate is not an X.509 certificate.');
    const now = this.now();
    if (certificate.notAfter.value.getTime() < now || certificate.notBefore.value.getTime() > now) {
      throw new DssRejected(3016, 'The certificate has expired.');
    }
    let issuer: CertificateIssuer | undefined;
    for (const candidate of this.issuers()) {
      if (await issuedBy(certificate, await candidate.issuingCertificate())) issuer = candidate;
    }
    if (!issuer) throw new DssRejected(3017, 'The certificate was not issued by a CA the emulator trusts.');
    if (issuer.revoked(serialHex(certificate))) throw new DssRejected(3017, 'The certificate has been revoked.');
    const named = nameValue(certificate.subject, 'serialNumber');
    if (named !== undefined && named !== nationalCode) throw new DssRejected(3023, 'The certificate’s national code is not the user’s.');
    return issuer;
  }

  private key(request: DssRequest): string {
    return createHash('sha256')
      .update(request.pdf)
      .update(request.certificate)
      .update(JSON.stringify([request.userId, request.field]))
      .digest('hex');
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt < now) this.pending.delete(key);
  }
}
