/** For the signing browser tests: a person who finished KYC, their token, and a certified key. */
import { fixture, html } from '@open-wc/testing';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import type { EmzanoSession } from '../../src/core/token-contract.js';
import { sendKeys } from '@web/test-runner-commands';
import type { EmzanoSignaturePad } from '../../src/components/signature-pad/emzano-signature-pad.js';
import { buttonNamed, drawStroke, until, untilDocumentReady } from './dom.js';
import { bytesToBase64 } from '../../src/core/base64.js';
import { emulator, resetEmulator, seedPerson, testEnv } from './env.js';

export interface BrowserSigner {
  session: EmzanoSession;
  key: CryptoKey;
  certificate: string;
}

/** A person who finished KYC, their token (from the host's endpoint) and a key the test CA certified. */
export async function readySigner(commonName = 'Browser Signer'): Promise<BrowserSigner> {
  await resetEmulator();
  await seedPerson({ nationalCode: '0499370899', phoneNumber: '09121234567', infoInquiry: true, faceRecognition: true });
  const { tokenEndpoint } = await testEnv();
  const grant = await (
    await fetch(tokenEndpoint, { method: 'POST', body: JSON.stringify({ phoneNumber: '09121234567', nationalCode: '0499370899' }) })
  ).json();
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const spki = bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey)));
  const issued = await emulator<{ certificate: string }>('/certificates', {
    method: 'POST',
    body: JSON.stringify({ publicKey: spki, commonName }),
  });
  return { session: grant, key: keys.privateKey, certificate: issued.certificate };
}

/** `<emzano-sign-pdf>` showing a test fixture, set up to sign as `signer`, its first page drawn. */
export async function mountSigner(file: string, signer: BrowserSigner, lang = 'en'): Promise<EmzanoSignPdf> {
  const { apiBase } = await testEnv();
  const element = await fixture<EmzanoSignPdf>(html`
    <emzano-sign-pdf
      src="/test/fixtures/${file}"
      file-name=${file}
      api-base=${apiBase}
      lang=${lang}
      style="--emzano-sign-pdf-height: 420px; width: 640px"
      .session=${signer.session}
      .signingKey=${signer.key}
      .certificate=${signer.certificate}
    ></emzano-sign-pdf>
  `);
  await untilDocumentReady(element);
  return element;
}

/** Draws on the sign panel's pad and uploads it as the person's signature. */
export async function drawAndUseSignature(element: EmzanoSignPdf): Promise<void> {
  const pad = element.shadowRoot!.querySelector('emzano-signature-pad') as EmzanoSignaturePad;
  await pad.updateComplete;
  await drawStroke(pad.shadowRoot!.querySelector('canvas')!, [
    [20, 30],
    [30, 90],
    [140, 95],
  ]);
  buttonNamed(element.shadowRoot!, 'Use this signature').click();
  await until(() => element.shadowRoot!.querySelector('[part="field"] img, .success') !== null, 'signature ready');
}

/** Places the signature field by keyboard, moved a step right and down. */
export async function placeField(element: EmzanoSignPdf): Promise<void> {
  buttonNamed(element.shadowRoot!, 'Add signature field').click();
  await until(() => element.shadowRoot!.activeElement?.getAttribute('part') === 'field', 'field focused');
  await sendKeys({ press: 'ArrowRight' });
  await sendKeys({ press: 'ArrowDown' });
}
