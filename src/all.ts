/** Registers every element. The script-tag bundle (dist/cdn/emzano-elements.js) is built from this entry. */
export * from './emzano-kyc.js';
export * from './emzano-signature-pad.js';
export * from './emzano-sign-pdf.js';
export * from './emzano-document-status.js';
export * from './emzano-certificate.js';
export * from './emzano-remote-verification.js';
export * from './index.js';
