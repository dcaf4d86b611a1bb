/**
 * A remote verification request, every field checked at once, turned into the parameters of
 * `POST /VerificarIdentidad` (video-identity-verification-api.md §3): the server kit's check
 * before it calls the service, and the element's before it sends (loaded then, with its client).
 */
import { toMadridTime } from './madrid-time.js';
import {
  checkMessage,
  checkSchedule,
  checkSender,
  normalizeInternationalPhone,
  normalizeSpanishId,
  type RemoteFieldProblem,
  type RemoteRequestField,
} from './remote-request.js';

/** The parameters of `POST /VerificarIdentidad`, in the reference's spelling. */
export interface VerificationParameters {
  Telefono: string;
  Mensaje?: string;
  Remitente?: string;
  Dni?: string;
  /** `YYYY-MM-DD HH:mm` in Madrid time. */
  Fecha?: string;
}

export type CheckedRemoteRequest =
  { ok: true; parameters: VerificationParameters } | { ok: false; problems: Partial<Record<RemoteRequestField, RemoteFieldProblem>> };

/** Every check, every field at once (so the person sees all problems together), and the vendor's parameters. */
export function checkRemoteRequest(input: Record<string, unknown>, now: number = Date.now()): CheckedRemoteRequest {
  const problems: Partial<Record<RemoteRequestField, RemoteFieldProblem>> = {};
  const text = (name: RemoteRequestField): string | undefined => {
    const value = input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      problems[name] = 'required';
      return undefined;
    }
    return value;
  };
  const parameters: Partial<VerificationParameters> = {};

  const phone = normalizeInternationalPhone(text('phone') ?? '');
  if (phone.ok) parameters.Telefono = phone.value;
  else problems.phone ??= phone.problem;

  const message = text('message')?.trim();
  if (message) {
    const problem = checkMessage(message);
    if (problem) problems.message = problem;
    else parameters.Mensaje = message;
  }
  const sender = text('sender')?.trim();
  if (sender) {
    const problem = checkSender(sender);
    if (problem) problems.sender = problem;
    else parameters.Remitente = sender;
  }
  const dni = text('dni')?.trim();
  if (dni) {
    const checked = normalizeSpanishId(dni);
    if (checked.ok) parameters.Dni = checked.value;
    else problems.dni = checked.problem;
  }
  const sendAt = text('sendAt')?.trim();
  if (sendAt) {
    const checked = checkSchedule(sendAt, now);
    if (checked.ok) parameters.Fecha = toMadridTime(checked.value);
    else problems.sendAt = checked.problem;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, parameters: parameters as VerificationParameters };
}
