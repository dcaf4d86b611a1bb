import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/emzano-sign-pdf.js';
import type { EmzanoSignPdf } from '../../src/components/sign-pdf/emzano-sign-pdf.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import type { EmzanoFieldChangeEvent } from '../../src/events/sign-pdf-events.js';
import { stopKeptWorkers } from '../../src/components/pdf-viewer/pdf-start.js';
import { accessibleNames } from '../helpers/a11y.js';
import { clearSavedAttempts } from '../helpers/storage.js';
import { buttonNamed, consoleDuring, has, nextEvent, until, untilDocumentReady } from '../helpers/dom.js';

const FIXTURES = '/test/fixtures';
const root = (element: EmzanoSignPdf) => element.shadowRoot!;
const pageElements = (element: EmzanoSignPdf) => [...root(element).querySelectorAll<HTMLElement>('[data-page]')];
const fieldBox = (element: EmzanoSignPdf) => root(element).querySelector<HTMLElement>('[part="field"]');

async function open(src: string, extra: { lang?: string; height?: string } = {}): Promise<EmzanoSignPdf> {
  const element = await fixture<EmzanoSignPdf>(html`
    <emzano-sign-pdf
      src=${src}
      lang=${extra.lang ?? 'en'}
      style="--emzano-sign-pdf-height: ${extra.height ?? '500px'}; width: 700px"
    ></emzano-sign-pdf>
  `);
  await untilDocumentReady(element);
  return element;
}

describe('<emzano-sign-pdf> viewing and placing', () => {
  beforeEach(() => clearSavedAttempts());
  // First in this file: Lit warns once per page, so a later test would hide an earlier warning.
  it("opens, zooms, fits and places a field without Lit's change-in-update warning (no second update)", async function () {
    this.timeout(20_000);
    const warnings = await consoleDuring('warn', async () => {
      const element = await open(`${FIXTURES}/upright.pdf`);
      buttonNamed(root(element), 'Zoom in').click();
      await element.updateComplete;
      buttonNamed(root(element), 'Fit page').click();
      await element.updateComplete;
      buttonNamed(root(element), 'Add signature field').click();
      await until(() => fieldBox(element) !== null, 'field placed');
      element.style.width = '500px';
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      element.src = `${FIXTURES}/rotate-90.pdf`;
      await until(() => pageElements(element).length > 0 && element.field === undefined, 'next document');
      await element.updateComplete;
    });
    expect(warnings.filter((warning) => /change-in-update|scheduled an update/.test(warning))).to.deep.equal([]);
  });

  it('renders pages sharp for the screen, shows the page count, and draws only pages near the view', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/upright.pdf`);
    expect(pageElements(element)).to.have.length(3);
    expect(root(element).querySelector('[part="page-indicator"]')!.textContent).to.equal('Page 1 of 3');
    const first = pageElements(element)[0]!;
    const canvas = first.querySelector('canvas')!;
    await until(() => canvas.width > 0, 'canvas sized');
    // clientWidth is rounded; the canvas follows the page's exact (possibly fractional) width.
    expect(canvas.width).to.be.closeTo(first.getBoundingClientRect().width * Math.max(devicePixelRatio, 1), 1);
    // Page 3 is far below a 500 px viewer: no canvas yet.
    expect(has(pageElements(element)[2]!, 'canvas'), 'a far page holds no canvas').to.equal(false);

    const viewer = root(element).querySelector<HTMLElement>('[part="viewer"]')!;
    viewer.scrollTop = viewer.scrollHeight;
    await until(() => pageElements(element)[2]!.querySelector('canvas') !== null, 'last page drawn');
    await until(() => pageElements(element)[0]!.querySelector('canvas') === null, 'first page released');
    await until(() => root(element).querySelector('[part="page-indicator"]')!.textContent === 'Page 3 of 3', 'indicator follows');
    expect(element.renderedPageCount).to.be.at.most(2);
  });

  it('zooms in steps and fits the page', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/upright.pdf`);
    const width = () => pageElements(element)[0]!.clientWidth;
    const fitWidth = width();
    buttonNamed(root(element), 'Zoom in').click();
    await until(() => width() > fitWidth, 'zoomed in');
    buttonNamed(root(element), 'Fit page').click();
    await until(() => width() < fitWidth, 'whole page fits');
    const viewer = root(element).querySelector<HTMLElement>('[part="viewer"]')!;
    expect(pageElements(element)[0]!.clientHeight).to.be.at.most(viewer.clientHeight);
  });

  it('places a field with the keyboard: arrows move it, Shift+arrows resize it, inside the page', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/upright.pdf`);
    const changes: EmzanoFieldChangeEvent[] = [];
    element.addEventListener('emzano-field-change', (event) => changes.push(event));
    buttonNamed(root(element), 'Add signature field').click();
    await until(() => fieldBox(element) !== null && fieldBox(element) === root(element).activeElement, 'field focused');
    const placed = element.field!;
    expect(placed.page).to.equal(1);
    expect(placed).to.include({ pageWidth: 595, pageHeight: 842 });

    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowUp' });
    const moved = element.field!;
    expect(moved.x).to.be.greaterThan(placed.x);
    expect(moved.y, 'up on screen is up in PDF').to.be.greaterThan(placed.y);
    expect(moved.width).to.be.closeTo(placed.width, 0.02);

    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    expect(element.field!.width).to.be.greaterThan(moved.width);
    expect(changes.length).to.equal(4);
    expect(changes.at(-1)!.detail.field).to.deep.equal(element.field);

    for (let i = 0; i < 200; i++) await sendKeys({ press: 'ArrowLeft' });
    expect(element.field!.x).to.equal(0);
  });

  it('drags and resizes the field with the mouse', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/upright.pdf`);
    element.field = { page: 1, x: 100, y: 600, width: 150, height: 60, pageWidth: 595, pageHeight: 842 };
    await element.updateComplete;
    const box = fieldBox(element)!.getBoundingClientRect();
    const start = [Math.round(box.left + 20), Math.round(box.top + 20)] as [number, number];
    await sendMouse({ type: 'move', position: start });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [start[0] + 60, start[1] + 40] });
    await sendMouse({ type: 'up' });
    const scale = pageElements(element)[0]!.clientWidth / 595;
    expect(element.field!.x).to.be.closeTo(100 + 60 / scale, 1);
    expect(element.field!.y).to.be.closeTo(600 - 40 / scale, 1);

    const handle = root(element).querySelector<HTMLElement>('[part="resize-handle"]')!.getBoundingClientRect();
    const grip = [Math.round(handle.left + handle.width / 2), Math.round(handle.top + handle.height / 2)] as [number, number];
    await sendMouse({ type: 'move', position: grip });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [grip[0] + 50, grip[1]] });
    await sendMouse({ type: 'up' });
    expect(element.field!.width).to.be.closeTo(150 + 50 / scale, 1);
  });

  it('shows a field on a page turned by /Rotate the way the person sees it', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/rotate-90.pdf`);
    element.field = { page: 1, x: 120, y: 200, width: 60, height: 150, pageWidth: 595, pageHeight: 842 };
    await element.updateComplete;
    const page = pageElements(element)[0]!;
    expect(page.clientWidth, 'a sideways page is wider than tall').to.be.greaterThan(page.clientHeight);
    const scale = page.clientWidth / 842;
    const box = fieldBox(element)!;
    expect(box.offsetWidth).to.be.closeTo(150 * scale, 1.5);
    expect(box.offsetHeight).to.be.closeTo(60 * scale, 1.5);
    // (u, v) = (120, 200) shows at (v, u) on a page turned clockwise.
    expect(box.offsetLeft).to.be.closeTo(200 * scale, 1.5);
    expect(box.offsetTop).to.be.closeTo(120 * scale, 1.5);
  });

  for (const [file, code, message] of [
    ['not-a-pdf.pdf', 'pdf-not-pdf', 'This file is not a PDF. Please choose a PDF file.'],
    ['damaged.pdf', 'pdf-damaged', 'This PDF is damaged and cannot be opened.'],
    ['encrypted.pdf', 'pdf-encrypted', 'This PDF is password-protected. Please load a copy without a password.'],
    ['no-pages.pdf', 'pdf-no-pages', 'This PDF has no pages.'],
  ] as const) {
    it(`refuses ${file} with a clear message`, async () => {
      const element = await fixture<EmzanoSignPdf>(html`<emzano-sign-pdf lang="en"></emzano-sign-pdf>`);
      const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
      element.src = `${FIXTURES}/${file}`;
      const { detail } = await failed;
      expect(detail).to.deep.include({ code, message, step: 'load' });
      await element.updateComplete;
      expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain(message);
    });
  }

  it("hands pdf.js's worker from one document to the next, and stops a worker whose document pdf.js could not open", async function () {
    this.timeout(30_000);
    const RealWorker = window.Worker;
    const realTerminate = RealWorker.prototype.terminate;
    let started = 0;
    let renderers = 0;
    let stopped = 0;
    // Counted on the prototype: the first document may take a worker an earlier test started.
    RealWorker.prototype.terminate = function (this: Worker) {
      stopped += 1;
      realTerminate.call(this);
    };
    // A proxy, not a subclass: pdf.js checks its ports with instanceof Worker, and a kept worker predates the count.
    window.Worker = new Proxy(RealWorker, {
      construct(target, args: ConstructorParameters<typeof Worker>) {
        if (/pdf\.worker/.test(String(args[0]))) started += 1;
        if (/pdf\.renderer/.test(String(args[0]))) renderers += 1;
        return Reflect.construct(target, args) as Worker;
      },
    });
    try {
      const first = await open(`${FIXTURES}/upright.pdf`);
      const afterFirst = started;
      first.src = `${FIXTURES}/rotate-90.pdf`;
      await first.updateComplete;
      await untilDocumentReady(first);
      expect(started, 'the next document in the same element').to.equal(afterFirst);
      first.remove();
      const second = await open(`${FIXTURES}/inherited.pdf`);
      expect(started, 'a new element soon after').to.equal(afterFirst);
      expect(stopped).to.equal(0);

      const renderersBefore = renderers;
      const failed = nextEvent<EmzanoErrorEvent>(second, 'emzano-error');
      second.src = `${FIXTURES}/damaged.pdf`;
      expect((await failed).detail.code).to.equal('pdf-damaged');
      expect(stopped, 'the workers that met a damaged file (the document worker and the renderer)').to.equal(2);
      second.src = `${FIXTURES}/upright.pdf`;
      await second.updateComplete;
      await untilDocumentReady(second);
      expect(started, 'a fresh worker after one was stopped').to.equal(afterFirst + 1);
      expect(renderers, 'and a fresh renderer with it').to.equal(renderersBefore + 1);
      expect(pageElements(second)).to.have.length(3);
    } finally {
      window.Worker = RealWorker;
      RealWorker.prototype.terminate = realTerminate;
    }
  });

  it('draws pages in pdf.js\'s renderer worker by default, and on the main thread with renderer-src="off"', async function () {
    this.timeout(30_000);
    const inked = async (element: EmzanoSignPdf) => {
      const canvas = pageElements(element)[0]!.querySelector('canvas')!;
      await until(() => canvas.width > 0, 'canvas sized');
      const pixels = async () => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, Math.min(canvas.height, 400));
        let dark = 0;
        for (let index = 0; index < data.length; index += 4) if (data[index]! < 100) dark += 1;
        return dark;
      };
      let dark = 0;
      await until(() => {
        void pixels().then((count) => (dark = count));
        return dark > 50;
      }, 'the page drawn with ink');
      return dark;
    };
    const RealWorker = window.Worker;
    const scripts: string[] = [];
    window.Worker = new Proxy(RealWorker, {
      construct(target, args: ConstructorParameters<typeof Worker>) {
        scripts.push(String(args[0]));
        return Reflect.construct(target, args) as Worker;
      },
    });
    try {
      const warnings = await consoleDuring('warn', async () => {
        const drawnOff = await fixture<EmzanoSignPdf>(
          html`<emzano-sign-pdf
            src="${FIXTURES}/upright.pdf"
            lang="en"
            style="--emzano-sign-pdf-height: 500px; width: 700px"
          ></emzano-sign-pdf>`,
        );
        await untilDocumentReady(drawnOff);
        expect(await inked(drawnOff)).to.be.greaterThan(50);
        drawnOff.remove();
        scripts.length = 0;
        const onMain = await fixture<EmzanoSignPdf>(
          html`<emzano-sign-pdf
            src="${FIXTURES}/upright.pdf"
            renderer-src="off"
            lang="en"
            style="--emzano-sign-pdf-height: 500px; width: 700px"
          ></emzano-sign-pdf>`,
        );
        await untilDocumentReady(onMain);
        expect(await inked(onMain)).to.be.greaterThan(50);
      });
      expect(
        scripts.filter((script) => /pdf\.renderer/.test(script)),
        'no renderer for renderer-src="off"',
      ).to.deep.equal([]);
      expect(
        warnings.filter((warning) => /renderer/i.test(warning)),
        'pdf.js never fell back',
      ).to.deep.equal([]);
    } finally {
      window.Worker = RealWorker;
    }
  });

  it("draws the first document's first page on the main thread, starts the renderer worker after it, and draws there from then on", async function () {
    this.timeout(30_000);
    // As on a page that has shown no document yet: no workers to take over.
    stopKeptWorkers();
    const realDrawImage = CanvasRenderingContext2D.prototype.drawImage;
    // The renderer worker hands each page back as one bitmap the canvas's size; the main thread
    // draws the page's own operations instead.
    const framesPlaced: number[] = [];
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      const [image] = args;
      if (image instanceof ImageBitmap && this.canvas.getAttribute('part') === 'page-canvas' && image.width === this.canvas.width) {
        framesPlaced.push(performance.now());
      }
      return (realDrawImage as (...values: unknown[]) => void).apply(this, args);
    } as typeof realDrawImage;
    const RealWorker = window.Worker;
    const rendererStarted: number[] = [];
    window.Worker = new Proxy(RealWorker, {
      construct(target, args: ConstructorParameters<typeof Worker>) {
        if (/pdf\.renderer/.test(String(args[0]))) rendererStarted.push(performance.now());
        return Reflect.construct(target, args) as Worker;
      },
    });
    try {
      const opened = performance.now();
      const element = await open(`${FIXTURES}/upright.pdf`);
      const firstPaint = performance.getEntriesByName('emzano-page-rendered').find((mark) => mark.startTime >= opened)!.startTime;
      expect(
        framesPlaced.filter((time) => time <= firstPaint),
        'the first page drawn on the main thread',
      ).to.deep.equal([]);
      expect(rendererStarted, 'one renderer worker').to.have.length(1);
      expect(rendererStarted[0], 'started once the first page was up').to.be.greaterThan(firstPaint);
      const before = framesPlaced.length;
      buttonNamed(root(element), 'Zoom in').click();
      await until(() => framesPlaced.length > before, 'the page drawn again, by the renderer worker');
      element.src = `${FIXTURES}/rotate-90.pdf`;
      await element.updateComplete;
      const next = performance.now();
      await untilDocumentReady(element);
      await until(() => framesPlaced.some((time) => time >= next), "the next document's first page from the renderer worker");
      expect(rendererStarted, 'the same renderer worker').to.have.length(1);
    } finally {
      CanvasRenderingContext2D.prototype.drawImage = realDrawImage;
      window.Worker = RealWorker;
    }
  });

  it('hands a document to pdf.js while it downloads, opens it once the rest arrives, and says so when the rest never comes', async function () {
    this.timeout(30_000);
    const realPost = Worker.prototype.postMessage;
    let streamed = 0;
    // pdf.js passes the file to its worker as stream chunks ({chunk: bytes}) on the worker's port.
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const chunk = (args[0] as { chunk?: unknown } | null)?.chunk;
      if (chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk)) streamed += chunk.byteLength;
      return (realPost as (...values: unknown[]) => void).apply(this, args);
    } as typeof realPost;
    try {
      const element = await fixture<EmzanoSignPdf>(
        html`<emzano-sign-pdf lang="en" style="--emzano-sign-pdf-height: 500px; width: 700px"></emzano-sign-pdf>`,
      );
      const id = `stream-${Date.now()}`;
      element.src = `/__held/upright.pdf?id=${id}`;
      await until(() => streamed >= 1299, 'the first half with pdf.js before the rest is sent');
      expect(pageElements(element), 'not open before the whole file is here').to.have.length(0);
      await fetch(`/__held/release?id=${id}`);
      await untilDocumentReady(element);
      expect(pageElements(element)).to.have.length(3);

      const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
      const cut = `cut-${Date.now()}`;
      const before = streamed;
      element.src = `/__held/upright.pdf?id=${cut}&cut=1`;
      await until(() => streamed >= before + 1299, 'the second download under way');
      await fetch(`/__held/release?id=${cut}`);
      expect((await failed).detail).to.deep.include({ code: 'pdf-load-failed', step: 'load' });
    } finally {
      Worker.prototype.postMessage = realPost;
    }
  });

  it('refuses a file over max-size before reading it', async () => {
    const element = await fixture<EmzanoSignPdf>(html`<emzano-sign-pdf lang="fa" max-size="1000"></emzano-sign-pdf>`);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    element.pdf = new Blob([new Uint8Array(5000)], { type: 'application/pdf' });
    expect((await failed).detail).to.deep.include({ code: 'pdf-too-large', message: 'این فایل بزرگ‌تر از حد مجاز است.' });
  });

  it('refuses properties of the wrong shape by name, in the console and as emzano-error, and keeps what it had', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/upright.pdf`);
    const errors: EmzanoErrorEvent[] = [];
    element.addEventListener('emzano-error', (event) => errors.push(event));
    const logged = await consoleDuring('error', async () => {
      element.pdf = 'contract.pdf' as unknown as Blob;
      element.certificate = { pem: '...' } as unknown as string;
      element.field = { page: 1, x: 10, y: 10, width: -5, height: 40, pageWidth: 595, pageHeight: 842 };
      await until(() => errors.length === 3, 'three refusals');
    });
    const details = errors.map((event) => event.detail.detail).sort();
    expect(details).to.deep.equal([
      'certificate must be an X.509 certificate: PEM or base64 DER text, or the DER bytes; got {"pem":"..."}.',
      'field must be a field { page, x, y, width, height, pageWidth, pageHeight } in PDF points; got {"page":1,"x":10,"y":10,"width":-5,"height":40,"pageWidth":595,"pageHeight":842}.',
      'pdf must be a Blob, an ArrayBuffer or a Uint8Array; got "contract.pdf".',
    ]);
    expect(errors.every((event) => event.detail.code === 'invalid-property' && !event.detail.retryable)).to.equal(true);
    expect(logged.filter((line) => line.startsWith('<emzano-sign-pdf>: '))).to.have.length(3);
    // Nothing was thrown away: the document is still shown, and no field appeared.
    expect(element.pdf).to.equal(undefined);
    expect(element.field).to.equal(undefined);
    expect(pageElements(element).length).to.be.greaterThan(0);
    await element.updateComplete;
    expect(root(element).querySelector('[role="alert"]')!.textContent).to.contain('set this part up wrongly');
  });

  it('names every control, in English and Persian', async function () {
    this.timeout(20_000);
    const element = await open(`${FIXTURES}/upright.pdf`);
    buttonNamed(root(element), 'Add signature field').click();
    await element.updateComplete;
    const names = accessibleNames(element);
    expect(names).not.to.include('');
    for (const expected of ['Zoom in', 'Zoom out', 'Fit width', 'Fit page', 'Sign', 'Signature field on page 1', 'Clear']) {
      expect(
        names.some((name) => name.includes(expected)),
        `${expected} in ${JSON.stringify(names)}`,
      ).to.equal(true);
    }
    await expect(element).shadowDom.to.be.accessible();
    element.lang = 'fa';
    await element.updateComplete;
    expect(root(element).querySelector('[part="page-indicator"]')!.textContent).to.equal('صفحهٔ ۱ از ۳');
  });
});
