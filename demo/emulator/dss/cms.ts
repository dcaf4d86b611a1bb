/**
 * CMS (PKCS #7) for PAdES signatures, in two halves as Emzano's DSS splits them: the signed
 * attributes whose DER the signer signs (the "Digest"), then the SignedData that carries that
 * signature and the certificates (put-sign).
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

// A copy into an ArrayBuffer of its own: a Buffer's .buffer is the whole shared pool.
const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

export interface SignedAttributes {
  /** The attributes in DER order, reused verbatim when the SignedData is assembled. */
  attributes: pkijs.Attribute[];
  /** DER of the attributes as a SET: exactly the bytes the signer signs. */
  der: Uint8Array<ArrayBuffer>;
}

/** contentType, signingTime, messageDigest and the ESS signing-certificate-v2 (PAdES baseline). */
export function buildSignedAttributes(documentDigest: Uint8Array, signerCertificateDer: Uint8Array, signingTime: Date): SignedAttributes {
  const certHash = createHash('sha256').update(signerCertificateDer).digest();
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(documentDigest) })] }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the
      // default hash algorithm (SHA-256) carries only certHash.
      values: [
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({
              value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) })] })],
            }),
          ],
        }),
      ],
    }),
  ];
  // DER orders a SET OF by the encodings of its members.
  const encoded = attributes.map((attribute) => ({ attribute, bytes: new Uint8Array(attribute.toSchema().toBER()) }));
  encoded.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const sorted = encoded.map((entry) => entry.attribute);
  const set = new asn1js.Set({ value: sorted.map((attribute) => attribute.toSchema()) });
  return { attributes: sorted, der: new Uint8Array(set.toBER()) };
}

/** Checks the signer's RSASSA-PKCS1-v1_5 / SHA-256 signature over the signed attributes. */
export async function verifySignature(signedAttributes: Uint8Array, signature: Uint8Array, certificateDer: Uint8Array): Promise<boolean> {
  const certificate = pkijs.Certificate.fromBER(toArrayBuffer(certificateDer));
  const spki = certificate.subjectPublicKeyInfo.toSchema().toBER();
  const key = await webcrypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  return webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, toArrayBuffer(signature), toArrayBuffer(signedAttributes));
}

/** A detached CMS SignedData (DER) with the signature, the signed attributes and the certificates. */
export function assembleSignedData(attributes: pkijs.Attribute[], signature: Uint8Array, certificatesDer: Uint8Array[]): Uint8Array {
  const certificates = certificatesDer.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)));
  const signer = certificates[0];
  if (!signer) throw new Error('assembleSignedData: the signer certificate is required');
  const sha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: sha256(),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [sha256()],
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
