/**
 * `npm run bench`: sizes and timings of the built package in the headless Chromium the tests
 * use, written to BENCHMARKS.md. Every timing is run at least RUNS times (min / median / max);
 * the element and bare pdf.js alternate in one browser session so the ratio is fair on a noisy
 * machine. A benchmark, not a test: nothing here fails on a slow run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { chromium } from 'playwright';
import { startDiparEmulatorServer, startEmulatorServer } from '../demo/emulator/server.js';
import { demoDiparHandler } from '../demo/emulator/dipar/dipar-host.js';
import { authorizeAnyone, createTokenHandler } from '../src/server/index.js';
import { toNodeListener } from '../src/server/node.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { ENTRIES, measureBuiltFiles, measureEntry } from './measure-sizes.mjs';
import { testSuiteTable } from './lanes/test-times.mjs';
import { kitLoad } from './bench/load.mjs';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
/**
 * `BENCH_ONLY=first-page` measures the first page alone, `BENCH_ONLY=dipar` Dipar's base64 video upload, `BENCH_ONLY=load` the server kit under load, `BENCH_ONLY=long` the 300-page scroll
 * alone, and prints it (BENCHMARKS.md untouched): for working on one of them.
 */
const ONLY = process.env['BENCH_ONLY'];
/** The first page is quick to measure and noisy: more pairs, for a steadier median. */
const FIRST_PAGE_RUNS = Number(process.env['BENCH_FIRST_PAGE_RUNS'] ?? Math.max(RUNS, 15));
/** The first page of the first document on a page, each in a fresh page: slower to measure. */
const COLD_RUNS = Number(process.env['BENCH_COLD_RUNS'] ?? Math.max(RUNS, 15));
const RECORD_SECONDS = 5;
/** Dipar's video, sent as base64 inside JSON: the issue's case, a 15 s selfie video. */
const DIPAR_RECORD_SECONDS = 15;
/** The server kit's load run: how many people at once, for how long. */
const LOAD = { people: Number(process.env['BENCH_LOAD_PEOPLE'] ?? 200), seconds: Number(process.env['BENCH_LOAD_SECONDS'] ?? 60) };
const root = new URL('..', import.meta.url).pathname;
const version = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

// Statistics ----------------------------------------------------------------------------------------
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const stats = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });
const fmt = (value, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (label, values, unit = '', digits = 0) => {
  const { min, median: mid, max } = stats(values);
  return `| ${label} | ${fmt(min, digits)}${unit} | ${fmt(mid, digits)}${unit} | ${fmt(max, digits)}${unit} |`;
};
const kb = (bytes) => `${fmt(bytes / 1024, 1)} KB`;
/** Tag names in code spans, so Markdown does not take them for HTML. */
const code = (name) => (name.startsWith('<') ? `\`${name}\`` : name);

// Fixtures -----------------------------------------------------------------------------------------
async function makePdf(pages) {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let index = 1; index <= pages; index++) {
    const page = document.addPage([595, 842]);
    page.drawText(`Page ${index} of ${pages}`, { x: 72, y: 770, size: 20, font });
    for (let line = 0; line < 40; line++) {
      page.drawText(`Clause ${index}.${line + 1}: the parties agree to the terms set out in this schedule.`, {
        x: 72,
        y: 730 - line * 16,
        size: 10,
        font,
      });
    }
  }
  return Buffer.from(await document.save());
}

// Servers --------------------------------------------------------------------------------------------
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.pdf': 'application/pdf',
  '.map': 'application/json',
};

async function startHost(emulatorUrl, pdfs, dipar) {
  const token = toNodeListener(createTokenHandler({ apiKey: 'bench-key', baseUrl: emulatorUrl, authorize: authorizeAnyone() }));
  const diparEndpoint = toNodeListener(demoDiparHandler({ emulator: dipar.emulator, baseUrl: dipar.url, authorize: authorizeAnyone() }));
  const host = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path === '/api/emzano/token') return void token(req, res);
    if (path.startsWith('/api/dipar/')) return void diparEndpoint(req, res);
    if (pdfs[path]) {
      res.setHeader('Content-Type', 'application/pdf');
      return void res.end(pdfs[path]);
    }
    const file = path.startsWith('/dist/')
      ? normalize(join(root, path))
      : path.startsWith('/bench/')
        ? join(root, 'scripts', path)
        : undefined;
    if (!file || !file.startsWith(root)) return void res.writeHead(404).end();
    try {
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  return { host, url: `http://127.0.0.1:${host.address().port}` };
}

// Measurements -----------------------------------------------------------------------------------------
async function sizes() {
  const entries = {};
  for (const [name, entry] of Object.entries(ENTRIES)) entries[name] = await measureEntry(entry);
  return { entries, files: measureBuiltFiles() };
}

async function firstPage(page, url) {
  const element = [];
  const bare = [];
  const bareDefaults = [];
  const runBare = (width, sameOptions) =>
    page.evaluate(([pdf, canvasWidth, same]) => window.bench.bareFirstPage(pdf, canvasWidth, same), [url, width, sameOptions]);
  // One warm-up of each (module and worker files into the cache), then alternate.
  const warm = await page.evaluate((pdf) => window.bench.elementFirstPage(pdf), url);
  await runBare(warm.canvasWidth, true);
  await runBare(warm.canvasWidth, false);
  for (let run = 0; run < FIRST_PAGE_RUNS; run++) {
    const mine = await page.evaluate((pdf) => window.bench.elementFirstPage(pdf), url);
    element.push(mine.ms);
    bare.push((await runBare(mine.canvasWidth, true)).ms);
    bareDefaults.push((await runBare(mine.canvasWidth, false)).ms);
  }
  return {
    element,
    bare,
    bareDefaults,
    ratio: element.map((ms, index) => ms / bare[index]),
    ratioDefaults: element.map((ms, index) => ms / bareDefaults[index]),
    canvasWidth: warm.canvasWidth,
  };
}

/**
 * The first document on a page, where neither the element nor bare pdf.js has a worker yet: each
 * measure in a page of its own (the HTTP cache is shared, so both load warm files), alternating.
 */
async function coldFirstPage(url, canvasWidth) {
  const inFreshPage = async (measure) => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
    await page.goto(`${url}/bench/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const { ms } = await measure(page);
    await page.close();
    return ms;
  };
  const pdf = `${url}/bench/sample.pdf`;
  const element = [];
  const bare = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    element.push(await inFreshPage((page) => page.evaluate((source) => window.bench.elementFirstPage(source), pdf)));
    bare.push(
      await inFreshPage((page) => page.evaluate(([source, width]) => window.bench.bareFirstPage(source, width, true), [pdf, canvasWidth])),
    );
  }
  return { element, bare, ratio: element.map((ms, index) => ms / bare[index]) };
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function longDocument(page, cdp, url) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const opened = await page.evaluate((pdf) => window.bench.openLong(pdf), url);
    const heapFirst = await heapUsed(cdp);
    const scrolled = await page.evaluate(() => window.bench.scrollThrough());
    const heapAfter = await heapUsed(cdp);
    await page.evaluate(() => window.bench.closeLong());
    runs.push({ canvasesFirst: opened.canvases, heapFirst, heapAfter, ...scrolled });
  }
  return runs;
}

/**
 * The same scroll with the 300-page document as the first on a page (each run in a fresh page):
 * its first page is drawn on the main thread and the rest move to the renderer worker once it
 * starts, so the start of this scroll is where drawing could still block.
 */
async function longDocumentCold(url) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
    await page.goto(`${url}/bench/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    await page.evaluate((pdf) => window.bench.openLong(pdf), `${url}/bench/long.pdf`);
    runs.push(await page.evaluate(() => window.bench.scrollThrough()));
    await page.close();
  }
  return runs;
}

/**
 * Records `seconds` on the `<emzano-kyc>` of `page` (its video step on screen), stops, and presses
 * Send the moment the recording is ready: the times from Stop to ready, from Send to the first byte
 * of the upload (the request to a path ending in `uploadPath`), from Stop to that byte, and the
 * longest main-thread task from Stop until the upload has gone.
 */
async function recordAndSend(page, seconds, uploadPath) {
  await page.waitForFunction(() => {
    const start = document.querySelector('emzano-kyc')?.shadowRoot?.querySelector('[part~="primary-button"]');
    return start?.textContent?.includes('Start recording') && !start.disabled;
  });
  return page.evaluate(
    async ([recordSeconds, path]) => {
      const root = document.querySelector('emzano-kyc').shadowRoot;
      const primary = () => root.querySelector('[part~="primary-button"]');
      primary().click();
      await new Promise((resolve) => setTimeout(resolve, recordSeconds * 1000));
      const tasks = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
      observer.observe({ type: 'longtask' });
      const stop = performance.now();
      primary().click();
      while (!root.querySelector('[part="playback"]')) await new Promise((resolve) => setTimeout(resolve, 1));
      const ready = performance.now();
      primary().click(); // Send, at once
      let upload;
      while (!upload) {
        upload = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith(path));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      observer.disconnect();
      const during = tasks.filter((task) => task.startTime >= stop && task.startTime <= upload.responseEnd);
      return {
        stopToReady: ready - stop,
        sendToFirstByte: upload.requestStart - ready,
        stopToFirstByte: upload.requestStart - stop,
        longestTask: Math.max(0, ...during.map((task) => task.duration)),
      };
    },
    [seconds, uploadPath],
  );
}

/**
 * Dipar's selfie video: a 15 s recording sent as base64 inside the JSON body (built a slice at a
 * time): Stop to the first byte of the upload, and the longest main-thread task from Stop until
 * the upload has gone.
 */
async function diparVideo(browser, host, diparUrl) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    await fetch(`${diparUrl}/__dipar/reset`, { method: 'POST' });
    const profile = { SignaturePermission: false, AdmittancePermission: false, PersonDocumentTypePermission: [] };
    await fetch(`${diparUrl}/__dipar/profile`, { method: 'POST', body: JSON.stringify({ profile }) });
    const page = await browser.newPage();
    await page.goto(`${host}/bench/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    await page.evaluate((seconds) => {
      const element = document.createElement('emzano-kyc');
      Object.assign(element, { provider: 'dipar', tokenEndpoint: '/api/dipar' });
      element.setAttribute('lang', 'en');
      element.setAttribute('persist', 'off');
      element.setAttribute('max-duration', String(seconds + 5));
      document.body.append(element);
    }, DIPAR_RECORD_SECONDS);
    const kyc = page.locator('emzano-kyc');
    await kyc.locator('#birth-year').waitFor();
    await kyc.locator('#phone').fill('09121234567');
    await kyc.locator('#national-code').fill('0499370899');
    await kyc.locator('#birth-year').fill('1370');
    await kyc.locator('#birth-month').selectOption('5');
    await kyc.locator('#birth-day').selectOption('12');
    await kyc.getByRole('button', { name: 'Continue' }).click();
    const timing = await recordAndSend(page, DIPAR_RECORD_SECONDS, '/SendProbVideoByToken');
    const requests = await (await fetch(`${diparUrl}/__dipar/requests`)).json();
    const sent = requests.find((request) => request.path.endsWith('/SendProbVideoByToken'));
    const chars = Number(/\((\d+) chars\)/.exec(sent.json.fileData.content)?.[1]);
    runs.push({ ...timing, base64Kb: chars / 1024, accepted: sent.status === 200 && !sent.exceptionCode });
    await page.close();
  }
  return runs;
}

async function video(browser, host, emulatorUrl) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
    await fetch(`${emulatorUrl}/__emulator/users`, {
      method: 'POST',
      body: JSON.stringify({ nationalCode: '0499370899', phoneNumber: '09121234567', infoInquiry: true }),
    });
    const page = await browser.newPage();
    await page.goto(`${host}/bench/page.html`);
    await page.waitForFunction(() => window.benchReady === true);
    await page.evaluate(
      ([endpoint, apiBase]) => {
        const element = document.createElement('emzano-kyc');
        Object.assign(element, { tokenEndpoint: endpoint, apiBase });
        element.setAttribute('lang', 'en');
        element.setAttribute('persist', 'off');
        element.setAttribute('signature', 'off');
        document.body.append(element);
      },
      [`${host}/api/emzano/token`, emulatorUrl],
    );
    const kyc = page.locator('emzano-kyc');
    await kyc.locator('#phone').fill('09121234567');
    await kyc.locator('#national-code').fill('0499370899');
    await kyc.getByRole('button', { name: 'Continue' }).click();
    const timing = await recordAndSend(page, RECORD_SECONDS, '/face-recognition');
    const requests = await (await fetch(`${emulatorUrl}/__emulator/requests`)).json();
    const file = requests.find((request) => request.path.endsWith('/face-recognition')).parts.find((part) => part.name === 'file');
    const shape = await page.evaluate(async (src) => {
      const player = document.createElement('video');
      player.muted = true;
      player.src = URL.createObjectURL(await (await fetch(src)).blob());
      await new Promise((resolve) => player.addEventListener('loadedmetadata', resolve, { once: true }));
      return { width: player.videoWidth, height: player.videoHeight };
    }, `${emulatorUrl}/__emulator/uploads/${file.uploadId}`);
    runs.push({ ...timing, bytes: file.size, type: file.type, ...shape });
    await page.close();
  }
  return runs;
}

async function kycInteractive(page, host) {
  const values = [];
  await page.evaluate((endpoint) => window.bench.kycInteractive(endpoint), `${host}/api/emzano/token`); // warm-up
  for (let run = 0; run < RUNS; run++) {
    const result = await page.evaluate((endpoint) => window.bench.kycInteractive(endpoint), `${host}/api/emzano/token`);
    if (!result.ready) throw new Error('the first step was not focusable');
    values.push(result.ms);
  }
  return values;
}

// Report ------------------------------------------------------------------------------------------------
/** Why a target is not met, and what would meet it (the issue asks for both). */
function shortfalls({ cold, size, budgets }) {
  const notes = [];
  // Shown whenever some pair was over parity: the median moves across runs on a shared machine.
  if (cold.max > 1) {
    notes.push(
      `- **The first document on a page: ${fmt(cold.median, 2)} × bare pdf.js in the median (spread ${fmt(cold.min, 2)}–${fmt(cold.max, 2)} over ${cold.runs} pairs).** Here both must boot pdf.js's worker, which is most of the time, and single pairs vary with the machine's load. The element starts the worker before it awaits anything, reads the file meanwhile, lays the pages out from the first page's size, draws that first page on the main thread as bare pdf.js does, and starts the renderer worker only after it (booted beside the document worker, it made this figure 1.07–1.15 on two cores).`,
    );
  }
  const over = Object.entries(budgets).filter(([name, limit]) => size.entries[name].initial.gzip > limit * 1024);
  if (over.length) {
    notes.push(
      `- **Initial code over target:** ${over.map(([name, limit]) => `${code(name)} ${kb(size.entries[name].initial.gzip)} (target ${limit} KB)`).join(', ')}. The budget test holds it at a ceiling just above today's size so it cannot grow; what would close the gap is listed in docs/decisions.md ("Performance and size"): jalaali-js loaded with the inquiry step, the video step's template loaded with the camera code, and a smaller KYC element.`,
    );
  }
  return notes.length ? ['### Shortfalls and near misses', '', ...notes, ''] : [];
}
function report({ browserVersion, size, first, long, recorded, diparRecorded, interactive, load }) {
  const budgets = { '<emzano-kyc>': 25, '<emzano-sign-pdf>': 20, '<emzano-certificate>': 12, '<emzano-remote-verification>': 15 };
  const lines = [];
  const push = (...text) => lines.push(...text);
  const ratio = { ...stats(first.ratio), runs: first.ratio.length };
  const cold = { ...stats(first.cold.ratio), runs: first.cold.ratio.length };
  const maxCanvases = Math.max(...long.map((run) => run.maxCanvases));
  const heapRatio = long.map((run) => run.heapAfter / run.heapFirst);
  const longest = Math.max(...long.map((run) => run.longestTask), ...long.cold.map((run) => run.longestTask));
  const rate = recorded.map((run) => run.bytes / RECORD_SECONDS / 1000);
  const stopToByte = recorded.map((run) => run.stopToFirstByte);
  const diparStopToByte = diparRecorded.map((run) => run.stopToFirstByte);
  const diparLongest = Math.max(...diparRecorded.map((run) => run.longestTask));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';

  push(
    '# Benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench.mjs); do not edit by hand. Timings are noisy on shared machines: read them',
    'as ratios within one run. Each timing is the minimum, median and maximum of ' +
      RUNS +
      ' runs (the first page: ' +
      FIRST_PAGE_RUNS +
      ' pairs).',
    '',
    `- Machine: ${cpu}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB, ${osType()} ${release()}`,
    `- Browser: headless Chromium ${browserVersion} (Playwright ${version('playwright')}), fake camera and microphone`,
    `- Node ${process.versions.node}; lit ${version('lit')}, pdfjs-dist ${version('pdfjs-dist')}, signature_pad ${version('signature_pad')}, @zip.js/zip.js ${version('@zip.js/zip.js')}`,
    '',
    '## Targets',
    '',
    '| Target | Measured (median) | Met |',
    '| --- | --- | --- |',
    `| First page ≤ 1.00 × bare pdf.js (same options), median of ${ratio.runs} pairs: a document after the first | ${fmt(ratio.median, 2)} × (min ${fmt(ratio.min, 2)}, max ${fmt(ratio.max, 2)}) | ${ratio.median <= 1 ? 'yes' : 'no'} |`,
    `| The same, the first document on a page (each in a fresh page), median of ${cold.runs} pairs | ${fmt(cold.median, 2)} × (min ${fmt(cold.min, 2)}, max ${fmt(cold.max, 2)}) | ${cold.median <= 1 ? 'yes' : 'see below'} |`,
    `| Heap after scrolling 300 pages ≤ 1.5 × heap after the first page | ${fmt(median(heapRatio), 2)} × | ${Math.max(...heapRatio) <= 1.5 ? 'yes' : 'no'} |`,
    `| At most 10 live canvases at any time | ${maxCanvases} at most | ${maxCanvases <= 10 ? 'yes' : 'no'} |`,
    `| No long task over 100 ms while scrolling | longest ${fmt(longest)} ms (Long Tasks API ${long.every((run) => run.longTasksObserved) ? 'observed' : 'not available'}) | ${longest <= 100 ? 'yes' : 'see below'} |`,
    `| Default video ≤ 100 KB/s at 640×480 | ${fmt(median(rate), 1)} KB/s at ${recorded[0].width}×${recorded[0].height} | ${median(rate) <= 100 && recorded[0].width <= 640 ? 'yes' : 'no'} |`,
    `| Stop to the first byte of the upload < 200 ms | ${fmt(median(stopToByte))} ms | ${median(stopToByte) < 200 ? 'yes' : 'no'} |`,
    `| Dipar: Stop to the first byte of a ${DIPAR_RECORD_SECONDS} s video sent as base64 in JSON < 200 ms | ${fmt(median(diparStopToByte))} ms | ${median(diparStopToByte) < 200 ? 'yes' : 'no'} |`,
    `| Dipar: no main-thread task over 50 ms from Stop until the upload has gone | longest ${fmt(diparLongest)} ms | ${diparLongest <= 50 ? 'yes' : 'no'} |`,
    (() => {
      const single = Object.entries(size.files).find(([name]) => name.startsWith('dist/cdn/emzano-elements.js'))[1];
      return `| Script-tag bundle (all elements, without pdf.js), loaded up front ≤ 45 KB gzip | ${kb(single.gzip)} | ${single.gzip <= 45 * 1024 ? 'yes' : 'no'} |`;
    })(),
    ...Object.entries(budgets).map(([name, limit]) => {
      const gzip = size.entries[name].initial.gzip;
      return `| ${code(name)} initial code ≤ ${limit} KB gzip | ${kb(gzip)} | ${gzip <= limit * 1024 ? 'yes' : 'no'} |`;
    }),
    (() => {
      const sound = (result) =>
        result.serverErrors === 0 &&
        result.unexpected === 0 &&
        result.distinctUsers === result.people &&
        result.enrolled === result.people &&
        result.reuseRefused === result.reuseChecked &&
        result.redeemedTwice === 0 &&
        result.reportsLost === 0 &&
        result.reportsDoubled === 0 &&
        (result.keyListings ?? 0) === 0;
      const worstP99 = Math.max(...Object.values(load.redis.routes).map((route) => route.p99));
      return `| The kit, two instances on one Redis, ${load.options.people} people for ${load.options.seconds} s: nothing lost or doubled, no 5xx, no key listing | ${fmt(load.redis.perSecond)} requests/s, worst route p99 ${fmt(worstP99)} ms | ${sound(load.redis) && sound(load.memory) ? 'yes' : 'no'} |`;
    })(),
    '',
    ...shortfalls({ cold, size, budgets }),
    '## Sizes',
    '',
    'Each entry as the package ships it (`dist/`), bundled as an app bundler ships it: every dependency included (lit,',
    'signature_pad, idb-keyval, jalaali-js, both languages), minified. "Initial" loads with the entry; "lazy" loads on first use.',
    '',
    '| Entry | Initial raw | Initial gzip | Initial brotli | Lazy (gzip) |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(size.entries).map(
      ([name, { initial, lazy }]) =>
        `| ${code(name)} | ${kb(initial.raw)} | ${kb(initial.gzip)} | ${kb(initial.brotli)} | ${lazy.map((chunk) => `${chunk.name} ${kb(chunk.gzip)}`).join(', ') || 'none'} |`,
    ),
    '',
    '| Built file | Raw | Gzip | Brotli |',
    '| --- | --- | --- | --- |',
    ...Object.entries(size.files).map(([name, file]) => `| ${name} | ${kb(file.raw)} | ${kb(file.gzip)} | ${kb(file.brotli)} |`),
    '',
    '## `<emzano-sign-pdf>`: first page',
    '',
    `From setting \`src\` to the first page painted, against bare pdfjs-dist rendering the same page at the same pixel width (${first.canvasWidth} px), alternating. Both load pdf.js from the same file. The target compares like with like: bare pdf.js with the element's options (\`isEvalSupported: false\`, so that it runs under a Content-Security-Policy without \`'unsafe-eval'\`). pdf.js's defaults, which compile font glyphs with \`eval\`, are shown too.`,
    '',
    "Bare pdf.js, called as its documentation shows, starts a worker for each document and stops it with the document. The element hands its worker from one document to the next (and keeps it 30 seconds after the last one closes, for a new element), so every document after the first skips the worker's boot. The element draws pages in pdf.js's renderer worker, off the main thread (bare pdf.js draws on it), except the first page of the first document on its workers: that page is drawn on the main thread, then the renderer worker starts and the rest of the document is drawn there. Two figures, then: a document after the first, measured in one page, and the first document on a page, each measured in a fresh page.",
    '',
    '| Figure | Min | Median | Max |',
    '| --- | --- | --- | --- |',
    row('first document on a page: `<emzano-sign-pdf>`', first.cold.element, ' ms'),
    row('first document on a page: bare pdf.js, same options', first.cold.bare, ' ms'),
    row('first document on a page: ratio (per pair)', first.cold.ratio, ' ×', 2),
    row('a document after the first: `<emzano-sign-pdf>`', first.element, ' ms'),
    row('a document after the first: bare pdf.js, same options', first.bare, ' ms'),
    row('a document after the first: ratio (element / bare with the same options, per pair)', first.ratio, ' ×', 2),
    row('a document after the first: bare pdf.js, its defaults (eval allowed)', first.bareDefaults, ' ms'),
    row('a document after the first: ratio (element / bare with its defaults, per pair)', first.ratioDefaults, ' ×', 2),
    '',
    '## A 300-page document',
    '',
    "Opened in an 800 × 900 px element, then scrolled a viewport at a time (one step per frame) to the end and back. The pages are drawn in pdf.js's renderer worker, so the main thread only places finished bitmaps. Heap is measured after a forced garbage collection. The same scroll is measured again with the document as the first on a fresh page: its first page is drawn on the main thread and the renderer worker takes over once the other pages' sizes are known, so the first moments of that scroll are where drawing could still block.",
    '',
    '| Figure | Min | Median | Max |',
    '| --- | --- | --- | --- |',
    row(
      'JS heap after the first page',
      long.map((run) => run.heapFirst / 2 ** 20),
      ' MB',
      1,
    ),
    row(
      'JS heap after the full scroll',
      long.map((run) => run.heapAfter / 2 ** 20),
      ' MB',
      1,
    ),
    row('heap ratio (after / first)', heapRatio, ' ×', 2),
    row(
      'live canvases after the first page',
      long.map((run) => run.canvasesFirst),
    ),
    row(
      'most live canvases during the scroll',
      long.map((run) => run.maxCanvases),
    ),
    row(
      'live canvases after the scroll',
      long.map((run) => run.canvases),
    ),
    row(
      'long tasks over 50 ms during the scroll',
      long.map((run) => run.longTasksOver50),
    ),
    row(
      'long tasks over 100 ms during the scroll',
      long.map((run) => run.longTasksOver100),
    ),
    row(
      'longest task during the scroll',
      long.map((run) => run.longestTask),
      ' ms',
    ),
    row(
      'the first document on a page (each in a fresh page): long tasks over 50 ms',
      long.cold.map((run) => run.longTasksOver50),
    ),
    row(
      'the first document on a page: longest task during the scroll',
      long.cold.map((run) => run.longestTask),
      ' ms',
    ),
    '',
    '## `<emzano-kyc>`',
    '',
    `A ${RECORD_SECONDS} s selfie video at the default settings (\`video-bitrate\` 700000, audio 48000), with Chromium's fake camera; the upload is what the emulator received.`,
    '',
    '| Figure | Min | Median | Max |',
    '| --- | --- | --- | --- |',
    row('recorded video', rate, ' KB/s', 1),
    row(
      'recorded size',
      recorded.map((run) => run.bytes / 1024),
      ' KB',
      1,
    ),
    row(
      'Stop → recording ready to send',
      recorded.map((run) => run.stopToReady),
      ' ms',
    ),
    row(
      'Send → first byte of the upload',
      recorded.map((run) => run.sendToFirstByte),
      ' ms',
    ),
    row('Stop → first byte of the upload (Send pressed at once)', stopToByte, ' ms'),
    row('insertion → first step interactive', interactive, ' ms', 1),
    '',
    `Container and resolution used: ${[...new Set(recorded.map((run) => `${run.type} ${run.width}×${run.height}`))].join(', ')}.`,
    '',
    `With \`provider="dipar"\`: a ${DIPAR_RECORD_SECONDS} s selfie video (WebM), sent as base64 inside the JSON body: encoded while it is recorded, chunk by chunk (src/capture/base64-recording.ts), the body made of references to the parts (src/api/json-file-body.ts), through the host's \`createDiparHandler\` to the Dipar emulator (accepted in ${diparRecorded.filter((run) => run.accepted).length} of ${diparRecorded.length} runs).`,
    '',
    '| Figure | Min | Median | Max |',
    '| --- | --- | --- | --- |',
    row(
      'base64 sent',
      diparRecorded.map((run) => run.base64Kb),
      ' KB',
      1,
    ),
    row(
      'Stop → recording ready to send',
      diparRecorded.map((run) => run.stopToReady),
      ' ms',
    ),
    row(
      'Send → first byte of the upload (the last chunk read and encoded, the body put together)',
      diparRecorded.map((run) => run.sendToFirstByte),
      ' ms',
    ),
    row('Stop → first byte of the upload (Send pressed at once)', diparStopToByte, ' ms'),
    row(
      'longest main-thread task from Stop until the upload has gone',
      diparRecorded.map((run) => run.longestTask),
      ' ms',
    ),
    '',
    '## The server kit under load',
    '',
    `Two instances of \`createEmzanoKit\`, each behind its own loopback HTTP server, share one store, in front of the Emzano and remote-verification emulators. ${load.options.people} simulated people, each their own host user, enrol once, then, alternating between the instances for ${load.options.seconds} s: renew (every renewal rotates the refresh token), hand off to a phone (created at one instance, redeemed at the other, then redeemed again, which must be refused) and, once each, send a remote verification whose four vendor reports arrive by webhook, every report delivered twice, once to each instance. Client, kit and emulators share one Node process, so the figures are the whole stack's on one core; the enrolments all start in the first instant, so theirs are the times of a queue 200 deep. Afterwards up to 200 spent refresh tokens are tried again, and every timeline is read back.`,
    '',
    '| Route | Requests (Redis) | p50 Redis | p99 Redis | p50 memory | p99 memory | p50 Redis / memory |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(load.redis.routes).map(([route, redis]) => {
      const memory = load.memory.routes[route] ?? { p50: NaN, p99: NaN };
      return `| ${route} | ${fmt(redis.requests)} | ${fmt(redis.p50, 1)} ms | ${fmt(redis.p99, 1)} ms | ${fmt(memory.p50, 1)} ms | ${fmt(memory.p99, 1)} ms | ${fmt(redis.p50 / memory.p50, 2)} × |`;
    }),
    '',
    '| Figure | Redis (two connections, one server) | Memory driver (one store in the process) |',
    '| --- | --- | --- |',
    `| Requests per second | ${fmt(load.redis.perSecond)} | ${fmt(load.memory.perSecond)} |`,
    `| Requests | ${fmt(load.redis.requests)} | ${fmt(load.memory.requests)} |`,
    `| People enrolled / distinct Emzano users | ${load.redis.enrolled} / ${load.redis.distinctUsers} | ${load.memory.enrolled} / ${load.memory.distinctUsers} |`,
    `| Unexpected answers (a renewal, handoff or report refused) | ${load.redis.unexpected} | ${load.memory.unexpected} |`,
    `| 5xx answers | ${load.redis.serverErrors} | ${load.memory.serverErrors} |`,
    `| Spent refresh tokens refused when tried again | ${load.redis.reuseRefused} of ${load.redis.reuseChecked} | ${load.memory.reuseRefused} of ${load.memory.reuseChecked} |`,
    `| Handoffs / a code redeemed twice | ${fmt(load.redis.handoffs)} / ${load.redis.redeemedTwice} | ${fmt(load.memory.handoffs)} / ${load.memory.redeemedTwice} |`,
    `| Webhook reports / lost / kept twice | ${fmt(load.redis.reports)} / ${load.redis.reportsLost} / ${load.redis.reportsDoubled} | ${fmt(load.memory.reports)} / ${load.memory.reportsLost} / ${load.memory.reportsDoubled} |`,
    `| Redis commands per request | ${fmt(load.redis.commandsPerRequest, 1)} (${Object.entries(load.redis.commands)
      .sort(([, a], [, b]) => b - a)
      .map(([name, calls]) => `${name.toUpperCase()} ${fmt(calls)}`)
      .join(', ')}) | |`,
    `| Key listings (\`SCAN\`, \`KEYS\`) | ${load.redis.keyListings} | |`,
    '',
    ...testSuiteSection(),
  );
  return lines.join('\n');
}

/**
 * The test suite's own times (scripts/lanes/test-times.mjs), from this machine's last runs of the
 * lanes; with none recorded here, the section as BENCHMARKS.md has it, so a bench run keeps it.
 */
function testSuiteSection() {
  const table = testSuiteTable();
  if (!table.length) {
    const kept = /\n## Test suite\n[\s\S]*$/.exec(readFileSync(join(root, 'BENCHMARKS.md'), 'utf8'))?.[0];
    return kept ? kept.trim().split('\n') : [];
  }
  return [
    '## Test suite',
    '',
    'Wall time of each lane and of its steps (`npm test` as CI runs it, from `npm install` done; `npm run test:quick` with the patterns shown), the last three passing runs on this machine (`npm run test:times`). Steps of one phase run side by side, so the steps add up to more than the lane.',
    '',
    ...table,
    '',
  ];
}

// Run --------------------------------------------------------------------------------------------------
const emzano = await startEmulatorServer({ apiKey: 'bench-key' });
const longPdf = await makePdf(300);
const samplePdf = readFileSync(join(root, 'public/sample-contract.pdf'));
const dipar = await startDiparEmulatorServer();
const { host, url } = await startHost(emzano.url, { '/bench/sample.pdf': samplePdf, '/bench/long.pdf': longPdf }, dipar);
const browser = await chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });
try {
  console.log('bench: sizes');
  const size = ONLY ? undefined : await sizes();
  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  await page.goto(`${url}/bench/page.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const cdp = await page.context().newCDPSession(page);
  if (ONLY === 'dipar') {
    for (const run of await diparVideo(browser, url, dipar.url))
      console.log(
        `Stop → ready ${fmt(run.stopToReady)} ms, Send → first byte ${fmt(run.sendToFirstByte)} ms, Stop → first byte ${fmt(run.stopToFirstByte)} ms, longest task ${fmt(run.longestTask)} ms, base64 ${fmt(run.base64Kb, 1)} KB`,
      );
  } else if (ONLY === 'load') {
    const load = await kitLoad(emzano.url, 'bench-key', LOAD);
    for (const [store, result] of [
      ['Redis', load.redis],
      ['memory', load.memory],
    ]) {
      const { routes, commands, ...figures } = result;
      console.log(store, JSON.stringify(figures));
      for (const [route, timing] of Object.entries(routes))
        console.log(`  ${route}: ${timing.requests} requests, p50 ${fmt(timing.p50, 1)} ms, p99 ${fmt(timing.p99, 1)} ms`);
      if (commands) console.log('  commands:', JSON.stringify(commands));
    }
  } else if (ONLY === 'long') {
    const runs = await longDocument(page, cdp, `${url}/bench/long.pdf`);
    const cold = await longDocumentCold(url);
    for (const key of ['longestTask', 'longTasksOver50', 'longTasksOver100', 'maxCanvases'])
      console.log(
        key,
        runs.map((run) => fmt(run[key])).join(' / '),
        '| first document on a page:',
        cold.map((run) => fmt(run[key])).join(' / '),
      );
  } else await measureFirstPageAndTheRest(page, cdp, size);
} finally {
  await browser.close();
  host.close();
  await emzano.close();
  await dipar.close();
}

async function measureFirstPageAndTheRest(page, cdp, size) {
  console.log('bench: first page');
  const first = await firstPage(page, `${url}/bench/sample.pdf`);
  console.log('bench: first page, first document on a page');
  first.cold = await coldFirstPage(url, first.canvasWidth);
  if (ONLY === 'first-page') {
    const show = (label, values, digits = 1) =>
      console.log(
        label,
        Object.values(stats(values))
          .map((value) => fmt(value, digits))
          .join(' / '),
      );
    show('element ms (min / median / max):', first.element);
    show('bare ms:', first.bare);
    show('ratio:', first.ratio, 2);
    show('first document on a page, element ms:', first.cold.element);
    show('first document on a page, bare ms:', first.cold.bare);
    show('first document on a page, ratio:', first.cold.ratio, 2);
  } else await measureTheRest(page, cdp, first, size);
}

async function measureTheRest(page, cdp, first, size) {
  console.log('bench: 300 pages');
  const long = await longDocument(page, cdp, `${url}/bench/long.pdf`);
  long.cold = await longDocumentCold(url);
  console.log('bench: <emzano-kyc> interactive');
  const interactive = await kycInteractive(page, url);
  await page.close();
  console.log('bench: video');
  const recorded = await video(browser, url, emzano.url);
  console.log('bench: Dipar video (base64 in JSON)');
  const diparRecorded = await diparVideo(browser, url, dipar.url);
  console.log('bench: the server kit under load (Redis, then memory)');
  const load = await kitLoad(emzano.url, 'bench-key', LOAD);
  const text = report({ browserVersion: browser.version(), size, first, long, recorded, diparRecorded, interactive, load });
  writeFileSync(join(root, 'BENCHMARKS.md'), text);
  // Formatted like every other Markdown file here, so the lint step accepts it as written.
  execFileSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', 'BENCHMARKS.md'], { cwd: root });
  console.log('bench: BENCHMARKS.md written');
}
