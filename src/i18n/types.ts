import type { ValidationError } from '../core/validation.js';
import type { KycStep } from '../core/kyc-flow.js';
import type { PhotoProblem } from '../core/photo-quality.js';
import type { DocumentState, RecipientRoleName, RecipientState } from '../core/clm-document.js';
import type { RecipientProblemKind } from '../core/clm-send.js';
import type { RevocationReason } from '../core/certificate-contract.js';

export type Language = 'fa' | 'en';

/**
 * Every string the elements show, for one language, in three parts so each element carries only
 * its own: what all share, what `<emzano-kyc>` adds, what `<emzano-sign-pdf>` adds.
 * Placeholders are functions, so a sentence is always whole in its language (never glued from
 * translated fragments).
 */
export type Translation = CommonStrings &
  KycStrings &
  InquiryStrings &
  VideoStrings &
  DocumentPhotoStrings &
  SignPdfStrings &
  SendContractStrings &
  DocumentStatusStrings &
  CertificateStrings;

/** What every element shows (and the nested signature pad). */
export interface CommonStrings {
  lang: Language;
  dir: 'rtl' | 'ltr';
  /** Shows digits the way this language writes them. */
  digits(text: string | number): string;
  common: {
    retry: string;
    startOver: string;
    working: string;
    stepOf(current: number, total: number, name: string): string;
  };
  upload: {
    progress(percent: number): string;
    label: string;
    cancel: string;
  };
  pad: {
    label: string;
    undo: string;
    clear: string;
    required: string;
    /** Switches to typing the name instead of drawing (for keyboard-only use). */
    typeInstead: string;
    drawInstead: string;
    typedLabel: string;
  };
}

/** `<emzano-kyc>`'s steps and field messages. */
export interface KycStrings {
  /** Each step's title: the wizard's own here; a provider adds its steps' (`addStepTitles`). */
  steps: Record<'enrol' | 'inquiry' | 'video' | 'signature' | 'certificate' | 'done', string> & Partial<Record<KycStep, string>>;
  /** A provider's own explanation of one of its steps, where the kind's general one does not fit (`addStepTitles`). */
  stepIntros?: Partial<Record<KycStep, string>>;
  enrol: {
    intro: string;
    /** The intro when the first step also asks for the birth date (a provider whose token carries it). */
    introWithBirthDate: string;
    phone: string;
    phoneHint: string;
    nationalCode: string;
    nationalCodeHint: string;
    submit: string;
  };
  signature: {
    intro: string;
    send: string;
    skip: string;
    empty: string;
  };
  done: {
    intro: string;
    verifiedAs(fullName: string): string;
    signatureUploaded: string;
    signatureNotUploaded: string;
    certificateHeld: string;
  };
  /** The certificate step (`certificate="issue"`); the card itself is `<emzano-certificate>`'s. */
  /** The offer to continue on a phone, at the video step (the handoff screens bring their own strings). */
  handoff: { offer: string };
  certificateStep: { continue: string };
  /** Giving up on a verification, with a provider that is told (`AbortToken`). */
  cancel: { ask: string; question: string; confirm: string; keep: string };
  validation: Record<ValidationError, string>;
}

/** `<emzano-kyc>`'s document photo steps (a national card's front and back): loaded with that step's code. */
export interface DocumentPhotoStrings {
  documentPhoto: {
    /** What to photograph, for each document step. */
    intro: Partial<Record<KycStep, string>>;
    fallbackIntro: string;
    preparing: string;
    guideLabel: string;
    previewLabel: string;
    photoLabel: string;
    take: string;
    taking: string;
    retake: string;
    chooseFile: string;
    send: string;
    sending: string;
    /** Why a photo is refused, and what to do. */
    problems: Record<PhotoProblem, string>;
    accepted: string;
  };
}

/** `<emzano-kyc>`'s inquiry step: loaded with that step's code. */
export interface InquiryStrings {
  inquiry: {
    intro: string;
    birthDate: string;
    birthDateHint: string;
    birthYear: string;
    birthMonth: string;
    birthDay: string;
    monthPlaceholder: string;
    dayPlaceholder: string;
    /** The twelve Solar Hijri months, Farvardin first. */
    months: readonly string[];
    serial: string;
    serialHint: string;
    submit: string;
    confirmIntro: string;
    name: string;
    family: string;
    fatherName: string;
    confirm: string;
    edit: string;
  };
}

/** `<emzano-kyc>`'s video step: loaded with that step's code. */
export interface VideoStrings {
  video: {
    intro: string;
    readAloud: string;
    preparing: string;
    start: string;
    stop: string;
    retake: string;
    send: string;
    sending: string;
    secondsLeft(seconds: number): string;
    recordedLabel: string;
    previewLabel: string;
  };
}

/** `<emzano-sign-pdf>`'s viewer and signing. */
export interface SignPdfStrings {
  signPdf: {
    documentLabel: string;
    loading: string;
    empty: string;
    pageOf(current: number, total: number): string;
    pageLabel(page: number): string;
    zoomIn: string;
    zoomOut: string;
    fitWidth: string;
    fitPage: string;
    addField: string;
    fieldLabel(page: number): string;
    fieldHelp: string;
    resizeHandle: string;
    drawIntro: string;
    useSignature: string;
    signatureReady: string;
    signatureOnFile: string;
    sign: string;
    signing: string;
    signed: string;
    download: string;
  };
}

/** `<emzano-sign-pdf mode="send">`: preparing a contract for several recipients. */
export interface SendContractStrings {
  sendContract: {
    settings: string;
    title: string;
    titleMissing: string;
    expiredAtPast: string;
    expiredAt: string;
    startPage: string;
    /** Shown on the start page: where the fields go. */
    startPageBadge: string;
    startPageHelp(page: number, total: number): string;
    startPageInvalid(total: number): string;
    certificatePayment: string;
    recipients: string;
    noRecipients: string;
    recipientLabel(index: number): string;
    name: string;
    mobile: string;
    nationalCode: string;
    recipientTitle: string;
    role: string;
    roles: Record<RecipientRoleName, string>;
    order: string;
    placeField(page: number): string;
    fieldPlaced(page: number): string;
    fieldLabel(who: string, page: number): string;
    digitalSignature: string;
    repeatSignature: string;
    remove(who: string): string;
    addRecipient: string;
    send: string;
    sending: string;
    fixFirst(count: number): string;
    sent(id: string): string;
    problems: Record<RecipientProblemKind, string>;
  };
}

/** `<emzano-document-status>`. */
export interface DocumentStatusStrings {
  documentStatus: {
    label: string;
    loading: string;
    noDocument: string;
    states: Record<DocumentState, string>;
    recipientStates: Record<RecipientState, string>;
    roles: Record<RecipientRoleName, string>;
    turn: string;
    /** A moment, written as this language writes dates (Solar Hijri in Persian). */
    when(iso: string): string;
    download: string;
    refresh: string;
  };
}

/** `<emzano-certificate>`. */
export interface CertificateStrings {
  certificate: {
    label: string;
    heading: string;
    checking: string;
    intro: string;
    /** That the key lives in this browser on this device, and what that means. */
    keyHere: string;
    get: string;
    makingKey: string;
    requesting: string;
    revoking: string;
    /** The person has an active certificate whose key is elsewhere. */
    elsewhere(count: number, until: string): string;
    replace: string;
    confirmReplace: string;
    status: { issued: string; revoked: string; expired: string };
    name: string;
    issuer: string;
    serialNumber: string;
    validFrom: string;
    validUntil: string;
    /** A date in both calendars, this language's first. */
    date(iso: string): string;
    download: string;
    renew: string;
    confirmRenew: string;
    revoke: string;
    reason: string;
    reasons: Record<RevocationReason, string>;
    confirmRevoke: string;
    revokeNow: string;
    cancel: string;
    issued: string;
    revoked: string;
    getNew: string;
  };
}
