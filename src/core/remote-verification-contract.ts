/**
 * What the server kit's remote-verification endpoint answers the browser (and the host), in our
 * words: the vendor's webhook reports (video-identity-verification-api.md §4), read once on the
 * server, typed here so `<emzano-remote-verification>` and a host's own dashboard read the same
 * shapes. Every report also keeps `raw`, the fields as the vendor sent them, so nothing the
 * reference does not list is lost.
 */

/** `Estado` the reference names: 5100, the certificate status (§5). Its list of statuses is missing (Ambiguity 3). */
export const CERTIFICATE_STATUS = 5100;

/** `Si` / `No` as booleans; `N/A` and anything else as `undefined`. */
export type YesNo = boolean | undefined;

export interface RemoteDocument {
  number?: string;
  /** `SURNAMES,GIVEN NAME`, as the document reads. */
  name?: string;
  /** `dd/mm/yyyy`, as the vendor sends it. */
  birthDate?: string;
  age?: number;
  nationality?: string;
  country?: string;
  serialNumber?: string;
  type?: string;
  sex?: string;
  /** `dd/mm/yyyy`. */
  expires?: string;
  expired?: YesNo;
}

/** `Result`, the identity-verification result. Scores are 0–100. */
export interface RemoteResult {
  /** `Resultado`, the overall score. */
  score?: number;
  /** `ParecidoPersonaDNI`: how like the document's photo the person is. */
  faceSimilarity?: number;
  /** `PruebaDeVida`: the liveness check passed. */
  liveness?: YesNo;
  /** `ProcesoRelizadoMismaPersona`: the same person did the whole process. */
  samePerson?: YesNo;
  /** `AnversoReversoCoinciden`: the numbers on the front and the back agree. */
  frontBackMatch?: YesNo;
  /** `DNISolicitado`: the number asked for, when one was. */
  requestedDocument?: string;
  /** `DNISolicitadoCoincide`: the document is the one asked for (`undefined` when none was, `N/A`). */
  requestedDocumentMatches?: YesNo;
  document?: RemoteDocument;
  /** `Sexo`, the apparent sex with its probability, in the vendor's Spanish words. */
  apparentSex?: string;
  /** `RangoAparenteEdad`, e.g. `44-62`. */
  apparentAgeRange?: string;
  /** `Dispositivo`, the device summary. */
  device?: string;
  beard?: YesNo;
  moustache?: YesNo;
  readingGlasses?: YesNo;
  sunglasses?: YesNo;
}

/** One webhook report, as the follow endpoint answers it and streams it. */
export interface RemoteVerificationEvent {
  /** Our id for the report, ordered by arrival: the SSE `id`, sent back as `Last-Event-ID`. */
  eventId: string;
  /** The vendor's request id (`ID`). */
  id: string;
  /** `Estado`. Only 5100 (certificate) is named by the reference; the rest are shown by number. */
  status: number;
  /** `Servicio`, e.g. `VERIFICACION_IDENTIDAD`. */
  service: string;
  /** When our server received the report (ISO 8601). */
  receivedAt: string;
  /** `FechaEnvio` and `UltimaActualizacion`, as sent (their zone is not stated; Ambiguity 14). */
  sentAt?: string;
  updatedAt?: string;
  /** `Acceso`: when and from where the person opened the link. */
  access?: { date?: string; ip?: string; port?: string };
  /** `Posicion`, when the person allowed it. */
  position?: { address?: string; latitude?: number; longitude?: number; altitude?: number; accuracy?: number };
  /** `Dispositivo` (the webhook's object): the person's browser, system and screen. */
  device?: { browser?: string; system?: string; resolution?: string };
  /** `DNIAnverso`, `DNIReverso`, `DNISolicitado`. */
  documentFront?: string;
  documentBack?: string;
  requestedDocument?: string;
  result?: RemoteResult;
  /** Every field as the vendor sent it (nested ones parsed from their JSON text). */
  raw: Record<string, unknown>;
}

/** `GET …/{id}`: the request and every report received for it so far, oldest first. */
export interface RemoteVerificationTimeline {
  id: string;
  /** The number the link went to, in the service's form (`34600000001`). */
  phone: string;
  /** When the host's server sent the request (ISO 8601). */
  requestedAt: string;
  /** The Madrid time asked for, when the sending was scheduled. */
  scheduledFor?: string;
  /** The DNI/NIE asked for, when one was. */
  dni?: string;
  events: RemoteVerificationEvent[];
  /** A 5100 report has arrived: `…/{id}/certificate` can be fetched. */
  certificateReady: boolean;
}

/** `POST …/send`'s answer. */
export interface RemoteSendResult {
  id: string;
  /** Credits left, when the service said. */
  credits?: number;
}

/** The codes `<emzano-remote-verification>` reports (`emzano-error`'s `code`), each with a message in every language. */
export type RemoteErrorCode =
  | 'network'
  | 'timeout'
  | 'offline'
  | 'not-allowed'
  | 'invalid-property'
  | 'invalid-response'
  | 'validation'
  | 'too-large'
  | 'remote-refused'
  | 'remote-busy'
  | 'remote-unauthorized'
  | 'remote-unreachable'
  | 'remote-not-found'
  | 'remote-certificate-not-ready'
  | 'remote-certificate-unreadable'
  | 'unknown';
