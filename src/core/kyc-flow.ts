/**
 * The order of the KYC wizard, as pure functions: which steps a person still has to do, given
 * what the identity provider says is left and how the host configured the element. The wizard
 * knows step *kinds* (a form, a video, a signature, a document photo …); a provider names its
 * steps and says which kind each is, so a new provider needs no change here or in the wizard.
 */

/**
 * A step's id. Emzano's are `inquiry`, `video` and `signature`; Dipar's `signature`, `video`,
 * `admittance`, `card-front` and `card-back`; the wizard adds `enrol` first and `certificate`
 * and `done` last.
 */
export type KycStep =
  'enrol' | 'inquiry' | 'video' | 'signature' | 'admittance' | 'card-front' | 'card-back' | 'certificate' | 'done' | (string & {});

/** What the wizard shows for a step: each kind is one module of step code. */
export type StepKind = 'inquiry' | 'video' | 'signature' | 'document' | 'certificate' | 'done';

/** One step a provider asks for: its id (events, titles, persistence) and the kind that shows it. */
export interface PlannedStep {
  id: KycStep;
  kind: StepKind;
  /** The provider cannot finish without it: never skipped, whatever the host's `signature` setting (Dipar's signature). */
  required?: boolean;
}

/** What Emzano's enrol answer says is already complete for this person. */
export interface KycProgress {
  infoInquiry: boolean;
  faceRecognition: boolean;
  signature: boolean;
}

/** `required`: the person must sign; `optional`: they may skip; `off`: the step is not shown. */
export type SignatureMode = 'required' | 'optional' | 'off';

/** `issue`: a last step gets the person a signing certificate (`<emzano-certificate>`); `off`: none. */
export type CertificateMode = 'issue' | 'off';

export const NO_PROGRESS: KycProgress = { infoInquiry: false, faceRecognition: false, signature: false };

const CERTIFICATE: PlannedStep = { id: 'certificate', kind: 'certificate' };
const DONE: PlannedStep = { id: 'done', kind: 'done' };

/**
 * The steps after enrolment, in order, ending with `done`: the provider's (`pending`), without a
 * signature the host turned off, then the certificate when asked for. The provider knows nothing
 * of the certificate step, so it is never skipped as done: a person who finished KYC before comes
 * back to it (and it shows the certificate this browser already holds).
 */
export function remainingSteps(
  pending: readonly PlannedStep[],
  signature: SignatureMode,
  certificate: CertificateMode = 'off',
): PlannedStep[] {
  const steps = pending.filter((step) => step.kind !== 'signature' || signature !== 'off' || step.required);
  if (certificate === 'issue') steps.push(CERTIFICATE);
  steps.push(DONE);
  return steps;
}

/** Every step the person will see in this attempt, for the progress indicator. */
export function visibleSteps(pending: readonly PlannedStep[], signature: SignatureMode, certificate: CertificateMode = 'off'): KycStep[] {
  return ['enrol', ...remainingSteps(pending, signature, certificate).map((step) => step.id)];
}

/** The step after `current`, in the provider's order (`done` after the last, and after `done`). */
export function nextStep(
  current: KycStep,
  pending: readonly PlannedStep[],
  signature: SignatureMode,
  certificate: CertificateMode = 'off',
): KycStep {
  // The whole order, so a step the host has since turned off (the signature) still has a place.
  const order: KycStep[] = ['enrol', ...pending.map((step) => step.id), CERTIFICATE.id, DONE.id];
  const visible = new Set(visibleSteps(pending, signature, certificate));
  for (let i = order.indexOf(current) + 1; i > 0 && i < order.length; i++) {
    if (visible.has(order[i]!)) return order[i]!;
  }
  return 'done';
}

/** The kind of step `id` is in this attempt (`enrol` for the first). */
export function kindOf(id: KycStep, pending: readonly PlannedStep[]): StepKind | 'enrol' {
  if (id === 'enrol') return 'enrol';
  return [...pending, CERTIFICATE, DONE].find((step) => step.id === id)?.kind ?? 'done';
}
