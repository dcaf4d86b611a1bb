/**
 * The identity providers `<emzano-kyc provider="…">` knows: what the first step asks for (so the
 * form shows at once) and the module that does the rest, loaded when the provider is chosen.
 * A new provider is one entry here and one module beside it.
 */
import type { PlannedStep } from '../core/kyc-flow.js';
import type { ProviderFactory } from './kyc-provider.js';

/** Fields the first step may ask for. */
export type StartField = 'phone' | 'nationalCode' | 'birthDate' | 'serial';

export interface ProviderEntry {
  /** What the first step asks for, in order. */
  startFields: readonly StartField[];
  /** The steps the progress line counts before the provider has said which are left (all it may ask for). */
  steps: readonly PlannedStep[];
  /** The video container the provider takes (recorded first where the browser can): MP4 unless said. */
  videoContainer?: 'mp4' | 'webm';
  /** The provider takes the video as base64 in JSON: it is encoded while it is recorded (`VideoUpload.base64`). */
  videoAsBase64?: boolean;
  /** The provider is told when the person gives up (`KycProvider.abort`): the wizard offers to cancel. */
  cancellable?: boolean;
  /** The verification can move to a phone mid-way (`handoff`; the provider is `HandoffCapable`). */
  handoff?: boolean;
  load: () => Promise<{ createProvider: ProviderFactory }>;
}

export const KYC_PROVIDERS = {
  emzano: {
    startFields: ['phone', 'nationalCode'],
    handoff: true,
    steps: [
      { id: 'inquiry', kind: 'inquiry' },
      { id: 'video', kind: 'video' },
      { id: 'signature', kind: 'signature' },
    ],
    load: () => import('./emzano/emzano-provider.js'),
  },
  // Dipar's token carries the person's details for the registry check, so they are asked for first.
  dipar: {
    startFields: ['phone', 'nationalCode', 'birthDate'],
    // The reference's samples send `ProbVideo.webm`; the emulator, like the broker, checks it is one.
    videoContainer: 'webm',
    videoAsBase64: true,
    cancellable: true,
    steps: [
      { id: 'signature', kind: 'signature', required: true },
      { id: 'video', kind: 'video' },
      { id: 'admittance', kind: 'video' },
      { id: 'card-front', kind: 'document' },
      { id: 'card-back', kind: 'document' },
    ],
    load: () => import('./dipar/dipar-provider.js'),
  },
} satisfies Record<string, ProviderEntry> as Record<'emzano' | 'dipar', ProviderEntry>;

export type ProviderName = keyof typeof KYC_PROVIDERS;

export function isProviderName(name: unknown): name is ProviderName {
  return typeof name === 'string' && Object.hasOwn(KYC_PROVIDERS, name);
}
