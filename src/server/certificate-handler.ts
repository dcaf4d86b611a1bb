/**
 * The host's certificate endpoint: gets the signed-in person a signing certificate from the CA's
 * RA gateway for a key made in their browser, with the RA customer key kept on this server. It
 * fails closed: `authorize` says who is signed in and `person` who that is (the identity the host
 * verified), so the browser never chooses whose certificate it asks for; each certificate is
 * recorded against that subject and only that subject may revoke it. The CSR is checked here
 * before the customer's credentials are spent on it, and the certificate before the browser sees
 * it. Web-standard `(Request) => Promise<Response>`.
 */
import {
  REVOCATION_REASONS,
  type CertificateEndpointError,
  type CertificateRefusal,
  type CertificateSummary,
  type RevocationReason,
} from '../core/certificate-contract.js';
import { isRecord } from '../core/is-record.js';
import { normalizeNationalCode } from '../core/validation.js';
import { requireAuthorize, subjectKey, type Authorize } from './authorize.js';
import { IdentityBindings } from './identity-bindings.js';
import { CertificateCheckError, checkCsr, checkIssuedCertificate } from './ra/certificate-checks.js';
import { createRaClient, RaError, type RaClientOptions, type RaPersonData, type RaProfile } from './ra/ra-client.js';
import { refusal, route, type PipelineOptions } from './pipeline.js';
import { json } from './responses.js';
import { handlerStore, type StoreOptions } from './store.js';

/** What `authorize` is asked about. */
export type CertificateAction = { action: 'issue' } | { action: 'revoke'; serialNumber: string } | { action: 'status' };

export interface CertificateHandlerOptions extends PipelineOptions, StoreOptions, Omit<RaClientOptions, 'fetch' | 'timeoutMs'> {
  /** The intermediate CA (`GetCAList`; `01` is the reference's test CA). */
  caName: string;
  /** The certificate profile (`GetCAProfileInfo`). */
  profileName: string;
  /** Required. Who is signed in (`{ subject }`); `false` or a Response refuses. */
  authorize: Authorize<CertificateAction>;
  /**
   * Required. The verified identity of the host's user, as RegisterInfo's `personData` has it,
   * from the host's own records or its KYC result; `undefined` when it has none (403 `identity-missing`).
   */
  person: (subject: string) => RaPersonData | undefined | Promise<RaPersonData | undefined>;
  /**
   * The identity-verification id sent as `orderId` when the profile needs face authentication.
   * Default: the Emzano user the token handler bound to this subject (the same `storage`).
   */
  orderId?: (subject: string) => string | undefined | Promise<string | undefined>;
  /** RequestApprove's `approver`: who verified the person remotely. Default `Emzano KYC`. */
  approver?: string;
  /** The calendar of `BirthDate` (the reference allows both without saying which; default `solar`). */
  birthDateCalendar?: 'solar' | 'gregorian';
  /** The CA's `revokeCertReason` number for each reason (default: RFC 5280's CRLReason values). */
  revocationCodes?: Partial<Record<RevocationReason, number>>;
  fetch?: typeof fetch;
  /** Per RA call; default 30 s. */
  timeoutMs?: number;
  now?: () => number;
}

const RFC_5280_CODES: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};

const MAX_BODY_BYTES = 16 * 1024;
/** How long one subject's issuance holds its lock: longer than the RA's slowest answer. */
const ISSUE_LOCK_SECONDS = 120;
/** How long a revocation holds its certificate's lock: longer than the RA's answer, with its retries. */
const REVOKE_LOCK_SECONDS = 60;
const PROFILE_CACHE_MS = 10 * 60_000;

/** One certificate as recorded against its subject. */
interface Recorded {
  serialNumber: string;
  certificate: string;
  trackingCode: string;
  commonName: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  revoked?: boolean;
  /** RecievedCertConfirmation went through; retried on the subject's next request until it does. */
  confirmed: boolean;
}

const STATUS: Record<CertificateRefusal, number> = {
  'not-allowed': 403,
  'identity-missing': 403,
  'ca-unavailable': 503,
  'ca-refused': 502,
  'certificate-exists': 409,
  'csr-invalid': 422,
  'certificate-invalid': 502,
  'certificate-unknown': 404,
  'bad-request': 400,
};

const MESSAGES: Record<CertificateRefusal, string> = {
  'not-allowed': 'Not allowed.',
  'identity-missing': 'There is no verified identity for this user.',
  'ca-unavailable': 'The certificate authority is not available right now.',
  'ca-refused': 'The certificate authority refused the request.',
  'certificate-exists': 'This person already has an active certificate (or one is being issued); revoke it first.',
  'csr-invalid': 'The certificate request is not valid for this person.',
  'certificate-invalid': 'The certificate authority answered with a certificate that does not match the request.',
  'certificate-unknown': 'No such certificate for this user.',
  'bad-request': 'The request is not valid.',
};

function refuse(reason: CertificateRefusal): Response {
  const body: CertificateEndpointError = { reason, message: MESSAGES[reason] };
  return json(body, STATUS[reason]);
}

export function createCertificateHandler(options: CertificateHandlerOptions): (request: Request) => Promise<Response> {
  requireAuthorize('createCertificateHandler', options.authorize);
  if (typeof options.person !== 'function') {
    throw new TypeError('createCertificateHandler: `person` is required: (subject) => the verified identity (RegisterInfo personData).');
  }
  for (const name of ['caName', 'profileName'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '')
      throw new TypeError(`createCertificateHandler: \`${name}\` is required.`);
  }
  const store = handlerStore('createCertificateHandler', options, 'certificates', options.now);
  const identities = new IdentityBindings(handlerStore('createCertificateHandler', options, 'emzano'));
  const now = options.now ?? Date.now;
  const ra = createRaClient({ ...options, fetch: options.fetch, timeoutMs: options.timeoutMs });
  const codes = { ...RFC_5280_CODES, ...options.revocationCodes };
  let profile: { value: Promise<RaProfile | undefined>; at: number } | undefined;

  /** The configured profile's flags, read once a while (`GetCAProfileInfo`). */
  const profileFlags = () => {
    if (!profile || now() - profile.at > PROFILE_CACHE_MS) {
      const value = ra.getCaProfileInfo(options.caName).then((list) => list.find((entry) => entry.ProfileName === options.profileName));
      profile = { value, at: now() };
      value.catch(() => (profile = undefined));
    }
    return profile.value;
  };

  const recordsKey = async (subject: string) => `subject:${await subjectKey(subject)}`;
  const recordsOf = async (subject: string) => (await store.get<Recorded[]>(await recordsKey(subject))) ?? [];
  /**
   * Changes one certificate of the subject's list by compare-and-set, on the list as it is now:
   * issue, revoke and the confirmation pass each change only their own field, so a status call
   * racing a revocation never writes `revoked` back to false.
   */
  const changeRecord = async (subject: string, serialNumber: string, change: (record: Recorded) => Partial<Recorded> | undefined) => {
    const { value } = await store.update<Recorded[]>(
      await recordsKey(subject),
      (records) => {
        const index = records?.findIndex((entry) => entry.serialNumber === serialNumber) ?? -1;
        const changes = index < 0 ? undefined : change(records![index]!);
        if (!changes) return undefined;
        return records!.map((entry, at) => (at === index ? { ...entry, ...changes } : entry));
      },
      0,
    );
    return value?.find((entry) => entry.serialNumber === serialNumber);
  };
  const isActive = (record: Recorded) => !record.revoked && Date.parse(record.notAfter) > now();

  const summary = (record: Recorded): CertificateSummary => ({
    serialNumber: record.serialNumber,
    certificate: record.certificate,
    commonName: record.commonName,
    issuer: record.issuer,
    notBefore: record.notBefore,
    notAfter: record.notAfter,
    status: record.revoked ? 'revoked' : Date.parse(record.notAfter) <= now() ? 'expired' : 'issued',
  });

  /** Confirmations that failed before are tried again; a failure again waits for the next request. */
  const confirmPending = async (subject: string, records: Recorded[]): Promise<Recorded[]> => {
    let current = records;
    for (const record of records.filter((entry) => !entry.confirmed && !entry.revoked)) {
      try {
        await ra.confirmReceived({ certificate: record.certificate, trackingCode: record.trackingCode });
      } catch {
        // Not confirmed yet: the certificate is the person's all the same.
        continue;
      }
      const confirmed = await changeRecord(subject, record.serialNumber, (entry) => (entry.confirmed ? undefined : { confirmed: true }));
      current = current.map((entry) => (entry.serialNumber === record.serialNumber && confirmed ? confirmed : entry));
    }
    return current;
  };

  async function issue(subject: string, csr: string): Promise<Response> {
    const person = await options.person(subject);
    if (!person) return refuse('identity-missing');
    const problem = personProblem(person, options.birthDateCalendar ?? 'solar');
    if (problem) throw new TypeError(`createCertificateHandler: person(subject) answered ${problem}.`);
    let checked;
    try {
      checked = await checkCsr(csr, person.NationalCode);
    } catch (error) {
      if (error instanceof CertificateCheckError) return refuse('csr-invalid');
      throw error;
    }
    // A certificate this subject holds and may still use: refused before the CA is asked anything
    // (RegisterInfo is a registration at the CA, not a question).
    if ((await recordsOf(subject)).some(isActive)) return refuse('certificate-exists');
    // One issuance per person at a time: a second tab's request waits for nothing and spends nothing.
    const lock = await store.lock(`issuing:${await subjectKey(subject)}`, ISSUE_LOCK_SECONDS);
    if (!lock) return refuse('certificate-exists');
    try {
      const flags = await profileFlags();
      // A profile that needs face authentication is approved with the KYC's id: without one,
      // this person has not been verified remotely, and nothing is registered at the CA.
      const orderId = options.orderId ? await options.orderId(subject) : (await identities.userOf(subject))?.userId;
      if (flags?.FaceAuth && !orderId) return refuse('identity-missing');
      if (!(await ra.isAvailable(options.caName)).available) return refuse('ca-unavailable');
      const registration = await ra.registerInfo({ caName: options.caName, profileName: options.profileName, person });
      if (registration.existing) {
        // An active certificate: ours only if this subject holds it (then it must be revoked or
        // used, not issued twice); someone else's key either way for this request.
        return refuse('certificate-exists');
      }
      if (flags?.FaceAuth || flags?.Approval) {
        await ra.requestApprove({
          nationalCode: person.NationalCode,
          trackingCode: registration.trackingCode,
          approver: options.approver ?? 'Emzano KYC',
          ...(orderId ? { orderId } : {}),
        });
      }
      const issued = await ra.issueCertificate({
        caName: options.caName,
        profileName: options.profileName,
        trackingCode: registration.trackingCode,
        csr,
      });
      let certificate;
      try {
        certificate = checkIssuedCertificate(issued.certificate, {
          publicKey: checked.publicKey,
          nationalCode: person.NationalCode,
          now: now(),
        });
      } catch (error) {
        if (!(error instanceof CertificateCheckError)) throw error;
        // Not what was asked for: nobody may rely on it, so it is revoked at once.
        await ra.revokeCertificate({ certificate: issued.certificate, reason: codes.unspecified }).catch(() => undefined);
        return refuse('certificate-invalid');
      }
      const record: Recorded = {
        serialNumber: certificate.serialNumber,
        certificate: issued.certificate,
        trackingCode: registration.trackingCode,
        commonName: certificate.commonName,
        issuer: certificate.issuer,
        notBefore: certificate.notBefore.toISOString(),
        notAfter: certificate.notAfter.toISOString(),
        confirmed: false,
      };
      // Recorded before the confirmation call: a certificate is never lost to a failed confirmation.
      await store.update<Recorded[]>(await recordsKey(subject), (records) => [...(records ?? []), record], 0);
      const [confirmed] = await confirmPending(subject, [record]);
      return json(summary(confirmed ?? record));
    } finally {
      await lock.release();
    }
  }

  async function revoke(subject: string, serialNumber: string, reason: RevocationReason): Promise<Response> {
    const serial = serialNumber.toLowerCase();
    const known = async () => (await recordsOf(subject)).find((entry) => entry.serialNumber === serial);
    if (!(await known())) return refuse('certificate-unknown');
    // One revocation of a certificate at a time (the CA refuses a second); the next one waits and
    // finds it revoked.
    const lock = await store.lock(`revoking:${await subjectKey(subject)}:${serial}`, REVOKE_LOCK_SECONDS, REVOKE_LOCK_SECONDS * 1000);
    if (!lock) return refuse('ca-unavailable');
    try {
      const record = await known();
      if (!record) return refuse('certificate-unknown');
      if (record.revoked) return json(summary(record));
      await ra.revokeCertificate({ certificate: record.certificate, reason: codes[reason] });
      const revoked = await changeRecord(subject, serial, (entry) => (entry.revoked ? undefined : { revoked: true }));
      return json(summary(revoked ?? { ...record, revoked: true }));
    } finally {
      await lock.release();
    }
  }

  return route<Parsed, CertificateAction>(
    {
      name: 'certificate',
      methods: ['POST'],
      maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
      parse: ({ body }) => parseRequest(body) ?? refusal(STATUS['bad-request'], 'bad-request', MESSAGES['bad-request']),
      action: (parsed) =>
        parsed.action === 'revoke' ? { action: 'revoke', serialNumber: parsed.serialNumber } : { action: parsed.action },
      authorize: options.authorize,
      async act({ input, subject }) {
        try {
          if (input.action === 'issue') return await issue(subject, input.csr);
          if (input.action === 'revoke') return await revoke(subject, input.serialNumber, input.reason);
          const records = await confirmPending(subject, await recordsOf(subject));
          return json({ certificates: records.map(summary) });
        } catch (error) {
          if (error instanceof RaError) {
            // The gateway's own code and message stay here; the browser hears which kind of failure.
            return refuse(error.failure === 'refused' ? 'ca-refused' : 'ca-unavailable');
          }
          throw error;
        }
      },
    },
    options,
  );
}

type Parsed =
  { action: 'issue'; csr: string } | { action: 'revoke'; serialNumber: string; reason: RevocationReason } | { action: 'status' };

function parseRequest(body: unknown): Parsed | undefined {
  if (!isRecord(body)) return undefined;
  const { action } = body;
  if (action === 'issue') {
    const csr = body['csr'];
    return typeof csr === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(csr) && csr.length <= 12_000 ? { action, csr } : undefined;
  }
  if (action === 'revoke') {
    const { serialNumber, reason } = body;
    if (typeof serialNumber !== 'string' || !/^[0-9a-fA-F]{1,64}$/.test(serialNumber)) return undefined;
    return typeof reason === 'string' && (REVOCATION_REASONS as readonly string[]).includes(reason)
      ? { action, serialNumber, reason: reason as RevocationReason }
      : undefined;
  }
  return action === 'status' ? { action } : undefined;
}

/**
 * What is wrong with the host's `person` answer, so the host hears it rather than the CA refusing
 * it. Names the field, never its value: the message reaches the host's logs.
 */
function personProblem(person: RaPersonData, calendar: 'solar' | 'gregorian'): string | undefined {
  if (!isRecord(person)) return 'something that is not an object';
  const checked = normalizeNationalCode(String(person.NationalCode ?? ''));
  if (!checked.ok || checked.value !== person.NationalCode) return 'a NationalCode that is not ten valid digits';
  for (const name of ['Name', 'LastName', 'EnName', 'EnLastName', 'FatherName', 'Telephone'] as const) {
    if (typeof person[name] !== 'string' || person[name] === '') return `no ${name}`;
  }
  if (typeof person.IsMan !== 'boolean') return 'no IsMan (a boolean)';
  const date = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(String(person.BirthDate));
  const year = Number(date?.[1]);
  const plausible = calendar === 'solar' ? year >= 1280 && year <= 1420 : year >= 1900 && year <= 2040;
  if (!date || !plausible)
    return `a BirthDate that is not yyyy/mm/dd in the ${calendar === 'solar' ? 'Solar Hijri' : 'Gregorian'} calendar`;
  return undefined;
}
