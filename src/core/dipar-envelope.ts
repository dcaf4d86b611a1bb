/**
 * Dipar's answers, read leniently (reference §2.1, Ambiguities 3–5): the code and message under
 * `ResponseCode`/`ResponseMessage` (the class), `RespnsCode`/`RespnsMessage` (most samples) or
 * `RespenseCode`/`RespenseMessage` (the admittance video); the `Exception` object's `ErrorCode`,
 * `ErrorMessage` and `TechnicalMessage`. Code 0 is success, 2 "not finished", 1 an exception, 401
 * unauthorised.
 */
import { isRecord } from './is-record.js';

export interface DiparException {
  /** An `ExceptionCode` (reference §2.4). */
  code: number;
  /** For the person, in the operator's language. */
  message: string;
  /** English, for logs. */
  technical: string;
}

export interface DiparAnswer {
  code: number;
  message: string;
  result: unknown;
  failureResult: unknown;
  exception: DiparException | undefined;
}

const first = (body: Record<string, unknown>, names: string[]) => names.map((name) => body[name]).find((value) => value !== undefined);

/** The answer's parts; `undefined` when it is not a Dipar envelope at all. */
export function readDiparAnswer(body: unknown): DiparAnswer | undefined {
  if (!isRecord(body)) return undefined;
  const code = first(body, ['ResponseCode', 'RespnsCode', 'RespenseCode']);
  if (typeof code !== 'number') return undefined;
  const message = first(body, ['ResponseMessage', 'RespnsMessage', 'RespenseMessage']);
  const raw = body['Exception'];
  const exception =
    isRecord(raw) && typeof raw['ErrorCode'] === 'number'
      ? {
          code: raw['ErrorCode'],
          message: typeof raw['ErrorMessage'] === 'string' ? raw['ErrorMessage'] : '',
          technical: typeof raw['TechnicalMessage'] === 'string' ? raw['TechnicalMessage'] : '',
        }
      : undefined;
  return {
    code,
    message: typeof message === 'string' ? message : '',
    result: body['Result'],
    failureResult: body['FailureResult'],
    exception,
  };
}
