/**
 * Emzano's KYC paths, called from the browser with the person's user token.
 * Paths and field names follow the external API reference exactly.
 */
import { EmzanoError } from '../core/errors.js';
import type { AuthProvider, HttpClient } from './http.js';
import { field, unwrapEnvelope } from './http.js';

const KYC_PATH = '/api/v1/external/kyc';

/** What the civil registry returned for the person. */
export interface PersonInfo {
  name: string;
  family: string;
  fatherName: string;
}

export interface KycClientOptions {
  /** Emzano's origin, or how to find it when a request is sent (after its token is in hand). */
  apiBase: string | (() => string);
  auth: AuthProvider;
  http: HttpClient;
  /**
   * Name of the sentence field in the face-recognition form. The reference's field table says
   * `randomText`, its cURL sample `RandomText`; we send the sample's spelling by default.
   */
  randomTextField?: 'RandomText' | 'randomText';
  /** Time limit for uploads, which are larger than the other calls. */
  uploadTimeoutMs?: number;
}

export interface UploadOptions {
  signal?: AbortSignal;
  /** The share of the upload sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
}

export class KycClient {
  constructor(private readonly options: KycClientOptions) {}

  /** `POST {UserId}/info-inquiry` with `{"birthDate","SerialNumber"}` (casing as documented). */
  async inquire(userId: string, input: { birthDate: string; serialNumber: string }, signal?: AbortSignal): Promise<PersonInfo> {
    const data = unwrapEnvelope(
      await this.options.http.send({
        method: 'POST',
        url: this.url(`/${encodeURIComponent(userId)}/info-inquiry`),
        json: { birthDate: input.birthDate, SerialNumber: input.serialNumber },
        auth: this.options.auth,
        idempotent: true, // a registry lookup changes nothing
        signal,
      }),
    );
    return { name: text(field(data, 'Name')), family: text(field(data, 'Family')), fatherName: text(field(data, 'FatherName')) };
  }

  /** `GET random-text`: the sentence the person reads aloud. */
  async randomText(signal?: AbortSignal): Promise<string> {
    const data = unwrapEnvelope(
      await this.options.http.send({ method: 'GET', url: this.url('/random-text'), auth: this.options.auth, idempotent: true, signal }),
    );
    const sentence = text(field(data, 'RandomText'));
    if (sentence === '') throw new EmzanoError(2014, { detail: 'random-text answered without a sentence' });
    return sentence;
  }

  /** `POST {UserId}/face-recognition`, multipart `RandomText` + `file`. */
  async submitVideo(
    userId: string,
    input: { randomText: string; video: Blob; fileName: string },
    options: UploadOptions = {},
  ): Promise<void> {
    const form = new FormData();
    form.append(this.options.randomTextField ?? 'RandomText', input.randomText);
    form.append('file', input.video, input.fileName);
    unwrapEnvelope(
      await this.options.http.send({
        method: 'POST',
        url: this.url(`/${encodeURIComponent(userId)}/face-recognition`),
        form,
        auth: this.options.auth,
        signal: options.signal,
        onUploadProgress: options.onProgress,
        timeoutMs: this.options.uploadTimeoutMs ?? 120_000,
      }),
    );
  }

  /** `POST {UserId}/upload-signature`, multipart `Image` (PNG). */
  async uploadSignature(userId: string, image: Blob, options: UploadOptions = {}): Promise<void> {
    const form = new FormData();
    form.append('Image', image, 'signature.png');
    unwrapEnvelope(
      await this.options.http.send({
        method: 'POST',
        url: this.url(`/${encodeURIComponent(userId)}/upload-signature`),
        form,
        auth: this.options.auth,
        signal: options.signal,
        onUploadProgress: options.onProgress,
        timeoutMs: this.options.uploadTimeoutMs ?? 120_000,
      }),
    );
  }

  /** The request's URL, worked out when it is sent (the base may come with the token). */
  private url(path: string): () => string {
    const { apiBase } = this.options;
    return () => `${(typeof apiBase === 'function' ? apiBase() : apiBase).replace(/\/+$/, '')}${KYC_PATH}${path}`;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
