/**
 * `import { EmzanoKyc, EmzanoSignPdf, EmzanoSignaturePad } from 'emzano-elements/react'`: React
 * components over the custom elements, made with @lit/react. Properties are set as properties
 * (not stringified attributes) and every element event has a typed `on…` prop.
 *
 * Importing this module registers the elements. `react` is a peer dependency: the host's own copy
 * is used, never a second one.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { EmzanoKyc as EmzanoKycElement } from './emzano-kyc.js';
import { EmzanoSignPdf as EmzanoSignPdfElement } from './emzano-sign-pdf.js';
import { EmzanoSignaturePad as EmzanoSignaturePadElement } from './emzano-signature-pad.js';
import { EmzanoDocumentStatus as EmzanoDocumentStatusElement } from './emzano-document-status.js';
import { EmzanoCertificate as EmzanoCertificateElement } from './emzano-certificate.js';
import { EmzanoRemoteVerification as EmzanoRemoteVerificationElement } from './emzano-remote-verification.js';
import type { EmzanoRemoteSentEvent, EmzanoRemoteStatusEvent } from './events/remote-verification-events.js';
import type {
  EmzanoCertificateChangeEvent,
  EmzanoCertificateIssuedEvent,
  EmzanoCertificateRevokedEvent,
} from './events/certificate-events.js';
import type { EmzanoDocumentStateEvent } from './events/document-status-events.js';
import type { EmzanoCompleteEvent, EmzanoErrorEvent, EmzanoStepEvent } from './events/kyc-events.js';
import type { EmzanoFieldChangeEvent, EmzanoSentEvent, EmzanoSignedEvent } from './events/sign-pdf-events.js';
import type { EmzanoSignatureChangeEvent } from './events/signature-events.js';

const onError = 'emzano-error' as EventName<EmzanoErrorEvent>;

/** `<emzano-kyc>`: `onStep`, `onComplete`, `onError`. */
export const EmzanoKyc = createComponent({
  tagName: 'emzano-kyc',
  elementClass: EmzanoKycElement,
  react: React,
  events: {
    onStep: 'emzano-step' as EventName<EmzanoStepEvent>,
    onComplete: 'emzano-complete' as EventName<EmzanoCompleteEvent>,
    onError,
  },
  displayName: 'EmzanoKyc',
});

/** `<emzano-sign-pdf>`: `onFieldChange`, `onSigned`, `onSent` (send mode), `onError`. */
export const EmzanoSignPdf = createComponent({
  tagName: 'emzano-sign-pdf',
  elementClass: EmzanoSignPdfElement,
  react: React,
  events: {
    onFieldChange: 'emzano-field-change' as EventName<EmzanoFieldChangeEvent>,
    onSigned: 'emzano-signed' as EventName<EmzanoSignedEvent>,
    onSent: 'emzano-sent' as EventName<EmzanoSentEvent>,
    onError,
  },
  displayName: 'EmzanoSignPdf',
});

/** `<emzano-signature-pad>`: `onSignatureChange`. */
export const EmzanoSignaturePad = createComponent({
  tagName: 'emzano-signature-pad',
  elementClass: EmzanoSignaturePadElement,
  react: React,
  events: {
    onSignatureChange: 'emzano-signature-change' as EventName<EmzanoSignatureChangeEvent>,
  },
  displayName: 'EmzanoSignaturePad',
});

/** `<emzano-document-status>`: `onDocumentState`. */
export const EmzanoDocumentStatus = createComponent({
  tagName: 'emzano-document-status',
  elementClass: EmzanoDocumentStatusElement,
  react: React,
  events: {
    onDocumentState: 'emzano-document-state' as EventName<EmzanoDocumentStateEvent>,
  },
  displayName: 'EmzanoDocumentStatus',
});

/** `<emzano-certificate>`: `onCertificateIssued`, `onCertificateRevoked`, `onCertificateChange`, `onError`. */
export const EmzanoCertificate = createComponent({
  tagName: 'emzano-certificate',
  elementClass: EmzanoCertificateElement,
  react: React,
  events: {
    onCertificateIssued: 'emzano-certificate-issued' as EventName<EmzanoCertificateIssuedEvent>,
    onCertificateRevoked: 'emzano-certificate-revoked' as EventName<EmzanoCertificateRevokedEvent>,
    onCertificateChange: 'emzano-certificate-change' as EventName<EmzanoCertificateChangeEvent>,
    onError,
  },
  displayName: 'EmzanoCertificate',
});

/** `<emzano-remote-verification>`: `onRemoteSent`, `onRemoteStatus`, `onError`. */
export const EmzanoRemoteVerification = createComponent({
  tagName: 'emzano-remote-verification',
  elementClass: EmzanoRemoteVerificationElement,
  react: React,
  events: {
    onRemoteSent: 'emzano-remote-sent' as EventName<EmzanoRemoteSentEvent>,
    onRemoteStatus: 'emzano-remote-status' as EventName<EmzanoRemoteStatusEvent>,
    onError,
  },
  displayName: 'EmzanoRemoteVerification',
});

export * from './events/certificate-events.js';
export * from './events/remote-verification-events.js';
export * from './events/document-status-events.js';
export * from './events/kyc-events.js';
export * from './events/sign-pdf-events.js';
export * from './events/signature-events.js';
export type { PdfField } from './core/pdf-geometry.js';
