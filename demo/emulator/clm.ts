/**
 * The Emzano CLM side of the emulator (CLM reference): the password-grant token, starting a
 * workflow from a PDF or a template, reading a document back, recipients moving through their
 * states (driven by control calls, as the recipients would in the real service) and the
 * callback POSTed to `callbackUrl` when the document reaches a final state.
 */
import { checkClmValue } from '../../src/core/clm-fields.js';
import { isRecord } from '../../src/core/is-record.js';

export const CLM_CREDENTIALS = {
  clientId: 'emulator-client',
  clientSecret: 'emulator-client-secret',
  username: 'emulator-panel',
  password: 'emulator-panel-password',
};

/** Recipient states (§7.3) and final document states (§7.2); 1 = in progress is our own. */
export const WORKFLOW_STATE = { Unseen: 1, Seen: 2, Filled: 3, Approved: 4, Rejected: 5, Signed: 6 } as const;
export const DOCUMENT_STATE = { InProgress: 1, Signed: 3, Rejected: 4, Expired: 5 } as const;
const ROLE = { Signer: 0, Viewer: 1, Approver: 2 } as const;

export interface ClmWorkflow {
  id: string;
  order: number;
  title: string;
  name: string;
  contact: string;
  nationalCode: string;
  role: number;
  state: number;
  signatureField: Record<string, unknown> | undefined;
  seen: string | null;
  signedTime: string | null;
  approveTime: string | null;
  rejectTime: string | null;
}

export interface ClmDocument {
  id: string;
  title: string;
  state: number;
  created: string;
  lastModified: string;
  expiredAt: string | null;
  callbackUrl: string | undefined;
  startPage: number | undefined;
  certificatePayment: boolean | undefined;
  /** The PDF as sent (execute-file) or a placeholder PDF (template). */
  base64: string;
  workflows: ClmWorkflow[];
  documentFields: Array<{ name: string; value: string }>;
  /** What the emulator received, for tests to compare with what the element built. */
  received: Record<string, unknown>;
}

export class ClmFault extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }
}

/** One template the emulator knows, with its recipient slots and field types. */
const TEMPLATE = {
  id: 'bfbee1a0-fafe-4cbc-b3fd-1424ac5a3c7a',
  slots: [{ id: 'b9df253f-70e8-44b2-afaf-78dbff33fdd7', title: 'طرف اول قرارداد', role: ROLE.Signer }],
  fields: { 'text-1': '_REQUIRED_TEXT', 'field-2': '_OPTIONAL_NUMBER' } as Record<string, string>,
};

export class ClmEmulator {
  private readonly tokens = new Map<string, number>();
  private readonly documents = new Map<string, ClmDocument>();
  /** Callbacks sent, for the tests and the demo's log. */
  readonly callbacks: Array<{ url: string; body: unknown; status: number }> = [];

  constructor(
    private readonly now: () => number,
    private readonly samplePdf: () => Promise<string>,
    private readonly send: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {}

  reset(): void {
    this.tokens.clear();
    this.documents.clear();
    this.callbacks.length = 0;
  }

  document(id: string): ClmDocument | undefined {
    return this.documents.get(id);
  }

  list(): ClmDocument[] {
    return [...this.documents.values()];
  }

  /** Handles a CLM path, or returns `undefined` when the path is not CLM's. */
  async route(request: Request, url: URL, readJson: () => Promise<unknown>): Promise<unknown> {
    const path = url.pathname;
    if (path === '/Identity/connect/token' && request.method === 'POST') return this.token(await request.text());
    if (!path.startsWith('/api/v1/clm/')) return undefined;
    this.authenticate(request);
    if (request.method === 'POST' && path === '/api/v1/clm/documents/execute/file') return this.executeFile(await readJson());
    if (request.method === 'POST' && path === '/api/v1/clm/documents/execute/template') return this.executeTemplate(await readJson());
    const match = /^\/api\/v1\/clm\/documents\/([0-9a-f-]{36})$/i.exec(path);
    if (request.method === 'GET' && match) return this.getDocument(match[1]!, url.searchParams);
    throw new ClmFault(1, 'درخواست معتبر نیست.', 404);
  }

  private token(form: string): unknown {
    const fields = new URLSearchParams(form);
    const expected = {
      client_id: CLM_CREDENTIALS.clientId,
      client_secret: CLM_CREDENTIALS.clientSecret,
      username: CLM_CREDENTIALS.username,
      password: CLM_CREDENTIALS.password,
      grant_type: 'password',
    };
    for (const [name, value] of Object.entries(expected)) {
      if (fields.get(name) !== value) throw new ClmFault(undefined, 'invalid_grant', 400);
    }
    const token = `emu_clm_${crypto.randomUUID().replace(/-/g, '')}`;
    this.tokens.set(token, this.now() + 3600 * 1000);
    return {
      access_token: token,
      expires_in: 3600,
      token_type: 'Bearer',
      refresh_token: `emu_clm_rt_${crypto.randomUUID()}`,
      scope: 'clm',
    };
  }

  private authenticate(request: Request): void {
    const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    const expiresAt = token ? this.tokens.get(token) : undefined;
    if (!expiresAt || expiresAt < this.now()) throw new ClmFault(undefined, 'Unauthorized', 401);
  }

  private executeFile(body: unknown): unknown {
    if (!isRecord(body)) throw new ClmFault(1, 'درخواست معتبر نیست.');
    const base64File = body['base64File'];
    if (typeof base64File !== 'string' || !atob(base64File.slice(0, 8)).startsWith('%PDF'))
      throw new ClmFault(3019, 'خطاهای اعتبارسنجی فایل PDF');
    const workflows = this.readRecipients(body['workflows'], (raw) => {
      const role = raw['role'];
      if (role !== ROLE.Signer && role !== ROLE.Viewer && role !== ROLE.Approver) throw new ClmFault(3027, 'مقدار فیلد معتبر نیست.');
      const field = raw['signatureField'];
      if (role === ROLE.Signer) {
        if (!isRecord(field) || !['x', 'y', 'width', 'height'].every((key) => typeof field[key] === 'number' && Number(field[key]) >= 0)) {
          throw new ClmFault(3024, 'قالب سند انتخابی فاقد فیلد امضا برای حداقل یکی از امضاکنندگان است.');
        }
      }
      return { role, signatureField: isRecord(field) ? field : undefined };
    });
    return this.create(body, workflows, base64File, []);
  }

  private async executeTemplate(body: unknown): Promise<unknown> {
    if (!isRecord(body)) throw new ClmFault(1, 'درخواست معتبر نیست.');
    if (body['templateId'] !== TEMPLATE.id) throw new ClmFault(3006, 'سند انتخابی الگو نیست.');
    const workflows = this.readRecipients(body['workflows'], (raw) => {
      const slot = TEMPLATE.slots.find((candidate) => candidate.id === raw['id']);
      if (!slot) throw new ClmFault(3027, 'مقدار فیلد معتبر نیست.');
      return { role: slot.role, signatureField: undefined };
    });
    const fields = Array.isArray(body['documentFields']) ? body['documentFields'] : [];
    const documentFields = Object.entries(TEMPLATE.fields).map(([name, placeholder]) => {
      const given = fields.find((field) => isRecord(field) && field['name'] === name) as Record<string, unknown> | undefined;
      const value = typeof given?.['value'] === 'string' ? given['value'] : '';
      const type = placeholder.replace(/^_(REQUIRED|OPTIONAL)_/, '') as Parameters<typeof checkClmValue>[0];
      const check = checkClmValue(type, value, placeholder.startsWith('_REQUIRED_'));
      if (!check.ok)
        throw check.error === 'required' ? new ClmFault(3025, 'مقدار فیلد اجباری خالی است.') : new ClmFault(3027, 'مقدار فیلد معتبر نیست.');
      return { name, value: check.value };
    });
    return this.create(body, workflows, await this.samplePdf(), documentFields);
  }

  /** Recipients with the checks both execute calls share (§3, §4). */
  private readRecipients(
    raw: unknown,
    extra: (recipient: Record<string, unknown>) => { role: number; signatureField: Record<string, unknown> | undefined },
  ): Array<Omit<ClmWorkflow, 'state' | 'seen' | 'signedTime' | 'approveTime' | 'rejectTime'>> {
    if (!Array.isArray(raw) || raw.length === 0) throw new ClmFault(undefined, "'Workflows' must not be empty.");
    const seen = new Set<string>();
    return raw.map((recipient, index) => {
      if (!isRecord(recipient)) throw new ClmFault(1, 'درخواست معتبر نیست.');
      const nationalCode = checkClmValue('NATIONALCODE', String(recipient['nationalCode'] ?? ''), true);
      if (!nationalCode.ok) throw new ClmFault(undefined, "'National Code' must not be empty.");
      const contact = checkClmValue('PHONE', String(recipient['contact'] ?? ''), true);
      if (!contact.ok || typeof recipient['name'] !== 'string' || recipient['name'].trim() === '')
        throw new ClmFault(3027, 'مقدار فیلد معتبر نیست.');
      if (seen.has(nationalCode.value)) throw new ClmFault(3004, 'مشارکت‌کننده در گردش کار سند تکراری است.');
      seen.add(nationalCode.value);
      return {
        id: typeof recipient['id'] === 'string' ? recipient['id'] : crypto.randomUUID(),
        order: index + 1,
        title: typeof recipient['title'] === 'string' ? recipient['title'] : '',
        name: recipient['name'],
        contact: contact.value,
        nationalCode: nationalCode.value,
        ...extra(recipient),
      };
    });
  }

  private create(
    body: Record<string, unknown>,
    workflows: Array<Omit<ClmWorkflow, 'state' | 'seen' | 'signedTime' | 'approveTime' | 'rejectTime'>>,
    base64: string,
    documentFields: Array<{ name: string; value: string }>,
  ): unknown {
    if (typeof body['title'] !== 'string' || body['title'].trim() === '') throw new ClmFault(3025, 'مقدار فیلد اجباری خالی است.');
    const stamp = new Date(this.now()).toISOString();
    const id = crypto.randomUUID();
    this.documents.set(id, {
      id,
      title: body['title'],
      state: DOCUMENT_STATE.InProgress,
      created: stamp,
      lastModified: stamp,
      expiredAt: typeof body['expiredAt'] === 'string' ? body['expiredAt'] : null,
      callbackUrl: typeof body['callbackUrl'] === 'string' && body['callbackUrl'] !== '' ? body['callbackUrl'] : undefined,
      startPage: typeof body['startPage'] === 'number' ? body['startPage'] : undefined,
      certificatePayment: typeof body['certificatePayment'] === 'boolean' ? body['certificatePayment'] : undefined,
      base64,
      workflows: workflows.map((workflow) => ({
        ...workflow,
        state: WORKFLOW_STATE.Unseen,
        seen: null,
        signedTime: null,
        approveTime: null,
        rejectTime: null,
      })),
      documentFields,
      received: structuredClone({
        ...body,
        base64File: body['base64File'] === undefined ? undefined : `${String(body['base64File']).length} base64 characters`,
      }),
    });
    return { id };
  }

  private getDocument(id: string, query: URLSearchParams): unknown {
    const document = this.documents.get(id);
    if (!document) throw new ClmFault(1, 'درخواست معتبر نیست.', 404);
    // The reference's one sample sends `returnStructure=1&onlyDetail=false`: exactly these two
    // parameters, the first as 1 and the second a boolean, and nothing else.
    const names = [...query.keys()].sort();
    const onlyDetail = query.get('onlyDetail');
    if (
      names.join('&') !== 'onlyDetail&returnStructure' ||
      query.get('returnStructure') !== '1' ||
      (onlyDetail !== 'true' && onlyDetail !== 'false')
    ) {
      throw new ClmFault(1, 'درخواست معتبر نیست.', 400);
    }
    return {
      // The file is always included: the reference's `onlyDetail` is unreliable (docs/decisions.md).
      base64: document.base64,
      state: document.state,
      created: document.created,
      lastModified: document.lastModified,
      title: document.title,
      expiredAt: document.expiredAt,
      workflows: document.workflows.map((workflow) => ({
        id: workflow.id,
        nationalCode: workflow.nationalCode,
        order: workflow.order,
        approveTime: workflow.approveTime,
        rejectTime: workflow.rejectTime,
        sentTime: document.created,
        role: workflow.role,
        contact: workflow.contact,
        isLegal: false,
        created: document.created,
        lastModified: document.lastModified,
        name: workflow.name,
        seen: workflow.seen,
        turn: workflow === this.current(document),
        filled: null,
        signedTime: workflow.signedTime,
        sent: true,
        state: workflow.state,
        workflowFields: { data: [] },
        title: workflow.title,
        isOptional: false,
      })),
      documentFields: {
        owner: { data: [] },
        data: document.documentFields.map((field) => ({ ...field, rule: 'text', title: field.name })),
      },
    };
  }

  /** The recipient whose turn it is: the first, in order, not yet done. */
  private current(document: ClmDocument): ClmWorkflow | undefined {
    return document.workflows.find(
      (workflow) =>
        workflow.state !== WORKFLOW_STATE.Signed &&
        workflow.state !== WORKFLOW_STATE.Approved &&
        !(workflow.role === ROLE.Viewer && workflow.state === WORKFLOW_STATE.Seen),
    );
  }

  /**
   * Moves the current recipient one step as a person would (Unseen → Seen → Signed / Approved;
   * a viewer is done once seen), or rejects. The document becomes Signed when every recipient
   * is done, Rejected on a rejection; the callback is then sent.
   */
  async advance(id: string, action: 'next' | 'reject' | 'expire' = 'next'): Promise<ClmDocument> {
    const document = this.documents.get(id);
    if (!document) throw new ClmFault(1, 'No such document.', 404);
    if (document.state !== DOCUMENT_STATE.InProgress) throw new ClmFault(3001, 'تغییر وضعیت سند امکان‌پذیر نیست.');
    const stamp = new Date(this.now()).toISOString();
    const workflow = this.current(document);
    if (action === 'expire') document.state = DOCUMENT_STATE.Expired;
    else if (workflow && action === 'reject') {
      workflow.state = WORKFLOW_STATE.Rejected;
      workflow.rejectTime = stamp;
      document.state = DOCUMENT_STATE.Rejected;
    } else if (workflow) {
      if (workflow.state === WORKFLOW_STATE.Unseen) {
        workflow.state = WORKFLOW_STATE.Seen;
        workflow.seen = stamp;
      } else if (workflow.role === ROLE.Approver) {
        workflow.state = WORKFLOW_STATE.Approved;
        workflow.approveTime = stamp;
      } else {
        workflow.state = WORKFLOW_STATE.Signed;
        workflow.signedTime = stamp;
      }
      if (!this.current(document)) {
        document.state = DOCUMENT_STATE.Signed;
        document.base64 = await this.signedCopy(document);
      }
    }
    document.lastModified = stamp;
    if (document.state !== DOCUMENT_STATE.InProgress) await this.callBack(document);
    return document;
  }

  /** The "final" PDF: the original with a marker comment appended (the emulator does not sign CLM documents). */
  private async signedCopy(document: ClmDocument): Promise<string> {
    const bytes = Uint8Array.from(atob(document.base64), (char) => char.charCodeAt(0));
    const marker = new TextEncoder().encode(`\n% emzano-emulator: signed by ${document.workflows.length} recipient(s)\n`);
    const joined = new Uint8Array(bytes.length + marker.length);
    joined.set(bytes);
    joined.set(marker, bytes.length);
    let text = '';
    for (const byte of joined) text += String.fromCharCode(byte);
    return btoa(text);
  }

  private async callBack(document: ClmDocument): Promise<void> {
    if (!document.callbackUrl) return;
    const names: Record<number, string> = { 3: 'Signed', 4: 'Rejected', 5: 'Expired' };
    const body = { documentId: document.id, state: names[document.state], title: document.title };
    let status = 0;
    try {
      status = (
        await this.send(document.callbackUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    } catch {
      status = 0; // The host's endpoint was unreachable: recorded, not retried.
    }
    this.callbacks.push({ url: document.callbackUrl, body, status });
  }
}
