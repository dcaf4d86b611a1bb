import type { CertificateStrings } from '../types.js';

const long = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));

export const enCertificate: CertificateStrings = {
  certificate: {
    label: 'Signing certificate',
    heading: 'Your signing certificate',
    checking: 'Checking your signing certificate…',
    intro:
      'A signing certificate from a licensed certificate authority lets you sign documents with legal weight. It is issued in the name your identity was verified under.',
    keyHere:
      'Its key is made and kept in this browser, on this device, and can never be copied out of it. To sign on another device or browser, get a certificate there.',
    get: 'Get my signing certificate',
    makingKey: 'Making your key in this browser…',
    requesting: 'Asking the certificate authority for your certificate…',
    revoking: 'Revoking the certificate…',
    elsewhere: (count, until) =>
      count === 1
        ? `You already have a certificate, valid until ${until}, whose key is on another device or browser. Getting one here revokes it.`
        : `You already have ${count} certificates whose keys are on other devices or browsers. Getting one here revokes them.`,
    replace: 'Revoke it and get one for this browser',
    confirmReplace: 'Your other certificate will be revoked for good, and a new one made for this browser. Go on?',
    status: { issued: 'Valid', revoked: 'Revoked', expired: 'Expired' },
    name: 'Name',
    issuer: 'Issued by',
    serialNumber: 'Serial number',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    date: (iso) => `${long('en-GB', iso)} (${long('en-GB-u-ca-persian', iso)})`,
    download: 'Download the certificate (.cer)',
    renew: 'Renew',
    confirmRenew: 'A new key and certificate will be made in this browser, and this certificate revoked. Go on?',
    revoke: 'Revoke…',
    reason: 'Why revoke it?',
    reasons: {
      unspecified: 'No particular reason',
      keyCompromise: 'Someone else may have used this device or browser',
      affiliationChanged: 'My details have changed',
      superseded: 'I have a new certificate',
      cessationOfOperation: 'I no longer need it',
    },
    confirmRevoke: 'Revoking cannot be undone: nothing can be signed with this certificate afterwards.',
    revokeNow: 'Revoke the certificate',
    cancel: 'Cancel',
    issued: 'Your signing certificate is ready.',
    revoked: 'The certificate has been revoked.',
    getNew: 'Get a new certificate',
  },
};
