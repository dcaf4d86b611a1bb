/**
 * Sign mode's resources and work in `<emzano-sign-pdf>`: the signature image the person drew
 * (uploaded to Emzano, shown in the field), the signed PDF and its download, and the record of
 * the last signing for `exportEvidence()`. Every object URL it makes it revokes on disconnect and
 * makes again when needed. Loaded with the sign panel, beside pdf.js: a page that shows no
 * document downloads none of it.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Translation } from '../../i18n/index.js';
import { renderSignPanel } from './sign-panel.js';

export { styles } from './sign-panel.js';
import type { EmzanoConnection } from '../../api/connection.js';
import type { CertificateInput } from '../../core/certificate.js';
import { addClientErrors } from '../../core/error-catalog.js';
import { EmzanoError } from '../../core/errors.js';
import type { PdfField } from '../../core/pdf-geometry.js';
import type { EmzanoSession } from '../../core/token-contract.js';
import type { SigningRecord } from '../../evidence/signing-evidence.js';
import type { TaskController } from '../../controllers/task.js';
import type { Signer } from '../../signing/signer.js';
import type { CertificateOffer } from './certificate-offer.js';
import type { EmzanoSignaturePad } from '../signature-pad/emzano-signature-pad.js';

// Raised here and by the session lookup this code makes (EmzanoConnection.signingUser).
addClientErrors({
  'signer-missing': {
    retryable: false,
    fa: 'امضاکننده‌ای تنظیم نشده است (کلید امضا و گواهی).',
    en: 'No signer is set up (signing key and certificate).',
  },
  'session-missing': {
    retryable: false,
    fa: 'برای امضا ابتدا باید احراز هویت شوید.',
    en: 'You need to verify your identity before signing.',
  },
});

export interface SigningOptions {
  task: TaskController;
  /** Session and clients for the element's settings now. */
  api: () => Promise<EmzanoConnection>;
  /** Who signs, as the element's properties say now. */
  settings: () => SignerSettings;
  /** A signature was uploaded: keep it for a reload. */
  onSignature: () => void;
}

/** The element's properties that say who signs. */
export interface SignerSettings {
  session: EmzanoSession | undefined;
  userId: string;
  signer: Signer | undefined;
  signingKey: CryptoKey | undefined;
  certificate: CertificateInput | undefined;
  /** The scope the key and certificate made in this browser are kept under (`persist-key`). */
  persistKey: string;
  certificateEndpoint: string;
}

/** What the panel needs from the element. */
export interface PanelState {
  phase: 'empty' | 'loading' | 'ready' | 'signed';
  /** A field is placed. */
  placed: boolean;
  signatureOnFile: boolean;
  theme: 'light' | 'dark' | undefined;
  fileName: string;
  onSign: () => void;
}

/** An image or a PDF with the object URL that shows it, made when first asked for. */
class Shown {
  private url: string | undefined;
  constructor(readonly blob: Blob) {}
  get href(): string {
    this.url ??= URL.createObjectURL(this.blob);
    return this.url;
  }
  release(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}

export class SigningController implements ReactiveController {
  private image: Shown | undefined;
  private imageAddedAt: string | undefined;
  private signed: Shown | undefined;
  /** Loaded by the first signing with the held certificate: its lookup, and the offer of one when there is none. */
  private offer: CertificateOffer | undefined;
  /** What the last signing produced, kept for `exportEvidence()`. */
  lastSigning: SigningRecord | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: SigningOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.image?.release();
    this.signed?.release();
  }

  /** The drawn signature (a blob to keep, a URL to show), once uploaded or restored. */
  get signature(): { blob: Blob; url: string } | undefined {
    return this.image && { blob: this.image.blob, url: this.image.href };
  }

  /** The signed PDF's URL, for the download, while the element shows it. */
  get signedUrl(): string | undefined {
    return this.signed?.href;
  }

  /** The panel below the pages: the signature to draw, then Sign (or, once signed, the download). */
  renderPanel(t: Translation, view: PanelState) {
    const { task } = this.options;
    const signature = this.signature;
    return renderSignPanel({
      ...view,
      t,
      busy: task.busy,
      signatureUrl: signature?.url,
      canSign: view.placed && (view.signatureOnFile || Boolean(signature)) && !task.busy,
      signed: this.signedUrl ? { url: this.signedUrl, fileName: view.fileName } : undefined,
      upload: task.renderUpload(t),
      onUseSignature: () => {
        const pad = this.host.renderRoot.querySelector<EmzanoSignaturePad>('emzano-signature-pad');
        if (pad) this.useSignature(pad);
      },
    });
  }

  /** Under the failure, when there is no certificate to sign with here: the offer of one (see certificate-offer.ts). */
  renderCertificateOffer(t: Translation, view: PanelState) {
    return this.offer ? this.offer.render(t, view.onSign) : nothing;
  }

  /** A signature kept from before a reload (already uploaded then). */
  restoreSignature(blob: Blob): void {
    this.setImage(blob);
  }

  /** Uploads what `pad` holds as the person's signature (Emzano draws it in the field). */
  useSignature(pad: EmzanoSignaturePad): void {
    if (pad.isEmpty()) return;
    const { task } = this.options;
    void task.run(async (signal) => {
      const image = await pad.toBlob();
      if (!image) return;
      const connection = await this.options.api();
      const { session, userId } = this.options.settings();
      const user = await connection.signingUser(session, userId);
      task.track(0);
      await connection.kyc.uploadSignature(user, image, { signal, onProgress: task.track });
      this.setImage(image);
      this.imageAddedAt = new Date().toISOString();
      this.options.onSignature();
    }, 'signature');
  }

  /**
   * Signs `bytes` with `field` (digest, the signer, put-sign) and runs `then` with the signed PDF
   * inside the same task, so Try again repeats the whole. Resolves with the signed PDF, or
   * `undefined` when it failed (the element shows why) or was cancelled.
   */
  async sign(
    bytes: Uint8Array<ArrayBuffer>,
    fileName: string,
    field: PdfField,
    then: (pdf: Blob) => Promise<void>,
  ): Promise<Blob | undefined> {
    const { task } = this.options;
    let result: Blob | undefined;
    await task.run(async (signal) => {
      const settings = this.options.settings();
      const { session, userId } = settings;
      let [signer, certificate] = [settings.signer ?? settings.signingKey, settings.certificate];
      // Neither set by the host: the key and certificate this browser holds for the person.
      if (!signer && certificate === undefined) {
        const { CertificateOffer, heldCredentials } = await import('./certificate-offer.js');
        this.offer ??= new CertificateOffer(this.host, this.options.task, () => this.options.settings());
        ({ signer, certificate } = await heldCredentials(settings.persistKey));
      }
      if (!signer || !certificate) throw new EmzanoError('signer-missing');
      const connection = await this.options.api();
      const user = await connection.signingUser(session, userId);
      const original = new Blob([bytes], { type: 'application/pdf' });
      const pdf = await connection.signPdf(
        { pdf: original, fileName, certificate, userId: user, field, signer },
        { signal, onProgress: task.track },
      );
      result = pdf;
      this.setSigned(pdf);
      const signature = this.image && { image: this.image.blob, addedAt: this.imageAddedAt ?? new Date().toISOString() };
      this.lastSigning = { pdf, original, field, userId: user, signedAt: new Date().toISOString(), signature };
      await then(pdf);
    }, 'sign');
    return result;
  }

  /** Another document: the last one's download goes (its evidence stays until the next signing). */
  clearSigned(): void {
    this.setSigned(undefined);
  }

  /** Nothing kept: no signature, no signed PDF, no evidence. */
  reset(): void {
    this.setImage(undefined);
    this.imageAddedAt = undefined;
    this.setSigned(undefined);
    this.lastSigning = undefined;
  }

  private setImage(blob: Blob | undefined): void {
    this.image?.release();
    this.image = blob && new Shown(blob);
    this.host.requestUpdate();
  }

  private setSigned(pdf: Blob | undefined): void {
    this.signed?.release();
    this.signed = pdf && new Shown(pdf);
    this.host.requestUpdate();
  }
}
