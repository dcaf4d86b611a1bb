/**
 * A local stand-in for the CA's RA gateway (pki-ca-ra-api.md), for the demo and the tests only.
 * Strict as the real gateway would be: the reference's method names, field names and casing,
 * every customer signature verified with the registered customer public key over the bytes
 * §4.3 says (UTF-16LE, SHA-1; a signature over other bytes is refused), one tracking code per
 * person, CSRs checked (their own signature, RSA of 2048 bits or more, the registered person),
 * certificates issued from a test root → test intermediate chain with the registered identity as
 * subject, revocations recorded. It records every request and has fault switches.
 *
 * The reference has no error-code table (its §8): the codes below are the emulator's own,
 * answered in the reference's envelopes (`ErrorCode`, `ErrorMessage`) and listed in docs/emulator.md.
 */
import { createPublicKey, generateKeyPairSync, verify as verifySignature, type KeyObject } from 'node:crypto';
import { normalizeNationalCode } from '../../../src/core/validation.js';
import type { UnwrappedSigningInput } from '../../../src/server/ra/ra-signing.js';
import type { CertificateIssuer } from '../dss/dss-service.js';
import { systemClock, type EmulatorClock } from '../clock.js';
import { FaultSwitches, parseFaultRules } from '../faults.js';
import { certificateDer, nameValue, serialHex } from '../pki/certificates.js';
import { CsrRefused, RaCertificateAuthority, readCsr } from './ra-ca.js';

export interface RaCustomer {
  customerCode: string;
  licenseNumber: string;
  /** The customer's RSA public key, SPKI PEM, as sent with the customer-code request (§9). */
  publicKeyPem: string;
}

export interface RaProfileSetting {
  ProfileName: string;
  FaceAuth: boolean;
  Approval: boolean;
  Price?: number;
  InputType?: string;
  Description?: string;
}

export interface RaEmulatorOptions {
  /** Registered customers; default one test customer (see `testCustomer`). */
  customers?: RaCustomer[];
  /** The intermediate CA's name; the reference's test CA is `01`. */
  caName?: string;
  profiles?: RaProfileSetting[];
  /** What unwrapped values (`csr`, `certificate`) are signed as; must match the client's choice. */
  unwrappedSigningInput?: UnwrappedSigningInput;
  /** Whether RegisterInfo's signature covers `Code-License-National` (`combined`) or `Code-National`. */
  registerSignatureCustomerCode?: 'combined' | 'bare';
  validityDays?: number;
  /** Its time and timers: the system's unless given (tests pass a `VirtualClock`). */
  clock?: EmulatorClock;
}

/** The emulator's own codes (the reference has none). */
export const RA_ERRORS = {
  101: 'A required field is missing or has the wrong type.',
  102: 'Unknown CA name.',
  103: 'Unknown profile for this CA.',
  104: 'Unknown tracking code.',
  105: 'The applicant’s identity has not been approved for this profile.',
  106: 'The CSR is not a valid PKCS#10 request signed by its own key.',
  107: 'The CSR’s key is not RSA of at least 2048 bits.',
  108: 'The CSR names a different person than the one registered.',
  109: 'The applicant already has an active certificate; revoke it first.',
  110: 'Unknown certificate.',
  111: 'The certificate is already revoked.',
  112: 'P12 issuance is not offered by this CA.',
  113: 'Invalid revocation reason.',
  114: 'This random value was used before.',
  115: 'The CA is not available.',
  116: 'Invalid national code or birth date.',
  117: 'approverSign must be empty for remote verification.',
  118: 'orderId is required for this profile.',
  401: 'The customer code or its signature is not valid.',
} as const;

type RaErrorCode = keyof typeof RA_ERRORS;

class RaFault {
  constructor(
    readonly code: RaErrorCode,
    readonly status = 200,
  ) {}
}

export interface RaRecordedRequest {
  method: string;
  /** The method name (`RegisterInfo` …). */
  name: string;
  query: string;
  json?: unknown;
  status: number;
  errorCode?: number;
}

interface Registration {
  trackingCode: string;
  person: Record<string, unknown>;
  profileName: string;
  approved: boolean;
  orderId?: string;
}

interface IssuedRecord {
  trackingCode: string;
  nationalCode: string;
  certificate: string;
  csr: string;
  serial: string;
  notAfter: number;
  issuedAt: number;
  confirmed: boolean;
  revoked?: { at: number; reason: number };
}

const DEFAULT_PROFILES: RaProfileSetting[] = [
  {
    ProfileName: 'Remote-Sign',
    FaceAuth: true,
    Approval: true,
    Price: 0,
    InputType: 'mobile',
    Description: 'Remote issuance after face authentication',
  },
  {
    ProfileName: 'Test-Sign',
    FaceAuth: false,
    Approval: false,
    Price: 0,
    InputType: 'manually',
    Description: 'Test profile, no approval step',
  },
];

/** RFC 5280 CRLReason values (7 is unused). */
const REVOCATION_REASONS = new Set([0, 1, 2, 3, 4, 5, 6, 8, 9, 10]);

let testCustomerKeys: { customer: RaCustomer; customerKey: string } | undefined;

/** A customer with a fresh RSA-1024 key pair (as Pendar's are), made once per process. */
export function testCustomer(): { customer: RaCustomer; customerKey: string } {
  if (!testCustomerKeys) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    testCustomerKeys = {
      customer: {
        customerCode: 'EMZ100',
        licenseNumber: 'LIC2024',
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
      customerKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }
  return testCustomerKeys;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { ...CORS, 'Content-Type': 'application/json; charset=utf-8' } });

export class RaEmulator {
  readonly faults = new FaultSwitches();
  readonly caName: string;
  readonly ca: RaCertificateAuthority;
  private readonly customers: Map<string, KeyObject>;
  private readonly profiles: RaProfileSetting[];
  private readonly unwrapped: UnwrappedSigningInput;
  private readonly registerCode: 'combined' | 'bare';
  readonly clock: EmulatorClock;
  private readonly now: () => number;
  private registrations = new Map<string, Registration>();
  private issued: IssuedRecord[] = [];
  private nonces = new Set<string>();
  private log: RaRecordedRequest[] = [];
  private available = true;
  private sequence = 0;

  constructor(options: RaEmulatorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.now = () => this.clock.now();
    this.caName = options.caName ?? '01';
    this.profiles = options.profiles ?? DEFAULT_PROFILES;
    this.unwrapped = options.unwrappedSigningInput ?? 'der';
    this.registerCode = options.registerSignatureCustomerCode ?? 'combined';
    this.customers = new Map(
      (options.customers ?? [testCustomer().customer]).map((customer) => [
        `${customer.customerCode}-${customer.licenseNumber}`,
        createPublicKey(customer.publicKeyPem),
      ]),
    );
    this.ca = new RaCertificateAuthority(this.caName, this.now, options.validityDays ?? 365);
  }

  /** Every request so far (tests check what reached the CA, and what did not). */
  requests(): RaRecordedRequest[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /** `IsAvailable` answers this, and every issuing call is refused while false. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  /** Clears registrations, certificates and the log (the chain and the customers stay). */
  reset(): void {
    this.registrations.clear();
    this.issued = [];
    this.nonces.clear();
    this.log = [];
    this.available = true;
    this.faults.set([]);
  }

  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
    if (url.pathname.startsWith('/__ra/')) return this.control(request, url);
    const name = /^\/api\/([A-Za-z]+)$/.exec(url.pathname)?.[1] ?? '';
    const record: RaRecordedRequest = { method: request.method, name, query: url.search.slice(1), status: 0 };
    this.log.push(record);
    for (const rule of this.faults.take(url.pathname)) {
      if (rule.kind === 'latency') await this.clock.sleep(rule.ms);
      if (rule.kind === 'drop') {
        await request.arrayBuffer().catch(() => undefined);
        record.status = 0;
        return new Response(
          new ReadableStream({
            start: (controller) => controller.enqueue(new TextEncoder().encode('{"IsSucc')),
            pull: (controller) => controller.error(new Error('emulated dropped connection')),
          }),
          { status: 200, headers: CORS },
        );
      }
      if (rule.kind === 'error') {
        record.status = rule.status ?? 500;
        record.errorCode = rule.code;
        return json({ IsSuccess: false, ErrorCode: rule.code ?? 500, ErrorMessage: 'Emulated failure.' }, record.status);
      }
    }
    try {
      const route = this.routes[name];
      if (!route || route.method !== request.method) {
        record.status = 404;
        return json({ Message: `No HTTP resource was found that matches the request URI '${url.pathname}'.` }, 404);
      }
      let body: Record<string, unknown> = {};
      if (route.method === 'POST') {
        if (!/^application\/json/i.test(request.headers.get('content-type') ?? '')) throw new RaFault(101);
        const parsed: unknown = await request.json().catch(() => undefined);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RaFault(101);
        body = parsed as Record<string, unknown>;
        record.json = body;
      }
      const answer = await route.run(body, url.searchParams);
      record.status = 200;
      return json(answer);
    } catch (error) {
      if (!(error instanceof RaFault)) throw error;
      record.status = error.status;
      record.errorCode = error.code;
      const envelope = name === 'RequestApprove' || name === 'IsApproved' || name === 'GetTrackingCodeInfo' ? 'ResultCode' : 'IsSuccess';
      return json(
        {
          [envelope]: false,
          ...(envelope === 'ResultCode' ? { Message: 'Unsuccess' } : {}),
          ErrorCode: error.code,
          ErrorMessage: RA_ERRORS[error.code],
        },
        error.status,
      );
    }
  };

  private readonly routes: Record<
    string,
    { method: 'GET' | 'POST'; run: (body: Record<string, unknown>, query: URLSearchParams) => Promise<unknown> }
  > = {
    GetCAList: {
      method: 'GET',
      run: async (_body, query) => {
        this.customerFor(query.get('Customercode'));
        return { IsSuccess: true, CAList: [this.caName], ErrorCode: 0, ErrorMessage: '' };
      },
    },
    GetCAProfileInfo: {
      method: 'GET',
      run: async (_body, query) => {
        this.customerFor(query.get('Customercode'));
        this.checkCa(query.get('caName'));
        const Profile = this.profiles.map((profile) => ({ SubjectDNConfig: 'C,serialNumber,GN,SN,CN', ProductId: 1, ...profile }));
        return { IsSuccess: true, Profile, ErrorCode: 0, ErrorMessage: '' };
      },
    },
    IsAvailable: {
      method: 'GET',
      run: async (_body, query) => {
        this.checkCa(query.get('caName'));
        return { IsAvailable: this.available, Description: this.available ? '' : RA_ERRORS[115], ErrorCode: 0, ErrorMessage: '' };
      },
    },
    RegisterInfo: { method: 'POST', run: (body) => this.registerInfo(body) },
    GetTrackingCodeInfo: {
      method: 'POST',
      run: async (body) => {
        const [nationalCode, trackingCode] = [text(body, 'nationalCode'), text(body, 'trackingCode')];
        const key = this.customerFor(text(body, 'customercode'));
        this.checkSignature(key, utf16(nationalCode + trackingCode), text(body, 'sign'));
        const registration = this.registrationFor(trackingCode, nationalCode);
        return { ResultCode: true, Description: JSON.stringify(registration.person), Message: 'Success' };
      },
    },
    RequestApprove: {
      method: 'POST',
      run: async (body) => {
        const [nationalCode, trackingCode, approver] = [text(body, 'nationalCode'), text(body, 'trackingCode'), text(body, 'approver')];
        const key = this.customerFor(text(body, 'customercode'));
        this.checkSignature(key, utf16(nationalCode + trackingCode + approver), text(body, 'sign'));
        if (typeof body['approverSign'] !== 'string') throw new RaFault(101);
        if (body['approverSign'] !== '') throw new RaFault(117);
        const registration = this.registrationFor(trackingCode, nationalCode);
        const orderId = typeof body['orderId'] === 'string' ? body['orderId'] : '';
        if (this.profile(registration.profileName).FaceAuth && orderId === '') throw new RaFault(118);
        registration.approved = true;
        registration.orderId = orderId;
        return { ResultCode: true, Description: '', Message: 'Success', ErrorCode: 0, ErrorMessage: '' };
      },
    },
    IsApproved: {
      method: 'POST',
      run: async (body) => {
        const registration = [...this.registrations.values()].find((entry) => entry.trackingCode === text(body, 'trackingCode'));
        if (!registration) throw new RaFault(104);
        return { ResultCode: registration.approved, Description: '', Message: registration.approved ? 'Success' : 'Unsuccess' };
      },
    },
    IssueCertificateByTrackingCode: { method: 'POST', run: (body) => this.issue(body) },
    RecievedCertConfirmation: {
      method: 'POST',
      run: async (body) => {
        const certificate = text(body, 'certificate');
        const key = this.customerFor(text(body, 'customercode'));
        this.checkSignature(key, utf16(certificate), text(body, 'signature'));
        const record = this.issued.find((entry) => entry.certificate === certificate && entry.trackingCode === text(body, 'trackingCode'));
        if (!record) throw new RaFault(110);
        record.confirmed = true;
        return { IsSuccess: true, Description: '', ErrorCode: 0, ErrorMessage: '' };
      },
    },
    RevokeCertificate: {
      method: 'POST',
      run: async (body) => {
        const certificate = text(body, 'certificate');
        const key = this.customerFor(text(body, 'customercode'));
        this.checkSignature(key, this.unwrappedBytes(certificate), text(body, 'signature'));
        const reason = body['revokeCertReason'];
        if (typeof reason !== 'number' || !REVOCATION_REASONS.has(reason)) throw new RaFault(113);
        const record = this.issued.find((entry) => entry.certificate === certificate.replace(/\s+/g, ''));
        if (!record) throw new RaFault(110);
        if (record.revoked) throw new RaFault(111);
        record.revoked = { at: this.now(), reason };
        return { IsSuccess: true, Description: 'Revoked', ErrorCode: 0, ErrorMessage: '' };
      },
    },
    GetUserCertHistory: {
      method: 'POST',
      run: async (body) => {
        const [serialNumber, rnd] = [text(body, 'SerialNumber'), text(body, 'rnd')];
        const key = this.customerFor(text(body, 'customercode'));
        this.checkSignature(key, utf16(serialNumber + rnd), text(body, 'signature'));
        if (rnd.length < 8 || this.nonces.has(rnd)) throw new RaFault(114);
        this.nonces.add(rnd);
        const CertList = this.issued
          .filter((entry) => entry.nationalCode === serialNumber)
          .map((entry, index) => ({
            Id: index + 1,
            TrackingCode: entry.trackingCode,
            Status: entry.revoked ? 'Revoked' : 'Issued',
            Issuer: `Emzano Emulator Test Intermediate CA ${this.caName}`,
            Certificate: entry.certificate,
            RegisterDate: dateText(entry.issuedAt),
            IssueDate: dateText(entry.issuedAt),
            RevokeDate: entry.revoked ? dateText(entry.revoked.at) : '',
          }));
        return { IsSuccess: true, CertList, ErrorCode: 0, ErrorMessage: '' };
      },
    },
  };

  /** As DSS trusts an issuer (see `EmzanoEmulator.trustIssuer`): the intermediate signs, the root is left to the trust store. */
  readonly issuer: CertificateIssuer = {
    issuingCertificate: () => this.ca.intermediate(),
    chain: async () => [await this.ca.intermediateDer()],
    revoked: (serial) => this.statusOf(serial) === 'revoked',
  };

  /** The certificate the emulator issued with this serial (hex), and whether it is revoked. */
  statusOf(serial: string): 'issued' | 'revoked' | undefined {
    const record = this.issued.find((entry) => entry.serial === serial.toLowerCase());
    return record ? (record.revoked ? 'revoked' : 'issued') : undefined;
  }

  private async registerInfo(body: Record<string, unknown>): Promise<unknown> {
    const customercode = text(body, 'customercode');
    const key = this.customerFor(customercode);
    this.checkCa(text(body, 'caName'));
    const profileName = text(body, 'profileName');
    this.profile(profileName);
    const person = body['personData'];
    if (typeof person !== 'object' || person === null || Array.isArray(person)) throw new RaFault(101);
    const data = person as Record<string, unknown>;
    const nationalCode = text(data, 'NationalCode');
    const signedCode = this.registerCode === 'combined' ? customercode.trim() : customercode.trim().split('-')[0];
    this.checkSignature(key, utf16(`${signedCode}-${nationalCode}`), text(body, 'signature'));
    if (!this.available) throw new RaFault(115);
    for (const field of ['Name', 'LastName', 'EnName', 'EnLastName', 'FatherName', 'Telephone', 'BirthDate']) text(data, field);
    if (typeof data['IsMan'] !== 'boolean') throw new RaFault(101);
    const tokenType = text(data, 'TokenType');
    if (tokenType === 'P12') throw new RaFault(112);
    if (tokenType !== 'USERGENERATED') throw new RaFault(101);
    const checked = normalizeNationalCode(nationalCode);
    if (!checked.ok || checked.value !== nationalCode || !/^\d{4}\/\d{2}\/\d{2}$/.test(String(data['BirthDate']))) {
      throw new RaFault(116);
    }
    // One tracking code per subject (§6.1 note 2): the same person, the same code.
    const subjectKey = `${this.caName}|${nationalCode}`;
    let registration = this.registrations.get(subjectKey);
    if (!registration) {
      registration = { trackingCode: String(7_000_000 + ++this.sequence), person: data, profileName, approved: false };
      this.registrations.set(subjectKey, registration);
    } else {
      registration.person = data;
      registration.profileName = profileName;
    }
    const active = this.activeFor(nationalCode);
    const Description = JSON.stringify({
      FirstName: data['Name'],
      LastName: data['LastName'],
      EnFirstName: data['EnName'],
      EnLastName: data['EnLastName'],
      City: data['City'] ?? '',
      ProvinceName: data['ProvinceName'] ?? '',
      ProvinceId: '',
      FatherName: data['FatherName'],
      AgencySN: data['AgencySN'] ?? '',
      CSR: active?.csr ?? '',
      Certificate: active?.certificate ?? '',
    });
    return { IsSuccess: true, TrackingCode: registration.trackingCode, Description, ErrorCode: 0, ErrorMessage: '' };
  }

  private async issue(body: Record<string, unknown>): Promise<unknown> {
    const csr = text(body, 'csr');
    const key = this.customerFor(text(body, 'customercode'));
    this.checkSignature(key, this.unwrappedBytes(csr), text(body, 'signature'));
    this.checkCa(text(body, 'caName'));
    if (!this.available) throw new RaFault(115);
    const trackingCode = text(body, 'trackingCode');
    const registration = [...this.registrations.values()].find((entry) => entry.trackingCode === trackingCode);
    if (!registration) throw new RaFault(104);
    const profile = this.profile(text(body, 'profileName'));
    if (csr === 'none') throw new RaFault(112);
    if ((profile.Approval || profile.FaceAuth) && !registration.approved) throw new RaFault(105);
    const nationalCode = String(registration.person['NationalCode']);
    if (this.activeFor(nationalCode)) throw new RaFault(109);
    let read;
    try {
      read = await readCsr(Buffer.from(csr, 'base64'));
    } catch (error) {
      if (!(error instanceof CsrRefused)) throw error;
      throw new RaFault(error.problem === 'not-a-csr' || error.problem === 'bad-signature' ? 106 : 107);
    }
    if (read.serialNumber !== undefined && read.serialNumber !== nationalCode) throw new RaFault(108);
    // The CA writes the subject from the registered identity, whatever the CSR asked for.
    const person = registration.person;
    const commonName = `${String(person['EnName'])} ${String(person['EnLastName'])}`;
    const certificate = await this.ca.issue(read.publicKey, [
      ['C', 'IR'],
      ['serialNumber', nationalCode],
      ['givenName', String(person['EnName'])],
      ['surname', String(person['EnLastName'])],
      ['CN', commonName],
    ]);
    const base64 = Buffer.from(certificateDer(certificate)).toString('base64');
    this.issued.push({
      trackingCode,
      nationalCode,
      certificate: base64,
      csr,
      serial: serialHex(certificate),
      notAfter: certificate.notAfter.value.getTime(),
      issuedAt: this.now(),
      confirmed: false,
    });
    const issuer = await this.ca.intermediate();
    return {
      IsSuccess: true,
      Certificate: base64,
      PaymentStatus: 'Paid',
      Description: '',
      CN: commonName,
      IssuerName: nameValue(issuer.subject, 'CN') ?? '',
      ValidFrom: certificate.notBefore.value.toISOString(),
      ValidTo: certificate.notAfter.value.toISOString(),
      ErrorCode: 0,
      ErrorMessage: '',
    };
  }

  private activeFor(nationalCode: string): IssuedRecord | undefined {
    return this.issued.find((entry) => entry.nationalCode === nationalCode && !entry.revoked && entry.notAfter > this.now());
  }

  /** The customer's public key by `CustomerCode-LisenceNumber` (padding spaces allowed, as the samples show). */
  private customerFor(code: string | null): KeyObject {
    const key = code ? this.customers.get(code.trim()) : undefined;
    if (!key) throw new RaFault(401, 401);
    return key;
  }

  private checkSignature(key: KeyObject, bytes: Uint8Array, signature: string): void {
    let valid = false;
    try {
      valid = verifySignature('sha1', bytes, key, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) throw new RaFault(401, 401);
  }

  private unwrappedBytes(base64: string): Uint8Array {
    return this.unwrapped === 'der' ? Buffer.from(base64, 'base64') : utf16(base64);
  }

  private checkCa(caName: string | null): void {
    if (caName !== this.caName) throw new RaFault(102);
  }

  private profile(name: string): RaProfileSetting {
    const profile = this.profiles.find((entry) => entry.ProfileName === name);
    if (!profile) throw new RaFault(103);
    return profile;
  }

  private registrationFor(trackingCode: string, nationalCode: string): Registration {
    const registration = this.registrations.get(`${this.caName}|${nationalCode}`);
    if (!registration || registration.trackingCode !== trackingCode) throw new RaFault(104);
    return registration;
  }

  private async control(request: Request, url: URL): Promise<Response> {
    const path = url.pathname.slice('/__ra/'.length);
    if (path === 'reset' && request.method === 'POST') return (this.reset(), json({ ok: true }));
    if (path === 'requests') return json(this.requests());
    if (path === 'available' && request.method === 'POST') {
      const body = (await request.json().catch(() => ({}))) as { available?: unknown };
      this.setAvailable(body.available !== false);
      return json({ available: this.available });
    }
    if (path === 'faults' && request.method === 'POST') {
      const rules = parseFaultRules(await request.json().catch(() => undefined));
      if (!rules) return json({ error: 'Expected {"rules": [...]}' }, 400);
      this.faults.set(rules);
      return json({ rules: this.faults.list() });
    }
    if (path === 'root.cer') {
      return new Response(await this.ca.rootDer(), { headers: { ...CORS, 'Content-Type': 'application/pkix-cert' } });
    }
    return json({ error: 'unknown control path' }, 404);
  }
}

/** A required string field, exactly as named (wrong casing is a missing field). */
function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new RaFault(101);
  return value;
}

function utf16(value: string): Uint8Array {
  return Buffer.from(value, 'utf16le');
}

function dateText(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replaceAll('-', '/');
}
