/**
 * The seam between `<emzano-kyc>` and an identity provider. The wizard owns the steps' order,
 * state, persistence, camera, recorder, errors and events; a provider says which steps it has
 * (by id and kind), talks to its service, and registers its own error messages. A provider is
 * one lazily loaded module (see registry.ts); adding one touches neither the wizard nor this file.
 */
import type { HandoffStatus, PhoneHandoff } from '../core/handoff-contract.js';
import type { KycStep, PlannedStep } from '../core/kyc-flow.js';
import type { EmzanoSession } from '../core/token-contract.js';
import type { KycPerson } from '../events/kyc-events.js';
import type { UploadOptions } from '../api/kyc-client.js';

/** What the person typed on the first step, normalised; only the fields the provider asks for are set. */
export interface StartValues {
  phone: string;
  nationalCode: string;
  birthDate?: string;
  serial?: string;
}

/** The element's settings a provider reads (now, on every call: the host may change them). */
export interface ProviderSettings {
  /** The host's endpoint for this provider (`token-endpoint`). */
  tokenEndpoint: string;
  /** The host's handoff endpoint (`handoff-endpoint`); empty when the host serves none. */
  handoffEndpoint: string;
  apiBase: string;
  authScheme: string;
  randomTextField: 'RandomText' | 'randomText';
}

/** The upload's abort signal and progress, as every client takes them. */
export type { UploadOptions } from '../api/kyc-client.js';

export interface VideoUpload {
  /** The sentence the person read (the one `sentence(step)` gave). */
  sentence: string;
  video: Blob;
  fileName: string;
  /** The video as base64 text, made while it was recorded (a provider with `videoAsBase64`); absent after a reload. */
  base64?: Promise<Blob> | undefined;
}

/** What the person's finished verification hands to the page (`emzano-complete`). */
export interface Handover {
  /** The provider's id for this verification: Emzano's user id, Dipar's order id. */
  userId: string;
  /** An Emzano session for `<emzano-sign-pdf>`; none from a provider that has no sessions. */
  session?: EmzanoSession;
}

export interface KycProvider {
  /** What a reload resumes by (never a token): Emzano's user id, Dipar's order id. */
  readonly attemptId: string | undefined;
  /**
   * Starts the verification (once per attempt: a second call reuses the first) and answers the
   * steps the provider still needs, in order.
   */
  start(values: StartValues, signal: AbortSignal): Promise<PlannedStep[]>;
  /** The registry inquiry, for a provider with an `inquiry` step. */
  inquire?(birthDate: string, serialNumber: string, signal: AbortSignal): Promise<KycPerson>;
  /** The sentence to read on video step `step`. */
  sentence(step: KycStep, signal: AbortSignal): Promise<string>;
  /** Sends video step `step`'s recording; rejects with the provider's reason when it is refused. */
  submitVideo(step: KycStep, upload: VideoUpload, options: UploadOptions): Promise<void>;
  uploadSignature(image: Blob, options: UploadOptions): Promise<void>;
  /** Sends the photo of document step `step`, for a provider with `document` steps. */
  uploadDocument?(step: KycStep, photo: Blob, options: UploadOptions): Promise<void>;
  /** After the provider's last step: what it needs to close the verification (rejects when it is not complete). */
  finish(signal: AbortSignal): Promise<void>;
  /**
   * After a reload: carries on with `attemptId` if `still` holds once the provider is ready.
   * False when that cannot be (offline, a session already running, the attempt gone, `still` says no).
   */
  resume(attemptId: string, still: () => boolean): Promise<boolean>;
  /** Once every step is done: what the page gets; the provider forgets the attempt. */
  handOver(): Handover | undefined;
  /** The person gave up: the provider is told (where it has a way), and the attempt is forgotten. */
  abort(): void;
  /** Forgets the attempt (start over). */
  clear(): void;
}

/** The phone's side of a handoff: the steps left for it, and what it keeps to carry on after a reload. */
export interface JoinedHandoff {
  plan: PlannedStep[];
  handoff: PhoneHandoff;
  status: HandoffStatus;
}

/** A provider whose verification can move to a phone mid-way (`ProviderEntry.handoff`). */
export interface HandoffCapable {
  /** On the phone: redeems the desktop's one-time code for a session of the same person. */
  joinHandoff(code: string, signal: AbortSignal): Promise<JoinedHandoff>;
  /** On the phone after a reload: carries on with the handoff kept in this tab; answers the steps left. */
  rejoinHandoff(handoff: PhoneHandoff, signal: AbortSignal): Promise<PlannedStep[]>;
}

/** A provider module's export. */
export type ProviderFactory = (settings: () => ProviderSettings) => KycProvider;
