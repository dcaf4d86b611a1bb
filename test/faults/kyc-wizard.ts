/**
 * `<emzano-kyc>`'s walk through an identity provider without the page: the calls the element makes
 * (src/components/kyc/emzano-kyc.ts), in its order, with its objects, each button's work run
 * through the element's own TaskController (task-driver.ts): Try again pressed while it is offered,
 * a cancelled upload sent again as pressing Send again does. What the person made (the recording,
 * the signature, the card photos) is made once: after a failure the very same Blob goes again, as
 * the element keeps it.
 */
import { randomBytes } from 'node:crypto';
import { startChecks, type FieldName } from '../../src/components/kyc/kyc-attempt.js';
import { normalizeBirthDate } from '../../src/core/birth-date.js';
import type { KycStep, PlannedStep } from '../../src/core/kyc-flow.js';
import { collectValid, normalizeCardSerial, type Validated } from '../../src/core/validation.js';
import type { KycPerson } from '../../src/events/kyc-events.js';
import type { Language } from '../../src/i18n/index.js';
import type { Handover, KycProvider, StartValues, UploadOptions } from '../../src/providers/kyc-provider.js';
import { KYC_PROVIDERS, type ProviderName } from '../../src/providers/registry.js';
import { fixture } from '../helpers/signer-setup.js';
import { TaskDriver } from './task-driver.js';

/** What the person types, as they might type it (the element normalises it before sending). */
export const TYPED: Record<FieldName, string> = {
  phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
  nationalCode: '0499370899',
  birthDate: '1370/1/1',
  serial: '12345',
};

/** The files the person makes: each a Blob made once, as the element holds them. */
export interface MadeByPerson {
  video: Blob;
  signature: Blob;
  cardFront: Blob;
  cardBack: Blob;
}

const CONTAINER_MAGIC = {
  // EBML, as every WebM file starts.
  webm: [0x1a, 0x45, 0xdf, 0xa3],
  // An `ftyp` box, as an MP4 file starts.
  mp4: [0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d],
};

/** Bytes no two calls share, so a test can tell this very file from any other. */
function unique(prefix: number[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(randomBytes(size));
  bytes.set(prefix);
  return bytes;
}

/** A recording in the provider's container, a signature and the card's two sides as PNG. */
export function madeByPerson(provider: ProviderName): MadeByPerson {
  const container = KYC_PROVIDERS[provider].videoContainer ?? 'mp4';
  const png = fixture('signature-l.png');
  const photo = () => new Blob([png, unique([], 4096)], { type: 'image/png' });
  return {
    video: new Blob([unique(CONTAINER_MAGIC[container], 96 * 1024)], { type: `video/${container}` }),
    signature: new Blob([png], { type: 'image/png' }),
    cardFront: photo(),
    cardBack: photo(),
  };
}

export class KycWizard {
  /** The person at the element's TaskController: what they were shown, what they cancelled. */
  readonly person: TaskDriver;
  /** The registry's answer, once the inquiry went through. */
  found: KycPerson | undefined;
  readonly made: MadeByPerson;
  /** Uploads the person cancelled, with what each run rejected with. */
  readonly cancelled: Array<{ step: KycStep; thrown: unknown }> = [];
  private readonly typed: Record<FieldName, string>;
  private readonly sentences = new Map<KycStep, string>();
  private readonly cancels = new Map<KycStep, () => Promise<void>>();

  constructor(
    private readonly name: ProviderName,
    readonly provider: KycProvider,
    options: { language?: Language; typed?: Record<FieldName, string> } = {},
  ) {
    this.person = new TaskDriver(options.language);
    this.typed = options.typed ?? TYPED;
    this.made = madeByPerson(name);
  }

  /** Every step, as the element takes them, to the hand-over `emzano-complete` carries. */
  async walk(): Promise<Handover | undefined> {
    const plan = await this.start();
    if (!plan) throw new Error('Continue on the first step did nothing.');
    return this.passAll(plan);
  }

  /** The provider's steps after the first, in order, to the hand-over. */
  async passAll(plan: PlannedStep[]): Promise<Handover | undefined> {
    for (const [index, step] of plan.entries()) await this.pass(step, index === plan.length - 1);
    return this.provider.handOver();
  }

  /**
   * Continue on the first step: the typed fields the provider asks for, normalised, then `start`.
   * `undefined` when the press did nothing (a start already in flight).
   */
  async start(): Promise<PlannedStep[] | undefined> {
    const checks = startChecks(KYC_PROVIDERS[this.name].startFields, this.typed, normalizeBirthDate);
    const values = collectValid(checks as Record<FieldName, Validated>, (error) => error).values;
    if (!values) throw new Error(`The typed values do not pass the first step's checks: ${JSON.stringify(this.typed)}`);
    const pressed = await this.person.press((signal) => this.provider.start(values as unknown as StartValues, signal));
    return pressed.done ? pressed.value : undefined;
  }

  /** One provider step as the person passes it; after the `last` one the provider closes the verification. */
  async pass(planned: PlannedStep, last: boolean): Promise<void> {
    const step = planned.id;
    this.person.step = step;
    const { provider, made } = this;
    // The element's advance(): past the provider's last step, `finish` first.
    const advance = async (signal: AbortSignal) => {
      if (last) await provider.finish(signal);
    };
    switch (planned.kind) {
      case 'inquiry': {
        const birthDate = normalizeBirthDate(this.typed.birthDate);
        const serial = normalizeCardSerial(this.typed.serial);
        if (!birthDate.ok || !serial.ok) throw new Error('The typed birth date or serial do not pass their checks.');
        // Look up, then Continue under the registry's details.
        await this.person.press(async (signal) => {
          this.found = await provider.inquire!(birthDate.value, serial.value, signal);
        });
        await this.person.press(advance);
        return;
      }
      case 'video': {
        const sentence = await this.sentence(step);
        const container = KYC_PROVIDERS[this.name].videoContainer ?? 'mp4';
        const video = { sentence, video: made.video, fileName: `video.${container}` };
        return this.send(step, (options) => provider.submitVideo(step, video, options), advance);
      }
      case 'signature':
        return this.send(step, (options) => provider.uploadSignature(made.signature, options), advance);
      case 'document': {
        const photo = step === 'card-back' ? made.cardBack : made.cardFront;
        return this.send(step, (options) => provider.uploadDocument!(step, photo, options), advance);
      }
    }
  }

  /** The person will press Cancel on the next upload of `step` once `when` resolves (then sends again). */
  cancelNextUpload(step: KycStep, when: () => Promise<void>): void {
    this.cancels.set(step, when);
  }

  /**
   * The video step's sentence: fetched on entering the step, kept while the person stays on it.
   * (The element fetches it beside the camera, outside a run, with a Try again of its own: the same call.)
   */
  private async sentence(step: KycStep): Promise<string> {
    let sentence = this.sentences.get(step);
    if (sentence === undefined) {
      const pressed = await this.person.press((signal) => this.provider.sentence(step, signal));
      if (!pressed.done) throw new Error(`${step}: no sentence (${pressed.why})`);
      sentence = pressed.value;
      this.sentences.set(step, sentence);
    }
    return sentence;
  }

  /**
   * The element's send(): the upload once (not again after it went through, even when closing the
   * verification then fails and Try again runs the rest), then on to the next step. A cancelled
   * upload is sent again, as pressing Send again does, with the same file.
   */
  private async send(
    step: KycStep,
    upload: (options: UploadOptions) => Promise<void>,
    advance: (signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    for (let sends = 1; sends <= 2; sends++) {
      let uploaded = false;
      const cancel = this.cancels.get(step);
      this.cancels.delete(step);
      const pressed = await this.person.press(async (signal) => {
        if (!uploaded) {
          void cancel?.().then(() => this.person.cancel());
          await upload({ signal, onProgress: () => undefined });
          uploaded = true;
        }
        await advance(signal);
      });
      if (pressed.done) return;
      this.cancelled.push({ step, thrown: pressed.thrown });
    }
    throw new Error(`${step} was cancelled and not sent again`);
  }
}
