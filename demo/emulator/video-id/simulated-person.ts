/**
 * The person at the other end of the SMS link, for the video identity-verification emulator: after
 * a request is sent they open the link, show their document, record themselves, and the service
 * reports each change to the host's webhook. The reference's list of statuses is missing
 * (Ambiguity 3); the emulator uses the two it names (5001 with a result, as its sample, and 5100,
 * the certificate) and three of its own between (docs/emulator.md lists them), so the element's
 * "shown by number" path is exercised too.
 */
import { toMadridTime } from '../../../src/core/madrid-time.js';

/** The emulator's statuses. Only 5001 (the sample's, with a result) and 5100 (certificate) come from the reference. */
export const EMULATED_STATUS = {
  /** Ours: the SMS went out. */
  sent: 5000,
  /** Ours: the person opened the link (access, device, position known). */
  opened: 5010,
  /** Ours: the document's front and back were read. */
  documentRead: 5020,
  /** The reference's sample status, which carries the result. */
  finished: 5001,
  /** The reference's certificate status (§5). */
  certificate: 5100,
} as const;

/** What the simulated person does. */
export type PersonOutcome = 'complete' | 'reject' | 'abandon' | 'mismatch';

export interface SentVerification {
  id: string;
  phone: string;
  dni: string | undefined;
  /** Madrid time text, as the reports carry their times (their zone is unstated; the emulator uses Madrid's). */
  sentAt: string;
  outcome: PersonOutcome;
  status: number;
}

/** The document the person holds: the one asked for, except when they show another (`mismatch`). */
function documentNumber(sent: SentVerification): string {
  if (sent.outcome === 'mismatch') return sent.dni === '12345678Z' ? '00000000T' : '12345678Z';
  return sent.dni ?? '00000000T';
}

/** The reports the person's actions produce, in order (each without `ID`, `Servicio` and times, added on delivery). */
export function personReports(sent: SentVerification, at: () => string): Record<string, unknown>[] {
  const opened = {
    Acceso: { Fecha: `${at()}:21`, IP: '85.10.20.221', Puerto: '11892' },
    Posicion: {
      Direccion: 'C. de Alcalá, 8, 28014 Madrid, Spain',
      Coordenadas: { Longitud: '-3.6967', Latitud: '40.4189', Altura: 657.5, Precision: 15.27 },
    },
    Dispositivo: { browser: 'Chrome 142.0.7444.59', SysOp: 'Android 15', displayResolution: '412 x 915' },
  };
  const number = documentNumber(sent);
  const documentRead = { ...opened, DNIAnverso: number, DNIReverso: number, DNISolicitado: sent.dni ?? '' };
  const rejected = sent.outcome === 'reject';
  const score = rejected ? 31.402 : 93.957847595214844;
  const requestedMatches = sent.dni ? (number === sent.dni ? 'Si' : 'No') : 'N/A';
  const result = {
    Resultado: score,
    DNIAnverso: number,
    DNIReverso: number,
    AnversoReversoCoinciden: 'Si',
    DNISolicitado: sent.dni ?? '',
    DNISolicitadoCoincide: requestedMatches,
    DNI: {
      Edad: 66,
      FechaNacimiento: '18/12/1959',
      DNI: number,
      Nacionalidad: 'ESP',
      Pais: 'ESP',
      Nombre: 'APARICIO GARCIA,RAFAEL',
      NumeroSerie: 'BGT78666',
      TipoDocumento: 'ID-1',
      Sexo: 'M',
      FechaExpira: '19/10/2031',
      Caducado: 'No',
    },
    ProcesoRelizadoMismaPersona: rejected ? 'No' : 'Si',
    Barba: 'No',
    Bigote: 'No',
    GafasLectura: 'No',
    GafasSol: 'No',
    Sexo: 'Hombre con probabilidad de 99.599784851074%',
    RangoAparenteEdad: '58-70',
    Dispositivo: 'Android.v15-Chrome.v142.0.7444.59',
    ParecidoPersonaDNI: score,
    PruebaDeVida: rejected ? 'No' : 'Si',
  };
  const reports: Record<string, unknown>[] = [{ Estado: EMULATED_STATUS.sent }, { Estado: EMULATED_STATUS.opened, ...opened }];
  if (sent.outcome === 'abandon') return reports;
  reports.push({ Estado: EMULATED_STATUS.documentRead, ...documentRead });
  reports.push({ Estado: EMULATED_STATUS.finished, ...documentRead, Result: result });
  reports.push({ Estado: EMULATED_STATUS.certificate, ...documentRead, Result: result });
  return reports;
}

/** How the panel says reports are delivered. */
export interface WebhookSettings {
  url: string;
  /** Basic credentials the service sends (the panel's option), or none. */
  basic?: { username: string; password: string };
  /** `json` (the panel's JSON), `form` (FORM-DATA: multipart) or `urlencoded`. */
  format: 'json' | 'form' | 'urlencoded';
  /** The nested fields as JSON text (the reference's sample) or as objects (its types; JSON only). */
  nestedAs: 'string' | 'object';
  /** Deliver each report twice (the duplicate-delivery fault). */
  duplicate?: boolean;
}

const NESTED = ['Acceso', 'Posicion', 'Dispositivo', 'Result'];

/** One report's body and headers as the panel's settings make it. */
export function webhookRequest(settings: WebhookSettings, report: Record<string, unknown>): RequestInit {
  const headers: Record<string, string> = {};
  if (settings.basic)
    headers['Authorization'] = `Basic ${Buffer.from(`${settings.basic.username}:${settings.basic.password}`).toString('base64')}`;
  // Numbers as strings, as the sample sends `Estado` and `Telefono`.
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    if (NESTED.includes(key)) flat[key] = settings.format === 'json' && settings.nestedAs === 'object' ? value : JSON.stringify(value);
    else flat[key] = typeof value === 'number' ? String(value) : value;
  }
  if (settings.format === 'json') {
    headers['Content-Type'] = 'application/json';
    return { method: 'POST', headers, body: JSON.stringify(flat) };
  }
  if (settings.format === 'urlencoded') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return { method: 'POST', headers, body: new URLSearchParams(flat as Record<string, string>).toString() };
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(flat)) form.append(key, String(value));
  return { method: 'POST', headers, body: form };
}

/** The report with the fields every delivery carries. */
export function withEnvelope(sent: SentVerification, report: Record<string, unknown>, now: number): Record<string, unknown> {
  return {
    Servicio: 'VERIFICACION_IDENTIDAD',
    ID: sent.id,
    FechaEnvio: sent.sentAt,
    UltimaActualizacion: toMadridTime(new Date(now)),
    Telefono: sent.phone,
    ...report,
  };
}
