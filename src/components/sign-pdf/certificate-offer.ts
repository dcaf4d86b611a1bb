/**
 * Signing with the certificate this browser holds, and the offer of one when there is none: loaded
 * only when a signing uses the held certificate (no `signer`, `signing-key` or `certificate` set),
 * so a page that shows a document pays nothing for it before the person signs.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { heldCredentials, revokeCertificate } from '../../certificate/certificate-holder.js';
import type { TaskController } from '../../controllers/task.js';
import { enCertificate } from '../../i18n/en/certificate.js';
import { faCertificate } from '../../i18n/fa/certificate.js';
import { addStrings, type Translation } from '../../i18n/index.js';

// The certificate card's words, for the offer of a certificate when there is none to sign with.
addStrings({ fa: faCertificate, en: enCertificate });

export { heldCredentials };

/** Signing with the held certificate failed for want of one: a new one here is the way forward. */
const NEEDS_CERTIFICATE = new Set(['certificate-missing', 'certificate-revoked', 'certificate-expired']);

type Phase = 'making-key' | 'requesting' | 'revoking';

export class CertificateOffer {
  /** While a certificate is being obtained for signing: what is happening. */
  private obtaining: Phase | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly task: TaskController,
    private readonly settings: () => { certificateEndpoint: string; persistKey: string },
  ) {}

  /**
   * Under the failure, when there is no certificate to sign with here: the person gets one for a
   * key made in this browser (the same flow as `<emzano-certificate>`), and `onSign` goes on.
   * When the CA holds another active certificate of theirs (another browser), it is revoked first.
   */
  render(t: Translation, onSign: () => void) {
    const task = this.task;
    const code = String(task.failure?.code);
    const replace = code === 'certificate-exists';
    if (!this.obtaining && !replace && !NEEDS_CERTIFICATE.has(code)) return nothing;
    const c = t.certificate;
    const phase = this.obtaining && { 'making-key': c.makingKey, requesting: c.requesting, revoking: c.revoking }[this.obtaining];
    return html`<div part="certificate-offer">
      <p part="status" role="status">${phase || c.keyHere}</p>
      <button
        part="button primary-button"
        class="primary"
        type="button"
        ?disabled=${task.busy}
        @click=${() => this.obtain(replace, onSign)}
      >
        ${replace ? c.replace : c.get}
      </button>
    </div>`;
  }

  /** A certificate for a new key made here (revoking the person's others first when `replace`), then `then` signs. */
  private async obtain(replace: boolean, then: () => void): Promise<void> {
    let obtained = false;
    await this.task.run(async (signal) => {
      const { certificateEndpoint, persistKey } = this.settings();
      const [{ certificateClient }, { obtainCertificate }] = await Promise.all([
        import('../../api/certificate-client.js'),
        import('../../certificate/certificate-request.js'),
      ]);
      const client = certificateClient(certificateEndpoint);
      const phase = (name: Phase | undefined) => ((this.obtaining = name), this.host.requestUpdate());
      try {
        if (replace) {
          phase('revoking');
          for (const other of await client.status(signal)) {
            if (other.status === 'issued') await revokeCertificate(client, persistKey, other.serialNumber, 'superseded', signal);
          }
        }
        await obtainCertificate(client, persistKey, { signal, onPhase: phase });
        obtained = true;
      } finally {
        phase(undefined);
      }
    }, 'sign');
    if (obtained) then();
  }
}
