import '../src/all.js';
// pdf.js's worker as Vite serves it (dev) or copies it (the demo's build), as the README shows a bundler's.
import pdfWorkerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { EmzanoKyc } from '../src/components/kyc/emzano-kyc.js';
import type { EmzanoSignPdf } from '../src/components/sign-pdf/emzano-sign-pdf.js';
import { demoUserId } from './demo-user.js';
import { bindThemeEditor } from './theme-editor.js';
import { bindClmDemo } from './clm-demo.js';
import { bindRemoteDemo } from './remote-demo.js';
import type { EmzanoRemoteVerification } from '../src/components/remote-verification/emzano-remote-verification.js';
import type { EmzanoDocumentStatus } from '../src/components/document-status/emzano-document-status.js';

interface DemoConfig {
  mode: 'emulator' | 'emzano';
  apiBase: string;
  tokenEndpoint: string;
  /** The host's handoff endpoint (continuing on a phone). */
  handoffEndpoint: string;
  /** The host's Dipar endpoint (emulator mode only). */
  diparEndpoint: string | null;
  /** The host's remote-verification endpoint (emulator mode only). */
  remoteVerificationEndpoint: string | null;
}

const labels = {
  fa: {
    language: 'زبان',
    provider: 'احراز هویت با',
    diparMismatch: 'دیپار: ویدئوی بعدی تطبیق نمی‌خورد',
    signature: 'امضا',
    camera: 'دوربین این دستگاه',
    cameraOn: 'روشن',
    cameraOff: 'خاموش (بدون دوربین)',
    handoff: 'ادامه با گوشی',
    reset: 'شروع دوباره',
    faults: 'خطاهای ساختگی شبیه‌ساز',
    latency: 'تأخیر ۲ ثانیه',
    error: 'خطای ۵۰۰ (کد ۲) در درخواست بعدی',
    drop: 'قطع اتصال در درخواست بعدی',
    expire: 'منقضی کردن توکن‌ها',
    events: 'رویدادها',
    emulator: 'شبیه‌ساز محلی',
    emzano: 'سرویس واقعی امضانو',
    signTitle: 'امضای سند',
    signHint: 'یک نمونه قرارداد بارگذاری شده است. کادر امضا را بگذارید، امضا کنید و سند امضاشده را دریافت کنید.',
    chooseFile: 'انتخاب PDF دیگر',
    theme: 'پوسته',
    themeSystem: 'مانند سیستم',
    themeLight: 'روشن',
    themeDark: 'تیره',
    viewport: 'پیش‌نمایش',
    desktop: 'دسکتاپ',
    phone: 'گوشی (۳۹۰ پیکسل)',
    kycTitle: 'احراز هویت',
    themeTitle: 'ویرایش پوسته',
    themeReset: 'بازگشت به پیش‌فرض',
    themeCss: 'CSS برای کپی:',
    evidence: 'بستهٔ مدارک',
    evidencePassword: 'گذرواژه (اختیاری)',
    kycEvidence: 'مدارک احراز هویت (zip)',
    signEvidence: 'مدارک امضا (zip)',
    clmTitle: 'قرارداد چندطرفه (CLM)',
    clmHint: 'گیرندگان را بیفزایید و جای امضای هر امضاکننده را بگذارید، قرارداد را بفرستید و گام‌های گیرندگان را از شبیه‌ساز جلو ببرید.',
    clmFill: 'پر کردن گیرندگان نمونه',
    clmNext: 'گام بعدی گیرنده',
    clmReject: 'رد توسط گیرنده',
    remoteTitle: 'احراز هویت از راه دور (پیامک)',
    remoteHint: 'پیوند احراز هویت با پیامک فرستاده می‌شود؛ شخص شبیه‌سازی‌شده آن را باز می‌کند و روند، تا گواهی PDF، همین‌جا دیده می‌شود.',
    remoteOutcome: 'شخص بعدی',
    outcomeComplete: 'تأیید می‌شود',
    outcomeReject: 'آزمون زنده بودن را رد می‌شود',
    outcomeMismatch: 'مدرک دیگری نشان می‌دهد',
    outcomeAbandon: 'نیمه‌کاره رها می‌کند',
    remoteLanguage: 'زبان این بخش',
    remoteLanguagePage: 'مانند صفحه',
  },
  en: {
    language: 'Language',
    provider: 'Verify with',
    diparMismatch: 'Dipar: the next video does not match',
    signature: 'Signature',
    camera: 'Camera on this device',
    cameraOn: 'On',
    cameraOff: 'Off (no camera)',
    handoff: 'Continue on a phone',
    reset: 'Start again',
    faults: 'Emulator faults',
    latency: '2 s latency',
    error: 'HTTP 500 (code 2) on the next request',
    drop: 'Drop the next connection',
    expire: 'Expire tokens',
    events: 'Events',
    emulator: 'Local emulator',
    emzano: 'Real Emzano service',
    signTitle: 'Sign a document',
    signHint: 'A sample contract is loaded. Place the signature field, sign, and download the signed document.',
    chooseFile: 'Choose another PDF',
    theme: 'Theme',
    themeSystem: 'Like the system',
    themeLight: 'Light',
    themeDark: 'Dark',
    viewport: 'Preview',
    desktop: 'Desktop',
    phone: 'Phone (390 px)',
    kycTitle: 'Verify identity',
    themeTitle: 'Edit the theme',
    themeReset: 'Back to defaults',
    themeCss: 'CSS to copy:',
    evidence: 'Evidence package',
    evidencePassword: 'Password (optional)',
    kycEvidence: 'KYC evidence (zip)',
    signEvidence: 'Signing evidence (zip)',
    clmTitle: 'Multi-party contract (CLM)',
    clmHint: "Add the recipients, place each signer's field, send the contract, then move the recipients along from the emulator.",
    clmFill: 'Fill in sample recipients',
    clmNext: 'Next step for the recipient',
    clmReject: 'Recipient rejects',
    remoteTitle: 'Remote verification (SMS link)',
    remoteHint:
      'A verification link goes out by SMS; the simulated person opens it, and the progress, up to the PDF certificate, shows here.',
    remoteOutcome: 'Next person',
    outcomeComplete: 'Is verified',
    outcomeReject: 'Fails the liveness check',
    outcomeMismatch: 'Shows another document',
    outcomeAbandon: 'Gives up halfway',
    remoteLanguage: 'Language of this section',
    remoteLanguagePage: 'Like the page',
  },
} as const;

const kyc = document.querySelector<EmzanoKyc>('#kyc')!;
const signPdf = document.querySelector<EmzanoSignPdf>('#sign')!;
const clmSender = document.querySelector<EmzanoSignPdf>('#clm-sender')!;
const remote = document.querySelector<EmzanoRemoteVerification>('#remote')!;
// Before the elements' first update, which starts pdf.js for the sample contract.
for (const element of [signPdf, clmSender, remote]) element.workerSrc = pdfWorkerSrc;
const log = document.querySelector<HTMLOListElement>('#log')!;
function applyLanguage(language: 'fa' | 'en') {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'fa' ? 'rtl' : 'ltr';
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = labels[language][node.dataset['i18n'] as keyof (typeof labels)['fa']];
  }
  document.querySelector('#mode')!.textContent = config ? labels[language][config.mode] : '';
}

// The page is usable at once; the demo's configuration (and the signer) arrive after.
let config: DemoConfig | undefined = undefined;
const languageSelect = document.querySelector<HTMLSelectElement>('#language')!;
languageSelect.addEventListener('change', () => applyLanguage(languageSelect.value as 'fa' | 'en'));
applyLanguage('fa');

// The identity provider: Emzano's KYC, or Dipar's broker behind the host's Dipar endpoint.
const providerSelect = document.querySelector<HTMLSelectElement>('#provider')!;
providerSelect.addEventListener('change', () => {
  kyc.reset();
  kyc.provider = providerSelect.value as 'emzano' | 'dipar';
  kyc.tokenEndpoint = (kyc.provider === 'dipar' ? config?.diparEndpoint : config?.tokenEndpoint) ?? '';
});
const signatureSelect = document.querySelector<HTMLSelectElement>('#signature-mode')!;
signatureSelect.addEventListener('change', () => kyc.setAttribute('signature', signatureSelect.value));
document.querySelector('#reset')!.addEventListener('click', () => kyc.reset());
// A desktop without a camera, as the browser answers one: the wizard offers the phone ("auto": goes there itself).
// The phone opens the QR code's link over HTTPS (or the browser keeps the camera from it).
const cameraSelect = document.querySelector<HTMLSelectElement>('#camera')!;
const media = navigator.mediaDevices;
const realGetUserMedia = media?.getUserMedia.bind(media);
if (media && realGetUserMedia) {
  media.getUserMedia = (constraints) =>
    cameraSelect.value === 'off'
      ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
      : realGetUserMedia(constraints);
}
// The phone opens the demo's page for it (the element alone): /phone.html.
kyc.handoffUrl = '/phone.html';
const handoffSelect = document.querySelector<HTMLSelectElement>('#handoff-mode')!;
handoffSelect.addEventListener('change', () => (kyc.handoff = handoffSelect.value as EmzanoKyc['handoff']));

// Designer controls: the colour scheme (page and elements), a phone-sized preview, and the
// custom properties edited live on the preview.
const preview = document.querySelector<HTMLElement>('#preview')!;
const themeSelect = document.querySelector<HTMLSelectElement>('#theme')!;
themeSelect.addEventListener('change', () => {
  const theme = themeSelect.value;
  document.documentElement.dataset['theme'] = theme;
  for (const element of [kyc, signPdf, ...document.querySelectorAll('#clm-sender, #clm-status, #remote')]) {
    if (theme === 'system') element.removeAttribute('theme');
    else element.setAttribute('theme', theme);
  }
});
const viewportSelect = document.querySelector<HTMLSelectElement>('#viewport')!;
viewportSelect.addEventListener('change', () => preview.classList.toggle('phone', viewportSelect.value === 'phone'));
bindThemeEditor(document.querySelector<HTMLFormElement>('#tokens')!, preview, document.querySelector<HTMLElement>('#theme-css')!);

// Evidence packages, offered once there is something to pack.
const evidencePassword = document.querySelector<HTMLInputElement>('#evidence-password')!;
function offerEvidence(button: HTMLButtonElement, element: EmzanoKyc | EmzanoSignPdf, fileName: string) {
  button.addEventListener('click', async () => {
    const zip = await element.exportEvidence({ password: evidencePassword.value });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(zip);
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
}
const kycEvidence = document.querySelector<HTMLButtonElement>('#kyc-evidence')!;
const signEvidence = document.querySelector<HTMLButtonElement>('#sign-evidence')!;
offerEvidence(kycEvidence, kyc, 'kyc-evidence.zip');
offerEvidence(signEvidence, signPdf, 'signing-evidence.zip');
kyc.addEventListener('emzano-complete', () => (kycEvidence.disabled = false));
signPdf.addEventListener('emzano-signed', () => (signEvidence.disabled = false));

function logEvent(name: string, detail: unknown) {
  const item = document.createElement('li');
  // Blobs and tokens are summarised, not printed.
  const summary = JSON.stringify(detail, (key, value) =>
    value instanceof Blob ? `Blob(${value.size} bytes)` : key === 'accessToken' || key === 'refreshToken' ? '…' : value,
  );
  item.textContent = `${new Date().toLocaleTimeString()} ${name} ${summary}`;
  log.prepend(item);
}
const certificateEvents = ['emzano-certificate-issued', 'emzano-certificate-revoked'] as const;
for (const name of ['emzano-step', 'emzano-complete', 'emzano-error', ...certificateEvents] as const) {
  kyc.addEventListener(name, (event) => logEvent(name, event.detail));
}
for (const name of ['emzano-field-change', 'emzano-signed', 'emzano-error'] as const) {
  signPdf.addEventListener(name, (event) => logEvent(name, event.detail));
}

// Emulator fault switches (the emulator's control paths; absent in real-service mode).
const faultBoxes = [...document.querySelectorAll<HTMLInputElement>('[data-fault]')];
async function pushFaults() {
  const rules = faultBoxes
    .filter((box) => box.checked)
    .map((box) =>
      box.dataset['fault'] === 'latency'
        ? { kind: 'latency', ms: 2000 }
        : box.dataset['fault'] === 'error'
          ? { kind: 'error', code: 2, times: 1 }
          : { kind: 'drop', times: 1 },
    );
  await fetch('/__emulator/faults', { method: 'PUT', body: JSON.stringify({ rules }) });
}
for (const box of faultBoxes) box.addEventListener('change', () => void pushFaults());
const expire = document.querySelector<HTMLButtonElement>('#expire')!;
expire.addEventListener('click', () => void fetch('/__emulator/expire-tokens', { method: 'POST' }));
kyc.addEventListener('emzano-complete', (event) => {
  signPdf.session = event.detail.session;
  // Dipar hands the page no session: the host's server reads the result the broker signed.
  if (event.detail.provider === 'dipar')
    void fetch('/__demo/dipar-result').then(async (response) => logEvent('host readResult', await response.json()));
});
const diparMismatch = document.querySelector<HTMLButtonElement>('#dipar-mismatch')!;
diparMismatch.addEventListener('click', () => void fetch('/__dipar/verdicts', { method: 'POST', body: JSON.stringify({ statuses: [3] }) }));
document.querySelector<HTMLInputElement>('#pdf-file')!.addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) {
    signPdf.fileName = file.name;
    signPdf.pdf = file;
  }
});

config = (await (await fetch('/__demo/config.json')).json()) as DemoConfig;
applyLanguage(languageSelect.value as 'fa' | 'en');
kyc.apiBase = config.apiBase || location.origin;
// The certificate step needs the demo's certificate endpoint, mounted in emulator mode only.
if (config.mode !== 'emulator') kyc.certificate = 'off';
kyc.tokenEndpoint = config.tokenEndpoint;
kyc.handoffEndpoint = config.handoffEndpoint;
signPdf.apiBase = kyc.apiBase;
// The fault switches and the contract section talk to the emulator, which real-service mode does not have.
const clmControls = ['#clm-fill', '#clm-next', '#clm-reject'].map((selector) => document.querySelector<HTMLButtonElement>(selector)!);
for (const control of [...faultBoxes, expire, diparMismatch, ...clmControls]) control.disabled = config.mode !== 'emulator';
providerSelect.querySelector<HTMLOptionElement>('[value="dipar"]')!.disabled = !config.diparEndpoint;
const [clmFill, clmNext, clmReject] = clmControls as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
bindRemoteDemo({
  element: remote,
  outcome: document.querySelector<HTMLSelectElement>('#remote-outcome')!,
  language: document.querySelector<HTMLSelectElement>('#remote-language')!,
  log: logEvent,
  enabled: Boolean(config.remoteVerificationEndpoint),
});
bindClmDemo({
  fill: clmFill,
  sender: clmSender,
  next: clmNext,
  reject: clmReject,
  status: document.querySelector<EmzanoDocumentStatus>('#clm-status')!,
  log: logEvent,
});

if (config.mode === 'emulator') {
  // Sign as a demo person who already finished KYC, until a KYC run here hands over its session.
  // No key or certificate is set: the element signs with the one <emzano-certificate> makes in
  // this browser (the KYC's last step, or the offer under Sign), certified by the RA emulator's CA.
  signPdf.userId = await demoUserId();
}
