import '../src/all.js';
import type { EmzanoKyc } from '../src/components/kyc/emzano-kyc.js';

interface DemoConfig {
  mode: 'emulator' | 'emzano';
  apiBase: string;
  tokenEndpoint: string;
}

const labels = {
  fa: {
    language: 'زبان',
    signature: 'امضا',
    reset: 'شروع دوباره',
    faults: 'خطاهای ساختگی شبیه‌ساز',
    latency: 'تأخیر ۲ ثانیه',
    error: 'خطای ۵۰۰ (کد ۲) در درخواست بعدی',
    drop: 'قطع اتصال در درخواست بعدی',
    expire: 'منقضی کردن توکن‌ها',
    events: 'رویدادها',
    emulator: 'شبیه‌ساز محلی',
    emzano: 'سرویس واقعی امضانو',
  },
  en: {
    language: 'Language',
    signature: 'Signature',
    reset: 'Start again',
    faults: 'Emulator faults',
    latency: '2 s latency',
    error: 'HTTP 500 (code 2) on the next request',
    drop: 'Drop the next connection',
    expire: 'Expire tokens',
    events: 'Events',
    emulator: 'Local emulator',
    emzano: 'Real Emzano service',
  },
} as const;

const kyc = document.querySelector<EmzanoKyc>('#kyc')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const config = (await (await fetch('/__demo/config.json')).json()) as DemoConfig;
kyc.apiBase = config.apiBase || location.origin;
kyc.tokenEndpoint = config.tokenEndpoint;

function applyLanguage(language: 'fa' | 'en') {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'fa' ? 'rtl' : 'ltr';
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = labels[language][node.dataset['i18n'] as keyof (typeof labels)['fa']];
  }
  document.querySelector('#mode')!.textContent = labels[language][config.mode];
}

const languageSelect = document.querySelector<HTMLSelectElement>('#language')!;
languageSelect.addEventListener('change', () => applyLanguage(languageSelect.value as 'fa' | 'en'));
applyLanguage('fa');

const signatureSelect = document.querySelector<HTMLSelectElement>('#signature-mode')!;
signatureSelect.addEventListener('change', () => kyc.setAttribute('signature', signatureSelect.value));
document.querySelector('#reset')!.addEventListener('click', () => kyc.reset());

for (const name of ['emzano-step', 'emzano-complete', 'emzano-error'] as const) {
  kyc.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${name} ${JSON.stringify(event.detail)}`;
    log.prepend(item);
  });
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
for (const box of faultBoxes) {
  box.disabled = config.mode !== 'emulator';
  box.addEventListener('change', () => void pushFaults());
}
const expire = document.querySelector<HTMLButtonElement>('#expire')!;
expire.disabled = config.mode !== 'emulator';
expire.addEventListener('click', () => void fetch('/__emulator/expire-tokens', { method: 'POST' }));
