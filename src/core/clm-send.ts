/**
 * Preparing a contract for several recipients (`<emzano-sign-pdf mode="send">`): checking the
 * recipients before anything is sent, and building CLM's execute-file body (CLM reference §4)
 * from them. Pure: no DOM, no network.
 */
import { isFieldShape, type PdfField } from './pdf-geometry.js';
import { normalizeNationalCode, normalizePhoneNumber } from './validation.js';

export type RecipientRole = 'signer' | 'viewer' | 'approver';

/** CLM's role numbers (§7.1). */
export const ROLE_NUMBER: Record<RecipientRole, number> = { signer: 0, viewer: 1, approver: 2 };

export interface SignatureFieldOptions {
  /** A certificate (digital) signature rather than a handwritten image only. Default true. */
  digitalSignature?: boolean;
  /** Repeat the signature on every page from the start page. Default false. */
  repeatSignature?: boolean;
}

export interface ClmRecipient {
  name: string;
  mobile: string;
  nationalCode: string;
  /** What the recipient is to the contract, e.g. "First party". */
  title: string;
  role: RecipientRole;
  /** Position in the signing sequence, 1 first. */
  order: number;
  /** Where a signer signs, in the same PDF terms as sign mode; absent for viewers and approvers. */
  field?: (PdfField & SignatureFieldOptions) | undefined;
}

export interface SendOptions {
  title: string;
  /** The page the signature fields are on (1-based, as shown to the person). */
  startPage: number;
  /** How CLM counts `startPage`: 0 (the reference's sample) or 1. */
  startPageBase?: 0 | 1;
  expiredAt?: Date | string;
  callbackUrl?: string;
  certificatePayment?: boolean;
}

export type RecipientProblemKind =
  'name' | 'mobile' | 'national-code' | 'duplicate' | 'role' | 'order' | 'field-missing' | 'field-page' | 'field-shape';

export const RECIPIENT_ROLES: readonly RecipientRole[] = ['signer', 'viewer', 'approver'];

export interface RecipientProblem {
  /** Index in the list as given. */
  index: number;
  problem: RecipientProblemKind;
}

export interface ExecuteFilePayload {
  base64File: string;
  title: string;
  callbackUrl?: string;
  expiredAt?: string;
  startPage: number;
  certificatePayment?: boolean;
  workflows: Array<{
    title: string;
    contact: string;
    nationalCode: string;
    role: number;
    name: string;
    signatureField?: { x: number; y: number; width: number; height: number; digitalSignature: boolean; repeatSignature: boolean };
  }>;
}

/**
 * Everything wrong with the recipients, in list order: a missing name, a bad mobile or national
 * code, the same person twice (same national code), a role that is not one of the three words
 * (CLM's own numbers included: the element speaks words), an order that is not a whole number
 * from 1, a signer without a field, a field whose numbers are not a box on a page, or a field that
 * is not on the start page (CLM takes one start page for the whole document and no page per field).
 * Values of the wrong type (a host's mistake) are problems too, never exceptions.
 */
export function checkRecipients(recipients: readonly ClmRecipient[], startPage: number): RecipientProblem[] {
  const problems: RecipientProblem[] = [];
  const seen = new Map<string, number>();
  recipients.forEach((recipient, index) => {
    const flag = (problem: RecipientProblemKind) => problems.push({ index, problem });
    if (text(recipient.name).trim() === '') flag('name');
    if (!normalizePhoneNumber(text(recipient.mobile)).ok) flag('mobile');
    const code = normalizeNationalCode(text(recipient.nationalCode));
    if (!code.ok) flag('national-code');
    else if (seen.has(code.value)) flag('duplicate');
    else seen.set(code.value, index);
    if (!RECIPIENT_ROLES.includes(recipient.role)) flag('role');
    if (!Number.isInteger(recipient.order) || recipient.order < 1) flag('order');
    if (recipient.role === 'signer') {
      const field = recipient.field;
      if (!field) flag('field-missing');
      else if (!isFieldShape(field)) flag('field-shape');
      else if (field.page !== startPage) flag('field-page');
    }
  });
  return problems;
}

/** A value a host set as text, or `''` when it is not text at all. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export type SendOptionProblem = 'title' | 'expired-at' | 'callback-url' | 'start-page';

/**
 * What is wrong with the contract's own settings: no title, a deadline that is not a future
 * moment, a callback that is not an http(s) URL, a start page outside the document.
 */
export function checkSendOptions(options: SendOptions, pageCount: number, now = new Date()): SendOptionProblem[] {
  const problems: SendOptionProblem[] = [];
  if (options.title.trim() === '') problems.push('title');
  if (options.expiredAt !== undefined && !(new Date(options.expiredAt).getTime() > now.getTime())) problems.push('expired-at');
  if (options.callbackUrl && !/^https?:\/\/[^\s/]+/i.test(options.callbackUrl.trim())) problems.push('callback-url');
  if (!Number.isInteger(options.startPage) || options.startPage < 1 || options.startPage > pageCount) problems.push('start-page');
  return problems;
}

/** A deadline as a `datetime-local` input shows it (local time, minutes); `''` when unset or unreadable. */
export function localDateTimeValue(value: Date | string | undefined): string {
  if (value === undefined) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const two = (part: number) => String(part).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** A new, empty recipient: a signer, last in the signing order. */
export function blankRecipient(recipients: readonly ClmRecipient[]): ClmRecipient {
  const last = recipients.reduce((highest, recipient) => Math.max(highest, recipient.order), 0);
  return { name: '', mobile: '', nationalCode: '', title: '', role: 'signer', order: last + 1 };
}

/**
 * The recipients with every signer's field moved to `page` (whose crop box is `size`), at the same
 * place relative to the page, so changing the start page keeps the layout the sender chose.
 */
export function moveFieldsToPage(
  recipients: readonly ClmRecipient[],
  page: number,
  size: { width: number; height: number },
): ClmRecipient[] {
  return recipients.map((recipient) => {
    const field = recipient.field;
    if (!isFieldShape(field) || field.page === page) return recipient;
    const sx = size.width / field.pageWidth;
    const sy = size.height / field.pageHeight;
    const width = Math.min(field.width * sx, size.width);
    const height = Math.min(field.height * sy, size.height);
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      ...recipient,
      field: {
        ...field,
        page,
        x: round(Math.min(field.x * sx, size.width - width)),
        y: round(Math.min(field.y * sy, size.height - height)),
        width: round(width),
        height: round(height),
        pageWidth: size.width,
        pageHeight: size.height,
      },
    };
  });
}

/** Recipients in signing order (by `order`, then as listed). */
export function inSigningOrder(recipients: readonly ClmRecipient[]): ClmRecipient[] {
  return recipients
    .map((recipient, index) => ({ recipient, index }))
    .sort((a, b) => a.recipient.order - b.recipient.order || a.index - b.index)
    .map(({ recipient }) => recipient);
}

/**
 * The execute-file body, exactly as the reference describes it: recipients in signing order,
 * values normalised, each signer's `signatureField` in PDF units from the page's lower-left
 * corner. Throws if `checkRecipients` finds anything (call it first to show the problems).
 */
export function buildExecuteFilePayload(base64File: string, recipients: readonly ClmRecipient[], options: SendOptions): ExecuteFilePayload {
  const problems = checkRecipients(recipients, options.startPage);
  if (problems.length)
    throw new Error(`Recipients to fix first: ${problems.map((entry) => `#${entry.index + 1} ${entry.problem}`).join(', ')}`);
  const expiredAt = options.expiredAt === undefined ? undefined : new Date(options.expiredAt).toISOString();
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    base64File,
    title: options.title.trim(),
    ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
    ...(expiredAt ? { expiredAt } : {}),
    startPage: options.startPage - 1 + (options.startPageBase ?? 0),
    ...(options.certificatePayment === undefined ? {} : { certificatePayment: options.certificatePayment }),
    workflows: inSigningOrder(recipients).map((recipient) => ({
      title: recipient.title.trim(),
      contact: (normalizePhoneNumber(recipient.mobile) as { value: string }).value,
      nationalCode: (normalizeNationalCode(recipient.nationalCode) as { value: string }).value,
      role: ROLE_NUMBER[recipient.role],
      name: recipient.name.trim(),
      ...(recipient.role === 'signer' && recipient.field
        ? {
            signatureField: {
              x: round(recipient.field.x),
              y: round(recipient.field.y),
              width: round(recipient.field.width),
              height: round(recipient.field.height),
              digitalSignature: recipient.field.digitalSignature ?? true,
              repeatSignature: recipient.field.repeatSignature ?? false,
            },
          }
        : {}),
    })),
  };
}

/** A problem in a body as it travels to CLM: where (`workflows[1].contact`) and what. */
export interface BodyProblem {
  path: string;
  problem: string;
}

const WIRE_ROLES = new Set([0, 1, 2]);

/**
 * The server's own check of an execute-file body (CLM reference §4) before the organisation's CLM
 * credentials are spent on it: the browser checks the same things, but a crafted request skips the
 * browser. Every problem is listed, with where it is.
 */
export function checkExecuteFileBody(body: Record<string, unknown>): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const flag = (path: string, problem: string) => problems.push({ path, problem });
  const file = body['base64File'];
  if (typeof file !== 'string' || file === '') flag('base64File', 'required');
  else if (!looksLikeBase64Pdf(file)) flag('base64File', 'not-a-pdf');
  if (typeof body['title'] !== 'string' || body['title'].trim() === '') flag('title', 'required');
  if (!Number.isInteger(body['startPage']) || (body['startPage'] as number) < 0) flag('startPage', 'invalid');
  if (body['expiredAt'] !== undefined && (typeof body['expiredAt'] !== 'string' || Number.isNaN(Date.parse(body['expiredAt']))))
    flag('expiredAt', 'invalid');
  if (body['certificatePayment'] !== undefined && typeof body['certificatePayment'] !== 'boolean') flag('certificatePayment', 'invalid');
  const workflows = body['workflows'];
  if (!Array.isArray(workflows) || workflows.length === 0) {
    flag('workflows', 'required');
    return problems;
  }
  const seen = new Set<string>();
  workflows.forEach((workflow: unknown, index) => {
    const at = `workflows[${index}]`;
    if (typeof workflow !== 'object' || workflow === null || Array.isArray(workflow)) return flag(at, 'invalid');
    const entry = workflow as Record<string, unknown>;
    if (text(entry['name']).trim() === '') flag(`${at}.name`, 'name');
    if (typeof entry['title'] !== 'string') flag(`${at}.title`, 'required');
    if (!normalizePhoneNumber(text(entry['contact'])).ok) flag(`${at}.contact`, 'mobile');
    const code = normalizeNationalCode(text(entry['nationalCode']));
    if (!code.ok) flag(`${at}.nationalCode`, 'national-code');
    else if (seen.has(code.value)) flag(`${at}.nationalCode`, 'duplicate');
    else seen.add(code.value);
    if (!WIRE_ROLES.has(entry['role'] as number)) flag(`${at}.role`, 'role');
    const field = entry['signatureField'];
    if (entry['role'] === ROLE_NUMBER.signer && field === undefined) flag(`${at}.signatureField`, 'field-missing');
    if (field !== undefined && !isWireField(field)) flag(`${at}.signatureField`, 'field-shape');
  });
  return problems;
}

function isWireField(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const field = value as Record<string, unknown>;
  const finite = (key: string) => typeof field[key] === 'number' && Number.isFinite(field[key]);
  return (
    finite('x') &&
    finite('y') &&
    finite('width') &&
    finite('height') &&
    (field['x'] as number) >= 0 &&
    (field['y'] as number) >= 0 &&
    (field['width'] as number) > 0 &&
    (field['height'] as number) > 0 &&
    typeof field['digitalSignature'] === 'boolean' &&
    typeof field['repeatSignature'] === 'boolean'
  );
}

/** Base64 whose bytes start with `%PDF-` within the first KiB, as readers allow. */
function looksLikeBase64Pdf(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  try {
    return atob(value.slice(0, 1368)).includes('%PDF-');
  } catch {
    return false;
  }
}
