import type { SignPdfStrings } from '../types.js';

export const enSignPdf: SignPdfStrings = {
  signPdf: {
    documentLabel: 'Document',
    loading: 'Opening the document…',
    empty: 'No document is loaded.',
    pageOf: (current, total) => `Page ${current} of ${total}`,
    pageLabel: (page) => `Page ${page}`,
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitWidth: 'Fit width',
    fitPage: 'Fit page',
    addField: 'Add signature field',
    fieldLabel: (page) => `Signature field on page ${page}`,
    fieldHelp: 'Move it with the arrow keys; hold Shift to resize.',
    resizeHandle: 'Resize the signature field',
    drawIntro: 'Draw your signature; it will appear in the signature field.',
    useSignature: 'Use this signature',
    signatureReady: 'Your signature is ready.',
    signatureOnFile: 'Your signature on file',
    sign: 'Sign document',
    signing: 'Signing the document…',
    signed: 'The document is signed.',
    download: 'Download the signed document',
  },
};
