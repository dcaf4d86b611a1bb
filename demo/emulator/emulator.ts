/**
 * A local stand-in for Emzano's external API, for the demo and the tests only (never bundled
 * for the browser). It keeps the reference's exact paths, field names and casing, answers
 * errors as the reference documents them (HTTP 500, `{code, message}`), issues tokens that
 * expire, records every request for tests to inspect, and can be told to misbehave.
 *
 * Authentication: server-to-server calls carry the raw API key in `Authorization` (as the
 * reference says); the KYC calls also accept `Bearer <user token>` for the user the token was
 * minted for, which is how the browser elements call them.
 */
import { createHash } from 'node:crypto';
import { normalizeBirthDate } from '../../src/core/birth-date.js';
import { DssRejected, DssService, readDssForm, type CertificateIssuer } from './dss/dss-service.js';
import { TestCertificateAuthority } from './dss/test-ca.js';
import { systemClock, type EmulatorClock } from './clock.js';
import { FaultSwitches, parseFaultRules, type FaultRule } from './faults.js';
import { lookUpPerson, SENTENCES } from './registry.js';
import { ClmEmulator, ClmFault, type ClmDocument } from './clm.js';

export interface EmulatorOptions {
  apiKey?: string;
  /** Lifetime of user tokens. */
  tokenTtlSeconds?: number;
  /** How long an issued random sentence may be used. */
  randomTextTtlSeconds?: number;
  /** Its time and timers: the system's unless given (tests pass a `VirtualClock`). */
  clock?: EmulatorClock;
  /** How CLM's callbacks are POSTed (default: the network); the demo hands them to its receiver in-process. */
  callbackFetch?: typeof fetch;
}

export interface RecordedPart {
  name: string;
  /** Text fields. */
  value?: string;
  /** File fields. */
  fileName?: string;
  type?: string;
  size?: number;
  /** GET /__emulator/uploads/{uploadId} returns the bytes. */
  uploadId?: string;
}

export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  /** The query string without its `?` (`''` when none). */
  query: string;
  authorization: string | null;
  contentType: string | null;
  json?: unknown;
  parts?: RecordedPart[];
  status: number;
  /** The Emzano error code answered, if any. */
  code?: number;
}

interface User {
  userId: string;
  phoneNumber: string;
  nationalCode: string;
  infoInquiry: boolean;
  faceRecognition: boolean;
  signature: boolean;
  /** The uploaded handwritten signature, shown in signature widgets. */
  signatureImage?: Uint8Array;
}

interface Upload {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  fileName: string;
}

/** Thrown inside a route to answer with Emzano's documented error body. */
class EmzanoFault {
  constructor(
    readonly code: number,
    readonly message: string,
    readonly status = 500,
  ) {}
}

const MESSAGES: Record<number, string> = {
  1: 'درخواست معتبر نیست.',
  2: 'سرویس در دسترس نمی باشد، لطفا ۳۰ دقیقه آینده مجدد تلاش نمایید.',
  1001: 'این کدملی با شماره موبایل دیگری ثبت شده است.',
  1009: 'خطاهای استعلام ثبت احوال',
  2006: 'سریال کارت ملی اجباری است.',
  2011: 'تشخیص چهره انجام نشده است.',
  2012: 'تصویر امضا دریافت نشده است.',
  2015: 'خطاهای ارسال ویدئو سلفی',
  2016: 'خطاهای ارسال تصویر امضا',
  2019: 'اطلاعات هویتی دریافت نشده است.',
};

const fault = (code: number, status = 500) => new EmzanoFault(code, MESSAGES[code] ?? MESSAGES[1]!, status);

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  'Access-Control-Max-Age': '600',
  // Lets the page read the upload's timing (npm run bench measures Stop → first byte).
  'Timing-Allow-Origin': '*',
};

function reply(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { ...CORS, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

const envelope = (data?: Record<string, unknown>) => ({
  IsSuccess: true,
  Message: 'عملیات با موفقیت انجام شد.',
  Code: '200',
  ...(data ? { Data: data } : {}),
});

/**
 * A connection that dies mid-answer: the status line and a few bytes go out, then the socket is
 * destroyed. (Closing before any byte is not enough: browsers silently resend a request whose
 * reused connection closed before answering, so the fault would never be seen.)
 */
function droppedConnection(): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"IsSucc'));
      },
      pull(controller) {
        controller.error(new Error('emulated dropped connection'));
      },
    }),
    { status: 200, headers: { ...CORS, 'Content-Type': 'application/json; charset=utf-8' } },
  );
}

export class EmzanoEmulator {
  /** The key the demo uses when none is given. */
  static readonly DEFAULT_API_KEY = 'emulator-api-key';
  readonly apiKey: string;
  readonly faults = new FaultSwitches();
  /** Development-only CA that issues signing certificates (see `/__emulator/certificates`). */
  readonly ca = new TestCertificateAuthority();
  private readonly dss: DssService;
  /** The CAs whose certificates DSS accepts: the test CA, and any `trustIssuer` added. */
  private readonly issuers: CertificateIssuer[] = [this.ca];
  /** Emzano CLM: contracts sent to several recipients (see clm.ts). */
  readonly clm: ClmEmulator;
  readonly clock: EmulatorClock;
  private readonly options: Required<Omit<EmulatorOptions, 'apiKey' | 'callbackFetch' | 'clock'>> & { now: () => number };
  private users = new Map<string, User>();
  private tokens = new Map<string, { userId: string; expiresAt: number }>();
  private sentences = new Map<string, number>();
  private uploads = new Map<string, Upload>();
  private log: RecordedRequest[] = [];
  private sequence = 0;

  constructor(options: EmulatorOptions = {}) {
    this.apiKey = options.apiKey ?? EmzanoEmulator.DEFAULT_API_KEY;
    this.clock = options.clock ?? systemClock;
    this.options = {
      tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
      randomTextTtlSeconds: options.randomTextTtlSeconds ?? 600,
      now: () => this.clock.now(),
    };
    this.dss = new DssService(() => this.issuers, this.options.now);
    this.clm = new ClmEmulator(this.options.now, templatePdf, options.callbackFetch);
  }

  /** DSS accepts certificates from this CA too (the RA emulator's intermediate, for the certificate flow). */
  trustIssuer(issuer: CertificateIssuer): void {
    if (!this.issuers.includes(issuer)) this.issuers.push(issuer);
  }

  /** Web-standard entry point. */
  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (url.pathname.startsWith('/__emulator/')) return this.control(request, url);

    const record: RecordedRequest = {
      id: ++this.sequence,
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      status: 0,
    };
    this.log.push(record);

    for (const rule of this.faults.take(url.pathname)) {
      if (rule.kind === 'latency') await this.clock.sleep(rule.ms);
      if (rule.kind === 'drop') {
        record.status = 0;
        // Read the upload first: closing a socket with unread data resets it, and a reset
        // before the answer arrives is something browsers silently retry.
        await request.arrayBuffer().catch(() => undefined);
        return droppedConnection();
      }
      if (rule.kind === 'error') {
        const code = rule.code ?? 2;
        record.status = rule.status ?? 500;
        record.code = code;
        return reply({ code, message: MESSAGES[code] ?? MESSAGES[2] }, record.status);
      }
    }

    try {
      const response = await this.route(request, url, record);
      record.status = response.status;
      return response;
    } catch (error) {
      if (error instanceof ClmFault) {
        record.status = error.status;
        if (error.code !== undefined) record.code = error.code;
        return reply(error.code === undefined ? { message: error.message } : { code: error.code, message: error.message }, error.status);
      }
      if (!(error instanceof EmzanoFault)) throw error;
      record.status = error.status;
      record.code = error.code;
      return reply({ code: error.code, message: error.message }, error.status);
    }
  };

  /** Every request received, oldest first. */
  requests(): RecordedRequest[] {
    return structuredClone(this.log);
  }

  upload(id: string): Upload | undefined {
    return this.uploads.get(id);
  }

  /** Makes every token issued so far expired, as if time had passed. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** Presets a person, e.g. one who already did the inquiry, to test skipped steps. */
  seedUser(user: Omit<User, 'userId'> & { userId?: string }): User {
    const stored: User = { ...user, userId: user.userId ?? crypto.randomUUID() };
    this.users.set(stored.nationalCode, stored);
    return stored;
  }

  reset(): void {
    this.users.clear();
    this.tokens.clear();
    this.sentences.clear();
    this.uploads.clear();
    this.log = [];
    this.faults.set([]);
    this.clm.reset();
  }

  private async route(request: Request, url: URL, record: RecordedRequest): Promise<Response> {
    const path = url.pathname;
    const post = request.method === 'POST';
    let match: RegExpExecArray | null;
    const clm = await this.clm.route(request, url, () => this.readJson(request, record));
    if (clm !== undefined) return reply(clm);
    if (post && path === '/api/v1/external/kyc/enroll') {
      this.requireApiKey(request);
      return this.enroll(await this.readJson(request, record));
    }
    if (request.method === 'GET' && path === '/api/v1/external/kyc/random-text') {
      this.authenticate(request, undefined);
      return this.randomText();
    }
    if (post && (match = /^\/api\/v1\/external\/kyc\/([^/]+)\/info-inquiry$/.exec(path))) {
      const user = this.authenticate(request, decodeURIComponent(match[1]!));
      return this.infoInquiry(user, await this.readJson(request, record));
    }
    if (post && (match = /^\/api\/v1\/external\/kyc\/([^/]+)\/face-recognition$/.exec(path))) {
      const user = this.authenticate(request, decodeURIComponent(match[1]!));
      return this.faceRecognition(user, await this.readForm(request, record));
    }
    if (post && (match = /^\/api\/v1\/external\/kyc\/([^/]+)\/upload-signature$/.exec(path))) {
      const user = this.authenticate(request, decodeURIComponent(match[1]!));
      return this.uploadSignature(user, await this.readForm(request, record));
    }
    if (post && path === '/api/v1/external/dss/digest') {
      const form = await this.readForm(request, record);
      const dssRequest = await this.readDss(form);
      const user = this.authenticate(request, dssRequest.userId);
      const person = lookUpPerson(user.nationalCode);
      const digest = await this.dssCall(() =>
        this.dss.digest(dssRequest, user.signatureImage, `${person.Name} ${person.Family}`, user.nationalCode),
      );
      return reply(envelope({ Digest: digest }));
    }
    if (post && path === '/api/v1/external/dss/put-sign') {
      const form = await this.readForm(request, record);
      const dssRequest = await this.readDss(form);
      const user = this.authenticate(request, dssRequest.userId);
      const signedDigest = form.get('SignedDigest');
      if (typeof signedDigest !== 'string' || signedDigest.trim() === '') throw new EmzanoFault(3025, 'مقدار فیلد اجباری خالی است.');
      const pdf = await this.dssCall(() => this.dss.putSign(dssRequest, signedDigest, user.nationalCode));
      return new Response(pdf, {
        headers: { ...CORS, 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="signed.pdf"' },
      });
    }
    if (post && (match = /^\/api\/v1\/external\/user\/([^/]+)\/token$/.exec(path))) {
      this.requireApiKey(request);
      return this.userToken(decodeURIComponent(match[1]!));
    }
    return reply({ code: 1, message: `No route for ${request.method} ${path}` }, 404);
  }

  private enroll(body: Record<string, unknown>): Response {
    const phone = requiredString(body, 'PhoneNumber');
    const nationalCode = requiredString(body, 'NationalCode');
    if (!/^09\d{9}$/.test(phone) || !/^\d{10}$/.test(nationalCode)) throw fault(1);
    const existing = this.users.get(nationalCode);
    if (existing && existing.phoneNumber !== phone) throw fault(1001);
    const user =
      existing ?? this.seedUser({ phoneNumber: phone, nationalCode, infoInquiry: false, faceRecognition: false, signature: false });
    return reply(
      envelope({
        UserId: user.userId,
        IsInfoInquiryCompleted: user.infoInquiry,
        IsFaceRecognitionCompleted: user.faceRecognition,
        IsSignatureUploaded: user.signature,
      }),
    );
  }

  private userToken(userId: string): Response {
    if (!this.findUser(userId)) throw fault(1);
    const accessToken = `emu_at_${crypto.randomUUID().replace(/-/g, '')}`;
    const expiresAt = this.options.now() + this.options.tokenTtlSeconds * 1000;
    this.tokens.set(accessToken, { userId, expiresAt });
    // No envelope, as the reference shows. ExpiresIn: the expiry as Unix seconds ("epoch time").
    return reply({
      AccessToken: accessToken,
      RefreshToken: `emu_rt_${crypto.randomUUID().replace(/-/g, '')}`,
      ExpiresIn: Math.floor(expiresAt / 1000),
    });
  }

  private infoInquiry(user: User, body: Record<string, unknown>): Response {
    const birthDate = requiredString(body, 'birthDate');
    if (typeof body['SerialNumber'] !== 'string' || body['SerialNumber'].trim() === '') throw fault(2006);
    const date = normalizeBirthDate(birthDate);
    if (!date.ok || date.value !== birthDate) throw fault(1009);
    user.infoInquiry = true;
    return reply(envelope({ ...lookUpPerson(user.nationalCode) }));
  }

  private randomText(): Response {
    const sentence = SENTENCES[Math.floor(Math.random() * SENTENCES.length)] as string;
    this.sentences.set(sentence, this.options.now() + this.options.randomTextTtlSeconds * 1000);
    return reply(envelope({ RandomText: sentence }));
  }

  private faceRecognition(user: User, form: FormData): Response {
    if (!user.infoInquiry) throw fault(2019);
    const text = form.get('RandomText') ?? form.get('randomText');
    if (typeof text !== 'string' || text.trim() === '') throw fault(1);
    const issuedUntil = this.sentences.get(text);
    if (issuedUntil === undefined || issuedUntil < this.options.now()) throw fault(2015);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0 || !file.type.startsWith('video/')) throw fault(2015);
    user.faceRecognition = true;
    return reply(envelope());
  }

  private async uploadSignature(user: User, form: FormData): Promise<Response> {
    if (!user.faceRecognition) throw fault(2011);
    const image = form.get('Image');
    if (!(image instanceof File) || image.size === 0) throw fault(2012);
    if (image.type !== 'image/png' && image.type !== 'image/jpeg') throw fault(2016);
    user.signature = true;
    user.signatureImage = new Uint8Array(await image.arrayBuffer());
    return reply(envelope());
  }

  private async readDss(form: FormData) {
    return this.dssCall(() => readDssForm(form));
  }

  /** Runs a DSS step, answering its rejections as Emzano errors. */
  private async dssCall<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof DssRejected) throw new EmzanoFault(error.code, error.message);
      throw error;
    }
  }

  private requireApiKey(request: Request): void {
    if (request.headers.get('authorization') !== this.apiKey) throw new EmzanoFault(1, 'Invalid API key.', 401);
  }

  /** The API key, or a live user token; a token only opens its own user's paths. */
  private authenticate(request: Request, userId: string | undefined): User {
    const header = request.headers.get('authorization') ?? '';
    if (header === this.apiKey) {
      if (userId === undefined)
        return { userId: '', phoneNumber: '', nationalCode: '', infoInquiry: false, faceRecognition: false, signature: false };
      const user = this.findUser(userId);
      if (!user) throw fault(1);
      return user;
    }
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const grant = token ? this.tokens.get(token) : undefined;
    if (!grant || grant.expiresAt <= this.options.now()) throw new EmzanoFault(1, 'The access token is missing, invalid or expired.', 401);
    if (userId !== undefined && grant.userId !== userId) throw new EmzanoFault(1, 'The token belongs to another user.', 403);
    const user = this.findUser(grant.userId);
    if (!user) throw fault(1);
    return user;
  }

  private findUser(userId: string): User | undefined {
    for (const user of this.users.values()) if (user.userId === userId) return user;
    return undefined;
  }

  private async readJson(request: Request, record: RecordedRequest): Promise<Record<string, unknown>> {
    if (!(request.headers.get('content-type') ?? '').includes('application/json')) throw fault(1);
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      throw fault(1);
    }
    record.json = body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fault(1);
    return body as Record<string, unknown>;
  }

  private async readForm(request: Request, record: RecordedRequest): Promise<FormData> {
    if (!(request.headers.get('content-type') ?? '').includes('multipart/form-data')) throw fault(1);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw fault(1);
    }
    record.parts = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') {
        record.parts.push({ name, value });
      } else {
        const uploadId = String(this.uploads.size + 1);
        this.uploads.set(uploadId, { bytes: new Uint8Array(await value.arrayBuffer()), type: value.type, fileName: value.name });
        record.parts.push({ name, fileName: value.name, type: value.type, size: value.size, uploadId });
      }
    }
    return form;
  }

  private async control(request: Request, url: URL): Promise<Response> {
    const path = url.pathname.slice('/__emulator'.length);
    if (path === '/requests' && request.method === 'GET') return reply(this.requests());
    if (path === '/requests' && request.method === 'DELETE') {
      this.log = [];
      return reply(undefined, 204);
    }
    if (path === '/faults' && request.method === 'GET') return reply({ rules: this.faults.list() });
    if (path === '/faults' && request.method === 'PUT') {
      const rules = parseFaultRules(await request.json().catch(() => undefined));
      if (!rules) return reply({ code: 1, message: 'Expected {"rules": [...]}' }, 400);
      this.faults.set(rules);
      return reply({ rules: this.faults.list() });
    }
    if (path === '/expire-tokens' && request.method === 'POST') {
      this.expireTokens();
      return reply(undefined, 204);
    }
    if (path === '/users' && request.method === 'POST') {
      const body = (await request.json().catch(() => undefined)) as Partial<User> | undefined;
      if (!body || typeof body.nationalCode !== 'string' || typeof body.phoneNumber !== 'string') {
        return reply({ code: 1, message: 'Expected {nationalCode, phoneNumber, ...progress}' }, 400);
      }
      return reply(
        this.seedUser({
          nationalCode: body.nationalCode,
          phoneNumber: body.phoneNumber,
          infoInquiry: body.infoInquiry === true,
          faceRecognition: body.faceRecognition === true,
          signature: body.signature === true,
        }),
      );
    }
    if (path === '/certificates' && request.method === 'POST') {
      // Development only: a signing certificate from the test CA for an RSA public key (SPKI).
      const body = (await request.json().catch(() => undefined)) as { publicKey?: unknown; commonName?: unknown } | undefined;
      if (!body || typeof body.publicKey !== 'string')
        return reply({ code: 1, message: 'Expected {publicKey: base64 SPKI, commonName?}' }, 400);
      try {
        const issued = await this.ca.issue(
          new Uint8Array(Buffer.from(body.publicKey, 'base64')),
          typeof body.commonName === 'string' ? body.commonName : 'Emulator Signer',
        );
        return reply({
          certificate: Buffer.from(issued.certificate).toString('base64'),
          caCertificate: Buffer.from(issued.caCertificate).toString('base64'),
        });
      } catch {
        return reply({ code: 1, message: 'publicKey is not an RSA SPKI.' }, 400);
      }
    }
    // CLM documents: list them, and move one along as its recipients would.
    if (path === '/clm/documents' && request.method === 'GET') return reply(this.clm.list().map(summariseDocument));
    const advance = /^\/clm\/documents\/([0-9a-f-]{36})\/advance$/.exec(path);
    if (advance && request.method === 'POST') {
      const body = (await request.json().catch(() => ({}))) as { action?: unknown };
      const action = body.action === 'reject' || body.action === 'expire' ? body.action : 'next';
      try {
        return reply(summariseDocument(await this.clm.advance(advance[1]!, action)));
      } catch (error) {
        if (error instanceof ClmFault)
          return reply({ code: error.code, message: error.message }, error.status === 500 ? 409 : error.status);
        throw error;
      }
    }
    if (path === '/reset' && request.method === 'POST') {
      this.reset();
      return reply(undefined, 204);
    }
    const upload = /^\/uploads\/(\d+)$/.exec(path);
    if (upload && request.method === 'GET') {
      const stored = this.uploads.get(upload[1]!);
      if (!stored) return reply({ code: 1, message: 'No such upload' }, 404);
      return new Response(stored.bytes, { headers: { ...CORS, 'Content-Type': stored.type || 'application/octet-stream' } });
    }
    return reply({ code: 1, message: `No emulator control at ${path}` }, 404);
  }
}

/** What the demo's controls and the tests need of a CLM document (not its file). */
function summariseDocument(document: ClmDocument) {
  return {
    id: document.id,
    title: document.title,
    state: document.state,
    callbackUrl: document.callbackUrl ?? null,
    workflows: document.workflows.map(({ id, order, name, role, state }) => ({ id, order, name, role, state })),
    received: document.received,
    /** SHA-256 (hex) of the PDF as CLM holds it now, so a test can tell the file arrived intact. */
    fileSha256: createHash('sha256').update(Buffer.from(document.base64, 'base64')).digest('hex'),
  };
}

/** A one-page PDF standing in for a template's document. */
async function templatePdf(): Promise<string> {
  const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText('Emzano emulator: template document', { x: 72, y: 770, size: 16, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save()).toString('base64');
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw fault(1);
  return value;
}

export type { FaultRule };
