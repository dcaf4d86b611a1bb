/**
 * Emzano DSS from the browser, with the person's user token: `dss/digest` then `dss/put-sign`,
 * multipart with the reference's exact field names.
 */
import { EmzanoError } from '../core/errors.js';
import type { PdfField } from '../core/pdf-geometry.js';
import type { AuthProvider, HttpClient } from './http.js';
import { field as readField, unwrapEnvelope } from './http.js';

const DSS_PATH = '/api/v1/external/dss';

export interface DssClientOptions {
  /** Emzano's origin, or how to find it when a request is sent (after its token is in hand). */
  apiBase: string | (() => string);
  auth: AuthProvider;
  http: HttpClient;
  /** Time limit for each call, which carries the whole PDF. */
  timeoutMs?: number;
}

export interface DssInput {
  pdf: Blob;
  fileName: string;
  /** base64 DER. */
  certificate: string;
  userId: string;
  field: PdfField;
}

export interface DssCallOptions {
  signal?: AbortSignal;
  /** The share of the upload (the PDF) sent so far, 0–1. */
  onProgress?: (fraction: number) => void;
}

/** Decimal text as the multipart fields carry it: at most two decimals, no exponent. */
const decimal = (value: number) => String(Math.round(value * 100) / 100);

export class DssClient {
  constructor(private readonly options: DssClientOptions) {}

  /** The digest to sign (base64), after Emzano prepared the PDF. */
  async digest(input: DssInput, options: DssCallOptions = {}): Promise<string> {
    const data = unwrapEnvelope(
      await this.options.http.send({
        signal: options.signal,
        onUploadProgress: options.onProgress,
        method: 'POST',
        url: this.url('/digest'),
        form: this.form(input),
        auth: this.options.auth,
        timeoutMs: this.timeout,
      }),
    );
    const digest = readField(data, 'Digest');
    if (typeof digest !== 'string' || digest === '') throw new EmzanoError(3014, { detail: 'digest answered without a Digest' });
    return digest;
  }

  /** The signed PDF. */
  async putSign(input: DssInput, signedDigest: string, options: DssCallOptions = {}): Promise<Blob> {
    const form = this.form(input);
    form.append('SignedDigest', signedDigest);
    const body = await this.options.http.send({
      method: 'POST',
      url: this.url('/put-sign'),
      form,
      auth: this.options.auth,
      signal: options.signal,
      onUploadProgress: options.onProgress,
      timeoutMs: this.timeout,
      responseType: 'blob',
    });
    if (!(body instanceof Blob) || body.size === 0) throw new EmzanoError(3009, { detail: 'put-sign answered without a document' });
    return body.type === 'application/pdf' ? body : new Blob([body], { type: 'application/pdf' });
  }

  /** `FormFile`, `SignerCertificate`, `UserId` and `SignField.*`, identical for both calls. */
  private form(input: DssInput): FormData {
    const form = new FormData();
    form.append(
      'FormFile',
      input.pdf.type === 'application/pdf' ? input.pdf : new Blob([input.pdf], { type: 'application/pdf' }),
      input.fileName,
    );
    form.append('SignerCertificate', input.certificate);
    form.append('UserId', input.userId);
    const { field } = input;
    form.append('SignField.X', decimal(field.x));
    form.append('SignField.Y', decimal(field.y));
    form.append('SignField.Width', decimal(field.width));
    form.append('SignField.Height', decimal(field.height));
    form.append('SignField.Page', String(field.page));
    form.append('SignField.PageWidth', decimal(field.pageWidth));
    form.append('SignField.PageHeight', decimal(field.pageHeight));
    return form;
  }

  private get timeout(): number {
    return this.options.timeoutMs ?? 120_000;
  }

  /** The request's URL, worked out when it is sent (the base may come with the token). */
  private url(path: string): () => string {
    const { apiBase } = this.options;
    return () => `${(typeof apiBase === 'function' ? apiBase() : apiBase).replace(/\/+$/, '')}${DSS_PATH}${path}`;
  }
}
