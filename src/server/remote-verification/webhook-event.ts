/**
 * Reads one webhook report of the video identity-verification service (reference §4) into our
 * typed event. The reference types the nested `Acceso`, `Posicion`, `Dispositivo` and `Result` as
 * "Array of arrays" while its sample sends JSON text holding objects, and its numbers as strings
 * (Ambiguity 5): each is read in every one of those forms. Names are matched without regard to
 * case, as the service treats its own parameter names.
 */
import { isRecord } from '../../core/is-record.js';
import type { RemoteResult, RemoteVerificationEvent, YesNo } from '../../core/remote-verification-contract.js';
import { vendorNumber } from './vendor-client.js';

export type WebhookFields = Record<string, unknown>;

/** Why a report was not taken. */
export type WebhookProblem = 'id-missing' | 'status-missing';

/** A field by name in any case. */
function field(fields: WebhookFields, name: string): unknown {
  if (name in fields) return fields[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(fields)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A nested value sent as JSON text, as an object, or as an array holding one. */
export function nested(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  // "Array of arrays": an array holding the object (or one more array around it).
  while (Array.isArray(parsed) && parsed.length === 1) parsed = parsed[0];
  return isRecord(parsed) ? parsed : undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** Numbers come as numbers or as strings (`"5001"`, `"93.95"`), as the vendor's answers do. */
const number = vendorNumber;

/** `Si`/`Sí`/`Yes`/`true` → true, `No`/`false` → false, `N/A` and the rest → undefined. */
const yesNo = (value: unknown): YesNo => {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  if (word === 'si' || word === 'yes' || word === 'true') return true;
  if (word === 'no' || word === 'false') return false;
  return undefined;
};

/** Drops the keys whose value is `undefined`, so answers carry only what the vendor sent. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function readResult(result: Record<string, unknown>): RemoteResult {
  const documentFields = nested(field(result, 'DNI'));
  return defined({
    score: number(field(result, 'Resultado')),
    faceSimilarity: number(field(result, 'ParecidoPersonaDNI')),
    liveness: yesNo(field(result, 'PruebaDeVida')),
    // The reference's key is spelt "Relizado"; the correct spelling is read too.
    samePerson: yesNo(field(result, 'ProcesoRelizadoMismaPersona') ?? field(result, 'ProcesoRealizadoMismaPersona')),
    frontBackMatch: yesNo(field(result, 'AnversoReversoCoinciden')),
    requestedDocument: text(field(result, 'DNISolicitado')),
    requestedDocumentMatches: yesNo(field(result, 'DNISolicitadoCoincide')),
    document: documentFields
      ? defined({
          number: text(field(documentFields, 'DNI')),
          name: text(field(documentFields, 'Nombre')),
          birthDate: text(field(documentFields, 'FechaNacimiento')),
          age: number(field(documentFields, 'Edad')),
          nationality: text(field(documentFields, 'Nacionalidad')),
          country: text(field(documentFields, 'Pais')),
          serialNumber: text(field(documentFields, 'NumeroSerie')),
          type: text(field(documentFields, 'TipoDocumento')),
          sex: text(field(documentFields, 'Sexo')),
          expires: text(field(documentFields, 'FechaExpira')),
          expired: yesNo(field(documentFields, 'Caducado')),
        })
      : undefined,
    apparentSex: text(field(result, 'Sexo')),
    apparentAgeRange: text(field(result, 'RangoAparenteEdad')),
    device: text(field(result, 'Dispositivo')),
    beard: yesNo(field(result, 'Barba')),
    moustache: yesNo(field(result, 'Bigote')),
    readingGlasses: yesNo(field(result, 'GafasLectura')),
    sunglasses: yesNo(field(result, 'GafasSol')),
  });
}

/**
 * The report's typed reading (without `eventId` and `receivedAt`, which the receiver adds), or
 * the problem that makes it unusable: without `ID` it cannot be matched, without `Estado` it says nothing.
 */
export function readWebhookEvent(
  fields: WebhookFields,
): { ok: true; event: Omit<RemoteVerificationEvent, 'eventId' | 'receivedAt'> } | { ok: false; problem: WebhookProblem } {
  const id = text(field(fields, 'ID'));
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return { ok: false, problem: 'id-missing' };
  const status = number(field(fields, 'Estado'));
  if (status === undefined || !Number.isInteger(status)) return { ok: false, problem: 'status-missing' };

  const access = nested(field(fields, 'Acceso'));
  const position = nested(field(fields, 'Posicion'));
  const coordinates = position ? nested(field(position, 'Coordenadas')) : undefined;
  const device = nested(field(fields, 'Dispositivo'));
  const result = nested(field(fields, 'Result'));
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    raw[key] = ['acceso', 'posicion', 'dispositivo', 'result'].includes(key.toLowerCase()) ? (nested(value) ?? value) : value;
  }
  return {
    ok: true,
    event: defined({
      id,
      status,
      service: text(field(fields, 'Servicio')) ?? '',
      sentAt: text(field(fields, 'FechaEnvio')),
      updatedAt: text(field(fields, 'UltimaActualizacion')),
      access: access
        ? defined({ date: text(field(access, 'Fecha')), ip: text(field(access, 'IP')), port: text(field(access, 'Puerto')) })
        : undefined,
      position: position
        ? defined({
            address: text(field(position, 'Direccion')),
            latitude: coordinates ? number(field(coordinates, 'Latitud')) : undefined,
            longitude: coordinates ? number(field(coordinates, 'Longitud')) : undefined,
            altitude: coordinates ? number(field(coordinates, 'Altura')) : undefined,
            accuracy: coordinates ? number(field(coordinates, 'Precision')) : undefined,
          })
        : undefined,
      device: device
        ? defined({
            browser: text(field(device, 'browser')),
            system: text(field(device, 'SysOp')),
            resolution: text(field(device, 'displayResolution')),
          })
        : undefined,
      documentFront: text(field(fields, 'DNIAnverso')),
      documentBack: text(field(fields, 'DNIReverso')),
      requestedDocument: text(field(fields, 'DNISolicitado')),
      result: result ? readResult(result) : undefined,
      raw,
    }),
  };
}
