/**
 * Builds the body of CLM's execute-template call (CLM reference §3) from typed input, checking
 * every value against the type its template declares (`_REQUIRED_SHEBA`, `_OPTIONAL_URL`, …)
 * before anything is sent. Pure: works in the browser and on the server.
 */
import { checkClmValue, parsePlaceholder, type ClmFieldError, type ClmPlaceholder, type ClmValueType } from './clm-fields.js';

export interface TemplateRecipientInput {
  /** The recipient slot's id in the template (fixed, copied from the template). */
  id: string;
  /** Mobile number. */
  contact: string;
  nationalCode: string;
  name: string;
  /** The slot's title in the template, for guidance ("First party of the contract"). */
  title?: string;
}

export interface TemplateFieldInput {
  /** The field's name in the template, e.g. `text-1`. */
  name: string;
  /** What the template declares: a placeholder (`_REQUIRED_SHEBA`) or a type and `required`. */
  type: ClmPlaceholder | ClmValueType;
  required?: boolean;
  value: string;
}

export interface TemplatePayloadInput {
  templateId: string;
  title: string;
  callbackUrl?: string;
  expiredAt?: Date | string;
  certificatePayment?: boolean;
  workflows: TemplateRecipientInput[];
  documentFields?: TemplateFieldInput[];
  /** The sender's fields; the reference leaves their shape open, so they are passed through. */
  ownerFields?: unknown[];
}

export interface TemplatePayload {
  templateId: string;
  title: string;
  callbackUrl?: string;
  expiredAt?: string;
  certificatePayment?: boolean;
  workflows: Array<{ id: string; contact: string; title: string; nationalCode: string; name: string }>;
  documentFields: Array<{ name: string; value: string }>;
  ownerFields: unknown[];
}

export interface TemplateProblem {
  /** Where, e.g. `workflows[0].contact` or `documentFields[text-1]`. */
  path: string;
  error: ClmFieldError;
  reason: string;
}

/** Thrown with every problem found, so a form can flag them all at once. */
export class TemplatePayloadError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(
      `The template payload has ${problems.length} problem(s): ${problems.map((problem) => `${problem.path}: ${problem.reason}`).join('; ')}`,
    );
    this.name = 'TemplatePayloadError';
  }
}

/** A CLM id (document, template, recipient slot): a GUID. */
export const GUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const GUID = new RegExp(`^${GUID_SOURCE}$`);

export function buildTemplatePayload(input: TemplatePayloadInput): TemplatePayload {
  const problems: TemplateProblem[] = [];
  const check = (path: string, type: ClmValueType, value: string, required: boolean): string => {
    const result = checkClmValue(type, value, required);
    if (result.ok) return result.value;
    problems.push({ path, error: result.error, reason: result.reason });
    return value;
  };

  if (!GUID.test(input.templateId)) problems.push({ path: 'templateId', error: 'invalid', reason: 'The template id is a GUID.' });
  const title = check('title', 'TEXT', input.title, true);
  const callbackUrl = input.callbackUrl === undefined ? undefined : check('callbackUrl', 'URL', input.callbackUrl, false);
  let expiredAt: string | undefined;
  if (input.expiredAt !== undefined) {
    const date = input.expiredAt instanceof Date ? input.expiredAt : new Date(input.expiredAt);
    if (Number.isNaN(date.getTime())) problems.push({ path: 'expiredAt', error: 'invalid', reason: 'Not a date.' });
    else expiredAt = date.toISOString();
  }
  if (input.workflows.length === 0) problems.push({ path: 'workflows', error: 'required', reason: 'At least one recipient.' });
  const workflows = input.workflows.map((recipient, index) => {
    const at = `workflows[${index}]`;
    if (!GUID.test(recipient.id)) problems.push({ path: `${at}.id`, error: 'invalid', reason: 'The recipient slot id is a GUID.' });
    return {
      id: recipient.id,
      contact: check(`${at}.contact`, 'PHONE', recipient.contact, true),
      title: recipient.title ?? '',
      nationalCode: check(`${at}.nationalCode`, 'NATIONALCODE', recipient.nationalCode, true),
      name: check(`${at}.name`, 'TEXT', recipient.name, true),
    };
  });
  const documentFields = (input.documentFields ?? []).map((field) => {
    const declared = field.type.startsWith('_')
      ? parsePlaceholder(field.type)
      : { type: field.type as ClmValueType, required: field.required ?? true };
    if (!declared) {
      problems.push({ path: `documentFields[${field.name}]`, error: 'invalid', reason: `Unknown type ${field.type}.` });
      return { name: field.name, value: field.value };
    }
    return { name: field.name, value: check(`documentFields[${field.name}]`, declared.type, field.value, declared.required) };
  });
  if (problems.length) throw new TemplatePayloadError(problems);
  return {
    templateId: input.templateId,
    title,
    ...(callbackUrl ? { callbackUrl } : {}),
    ...(expiredAt ? { expiredAt } : {}),
    ...(input.certificatePayment === undefined ? {} : { certificatePayment: input.certificatePayment }),
    workflows,
    documentFields,
    ownerFields: input.ownerFields ?? [],
  };
}

/**
 * The server's own check of an execute-template body (CLM reference §3) before the organisation's
 * CLM credentials are spent on it. With the template's declared field types (`fieldTypes`, by
 * field name), each value is checked against its type and a field the template does not have is
 * refused; without them, the fields are only checked to be names and text.
 */
export function checkExecuteTemplateBody(
  body: Record<string, unknown>,
  fieldTypes?: Record<string, ClmPlaceholder | ClmValueType>,
): Array<{ path: string; problem: string }> {
  const problems: Array<{ path: string; problem: string }> = [];
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const records = (value: unknown, path: string): Record<string, unknown>[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push({ path, problem: 'invalid' });
      return [];
    }
    return value.map((item: unknown, index) => {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) return item as Record<string, unknown>;
      problems.push({ path: `${path}[${index}]`, problem: 'invalid' });
      return {};
    });
  };
  const workflows = records(body['workflows'], 'workflows');
  const fields = records(body['documentFields'], 'documentFields');
  const input: TemplatePayloadInput = {
    templateId: text(body['templateId']),
    title: text(body['title']),
    ...(body['expiredAt'] === undefined ? {} : { expiredAt: text(body['expiredAt']) || 'not a date' }),
    workflows: workflows.map((workflow) => ({
      id: text(workflow['id']),
      contact: text(workflow['contact']),
      nationalCode: text(workflow['nationalCode']),
      name: text(workflow['name']),
    })),
    documentFields: fields.map((field, index) => {
      const name = text(field['name']);
      if (name === '' || typeof field['value'] !== 'string') problems.push({ path: `documentFields[${index}]`, problem: 'invalid' });
      const declared = fieldTypes?.[name];
      if (fieldTypes && !declared) problems.push({ path: `documentFields[${name}]`, problem: 'unknown-field' });
      return { name, value: text(field['value']), ...(declared ? { type: declared } : { type: 'TEXT' as const, required: false }) };
    }),
  };
  if (body['certificatePayment'] !== undefined && typeof body['certificatePayment'] !== 'boolean')
    problems.push({ path: 'certificatePayment', problem: 'invalid' });
  try {
    buildTemplatePayload(input);
  } catch (error) {
    if (!(error instanceof TemplatePayloadError)) throw error;
    for (const found of error.problems) problems.push({ path: found.path, problem: found.error });
  }
  return problems;
}
