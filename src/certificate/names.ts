/**
 * X.509 names as CAs write them: one attribute per RDN, most significant first. pkijs on its own
 * puts every attribute of a name in one multi-valued RDN, which CAs and NSS read as one odd name.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** The name attributes the certificates here carry, by OID. */
export const NAME_OID = {
  country: '2.5.4.6',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  commonName: '2.5.4.3',
} as const;

/** countryName and serialNumber, which RFC 5280 writes as PrintableString. */
const PRINTABLE = new Set<string>([NAME_OID.country, NAME_OID.serialNumber]);

/** A name from `[oid, value]` pairs; values UTF8String but where RFC 5280 says PrintableString. */
export function distinguishedName(parts: [string, string][]): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: parts.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new pkijs.AttributeTypeAndValue({
              type,
              value: PRINTABLE.has(type) ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
            }).toSchema(),
          ],
        }),
    ),
  });
  // Read back from its encoding: pkijs then writes the name as these bytes, RDN by RDN.
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}
