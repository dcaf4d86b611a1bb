/**
 * X.509 for the emulators (never bundled for the browser), on pkijs: certificates made and
 * signed, read back, and checked against their issuer. The DSS test CA and the RA emulator's
 * test root and intermediate use it, so both speak about certificates in one way.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { distinguishedName } from '../../../src/certificate/names.js';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

export const RSA_SHA256: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/** Attribute types of a distinguished name, by the short names certificates are read with. */
export const NAME_TYPES = {
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  L: '2.5.4.7',
  ST: '2.5.4.8',
} as const;

export type NameType = keyof typeof NAME_TYPES;
/** A distinguished name, most significant first: `[['C', 'IR'], ['CN', 'Sara Ahmadi']]`. */
export type NameParts = [NameType, string][];

/** Key usage bits (RFC 5280 §4.2.1.3), as the first byte of the BIT STRING holds them. */
export const KEY_USAGE = {
  digitalSignature: 0x80,
  nonRepudiation: 0x40,
  keyCertSign: 0x04,
  cRLSign: 0x02,
} as const;

const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
};

// A copy into an ArrayBuffer of its own: a Buffer's .buffer is the whole shared pool.
const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

/** A pkijs name from parts, one attribute per RDN as CAs write names (src/certificate/names.ts). */
export function makeName(parts: NameParts): pkijs.RelativeDistinguishedNames {
  return distinguishedName(parts.map(([type, value]) => [NAME_TYPES[type], value]));
}

/** A name's parts back, by short name (types outside `NAME_TYPES` are left out). */
export function readName(name: pkijs.RelativeDistinguishedNames): NameParts {
  const byOid = new Map<string, NameType>(Object.entries(NAME_TYPES).map(([short, oid]) => [oid, short as NameType]));
  const parts: NameParts = [];
  for (const entry of name.typesAndValues) {
    const type = byOid.get(entry.type);
    if (type) parts.push([type, String((entry.value as { valueBlock: { value: unknown } }).valueBlock.value)]);
  }
  return parts;
}

/** The first value of `type` in a name, or undefined. */
export function nameValue(name: pkijs.RelativeDistinguishedNames, type: NameType): string | undefined {
  return readName(name).find(([partType]) => partType === type)?.[1];
}

/** `C=IR, CN=…` for messages and logs. */
export function nameText(name: pkijs.RelativeDistinguishedNames): string {
  return readName(name)
    .map(([type, value]) => `${type}=${value}`)
    .join(', ');
}

export interface CertificateSpec {
  serialNumber: number;
  subject: NameParts;
  /** The issuer's certificate; absent for a self-signed root. */
  issuer?: pkijs.Certificate;
  /** The subject's public key (SPKI DER or a WebCrypto key). */
  publicKey: Uint8Array<ArrayBuffer> | CryptoKey;
  /** The issuer's private key (the subject's own for a root). */
  signingKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  /** A CA certificate (basicConstraints cA) or an end entity. */
  ca: boolean;
  /** OR of `KEY_USAGE` bits. */
  keyUsage: number;
}

/** Makes and signs a certificate (SHA-256 with RSA), with key identifiers so chains build by key. */
export async function createCertificate(spec: CertificateSpec): Promise<pkijs.Certificate> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: spec.serialNumber });
  certificate.subject = makeName(spec.subject);
  certificate.issuer = spec.issuer ? spec.issuer.subject : makeName(spec.subject);
  certificate.notBefore.value = spec.notBefore;
  certificate.notAfter.value = spec.notAfter;
  if (spec.publicKey instanceof Uint8Array) {
    certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spec.publicKey));
  } else {
    await certificate.subjectPublicKeyInfo.importKey(spec.publicKey);
  }
  const subjectKeyId = keyIdentifier(certificate.subjectPublicKeyInfo);
  const authorityKeyId = spec.issuer ? keyIdentifier(spec.issuer.subjectPublicKeyInfo) : subjectKeyId;
  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: spec.ca }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: keyUsageBits(spec.keyUsage).toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(subjectKeyId) }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.authorityKeyIdentifier,
      extnValue: new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(authorityKeyId) }),
      })
        .toSchema()
        .toBER(false),
    }),
  ];
  await certificate.sign(spec.signingKey, 'SHA-256');
  return certificate;
}

/** A certificate authority's certificate and keys. */
export interface Authority {
  certificate: pkijs.Certificate;
  keys: CryptoKeyPair;
}

/**
 * A CA with a fresh RSA key: self-signed (a root) without `issuer`, else certified by it. May sign
 * certificates and CRLs; valid from a minute ago for `years`.
 */
export async function createAuthority(spec: {
  serialNumber: number;
  subject: NameParts;
  issuer?: Authority;
  years: number;
  now: number;
}): Promise<Authority> {
  const keys = (await webcrypto.subtle.generateKey(RSA_SHA256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await createCertificate({
    serialNumber: spec.serialNumber,
    subject: spec.subject,
    issuer: spec.issuer?.certificate,
    publicKey: keys.publicKey,
    signingKey: spec.issuer?.keys.privateKey ?? keys.privateKey,
    notBefore: new Date(spec.now - 60_000),
    notAfter: new Date(spec.now + spec.years * 365 * 24 * 3600 * 1000),
    ca: true,
    keyUsage: KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign,
  });
  return { certificate, keys };
}

/** An authority as text, to keep between runs (the sandbox's `--state`): its certificate and PKCS#8 key, base64. */
export interface SavedAuthority {
  certificate: string;
  privateKey: string;
}

export async function saveAuthority(authority: Authority): Promise<SavedAuthority> {
  const privateKey = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', authority.keys.privateKey));
  return {
    certificate: Buffer.from(certificateDer(authority.certificate)).toString('base64'),
    privateKey: Buffer.from(privateKey).toString('base64'),
  };
}

/** The authority kept by `saveAuthority`, its keys imported again. */
export async function restoreAuthority(saved: SavedAuthority): Promise<Authority> {
  const certificate = parseCertificate(Buffer.from(saved.certificate, 'base64'));
  if (!certificate) throw new TypeError('A kept authority has no readable certificate.');
  const spki = certificate.subjectPublicKeyInfo.toSchema().toBER(false);
  const [privateKey, publicKey] = await Promise.all([
    webcrypto.subtle.importKey('pkcs8', Buffer.from(saved.privateKey, 'base64'), RSA_SHA256, true, ['sign']),
    webcrypto.subtle.importKey('spki', spki, RSA_SHA256, true, ['verify']),
  ]);
  return { certificate, keys: { privateKey, publicKey } as CryptoKeyPair };
}

/** DER of a certificate. */
export function certificateDer(certificate: pkijs.Certificate): Uint8Array<ArrayBuffer> {
  return new Uint8Array(certificate.toSchema(true).toBER(false));
}

/** A certificate from DER, or undefined when the bytes are not one. */
export function parseCertificate(der: Uint8Array): pkijs.Certificate | undefined {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch {
    return undefined;
  }
}

/** Whether `certificate` names `issuer` as its issuer and carries a valid signature by its key. */
export async function issuedBy(certificate: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (!certificate.issuer.isEqual(issuer.subject)) return false;
  try {
    return await certificate.verify(issuer);
  } catch {
    return false;
  }
}

/** The key usage bits a certificate carries (0 when it has no keyUsage extension). */
export function keyUsageOf(certificate: pkijs.Certificate): number {
  const extension = certificate.extensions?.find((entry) => entry.extnID === OID.keyUsage);
  if (!extension) return 0;
  const bits = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result as asn1js.BitString;
  return bits.valueBlock.valueHexView[0] ?? 0;
}

/** The certificate's serial number, hex. */
export function serialHex(certificate: pkijs.Certificate): string {
  return Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex');
}

/** The SPKI DER of a certificate's public key. */
export function publicKeyDer(certificate: pkijs.Certificate | pkijs.CertificationRequest): Uint8Array<ArrayBuffer> {
  return new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bytes. */
function keyIdentifier(publicKey: pkijs.PublicKeyInfo): Uint8Array {
  return createHash('sha1').update(publicKey.subjectPublicKey.valueBlock.valueHexView).digest();
}

/** A KeyUsage BIT STRING in DER: trailing zero bits counted as unused. */
function keyUsageBits(flags: number): asn1js.BitString {
  let unused = 0;
  while (unused < 7 && (flags & (1 << unused)) === 0) unused++;
  return new asn1js.BitString({ valueHex: new Uint8Array([flags]).buffer, unusedBits: unused });
}
