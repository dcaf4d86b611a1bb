/**
 * A local stand-in for the video identity-verification service (video-identity-verification-api.md),
 * for the demo and the tests only. Strict where the real service would be: HTTP Basic with the
 * account's API user and token; `POST /VerificarIdentidad` with the reference's field rules
 * (parameter names in any case, JSON or form bodies; `Telefono` digits with the country code and
 * no `+`, `Mensaje` with `[LINK]`, `Remitente` at most 11 characters, `Fecha` as `YYYY-MM-DD HH:mm`);
 * the sample's answer shape (an array holding one object, numbers as strings), and the old format
 * when `Resp` is left out (no `ID`, no `Cred`); credits that go down; a temporary block after
 * repeated bad calls (§2.1). A simulated person opens the link and completes the process over a
 * few seconds (or rejects, abandons, or shows another document), and the service POSTs each
 * status to the host's webhook as the panel is set. After status 5100 the certificate PDF is served.
 *
 * Where the reference says nothing the emulator chooses, and docs/emulator.md lists it: the
 * certificate and credits paths (its own, under `/emulator/`; the real ones come from the vendor),
 * the `Res` codes other than 10, the statuses between sending and 5001, and the block's shape (429).
 */
import { fromMadridTime, toMadridTime } from '../../../src/core/madrid-time.js';
import { systemClock, type EmulatorClock } from '../clock.js';
import { FaultSwitches, parseFaultRules } from '../faults.js';
import {
  EMULATED_STATUS,
  personReports,
  webhookRequest,
  withEnvelope,
  type PersonOutcome,
  type SentVerification,
  type WebhookSettings,
} from './simulated-person.js';

/** The emulator's `Res` codes. Only 10 (success) is the reference's; the rest are ours (Ambiguity 2). */
export const EMULATED_RES = {
  ok: 10,
  phoneMissing: 31,
  phoneInvalid: 32,
  messageWithoutLink: 33,
  senderTooLong: 34,
  dateInvalid: 35,
  documentInvalid: 36,
  noCredits: 40,
  unknownId: 50,
  certificateNotReady: 51,
} as const;

export interface VideoIdEmulatorOptions {
  apiUser?: string;
  apiToken?: string;
  credits?: number;
  /** The emulator's stand-ins for the paths the reference does not give. */
  certificatePath?: string;
  creditsPath?: string;
  /** Where reports go, as the panel would be set; none until set. */
  webhook?: WebhookSettings;
  /** Time between the person's steps. Default 1500 ms. */
  stepMs?: number;
  /** Bad calls (wrong credentials, refused data) within a minute before calls are blocked. Default 5. */
  blockAfter?: number;
  /** How long a block lasts. Default 60 s. */
  blockSeconds?: number;
  /** How reports reach the host (in-process for the demo, HTTP in tests). */
  fetch?: typeof fetch;
  /** Its time and timers: the system's unless given (tests pass a `VirtualClock`). */
  clock?: EmulatorClock;
}

export interface VideoIdRecordedRequest {
  method: string;
  path: string;
  /** The parameters as received (names as sent). */
  parameters?: Record<string, unknown>;
  status: number;
  res?: number;
}

export interface DeliveredReport {
  id: string;
  status: number;
  /** The host's answer (0: not reachable). */
  answered: number;
}

export const EMULATOR_API_USER = 'emulator-user';
export const EMULATOR_API_TOKEN = 'emulator-token-not-a-secret';

/** E.164 digits without `+`: 8 to 15, never starting with 0 (no country code does). */
const PHONE = /^[1-9]\d{7,14}$/;
const FECHA = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const DOCUMENT = /^(?:\d{8}|[XYZ]\d{7})[A-Z]$/;

class Refusal extends Error {
  constructor(readonly res: number) {
    super(`Res ${res}`);
  }
}

export class VideoIdEmulator {
  readonly faults = new FaultSwitches();
  readonly apiUser: string;
  readonly apiToken: string;
  readonly certificatePath: string;
  readonly creditsPath: string;
  private credits: number;
  private readonly initialCredits: number;
  private webhook: WebhookSettings | undefined;
  private stepMs: number;
  private readonly blockAfter: number;
  private readonly blockSeconds: number;
  private fetchHost: (url: string, init: RequestInit) => Promise<Response>;
  readonly clock: EmulatorClock;
  private readonly now: () => number;
  private sent = new Map<string, SentVerification>();
  /** What the simulated people will do next, each cancellable. */
  private timers = new Set<() => void>();
  private inFlight = new Set<Promise<void>>();
  private log: VideoIdRecordedRequest[] = [];
  private delivered: DeliveredReport[] = [];
  private badCalls: number[] = [];
  private blockedUntil = 0;
  private nextOutcomes: PersonOutcome[] = [];
  private nextId = 1994779988;

  constructor(options: VideoIdEmulatorOptions = {}) {
    this.apiUser = options.apiUser ?? EMULATOR_API_USER;
    this.apiToken = options.apiToken ?? EMULATOR_API_TOKEN;
    this.certificatePath = options.certificatePath ?? '/emulator/certificate';
    this.creditsPath = options.creditsPath ?? '/emulator/credits';
    this.initialCredits = this.credits = options.credits ?? 12000;
    this.webhook = options.webhook;
    this.stepMs = options.stepMs ?? 1500;
    this.blockAfter = options.blockAfter ?? 5;
    this.blockSeconds = options.blockSeconds ?? 60;
    this.fetchHost = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.clock = options.clock ?? systemClock;
    this.now = () => this.clock.now();
  }

  /** Sets where and how reports are delivered (the panel's webhook settings). */
  setWebhook(settings: WebhookSettings | undefined): void {
    this.webhook = settings;
  }

  /** How reports reach the host: HTTP by default; the demo hands them to its handler in-process. */
  setDelivery(deliver: (url: string, init: RequestInit) => Promise<Response>): void {
    this.fetchHost = deliver;
  }

  /** What the next people do, in order; `complete` when none is queued. */
  queueOutcomes(outcomes: PersonOutcome[]): void {
    this.nextOutcomes.push(...outcomes);
  }

  setStepMs(ms: number): void {
    this.stepMs = ms;
  }

  requests(): VideoIdRecordedRequest[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  deliveries(): DeliveredReport[] {
    return this.delivered.map((entry) => ({ ...entry }));
  }

  creditsLeft(): number {
    return this.credits;
  }

  /** Forgets requests, people, the log, the block and the faults; credits back to the start. */
  reset(): void {
    this.close();
    this.sent.clear();
    this.log = [];
    this.delivered = [];
    this.badCalls = [];
    this.blockedUntil = 0;
    this.nextOutcomes = [];
    this.credits = this.initialCredits;
    this.faults.set([]);
  }

  /** Stops every simulated person (their timers). */
  close(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  readonly handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/__video-id/')) return this.control(request, url);
    const record: VideoIdRecordedRequest = { method: request.method, path: url.pathname, status: 0 };
    this.log.push(record);
    const answer = (status: number, body: BodyInit | null, headers: Record<string, string> = {}) => {
      record.status = status;
      return new Response(body, { status, headers });
    };
    for (const rule of this.faults.take(url.pathname)) {
      if (rule.kind === 'latency') await this.clock.sleep(rule.ms);
      if (rule.kind === 'drop') return answer(502, '[{"Res');
      if (rule.kind === 'error') return answer(rule.status ?? 500, 'Internal Server Error', { 'Content-Type': 'text/plain' });
    }
    if (this.blockedUntil > this.now()) {
      return answer(429, 'Too many failed requests. Try again later.', {
        'Retry-After': String(Math.ceil((this.blockedUntil - this.now()) / 1000)),
        'Content-Type': 'text/plain',
      });
    }
    const routes: Record<string, (parameters: Record<string, unknown>) => Promise<Response | Record<string, unknown>>> = {
      '/VerificarIdentidad': (parameters) => this.verify(parameters),
      [this.certificatePath]: (parameters) => this.certificate(parameters),
      [this.creditsPath]: async () => ({ Res: EMULATED_RES.ok, Cred: this.credits }),
    };
    const run = routes[url.pathname];
    if (!run) return answer(404, 'Not Found', { 'Content-Type': 'text/plain' });
    // "Requests must be made via POST" (§2).
    if (request.method !== 'POST') return answer(405, 'Method Not Allowed', { Allow: 'POST', 'Content-Type': 'text/plain' });
    if (!this.authentic(request)) {
      this.countBadCall();
      return answer(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="API"', 'Content-Type': 'text/plain' });
    }
    const parameters = await readParameters(request);
    if (!parameters) {
      this.countBadCall();
      return answer(400, 'Bad Request', { 'Content-Type': 'text/plain' });
    }
    record.parameters = parameters;
    const resp = String(parameter(parameters, 'Resp') ?? '').toUpperCase();
    try {
      const result = await run(parameters);
      if (result instanceof Response) {
        record.status = result.status;
        return result;
      }
      record.res = EMULATED_RES.ok;
      return answer(200, ...format(resp, result));
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      this.countBadCall();
      record.res = error.res;
      return answer(200, ...format(resp, { Res: error.res }));
    }
  };

  private authentic(request: Request): boolean {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.get('authorization') ?? '');
    if (!match) return false;
    return Buffer.from(match[1]!, 'base64').toString('utf8') === `${this.apiUser}:${this.apiToken}`;
  }

  /** A connection that keeps failing is treated as spam and blocked for a while (§2.1). */
  private countBadCall(): void {
    const now = this.now();
    this.badCalls = [...this.badCalls.filter((at) => now - at < 60_000), now];
    if (this.badCalls.length >= this.blockAfter) {
      this.blockedUntil = now + this.blockSeconds * 1000;
      this.badCalls = [];
    }
  }

  private async verify(parameters: Record<string, unknown>): Promise<Record<string, unknown>> {
    const phone = text(parameter(parameters, 'Telefono'));
    if (!phone) throw new Refusal(EMULATED_RES.phoneMissing);
    if (!PHONE.test(phone)) throw new Refusal(EMULATED_RES.phoneInvalid);
    const message = text(parameter(parameters, 'Mensaje'));
    if (message && !message.includes('[LINK]')) throw new Refusal(EMULATED_RES.messageWithoutLink);
    const sender = text(parameter(parameters, 'Remitente'));
    if (sender && [...sender].length > 11) throw new Refusal(EMULATED_RES.senderTooLong);
    const dni = text(parameter(parameters, 'Dni'))?.toUpperCase();
    if (dni && !DOCUMENT.test(dni)) throw new Refusal(EMULATED_RES.documentInvalid);
    const fecha = text(parameter(parameters, 'Fecha'));
    let sendAt = this.now();
    if (fecha) {
      const instant = FECHA.test(fecha) ? fromMadridTime(fecha) : undefined;
      if (!instant) throw new Refusal(EMULATED_RES.dateInvalid);
      sendAt = Math.max(sendAt, instant.getTime());
    }
    if (this.credits <= 0) throw new Refusal(EMULATED_RES.noCredits);
    this.credits -= 1;
    const id = String(this.nextId++);
    const sent: SentVerification = {
      id,
      phone,
      dni,
      sentAt: toMadridTime(new Date(sendAt)),
      outcome: this.nextOutcomes.shift() ?? 'complete',
      status: 0,
    };
    this.sent.set(id, sent);
    this.later(sendAt - this.now(), () =>
      this.walk(
        sent,
        personReports(sent, () => toMadridTime(new Date(this.now()))),
      ),
    );
    return { Res: EMULATED_RES.ok, ID: id, Cred: this.credits };
  }

  /** The person's next step, then the one after it, `stepMs` apart. */
  private walk(sent: SentVerification, reports: Record<string, unknown>[]): void {
    const [next, ...rest] = reports;
    if (!next) return;
    sent.status = next['Estado'] as number;
    this.track(this.deliver(withEnvelope(sent, next, this.now())));
    this.later(this.stepMs, () => this.walk(sent, rest));
  }

  private later(ms: number, run: () => void): void {
    const cancel = this.clock.schedule(ms, () => {
      this.timers.delete(cancel);
      run();
    });
    this.timers.add(cancel);
  }

  /** Resolves once every report on its way to the host has been answered (or failed). */
  async deliveriesSettled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** POSTs a report to the host as the panel is set; a failed delivery is tried twice more. */
  private async deliver(report: Record<string, unknown>, attempt = 1): Promise<void> {
    const settings = this.webhook;
    if (!settings) return;
    const copies = settings.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      let answered = 0;
      try {
        const response = await this.fetchHost(settings.url, webhookRequest(settings, report));
        answered = response.status;
        await response.body?.cancel();
      } catch {
        answered = 0;
      }
      this.delivered.push({ id: String(report['ID']), status: Number(report['Estado']), answered });
      if ((answered < 200 || answered >= 300) && attempt < 3) {
        this.later(this.stepMs, () => this.track(this.deliver(report, attempt + 1)));
        return;
      }
    }
  }

  private async certificate(parameters: Record<string, unknown>): Promise<Response | Record<string, unknown>> {
    const id = text(parameter(parameters, 'Id'));
    const sent = id ? this.sent.get(id) : undefined;
    if (!sent) throw new Refusal(EMULATED_RES.unknownId);
    if (sent.status !== EMULATED_STATUS.certificate) throw new Refusal(EMULATED_RES.certificateNotReady);
    const bytes = await certificatePdf(sent);
    return new Response(bytes, {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="certificado-${sent.id}.pdf"` },
    });
  }

  private async control(request: Request, url: URL): Promise<Response> {
    const path = url.pathname.slice('/__video-id/'.length);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const body = request.method === 'POST' ? ((await request.json().catch(() => ({}))) as Record<string, unknown>) : {};
    if (path === 'reset' && request.method === 'POST') return (this.reset(), json({ ok: true }));
    if (path === 'requests') return json(this.requests());
    if (path === 'deliveries') return json(this.deliveries());
    if (path === 'credits') return json({ credits: this.credits });
    if (path === 'outcomes' && request.method === 'POST') {
      const outcomes = Array.isArray(body['outcomes']) ? (body['outcomes'] as unknown[]) : [];
      const known = outcomes.filter((item): item is PersonOutcome => ['complete', 'reject', 'abandon', 'mismatch'].includes(String(item)));
      this.queueOutcomes(known);
      return json({ ok: true });
    }
    if (path === 'step' && request.method === 'POST' && typeof body['ms'] === 'number')
      return (this.setStepMs(body['ms']), json({ ok: true }));
    if (path === 'faults' && request.method === 'POST') {
      const rules = parseFaultRules(body);
      if (!rules) return json({ error: 'Expected {"rules": [...]}' }, 400);
      this.faults.set(rules);
      return json({ rules: this.faults.list() });
    }
    return json({ error: 'unknown control path' }, 404);
  }
}

/** A parameter by name in any case (§2). */
function parameter(parameters: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(parameters)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

/** JSON (recommended) or url-encoded form (§2); anything else is refused. */
async function readParameters(request: Request): Promise<Record<string, unknown> | undefined> {
  const type = request.headers.get('content-type') ?? '';
  const body = await request.text();
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  if (!type.includes('application/json')) return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An answer in the format `Resp` asks for: JSON as the sample (an array of one object, numbers as
 * strings), TXT and XML as plain renderings; without `Resp`, the old format, which "omits some
 * variables" (§2): here everything but `Res`.
 */
function format(resp: string, result: Record<string, unknown>): [string, Record<string, string>] {
  const entries = Object.entries(result).filter(([key]) => resp !== '' || key === 'Res');
  const strings = Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
  if (resp === 'TXT')
    return [entries.map(([key, value]) => `${key}=${String(value)}`).join('\n'), { 'Content-Type': 'text/plain; charset=utf-8' }];
  if (resp === 'XML') {
    const items = entries.map(([key, value]) => `<${key}>${String(value)}</${key}>`).join('');
    return [`<?xml version="1.0" encoding="UTF-8"?><Respuesta>${items}</Respuesta>`, { 'Content-Type': 'application/xml; charset=utf-8' }];
  }
  return [JSON.stringify([strings]), { 'Content-Type': 'application/json; charset=utf-8' }];
}

/** The certificate of the process: a one-page PDF naming the request, the number and the result. */
async function certificatePdf(sent: SentVerification): Promise<Uint8Array<ArrayBuffer>> {
  const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Certificado de verificación de identidad ${sent.id}`);
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = [
    'Certificado de verificacion de identidad (emulador)',
    `ID: ${sent.id}`,
    `Telefono: ${sent.phone}`,
    `Enviado: ${sent.sentAt} (CET/CEST)`,
    `Documento solicitado: ${sent.dni ?? '-'}`,
    `Resultado: ${sent.outcome === 'reject' ? 'no superado' : 'superado'}`,
  ];
  lines.forEach((line, index) => page.drawText(line, { x: 72, y: 770 - index * 24, size: index === 0 ? 16 : 12, font }));
  return new Uint8Array(await pdf.save());
}
