/**
 * Diparayan's eKYC (dipar-ekyc-api.md) as a provider of `<emzano-kyc>`. The host's
 * `createDiparHandler` starts the verification (the operator's token never reaches the browser
 * before it is registered, and its key never) and forwards the steps' calls to the broker; this
 * module makes those calls through it: the signature, the selfie video with a random sentence,
 * the admittance video, the national card's photos, then `VerifyToken`. Every file travels as
 * base64 inside the JSON body (`fileData`), built a slice at a time (json-file-body.ts).
 */
import { HttpClient, errorFromBody } from '../../api/http.js';
import { jsonWithFile } from '../../api/json-file-body.js';
import { readDiparAnswer, type DiparAnswer } from '../../core/dipar-envelope.js';
import { DIPAR_MESSAGES, FINAL_DIPAR_CODES } from '../../core/dipar-messages.js';
import { addClientErrors, type CatalogEntry, type ClientErrorCode } from '../../core/error-catalog.js';
import { EmzanoError } from '../../core/errors.js';
import { isRecord } from '../../core/is-record.js';
import type { KycStep, PlannedStep } from '../../core/kyc-flow.js';
import { addStepTitles } from '../../i18n/index.js';
import type { Handover, KycProvider, ProviderSettings, StartValues, UploadOptions, VideoUpload } from '../kyc-provider.js';
import { AUTHENTICATION_MESSAGES, DIPAR_STEP_INTROS, DIPAR_STEP_TITLES, NOT_FINISHED } from './dipar-strings.js';

/** Codes after which this token is of no more use: only a new verification helps. */
const TOKEN_ENDED = new Set([1209, 1211, 1212, 1220, 1222, 1223]);

const entries: Partial<Record<ClientErrorCode, CatalogEntry>> = {};
for (const [code, message] of Object.entries(DIPAR_MESSAGES)) {
  const number = Number(code);
  entries[`dipar-${number}`] = { ...message, retryable: !FINAL_DIPAR_CODES.has(number), startOver: TOKEN_ENDED.has(number) };
}
// A video the broker did not accept: sending it again cannot help, recording again can.
for (const [status, message] of Object.entries(AUTHENTICATION_MESSAGES))
  entries[`dipar-video-${status}`] = { ...message, retryable: false };
entries['dipar-not-finished'] = { ...NOT_FINISHED, retryable: false, startOver: true };
addClientErrors(entries);
addStepTitles(DIPAR_STEP_TITLES, DIPAR_STEP_INTROS);

/** What the host's handler answers at `…/start` and `…/resume` (createDiparHandler's `DiparStart`). */
interface Started {
  tokenValue: string;
  orderId: string;
  steps: string[];
  tryCounts: { video: number; selfie: number };
  expiresAt: number;
}

const KINDS: Record<string, PlannedStep> = {
  signature: { id: 'signature', kind: 'signature', required: true },
  video: { id: 'video', kind: 'video' },
  admittance: { id: 'admittance', kind: 'video' },
  'card-front': { id: 'card-front', kind: 'document' },
  'card-back': { id: 'card-back', kind: 'document' },
};

/** Per video step: the broker's method, the file name its samples use, and whether the sentence is sent back. */
const VIDEO_CALLS: Record<string, { path: string; fileName: string; sendsSentence: boolean }> = {
  video: { path: '/api/Inquiry/SendProbVideoByToken', fileName: 'ProbVideo', sendsSentence: true },
  // The reference's sample sends `randomText: ""` with the admittance video (the broker holds the sentence).
  admittance: { path: '/api/Inquiry/SendAdmittanceVideoByToken', fileName: 'AdmittanceVideo', sendsSentence: false },
};

const DOCUMENTS: Record<string, { documentType: number; fileName: string }> = {
  'card-front': { documentType: 101, fileName: 'IdCardFront.png' },
  'card-back': { documentType: 102, fileName: 'IdCardBack.png' },
};

function parseStarted(body: unknown): Started {
  const ok =
    isRecord(body) &&
    typeof body['tokenValue'] === 'string' &&
    typeof body['orderId'] === 'string' &&
    Array.isArray(body['steps']) &&
    typeof body['expiresAt'] === 'number';
  if (!ok)
    throw new EmzanoError('token-endpoint', { detail: 'The Dipar endpoint answered without tokenValue, orderId, steps and expiresAt.' });
  const counts = isRecord(body['tryCounts']) ? body['tryCounts'] : {};
  return {
    tokenValue: body['tokenValue'] as string,
    orderId: body['orderId'] as string,
    steps: (body['steps'] as unknown[]).filter((step): step is string => typeof step === 'string'),
    tryCounts: { video: Number(counts['video']) || 0, selfie: Number(counts['selfie']) || 0 },
    expiresAt: body['expiresAt'] as number,
  };
}

/** A refusal in Dipar's shape (or the handler's naming a broker code) as the person's message. */
function diparError(status: number, body: unknown): EmzanoError | undefined {
  const answer = readDiparAnswer(body);
  if (answer?.exception) return new EmzanoError(`dipar-${answer.exception.code}`, { status, detail: answer.exception.technical });
  // The handler could not start: the broker named a code (SetToken's refusal of the person's details, say).
  if (isRecord(body) && body['reason'] === 'provider-unavailable' && typeof body['code'] === 'number')
    return new EmzanoError(`dipar-${body['code']}`, { status });
  return undefined;
}

export class DiparProvider implements KycProvider {
  private started: Started | undefined;
  private readonly http = new HttpClient({ timeoutMs: 120_000 });

  constructor(private readonly settings: () => ProviderSettings) {}

  get attemptId(): string | undefined {
    return this.started?.orderId;
  }

  /** One token per attempt: a second call (a double submit, a retry after success) reuses it. */
  async start({ phone, nationalCode, birthDate }: StartValues, signal: AbortSignal): Promise<PlannedStep[]> {
    this.started ??= parseStarted(await this.own('start', { mobile: phone, nationalCode, birthDate }, signal));
    return this.plan();
  }

  async sentence(step: KycStep, signal: AbortSignal): Promise<string> {
    const answer =
      step === 'admittance'
        ? await this.call('/api/Inquiry/GetAdmittanceText', { signal, json: { tokenValue: this.token() } })
        : await this.call('/api/media/GetRandomText', { signal, json: { type: 1, count: 1 } });
    const sentence = Array.isArray(answer.result) ? answer.result[0] : answer.result;
    if (typeof sentence !== 'string' || sentence.trim() === '') throw new EmzanoError('invalid-response', { detail: 'No sentence.' });
    return sentence;
  }

  async submitVideo(step: KycStep, { sentence, video, fileName, base64 }: VideoUpload, options: UploadOptions): Promise<void> {
    const call = VIDEO_CALLS[step];
    if (!call) throw new EmzanoError('invalid-response', { detail: `No Dipar video step ${step}.` });
    // Named as the samples name it, with the recording's own extension (WebM where the browser records it).
    const extension = fileName.slice(fileName.lastIndexOf('.'));
    const fields = {
      tokenValue: this.token(),
      randomText: call.sendsSentence ? sentence : '',
      faceThreshold: -1,
      voiceThreshold: -1,
    };
    const body = await jsonWithFile(fields, { blob: video, base64, fileName: `${call.fileName}${extension}` }, options.signal);
    // A video the broker did not accept comes back with its verdict in `FailureResult`: an answer, not a fault.
    const answer = await this.call(call.path, { ...options, jsonBlob: body }, (reply) => isRecord(reply.failureResult));
    const verdict = [answer.result, answer.failureResult].find(isRecord);
    const status = verdict?.['AuthenticationStatus'];
    if (status !== 1)
      throw new EmzanoError(`dipar-video-${typeof status === 'number' ? status : 0}`, {
        detail: String(verdict?.['AuthenticationResult'] ?? ''),
      });
  }

  async uploadSignature(image: Blob, options: UploadOptions): Promise<void> {
    const body = await jsonWithFile({ tokenValue: this.token() }, { blob: image, fileName: 'Signature.png' }, options.signal);
    await this.call('/api/Inquiry/SaveSignature', { ...options, jsonBlob: body });
  }

  async uploadDocument(step: KycStep, photo: Blob, options: UploadOptions): Promise<void> {
    const document = DOCUMENTS[step];
    if (!document) throw new EmzanoError('invalid-response', { detail: `No Dipar document step ${step}.` });
    const fields = { tokenValue: this.token(), documentType: document.documentType };
    const body = await jsonWithFile(fields, { blob: photo, fileName: document.fileName }, options.signal);
    await this.call('/api/Inquiry/SavePersonDocument', { ...options, jsonBlob: body });
  }

  /** `VerifyToken`: 0 is verified; 2 is "not complete", a failure here (the reference lists it under success). */
  async finish(signal: AbortSignal): Promise<void> {
    const answer = await this.call('/api/Inquiry/VerifyToken', { signal, json: { tokenValue: this.token() } }, (reply) => reply.code === 2);
    if (answer.code === 2) throw new EmzanoError('dipar-not-finished');
  }

  /** The order's token again, from the host (the browser never keeps it): only the same subject's, only while it lives. */
  async resume(orderId: string, still: () => boolean): Promise<boolean> {
    if (this.started) return false;
    let started: Started;
    try {
      started = parseStarted(await this.own('resume', { orderId }, new AbortController().signal));
    } catch {
      return false;
    }
    if (!still()) return false;
    this.started = started;
    return true;
  }

  handOver(): Handover | undefined {
    const orderId = this.started?.orderId;
    this.clear();
    return orderId ? { userId: orderId } : undefined;
  }

  /** `AbortToken`, sent even as the page goes away (`keepalive`); the attempt is forgotten at once. */
  abort(): void {
    const started = this.started;
    this.clear();
    if (!started || started.expiresAt * 1000 <= Date.now()) return;
    void fetch(this.url('/api/Inquiry/AbortToken'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tokenValue: started.tokenValue }),
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => undefined);
  }

  clear(): void {
    this.started = undefined;
  }

  private plan(): PlannedStep[] {
    return this.started!.steps.flatMap((step) => (KINDS[step] ? [KINDS[step]] : []));
  }

  private token(): string {
    if (!this.started) throw new EmzanoError('session-expired');
    return this.started.tokenValue;
  }

  private url(path: string): string {
    return `${this.settings().tokenEndpoint.replace(/\/+$/, '')}${path}`;
  }

  /** The handler's own routes (`start`, `resume`). */
  private own(route: 'start' | 'resume', json: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    return this.http.send({ method: 'POST', url: this.url(`/${route}`), json, signal, credentials: 'same-origin', readError: diparError });
  }

  /**
   * A broker call through the handler; the answer when its code is 0 or `alsoAnswer` takes it.
   * Only the sentence requests are repeated after a network failure: an upload or a verdict is not.
   */
  private async call(
    path: string,
    request: { signal?: AbortSignal | undefined; onProgress?: ((fraction: number) => void) | undefined; json?: unknown; jsonBlob?: Blob },
    alsoAnswer: (answer: DiparAnswer) => boolean = () => false,
  ): Promise<DiparAnswer> {
    const body = await this.http.send({
      method: 'POST',
      url: this.url(path),
      json: request.json,
      jsonBlob: request.jsonBlob,
      signal: request.signal,
      onUploadProgress: request.onProgress,
      idempotent: path.startsWith('/api/media/') || path.endsWith('/GetAdmittanceText'),
      credentials: 'same-origin',
      readError: diparError,
    });
    const answer = readDiparAnswer(body);
    if (!answer) throw errorFromBody(200, body);
    if (answer.code === 0 || (!answer.exception && alsoAnswer(answer))) return answer;
    throw diparError(200, body) ?? new EmzanoError('dipar-0', { detail: answer.message });
  }
}

export const createProvider = (settings: () => ProviderSettings): KycProvider => new DiparProvider(settings);
