/**
 * The certificate authority's RA gateway (pki-ca-ra-api.md), server to server: every method the
 * certificate flow uses, each body with the reference's exact field names and casing and signed
 * with the customer's key as §4.3 says. Answers are read leniently (`IsSuccess`, `ResultCode`,
 * `IsAvailable`; `ErrorCode`/`ErrorMessage`; `Description` as a JSON string) and every failure
 * becomes an `RaError`. Only the server kit imports this file: the customer key stays there.
 */
import { isRecord } from '../../core/is-record.js';
import { importCustomerKey, signRsaSha1, signUnicode, unwrappedBytes, type UnwrappedSigningInput } from './ra-signing.js';

/** The gateway the reference names; every method is `{baseUrl}/{api_name}`. */
export const RA_BASE_URL = 'https://api.pki.co.ir/api';

export interface RaClientOptions {
  /** The customer code Pendar assigned (`CustomerCode`). */
  customerCode: string;
  /** The license number Pendar assigned (`LisenceNumber`). */
  licenseNumber: string;
  /** The customer's RSA private key, PKCS#8 PEM (1024-bit at Pendar). Never sent, never logged. */
  customerKey: string;
  /** Default `https://api.pki.co.ir/api`. */
  baseUrl?: string;
  /** What `Sign_RSAWithSHA1(csr)` and `Sign_RSAWithSHA1(certificate)` cover (default `der`; see ra-signing.ts). */
  unwrappedSigningInput?: UnwrappedSigningInput;
  /**
   * RegisterInfo's signature input is `customercode+"-"+NationalCode`, and `customercode` in its
   * body is `CustomerCode-LisenceNumber` (Ambiguity 3): `combined` signs `Code-License-National`
   * (the default, the body's value as written), `bare` signs `Code-National`.
   */
  registerSignatureCustomerCode?: 'combined' | 'bare';
  fetch?: typeof fetch;
  /** Per call; default 30 s (GetAllCert-like reports may be slow at the gateway). */
  timeoutMs?: number;
}

/** The applicant's data as RegisterInfo's `personData` has it (field names exactly as the reference writes them). */
export interface RaPersonData {
  NationalCode: string;
  Name: string;
  LastName: string;
  EnName: string;
  EnLastName: string;
  FatherName: string;
  IsMan: boolean;
  Telephone: string;
  /** `yyyy/mm/dd` (Solar Hijri unless the handler is told otherwise; see docs/decisions.md). */
  BirthDate: string;
  BirthCertificateID?: string;
  PostalCode?: string;
  IsForeign?: boolean;
  City?: string;
  ProvinceName?: string;
  AgencySN?: string;
  Email?: string;
}

/** Why an RA call failed. `refused`: the gateway said no (`ErrorCode`, `ErrorMessage` say why). */
export type RaFailure = 'unreachable' | 'unauthorized' | 'refused' | 'malformed';

export class RaError extends Error {
  constructor(
    readonly failure: RaFailure,
    message: string,
    /** The gateway's `ErrorCode`, when it gave one. For logs on the host's server, never for the browser. */
    readonly raCode?: number,
    /** The gateway's own message (`ErrorMessage` or `Description`), likewise server-side only. */
    readonly raMessage?: string,
  ) {
    super(message);
    this.name = 'RaError';
  }
}

export interface RaProfile {
  ProfileName: string;
  SubjectDNConfig?: string;
  Price?: number;
  FaceAuth: boolean;
  InputType?: string;
  Approval: boolean;
  ProductId?: number;
  Description?: string;
}

export interface RaRegistration {
  trackingCode: string;
  /** `Description`, parsed: the identity the CA registered (its own field names). */
  registered: Record<string, unknown>;
  /** The applicant's active certificate and its CSR, when they already have one (§6.1 note 4). */
  existing?: { certificate: string; csr?: string };
}

export interface RaIssued {
  /** The certificate, base64 DER. */
  certificate: string;
  cn?: string;
  issuerName?: string;
  validFrom?: string;
  validTo?: string;
  paymentStatus?: string;
}

export interface RaHistoryEntry {
  trackingCode: string;
  status: string;
  issuer?: string;
  certificate?: string;
  registerDate?: string;
  issueDate?: string;
  revokeDate?: string;
}

export interface RaClient {
  getCaList(): Promise<unknown[]>;
  getCaProfileInfo(caName: string): Promise<RaProfile[]>;
  isAvailable(caName: string): Promise<{ available: boolean; description: string }>;
  registerInfo(input: { caName: string; profileName: string; person: RaPersonData }): Promise<RaRegistration>;
  getTrackingCodeInfo(nationalCode: string, trackingCode: string): Promise<Record<string, unknown>>;
  /** The remote flow's approval: no `approverSign` (empty, as the reference requires for remote verification). */
  requestApprove(input: { nationalCode: string; trackingCode: string; approver: string; orderId?: string }): Promise<void>;
  isApproved(trackingCode: string): Promise<boolean>;
  /** `csr`: the PKCS#10 request, base64 DER. */
  issueCertificate(input: {
    caName: string;
    profileName: string;
    trackingCode: string;
    csr: string;
    paymentId?: string;
  }): Promise<RaIssued>;
  confirmReceived(input: { certificate: string; trackingCode: string }): Promise<void>;
  revokeCertificate(input: { certificate: string; reason: number }): Promise<void>;
  getUserCertHistory(nationalCode: string): Promise<RaHistoryEntry[]>;
}

export function createRaClient(options: RaClientOptions): RaClient {
  for (const name of ['customerCode', 'licenseNumber'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') throw new TypeError(`createRaClient: ${name} is required.`);
  }
  const customerCode = options.customerCode.trim();
  // Sent trimmed: the reference's samples pad it with spaces (Ambiguity 4), which no server needs.
  const combined = `${customerCode}-${options.licenseNumber.trim()}`;
  const baseUrl = (options.baseUrl ?? RA_BASE_URL).replace(/\/+$/, '');
  const unwrapped = options.unwrappedSigningInput ?? 'der';
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const key = importCustomerKey(options.customerKey);
  // An unhandled rejection would surface before the first call awaits it; the call reports it.
  key.catch(() => undefined);

  async function call(
    name: string,
    init: { get?: Record<string, string>; post?: Record<string, unknown> },
  ): Promise<Record<string, unknown>> {
    const url = new URL(`${baseUrl}/${name}`);
    for (const [field, value] of Object.entries(init.get ?? {})) url.searchParams.set(field, value);
    let response: Response;
    try {
      response = await fetcher(url, {
        method: init.post ? 'POST' : 'GET',
        headers: { Accept: 'application/json', ...(init.post ? { 'Content-Type': 'application/json; charset=utf-8' } : {}) },
        body: init.post ? JSON.stringify(init.post) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new RaError('unreachable', timedOut ? `The CA's ${name} did not answer in time.` : `The CA could not be reached (${name}).`);
    }
    let body: unknown;
    try {
      const text = await response.text();
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new RaError(
        response.ok ? 'malformed' : 'unreachable',
        `The CA's ${name} answered ${response.status} with a body that is not JSON.`,
      );
    }
    const record = isRecord(body) ? body : {};
    const raCode = typeof record['ErrorCode'] === 'number' ? record['ErrorCode'] : Number.parseInt(String(record['ErrorCode'] ?? ''), 10);
    const raMessage = [record['ErrorMessage'], record['Description'], record['Message']].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    if (response.status === 401 || response.status === 403) {
      throw new RaError(
        'unauthorized',
        `The CA refused our customer credentials at ${name}.`,
        Number.isFinite(raCode) ? raCode : undefined,
        raMessage,
      );
    }
    if (!response.ok) {
      throw new RaError(
        'unreachable',
        `The CA's ${name} answered ${response.status}.`,
        Number.isFinite(raCode) ? raCode : undefined,
        raMessage,
      );
    }
    if (!isRecord(body)) throw new RaError('malformed', `The CA's ${name} answered with an unexpected shape.`);
    return body;
  }

  /** Success as each method spells it (§4.4): `IsSuccess`, or `ResultCode` (a boolean), with no `ErrorCode`. */
  function succeeded(name: string, body: Record<string, unknown>): Record<string, unknown> {
    const flag = 'IsSuccess' in body ? body['IsSuccess'] : body['ResultCode'];
    const errorCode = Number(body['ErrorCode'] ?? 0);
    if (flag === true && (!Number.isFinite(errorCode) || errorCode === 0)) return body;
    const raMessage = [body['ErrorMessage'], body['Description'], body['Message']].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    throw new RaError('refused', `The CA refused ${name}.`, Number.isFinite(errorCode) ? errorCode : undefined, raMessage);
  }

  return {
    async getCaList() {
      const body = succeeded('GetCAList', await call('GetCAList', { get: { Customercode: combined } }));
      return Array.isArray(body['CAList']) ? body['CAList'] : [];
    },

    async getCaProfileInfo(caName) {
      const body = succeeded('GetCAProfileInfo', await call('GetCAProfileInfo', { get: { Customercode: combined, caName } }));
      const profiles = Array.isArray(body['Profile']) ? body['Profile'] : [];
      return profiles.filter(isRecord).map((profile) => ({
        ...profile,
        ProfileName: String(profile['ProfileName'] ?? ''),
        FaceAuth: profile['FaceAuth'] === true || profile['FaceAuth'] === 'true',
        Approval: profile['Approval'] === true || profile['Approval'] === 'true',
      }));
    },

    async isAvailable(caName) {
      const body = await call('IsAvailable', { get: { caName } });
      return { available: body['IsAvailable'] === true, description: typeof body['Description'] === 'string' ? body['Description'] : '' };
    },

    async registerInfo({ caName, profileName, person }) {
      const signedCode = (options.registerSignatureCustomerCode ?? 'combined') === 'combined' ? combined : customerCode;
      const signature = await signUnicode(await key, `${signedCode}-${person.NationalCode}`);
      const body = succeeded(
        'RegisterInfo',
        await call('RegisterInfo', {
          post: { caName, customercode: combined, profileName, signature, personData: { TokenType: 'USERGENERATED', ...person } },
        }),
      );
      const trackingCode = body['TrackingCode'];
      if (typeof trackingCode !== 'string' && typeof trackingCode !== 'number') {
        throw new RaError('malformed', 'The CA registered the applicant but sent no TrackingCode.');
      }
      const registered = jsonDescription(body['Description']);
      const certificate = registered['Certificate'];
      const csr = registered['CSR'];
      return {
        trackingCode: String(trackingCode),
        registered,
        ...(typeof certificate === 'string' && certificate !== ''
          ? { existing: { certificate, ...(typeof csr === 'string' && csr !== '' ? { csr } : {}) } }
          : {}),
      };
    },

    async getTrackingCodeInfo(nationalCode, trackingCode) {
      const sign = await signUnicode(await key, nationalCode + trackingCode);
      const body = succeeded(
        'GetTrackingCodeInfo',
        await call('GetTrackingCodeInfo', { post: { nationalCode, trackingCode, customercode: combined, sign } }),
      );
      return jsonDescription(body['Description']);
    },

    async requestApprove({ nationalCode, trackingCode, approver, orderId }) {
      const sign = await signUnicode(await key, nationalCode + trackingCode + approver);
      succeeded(
        'RequestApprove',
        await call('RequestApprove', {
          post: { nationalCode, trackingCode, customercode: combined, approver, sign, approverSign: '', orderId: orderId ?? '' },
        }),
      );
    },

    async isApproved(trackingCode) {
      const body = await call('IsApproved', { post: { trackingCode } });
      return body['ResultCode'] === true;
    },

    async issueCertificate({ caName, profileName, trackingCode, csr, paymentId }) {
      const signature = await signRsaSha1(await key, unwrappedBytes(csr, unwrapped));
      const body = succeeded(
        'IssueCertificateByTrackingCode',
        await call('IssueCertificateByTrackingCode', {
          post: { caName, profileName, trackingCode, csr, paymentId: paymentId ?? '', signature, customercode: combined, password: '' },
        }),
      );
      const certificate = body['Certificate'];
      if (typeof certificate !== 'string' || certificate === '') throw new RaError('malformed', 'The CA issued no Certificate.');
      const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
      return {
        certificate: certificate.replace(/\s+/g, ''),
        cn: text('CN'),
        issuerName: text('IssuerName'),
        validFrom: text('ValidFrom'),
        validTo: text('ValidTo'),
        paymentStatus: text('PaymentStatus'),
      };
    },

    async confirmReceived({ certificate, trackingCode }) {
      const signature = await signUnicode(await key, certificate);
      succeeded(
        'RecievedCertConfirmation',
        await call('RecievedCertConfirmation', { post: { certificate, signature, customercode: combined, trackingCode } }),
      );
    },

    async revokeCertificate({ certificate, reason }) {
      const signature = await signRsaSha1(await key, unwrappedBytes(certificate, unwrapped));
      succeeded(
        'RevokeCertificate',
        await call('RevokeCertificate', { post: { certificate, signature, customercode: combined, revokeCertReason: reason } }),
      );
    },

    async getUserCertHistory(nationalCode) {
      const rnd = randomText();
      const signature = await signUnicode(await key, nationalCode + rnd);
      const body = succeeded(
        'GetUserCertHistory',
        await call('GetUserCertHistory', { post: { SerialNumber: nationalCode, customercode: combined, signature, rnd } }),
      );
      const list = Array.isArray(body['CertList']) ? body['CertList'] : [];
      return list.filter(isRecord).map((entry) => {
        const text = (name: string) => (typeof entry[name] === 'string' && entry[name] !== '' ? (entry[name] as string) : undefined);
        return {
          trackingCode: String(entry['TrackingCode'] ?? ''),
          status: String(entry['Status'] ?? ''),
          issuer: text('Issuer'),
          certificate: text('Certificate')?.replace(/\s+/g, ''),
          registerDate: text('RegisterDate'),
          issueDate: text('IssueDate'),
          revokeDate: text('RevokeDate'),
        };
      });
    },
  };
}

/** `Description` holds a JSON document as a string (§4.4); an object is taken as it is, anything else as empty. */
function jsonDescription(value: unknown): Record<string, unknown> {
  if (isRecord(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** GetUserCertHistory's `rnd`: a fresh nonce per call. */
function randomText(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
