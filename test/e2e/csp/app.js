// Loaded as an external module (no inline script is allowed on this page).
import '/dist/cdn/emzano-elements.js';

window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});

const config = await (await fetch('/csp/config.json')).json();
const kyc = document.querySelector('emzano-kyc');
const sign = document.querySelector('emzano-sign-pdf');
kyc.apiBase = config.apiBase;
sign.apiBase = config.apiBase;
sign.signingKey = undefined;
kyc.addEventListener('emzano-complete', async (event) => {
  sign.session = event.detail.session;
  // A key made here, certified by the emulator's test CA, signs the digest.
  const keys = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    false,
    ['sign', 'verify'],
  );
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const publicKey = btoa(String.fromCharCode(...spki));
  const response = await fetch(`${config.apiBase}/__emulator/certificates`, {
    method: 'POST',
    body: JSON.stringify({ publicKey, commonName: 'CSP Signer' }),
  });
  sign.certificate = (await response.json()).certificate;
  sign.signingKey = keys.privateKey;
  document.body.dataset.kycDone = 'true';
});
