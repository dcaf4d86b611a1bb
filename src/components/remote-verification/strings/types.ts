/**
 * `<emzano-remote-verification>`'s words, in its three languages. Spanish is a full language of
 * this element (the service is Spanish, and so are many of the people it verifies); the other
 * elements speak Persian and English. Placeholders are functions, so each sentence is whole.
 */
import type { RemoteFieldProblem } from '../../../core/remote-request.js';
import type { RemoteErrorCode } from '../../../core/remote-verification-contract.js';

export type { RemoteErrorCode };

export type RemoteLanguage = 'fa' | 'en' | 'es';

export interface RemoteStrings {
  lang: RemoteLanguage;
  dir: 'rtl' | 'ltr';
  /** BCP 47 tag for numbers and dates (Persian: Persian digits and the Solar Hijri calendar). */
  locale: string;
  label: string;
  form: {
    heading: string;
    intro: string;
    phone: string;
    phoneHint: string;
    dni: string;
    dniHint: string;
    message: string;
    messageHint: string;
    /** The text the message field starts with; must contain [LINK]. */
    defaultMessage: string;
    linkPresent: string;
    sender: string;
    senderCount(used: number, limit: number): string;
    when: string;
    now: string;
    later: string;
    sendAt: string;
    /** The chosen time in the viewer's zone and in Madrid's. */
    inZones(local: string, zone: string, madrid: string, madridZone: string): string;
    submit: string;
    sending: string;
  };
  problems: Record<RemoteFieldProblem, string>;
  follow: {
    heading(id: string): string;
    sentTo(phone: string): string;
    scheduledFor(madridTime: string): string;
    waiting: string;
    live: string;
    reconnecting: string;
    timeline: string;
    status(code: number): string;
    /** What a report carries, when its status has no name. */
    kinds: { certificate: string; result: string; document: string; opened: string; update: string };
    newRequest: string;
  };
  result: {
    heading: string;
    faceSimilarity: string;
    score: string;
    liveness: string;
    samePerson: string;
    documentMatches: string;
    notRequested: string;
    yes: string;
    no: string;
    unknown: string;
    document: string;
    documentNumber: string;
    name: string;
    birthDate: string;
    nationality: string;
    expires: string;
    expired: string;
    device: string;
    access: string;
    place: string;
    coordinates(latitude: string, longitude: string): string;
  };
  certificate: {
    heading: string;
    download: string;
    preparing: string;
    preview: string;
  };
  retry: string;
  errors: Record<RemoteErrorCode, string>;
  refusedWithCode(message: string, code: number): string;
  retryAfter(seconds: number): string;
}
