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
