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
// No key or certificate set: the signing element uses the ones the KYC's certificate step made here.
kyc.addEventListener('emzano-complete', (event) => {
  sign.session = event.detail.session;
  document.body.dataset.kycDone = 'true';
});
