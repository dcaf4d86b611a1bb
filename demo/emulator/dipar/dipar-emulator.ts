/**
 * A local stand-in for Diparayan's eKYC broker (dipar-ekyc-api.md), for the demo and the tests
 * only. Strict where the real broker would be: request tokens are HS256 JWTs checked with the
 * operator's key and its `CallerCode`; token states (registered, in progress, verified, aborted,
 * expired) with the reference's `ExceptionCode`s; steps allowed by a settable operator profile (a
 * step the operator may not use answers its 15xx code, 1901 for documents); files decoded and
 * checked (a PNG is a PNG, a WebM a WebM, a card photo a PNG or a JPEG); the random sentence sent
 * back must be the one served; video tries counted (1220). Answers use the key spellings of the
 * reference's samples (`RespnsCode` mostly, `RespenseCode` for the admittance video,
 * `ResponseCode` where the sample has it), so a lenient reader is exercised. `/api/citizen/*`
 * answers carry `DataToSign` and `E_Signature` made with the emulator's broker key, whose public
 * half `brokerPublicKeyPem()` gives the server kit. It records every request and has fault switches.
 *
 * Where the reference says nothing the emulator chooses, and docs/emulator.md lists it: the
 * claims it requires (`CallerCode`, `orderId`, `nationalCode`, `mobile`, `exp`), and the Dual-Auth
 * bearer, an HS256 JWT signed with the operator's key carrying `CallerCode` and `Scope`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { normalizeNationalCode } from '../../../src/core/validation.js';
import { systemClock, type EmulatorClock } from '../clock.js';
import { FaultSwitches, parseFaultRules } from '../faults.js';

export interface DiparProfile {
  SignaturePermission: boolean;
  VideoPermission: boolean;
  AdmittancePermission: boolean;
  /** The document types the operator may send (101 front, 102 back); `null` for none. */
  PersonDocumentTypePermission: number[] | null;
  SelfiePermission: boolean;
  VideoTryCount: number;
  SelfieTryCount: number;
}

export interface DiparOperator {
  callerCode: string;
  /** The HS256 secret the operator signs its request tokens (and Dual-Auth tokens) with. */
  tokenKey: string;
  profile: DiparProfile;
}

export interface DiparEmulatorOptions {
  operators?: DiparOperator[];
  /** The broker's signing key (PKCS#8 PEM), kept between runs by the sandbox; a new RSA-1024 key by default. */
  brokerPrivateKeyPem?: string;
  /** Its time and timers: the system's unless given (tests pass a `VirtualClock`). */
  clock?: EmulatorClock;
}

/** The steps a token goes through, as GetCitizenKYCStatus's `KYCRequestStatus` numbers them. */
const REQUEST_STATUS = { waitForData: 2, authDone: 5, timeout: 6, probVideoReceived: 12, userAborted: 15, notComplete: 19, maxTry: 21 };

type TokenState = 'registered' | 'in-progress' | 'verified' | 'aborted';

interface RegisteredToken {
  value: string;
  operator: DiparOperator;
  orderId: string;
  nationalCode: string;
  admittanceText: string | undefined;
  expiresAt: number;
  state: TokenState;
  createdAt: number;
  signature?: boolean;
  video?: boolean;
  /** What was received, for GetCitizenData: the signature image and the selfie video, with their times. */
  files: { signature?: { bytes: Buffer; at: number }; video?: { bytes: Buffer; at: number } };
  admittance?: boolean;
  documents: Set<number>;
  videoTries: number;
}

export interface DiparRecordedRequest {
  method: string;
  path: string;
  /** The JSON body (file contents cut to their first characters). */
  json?: unknown;
  status: number;
  exceptionCode?: number;
}

/** An answer the reference's way: a `ResponseCode` of 1 with its `ExceptionCode`. */
class DiparFault extends Error {
  constructor(
    readonly code: number,
    readonly technical: string,
    readonly persian: string,
  ) {
    super(technical);
  }
}

const FAULTS = {
  badRequest: () => new DiparFault(1101, 'Invalid request body!', 'اطلاعات ارسالی معتبر نیست'),
  tokenInvalid: () => new DiparFault(1211, 'Token is not valid!', '.توکن معتبر نمی باشد'),
  duplicate: () => new DiparFault(1201, 'Duplicate token!', 'توکن تکراری است'),
  signature: () => new DiparFault(1213, "Service Provider's signature is not valid!", 'امضای بهره بردار معتبر نمی باشد'),
  callerCode: () => new DiparFault(1221, 'Invalid caller code!', 'کد فراخوان معتبر نیست'),
  nationalCode: () => new DiparFault(1203, 'Invalid national code!', 'کد ملی معتبر نیست'),
  phone: () => new DiparFault(1204, 'Invalid phone number!', 'شماره تلفن معتبر نیست'),
  orderId: () => new DiparFault(1205, 'Invalid order id!', 'شناسه سفارش معتبر نیست'),
  expired: () => new DiparFault(1209, 'Token expired!', 'توکن منقضی شده است'),
  aborted: () => new DiparFault(1212, 'Token Aborted before!', 'توکن مورد نظر قبلاً لغو گردیده است'),
  accepted: () => new DiparFault(1223, 'Token already accepted!', 'توکن قبلاً تأیید شده است'),
  maxTry: () => new DiparFault(1220, 'Max try count reached!', 'تعداد دفعات مجاز به پایان رسیده است'),
  provider: () => new DiparFault(1202, 'Service Provider not exists', '.کد بهره بردار مشخص نشده است'),
  signaturePermission: () =>
    new DiparFault(1504, "This provider hasn't permission to save signature!", 'بهره بردار مجوز ثبت امضا را ندارد'),
  videoPermission: () => new DiparFault(1502, "This provider hasn't permission to save video!", 'بهره بردار مجوز ثبت ویدئو را ندارد'),
  admittancePermission: () =>
    new DiparFault(
      1506,
      "This provider hasn't permission to save admittance video!",
      'بهره بردار موردنظر مجوز ثبت ویدئو با متن سفارشی را ندارد',
    ),
  admittance: () => new DiparFault(1217, 'Invalid admittance!', 'متن سفارشی برای این توکن ثبت نشده است'),
  documentPermission: (type: number) =>
    new DiparFault(1901, `This provider hasn't permission to save document type ${type}!`, 'بهره بردار مجوز دریافت این سند را ندارد'),
  randomText: () => new DiparFault(1606, 'Random text is not valid!', 'متن تصادفی معتبر نیست'),
  video: () => new DiparFault(1604, 'Video is not valid!', 'ویدئو معتبر نیست'),
  dualAuth: () => new DiparFault(2001, 'Dual authentication token is not valid!', 'توکن احراز دو مرحله‌ای معتبر نیست'),
  scope: () => new DiparFault(2003, 'Scope is null or empty!', 'دامنه دسترسی مشخص نشده است'),
  notFound: () => new DiparFault(1211, 'Token or caller code not exists!', 'هیچ اطلاعاتی با این توکن یافت نشد'),
};

/** The reference's sample sentences for the selfie video. */
const SENTENCES = ['بوق ماشین ما خراب شده است', 'آزاده نامه ای به من داد', 'امروز هوا برای قدم زدن خوب است'];

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

/** The emulator's one test operator: its `CallerCode` (the reference's pattern) and HS256 key. */
export function testOperator(profile: Partial<DiparProfile> = {}): DiparOperator {
  return {
    callerCode: 'EMZ-t-00000000-0001',
    tokenKey: 'dipar-test-operator-key-not-a-secret-0123456789',
    profile: {
      SignaturePermission: true,
      VideoPermission: true,
      AdmittancePermission: true,
      PersonDocumentTypePermission: [101, 102],
      SelfiePermission: false,
      VideoTryCount: 3,
      SelfieTryCount: 3,
      ...profile,
    },
  };
}

/** The spelling of the response keys per method, as the reference's samples have them. */
function spelling(path: string): 'Response' | 'Respns' | 'Respense' {
  if (path.endsWith('/SendAdmittanceVideoByToken')) return 'Respense';
  if (/\/(GetTokenProviderProperties|SendProbVideoByToken|SaveSignature|GetAdmittanceText)$/.test(path)) return 'Response';
  return 'Respns';
}

function envelope(path: string, code: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const prefix = spelling(path);
  return { ...extra, [`${prefix}Code`]: code, [`${prefix}Message`]: message, Exception: null };
}

const isPng = (bytes: Buffer) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isJpeg = (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
const isWebm = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));

export class DiparEmulator {
  readonly faults = new FaultSwitches();
  readonly operators: DiparOperator[];
  readonly clock: EmulatorClock;
  private readonly now: () => number;
  private readonly broker: { privateKey: KeyObject; publicKey: KeyObject };
  private tokens = new Map<string, RegisteredToken>();
  private served = new Set<string>();
  private log: DiparRecordedRequest[] = [];
  /** The `AuthenticationStatus` the next videos get (a fault switch); 1, a match, when none is queued. */
  private verdicts: number[] = [];

  constructor(options: DiparEmulatorOptions = {}) {
    this.operators = options.operators ?? [testOperator()];
    this.clock = options.clock ?? systemClock;
    this.now = () => this.clock.now();
    // The broker's signing key: RSA-1024, the size the reference's samples imply.
    this.broker = options.brokerPrivateKeyPem
      ? {
          privateKey: createPrivateKey(options.brokerPrivateKeyPem),
          publicKey: createPublicKey(createPrivateKey(options.brokerPrivateKeyPem)),
        }
      : generateKeyPairSync('rsa', { modulusLength: 1024 });
  }

  /** The broker's private key (PKCS#8 PEM): for the sandbox to keep between runs, never for a host. */
  brokerPrivateKeyPem(): string {
    return this.broker.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** The broker's public key (SPKI PEM), what the operator is given to check `E_Signature`. */
  brokerPublicKeyPem(): string {
    return this.broker.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  requests(): DiparRecordedRequest[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /** Forgets tokens, served sentences and the log (operators and the broker key stay). */
  reset(): void {
    this.tokens.clear();
    this.served.clear();
    this.log = [];
    this.verdicts = [];
    this.faults.set([]);
  }

  /** The next videos' verdicts, in order (`AuthenticationStatus`: 2 liveness, 3 no match, 4 extraction, 6 speech …). */
  queueVerdicts(statuses: number[]): void {
    this.verdicts.push(...statuses);
  }

  /** Every live token ends now, as if its `exp` had passed (the expiry mid-flow, without waiting). */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, this.now());
  }

  /** Changes what an operator may do (GetTokenProviderProperties answers it). */
  setProfile(callerCode: string, profile: Partial<DiparProfile>): void {
    const operator = this.operators.find((candidate) => candidate.callerCode === callerCode);
    if (operator) operator.profile = { ...operator.profile, ...profile };
  }

  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (url.pathname.startsWith('/__dipar/')) return this.control(request, url);
    const record: DiparRecordedRequest = { method: request.method, path: url.pathname, status: 0 };
    this.log.push(record);
    for (const rule of this.faults.take(url.pathname)) {
      if (rule.kind === 'latency') await this.clock.sleep(rule.ms);
      if (rule.kind === 'drop') return new Response('{"RespnsCo', { status: 502, headers: CORS });
      if (rule.kind === 'error') {
        record.exceptionCode = rule.code ?? 0;
        const fault = new DiparFault(rule.code ?? 0, 'Emulated failure.', 'خطای شبیه‌سازی');
        return this.answer(record, this.faultBody(url.pathname, fault), rule.status ?? 500);
      }
    }
    let input: Record<string, unknown>;
    try {
      input = await this.input(request, url);
    } catch {
      return this.answer(record, this.faultBody(url.pathname, FAULTS.badRequest()), 400);
    }
    record.json = summarise(input);
    const route = ROUTES[url.pathname];
    if (!route || (route.post && request.method !== 'POST')) return this.answer(record, { message: 'Not found' }, 404);
    try {
      return this.answer(record, await route.run.call(this, input, request, url.pathname));
    } catch (error) {
      if (!(error instanceof DiparFault)) throw error;
      record.exceptionCode = error.code;
      return this.answer(record, this.faultBody(url.pathname, error));
    }
  };

  private answer(record: DiparRecordedRequest, body: unknown, status = 200): Response {
    record.status = status;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { ...CORS, 'Content-Type': 'application/json; charset=utf-8' } });
  }

  private faultBody(path: string, fault: DiparFault): Record<string, unknown> {
    return {
      ...envelope(path, 1, 'خطا در عملیات', { Result: null }),
      Exception: {
        ErrorMessage: fault.persian,
        ErrorCode: fault.code,
        TechnicalMessage: fault.technical,
        TimeOccurred: new Date(this.now()).toISOString(),
        HelpLink: null,
        Source: 'EKYC_Service',
        HResult: -2146233088,
      },
    };
  }

  /** GET query or POST JSON (the reference allows both for most methods). */
  private async input(request: Request, url: URL): Promise<Record<string, unknown>> {
    if (request.method === 'GET') return Object.fromEntries(url.searchParams);
    const body = (await request.json()) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body as Record<string, unknown>;
  }

  /** The registered token `tokenValue` names, live: not expired, aborted or already accepted. */
  liveToken(input: Record<string, unknown>): RegisteredToken {
    const value = input['tokenValue'];
    if (typeof value !== 'string' || !value) throw FAULTS.badRequest();
    const token = this.tokens.get(value.trim());
    if (!token) throw FAULTS.tokenInvalid();
    if (token.state === 'aborted') throw FAULTS.aborted();
    if (token.state === 'verified') throw FAULTS.accepted();
    if (this.now() >= token.expiresAt) throw FAULTS.expired();
    return token;
  }

  async registerToken(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const value = input['tokenValue'];
    if (typeof value !== 'string' || value.trim() === '') throw FAULTS.badRequest();
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(value.trim());
    } catch {
      throw FAULTS.tokenInvalid();
    }
    const operator = this.operators.find((candidate) => candidate.callerCode === claims['CallerCode']);
    if (!operator) throw FAULTS.callerCode();
    try {
      await jwtVerify(value.trim(), new TextEncoder().encode(operator.tokenKey), {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') throw FAULTS.expired();
      throw FAULTS.signature();
    }
    if (typeof claims['exp'] !== 'number') throw FAULTS.tokenInvalid();
    if (this.tokens.has(value.trim())) throw FAULTS.duplicate();
    const nationalCode = String(claims['nationalCode'] ?? '');
    const checked = normalizeNationalCode(nationalCode);
    if (!checked.ok || checked.value !== nationalCode) throw FAULTS.nationalCode();
    if (!/^09\d{9}$/.test(String(claims['mobile'] ?? ''))) throw FAULTS.phone();
    if (typeof claims['orderId'] !== 'string' || claims['orderId'] === '') throw FAULTS.orderId();
    if ([...this.tokens.values()].some((token) => token.orderId === claims['orderId'] && token.operator === operator))
      throw FAULTS.duplicate();
    this.tokens.set(value.trim(), {
      value: value.trim(),
      operator,
      orderId: claims['orderId'],
      nationalCode,
      admittanceText: typeof claims['admittanceText'] === 'string' && claims['admittanceText'] ? claims['admittanceText'] : undefined,
      expiresAt: claims['exp'] * 1000,
      state: 'registered',
      createdAt: this.now(),
      documents: new Set(),
      files: {},
      videoTries: 0,
    });
    return envelope('/api/Inquiry/SetToken', 0, 'توکن با موفقیت ثبت شد');
  }

  providerProperties(input: Record<string, unknown>): Record<string, unknown> {
    const code = input['flowId'] ?? input['callerCode'];
    const operator = this.operators.find((candidate) => candidate.callerCode === code);
    if (!operator) throw FAULTS.provider();
    const { profile } = operator;
    return envelope('/api/Inquiry/GetTokenProviderProperties', 0, 'اطلاعات بهره بردار با موفقیت از پایگاه داده دریافت شد', {
      Result: {
        CallerCode: operator.callerCode,
        InquiryCustomerType: 9,
        OperationType: 2,
        PaymentPermission: false,
        GalleryInquiryPermission: true,
        SelfiePermission: profile.SelfiePermission,
        SignaturePermission: profile.SignaturePermission,
        PersonDocumentTypePermission: profile.PersonDocumentTypePermission,
        VideoPermission: profile.VideoPermission,
        SpeechPermission: false,
        SelfieLivenessPermission: false,
        VideoLivenessPermission: true,
        GesturePermission: false,
        SelfieTryCount: profile.SelfieTryCount,
        VideoTryCount: profile.VideoTryCount,
        OTPServerPermission: false,
        AdmittancePermission: profile.AdmittancePermission,
        PhoneOwnershipInquiryType: 0,
        ProviderLanguage: 1,
      },
    });
  }

  randomText(input: Record<string, unknown>): Record<string, unknown> {
    const count = Math.min(Math.max(Number(input['count'] ?? 1) || 1, 1), SENTENCES.length);
    if (String(input['type'] ?? '1') !== '1' && String(input['type']) !== '0') throw FAULTS.badRequest();
    const picked = Array.from({ length: count }, (_, index) => SENTENCES[(Math.floor(this.now() / 1000) + index) % SENTENCES.length]!);
    for (const sentence of picked) this.served.add(sentence);
    return envelope('/api/media/GetRandomText', 0, 'عملیات با موفقیت انجام شد', { Result: picked });
  }

  /** The file of an upload, decoded, when `fileData` has the reference's shape. */
  private file(input: Record<string, unknown>): { fileName: string; bytes: Buffer } {
    const fileData = input['fileData'] as Record<string, unknown> | undefined;
    const content = fileData?.['content'];
    if (typeof fileData !== 'object' || fileData === null || fileData['name'] !== 'FileData' || typeof fileData['fileName'] !== 'string')
      throw FAULTS.badRequest();
    if (typeof content !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(content)) throw FAULTS.badRequest();
    return { fileName: fileData['fileName'], bytes: Buffer.from(content, 'base64') };
  }

  saveSignature(input: Record<string, unknown>): Record<string, unknown> {
    const token = this.liveToken(input);
    if (!token.operator.profile.SignaturePermission) throw FAULTS.signaturePermission();
    const { bytes } = this.file(input);
    if (!isPng(bytes)) throw FAULTS.badRequest();
    token.signature = true;
    token.files.signature = { bytes, at: this.now() };
    token.state = 'in-progress';
    return envelope('/api/Inquiry/SaveSignature', 0, 'امضا با موفقیت دریافت شد', {
      Result: `Signature inserted into DB successfully with ID: ${crypto.randomUUID()}`,
    });
  }

  probVideo(input: Record<string, unknown>, admittance: boolean): Record<string, unknown> {
    const path = admittance ? '/api/Inquiry/SendAdmittanceVideoByToken' : '/api/Inquiry/SendProbVideoByToken';
    const token = this.liveToken(input);
    const profile = token.operator.profile;
    if (admittance ? !profile.AdmittancePermission : !profile.VideoPermission)
      throw admittance ? FAULTS.admittancePermission() : FAULTS.videoPermission();
    if (
      typeof input['randomText'] !== 'string' ||
      typeof input['faceThreshold'] !== 'number' ||
      typeof input['voiceThreshold'] !== 'number'
    )
      throw FAULTS.badRequest();
    if (!admittance) {
      if (token.videoTries >= profile.VideoTryCount) throw FAULTS.maxTry();
      token.videoTries++;
      if (!this.served.has(input['randomText'])) throw FAULTS.randomText();
    } else if (!token.admittanceText) throw FAULTS.admittance();
    const { bytes } = this.file(input);
    if (!isWebm(bytes)) throw FAULTS.video();
    token.state = 'in-progress';
    const verdict = this.verdicts.shift() ?? 1;
    // A video the broker does not accept: the verdict in `FailureResult` (reference §7.2), the step not done.
    if (verdict !== 1)
      return envelope(path, 1, 'ویدئو تطبیق داده نشد', {
        Result: null,
        FailureResult: { AuthenticationStatus: verdict, AuthenticationResult: `Emulated verdict ${verdict}.` },
      });
    if (admittance) token.admittance = true;
    else {
      token.video = true;
      token.files.video = { bytes, at: this.now() };
    }
    return envelope(path, 0, 'ویدئو دریافت و با موفقیت تطبیق داده شد', {
      FailureResult: null,
      Result: { AuthenticationStatus: 1, AuthenticationResult: 'Video was real matched with gallery! Extraction: 100%' },
    });
  }

  admittanceText(input: Record<string, unknown>): Record<string, unknown> {
    const token = this.liveToken(input);
    if (!token.operator.profile.AdmittancePermission) throw FAULTS.admittancePermission();
    if (!token.admittanceText) throw FAULTS.admittance();
    return envelope('/api/Inquiry/GetAdmittanceText', 0, 'عملیات با موفقیت انجام شد', { Result: [token.admittanceText] });
  }

  personDocument(input: Record<string, unknown>): Record<string, unknown> {
    const token = this.liveToken(input);
    const type = input['documentType'];
    if (type !== 101 && type !== 102) throw FAULTS.badRequest();
    if (!token.operator.profile.PersonDocumentTypePermission?.includes(type)) throw FAULTS.documentPermission(type);
    const { bytes } = this.file(input);
    if (!isPng(bytes) && !isJpeg(bytes)) throw FAULTS.badRequest();
    token.documents.add(type);
    token.state = 'in-progress';
    return envelope('/api/Inquiry/SavePersonDocument', 0, 'سند مورد نظر با موفقیت دریافت شد', {
      Result: `Document inserted into DB successfully with ID: ${crypto.randomUUID()}`,
    });
  }

  /** Every step the operator's profile asks for is done. */
  private complete(token: RegisteredToken): boolean {
    const profile = token.operator.profile;
    return (
      (!profile.SignaturePermission || Boolean(token.signature)) &&
      (!profile.VideoPermission || Boolean(token.video)) &&
      (!profile.AdmittancePermission || !token.admittanceText || Boolean(token.admittance)) &&
      (profile.PersonDocumentTypePermission ?? []).every((type) => token.documents.has(type))
    );
  }

  verifyToken(input: Record<string, unknown>): Record<string, unknown> {
    const token = this.liveToken(input);
    if (!this.complete(token)) return envelope('/api/Inquiry/VerifyToken', 2, 'فرآیند احراز هویت به صورت کامل طی نشده است.');
    token.state = 'verified';
    return envelope('/api/Inquiry/VerifyToken', 0, 'احراز هویت با موفقیت انجام شد.');
  }

  abortToken(input: Record<string, unknown>): Record<string, unknown> {
    const token = this.liveToken(input);
    token.state = 'aborted';
    return envelope('/api/Inquiry/AbortToken', 0, 'عملیات احراز هویت توسط کاربر لغو شد.');
  }

  /** The emulator's Dual-Auth: `Bearer <HS256 JWT>` with the operator's key, its `CallerCode` and `Scope`. */
  private async dualAuth(request: Request, operator: DiparOperator, scope: string): Promise<void> {
    const header = request.headers.get('authorization') ?? '';
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    if (!bearer) throw FAULTS.dualAuth();
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(bearer, new TextEncoder().encode(operator.tokenKey), {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      }));
    } catch {
      throw FAULTS.dualAuth();
    }
    if (claims['CallerCode'] !== operator.callerCode) throw FAULTS.dualAuth();
    if (!claims['Scope']) throw FAULTS.scope();
    if (claims['Scope'] !== scope) throw FAULTS.dualAuth();
  }

  /**
   * GetCitizenData (§10.6): the status and the parts asked for. `FilterBiometricData` read as the
   * reference's words say (Ambiguity 9): `true` sends the files' base64 in `Data`, otherwise `null`.
   * No selfie image or speech file is ever received here (no upload for them), so those are `null`.
   */
  async citizenData(input: Record<string, unknown>, request: Request): Promise<string> {
    const status = JSON.parse(await this.citizenStatus(input, request, true)) as Record<string, unknown>;
    const token = this.tokenOf(input)!;
    const asked = (name: string) => input[name] === true || input[name] === 'true';
    const withData = asked('FilterBiometricData');
    const stamp = (time: number) => new Date(time).toISOString().replace('Z', '');
    const part = (file: { bytes: Buffer; at: number } | undefined, extra: Record<string, unknown>) =>
      file ? { InsertDateTime: stamp(file.at), Data: withData ? file.bytes.toString('base64') : null, ...extra } : null;
    const result: Record<string, unknown> = { ...status };
    if (!asked('AuthResult')) delete result['AuthResult'];
    if (asked('Signature')) result['Signature'] = part(token.files.signature, {});
    if (asked('Video'))
      result['Video'] = part(token.files.video, { VerificationStatus: 1, FaceVerificationScore: 90.0, LivenessIsActive: true });
    if (asked('SelfiePicture')) result['SelfiePicture'] = null;
    if (asked('Speech')) result['Speech'] = null;
    return this.signed('/api/citizen/GetCitizenData', result);
  }

  /** The token an `/api/citizen/*` request names (its operator's, by order id). */
  private tokenOf(input: Record<string, unknown>): RegisteredToken | undefined {
    const flowId = input['FlowId'] ?? input['flowId'];
    const orderId = input['OrderId'] ?? input['orderId'];
    return [...this.tokens.values()].find((candidate) => candidate.operator.callerCode === flowId && candidate.orderId === orderId);
  }

  /** GetCitizenKYCStatus (§10.1); `bare`: the Result object's text alone, for GetCitizenData to build on. */
  async citizenStatus(input: Record<string, unknown>, request: Request, bare = false): Promise<string> {
    const flowId = input['FlowId'] ?? input['flowId'];
    const orderId = input['OrderId'] ?? input['orderId'];
    const operator = this.operators.find((candidate) => candidate.callerCode === flowId);
    if (!operator || typeof orderId !== 'string') throw FAULTS.notFound();
    await this.dualAuth(request, operator, '0300000');
    const token = [...this.tokens.values()].find((candidate) => candidate.operator === operator && candidate.orderId === orderId);
    if (!token) throw FAULTS.notFound();
    const expired = token.state !== 'verified' && token.state !== 'aborted' && this.now() >= token.expiresAt;
    const [kycStatus, requestStatus] =
      token.state === 'verified'
        ? [2, REQUEST_STATUS.authDone]
        : token.state === 'aborted'
          ? [3, REQUEST_STATUS.userAborted]
          : expired
            ? [3, REQUEST_STATUS.timeout]
            : token.videoTries >= operator.profile.VideoTryCount && !token.video
              ? [3, REQUEST_STATUS.maxTry]
              : [0, token.video ? REQUEST_STATUS.probVideoReceived : REQUEST_STATUS.waitForData];
    const stamp = (time: number) => new Date(time).toISOString().replace('Z', '');
    const result = {
      CallerCode: operator.callerCode,
      OrderId: orderId,
      AuthResult: {
        KYCStatus: kycStatus,
        KYCRequestStatus: requestStatus,
        CitizenNationalCode: token.nationalCode,
        InsertDateTime: stamp(token.createdAt),
        ResponseDateTime: stamp(this.now()),
        ErrorCode: token.state === 'aborted' ? [600] : [],
        ErrorMessage: token.state === 'aborted' ? ['عملیات احراز هویت توسط کاربر لغو شد -600'] : [],
      },
    };
    return bare ? JSON.stringify(result) : this.signed('/api/citizen/GetCitizenKYCStatus', result);
  }

  /**
   * An answer with `DataToSign` and `E_Signature` (reference §11): the Result's text, written with
   * spacing of its own (a reader that serialises it again would not verify), in base64; SHA-1 of
   * that; and the broker's RSA PKCS#1 v1.5 SHA-1 signature over the base64 text.
   */
  private signed(path: string, result: unknown): string {
    const resultText = JSON.stringify(result, null, 1);
    const base64 = Buffer.from(resultText, 'utf8').toString('base64');
    const dataToSign = createHash('sha1').update(base64).digest('base64');
    const signature = nodeSign('sha1', Buffer.from(base64), this.broker.privateKey).toString('base64');
    const rest = JSON.stringify({ ...envelope(path, 0, 'عملیات با موفقیت انجام شد'), DataToSign: dataToSign, E_Signature: signature });
    return `{"Result": ${resultText}, ${rest.slice(1)}`;
  }

  private async control(request: Request, url: URL): Promise<Response> {
    const path = url.pathname.slice('/__dipar/'.length);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { ...CORS, 'Content-Type': 'application/json' } });
    if (path === 'reset' && request.method === 'POST') return (this.reset(), json({ ok: true }));
    if (path === 'requests') return json(this.requests());
    if (path === 'profile' && request.method === 'POST') {
      const body = (await request.json().catch(() => ({}))) as { callerCode?: string; profile?: Partial<DiparProfile> };
      this.setProfile(body.callerCode ?? this.operators[0]!.callerCode, body.profile ?? {});
      return json({ ok: true });
    }
    if (path === 'faults' && request.method === 'POST') {
      const rules = parseFaultRules(await request.json().catch(() => undefined));
      if (!rules) return json({ error: 'Expected {"rules": [...]}' }, 400);
      this.faults.set(rules);
      return json({ rules: this.faults.list() });
    }
    if (path === 'verdicts' && request.method === 'POST') {
      const body = (await request.json().catch(() => ({}))) as { statuses?: unknown };
      const statuses = Array.isArray(body.statuses) ? body.statuses.filter((status): status is number => Number.isInteger(status)) : [];
      this.queueVerdicts(statuses);
      return json({ ok: true });
    }
    if (path === 'expire-tokens' && request.method === 'POST') return (this.expireTokens(), json({ ok: true }));
    if (path === 'broker-key')
      return new Response(this.brokerPublicKeyPem(), { headers: { ...CORS, 'Content-Type': 'application/x-pem-file' } });
    return json({ error: 'unknown control path' }, 404);
  }
}

/** A body for the log: file contents cut short. */
function summarise(input: Record<string, unknown>): unknown {
  const fileData = input['fileData'] as Record<string, unknown> | undefined;
  if (!fileData || typeof fileData['content'] !== 'string') return input;
  return { ...input, fileData: { ...fileData, content: `${fileData['content'].slice(0, 16)}… (${fileData['content'].length} chars)` } };
}

type Route = {
  post?: boolean;
  run: (this: DiparEmulator, input: Record<string, unknown>, request: Request, path: string) => unknown;
};

const ROUTES: Record<string, Route> = {
  '/api/Inquiry/SetToken': { run: DiparEmulator.prototype.registerToken },
  '/api/Inquiry/GetTokenProviderProperties': { run: DiparEmulator.prototype.providerProperties },
  '/api/media/GetRandomText': { run: DiparEmulator.prototype.randomText },
  '/api/Inquiry/SaveSignature': { post: true, run: DiparEmulator.prototype.saveSignature },
  '/api/Inquiry/SendProbVideoByToken': {
    post: true,
    run: function (input) {
      return this.probVideo(input, false);
    },
  },
  '/api/Inquiry/GetAdmittanceText': { run: DiparEmulator.prototype.admittanceText },
  '/api/Inquiry/SendAdmittanceVideoByToken': {
    post: true,
    run: function (input) {
      return this.probVideo(input, true);
    },
  },
  '/api/Inquiry/SavePersonDocument': { post: true, run: DiparEmulator.prototype.personDocument },
  '/api/Inquiry/VerifyToken': { run: DiparEmulator.prototype.verifyToken },
  '/api/Inquiry/AbortToken': { run: DiparEmulator.prototype.abortToken },
  '/api/citizen/GetCitizenKYCStatus': {
    run: function (input, request) {
      return this.citizenStatus(input, request);
    },
  },
  '/api/citizen/GetCitizenData': { run: DiparEmulator.prototype.citizenData },
};
