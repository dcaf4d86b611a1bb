/**
 * `<emzano-kyc>`'s public settings (its attributes and properties) and their defaults, apart from
 * the wizard that uses them. Also what an identity provider reads (`ProviderSettings`).
 */
import { DEFAULT_CERTIFICATE_ENDPOINT } from '../../api/defaults.js';
import type { CertificateMode, SignatureMode } from '../../core/kyc-flow.js';
import { EmzanoElement } from '../../internal/base-element.js';
import type { ProviderName } from '../../providers/registry.js';

export class KycSettings extends EmzanoElement {
  static override properties = {
    ...EmzanoElement.properties,
    provider: { type: String },
    tokenEndpoint: { type: String, attribute: 'token-endpoint' },
    apiBase: { type: String, attribute: 'api-base' },
    signature: { type: String },
    maxDuration: { type: Number, attribute: 'max-duration' },
    videoBitrate: { type: Number, attribute: 'video-bitrate' },
    authScheme: { type: String, attribute: 'auth-scheme' },
    randomTextField: { type: String, attribute: 'random-text-field' },
    cameraHiddenTimeout: { type: Number, attribute: 'camera-hidden-timeout' },
    persist: { type: String },
    persistKey: { type: String, attribute: 'persist-key' },
    certificate: { type: String },
    certificateEndpoint: { type: String, attribute: 'certificate-endpoint' },
    handoff: { type: String },
    handoffUrl: { type: String, attribute: 'handoff-url' },
    handoffEndpoint: { type: String, attribute: 'handoff-endpoint' },
  };

  /** The identity provider: `emzano` (default) or `dipar` (Diparayan's eKYC, through `createDiparHandler`). Changed mid-attempt, the wizard starts over. */
  declare provider: ProviderName;
  /** URL of the host's endpoint for the provider (`createTokenHandler` for Emzano, `createDiparHandler` for Dipar). Required. */
  declare tokenEndpoint: string;
  /**
   * Emzano API origin the browser calls with the user token. Empty (the default): where the host's
   * token endpoint says with each token (`browserApiBase`, which the kit sets against the sandbox),
   * else Emzano's production API, `https://api.emzano.com`.
   */
  declare apiBase: string;
  /** Whether the signature step is `required`, `optional` (may be skipped) or `off`. */
  declare signature: SignatureMode;
  /** Longest selfie video, in seconds, counted from when the browser really starts recording (a busy phone's encoder can take most of a second to start). */
  declare maxDuration: number;
  /** Video bitrate asked of MediaRecorder, in bits per second. */
  declare videoBitrate: number;
  /** Scheme before the user token in `Authorization` (`''` for the bare token). */
  declare authScheme: string;
  /** Spelling of the sentence field in the face-recognition upload. */
  declare randomTextField: 'RandomText' | 'randomText';
  /** Seconds the page may stay hidden before the camera is turned off (it comes back on return). */
  declare cameraHiddenTimeout: number;
  /** `on`: keep unfinished work (step, details, recording, drawing) in IndexedDB across reloads; `off`: never store. */
  declare persist: 'on' | 'off';
  /** An opaque id of your signed-in user: unfinished work is reopened only under the same key (and the signing key kept under it). */
  declare persistKey: string;
  /** `issue`: a last step gets the person a signing certificate for a key made in this browser (`<emzano-certificate>`); `off`: none. */
  declare certificate: CertificateMode;
  /** With `certificate="issue"`: the URL of the host's certificate endpoint (`createCertificateHandler`). */
  declare certificateEndpoint: string;

  /**
   * Continuing on a phone (Emzano), when `handoff-endpoint` is set: `offer` shows "Continue on
   * your phone" at the video step; `auto` also starts it by itself when this device has no
   * camera; `off` never. A page opened from the link (a code in its fragment) takes over as the
   * phone whatever this says.
   */
  declare handoff: 'auto' | 'offer' | 'off';
  /** The host's page for the phone, where `<emzano-kyc>` takes over (the code goes in its fragment). Default: this page. */
  declare handoffUrl: string;
  /**
   * URL of the host's handoff endpoint (`createHandoffHandler`, or the kit's `handoff` section:
   * `/api/emzano/handoff`). Without it no handoff is offered, and a page opened from a link waits for it (saying so in the console).
   */
  declare handoffEndpoint: string;

  constructor() {
    super();
    this.provider = 'emzano';
    this.tokenEndpoint = '';
    this.apiBase = '';
    this.signature = 'optional';
    this.maxDuration = 15;
    this.videoBitrate = 700_000;
    this.authScheme = 'Bearer';
    this.randomTextField = 'RandomText';
    this.cameraHiddenTimeout = 30;
    this.persist = 'on';
    this.persistKey = '';
    this.certificate = 'off';
    this.certificateEndpoint = DEFAULT_CERTIFICATE_ENDPOINT;
    this.handoff = 'offer';
    this.handoffUrl = '';
    this.handoffEndpoint = '';
  }
}
