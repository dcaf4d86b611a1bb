// The benchmark's page (driven by scripts/bench.mjs): the built single-file bundle, and bare
// pdf.js from the same files, so both are measured in one browser session.
import '/dist/cdn/emzano-elements.js';

const PDFJS = '/dist/cdn/pdf.min.mjs';
const WORKER = '/dist/cdn/pdf.worker.min.mjs';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the element reports a page painted (the renderer's `emzano-page-rendered` mark). */
function pagePainted(after) {
  return new Promise((resolve) => {
    const check = () => {
      const mark = performance.getEntriesByName('emzano-page-rendered').find((entry) => entry.startTime >= after);
      if (mark) resolve(mark.startTime);
      else setTimeout(check, 2);
    };
    check();
  });
}

function signPdf(width, height) {
  const element = document.createElement('emzano-sign-pdf');
  element.setAttribute('lang', 'en');
  element.setAttribute('persist', 'off');
  element.style.cssText = `display:block; width:${width}px; --emzano-sign-pdf-height:${height}px`;
  document.body.append(element);
  return element;
}

const canvasesIn = (element) => element.shadowRoot.querySelectorAll('canvas[part="page-canvas"]');

window.bench = {
  /** `src` set → first page painted, in ms; and the first canvas's pixel width (for the bare run). */
  async elementFirstPage(url) {
    const element = signPdf(800, 900);
    await element.updateComplete;
    const start = performance.now();
    element.src = url;
    const painted = await pagePainted(start);
    const canvasWidth = canvasesIn(element)[0].width;
    element.remove();
    return { ms: painted - start, canvasWidth };
  },

  /**
   * The same page at the same pixel width with pdf.js alone: import, document, page, render.
   * `sameOptions`: with the element's pdf.js options (no eval: it runs under a strict CSP).
   */
  async bareFirstPage(url, canvasWidth, sameOptions) {
    const start = performance.now();
    const pdfjs = await import(PDFJS);
    pdfjs.GlobalWorkerOptions.workerSrc = WORKER;
    const task = pdfjs.getDocument(sameOptions ? { url, isEvalSupported: false, stopAtErrors: true } : { url });
    const document_ = await task.promise;
    const page = await document_.getPage(1);
    const viewport = page.getViewport({ scale: canvasWidth / page.getViewport({ scale: 1 }).width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    document.body.append(canvas);
    await page.render({ canvas, viewport }).promise;
    const ms = performance.now() - start;
    canvas.remove();
    await task.destroy();
    return { ms };
  },

  /** Opens a long document and waits for the first page. */
  async openLong(url) {
    const element = signPdf(800, 900);
    element.id = 'long';
    const start = performance.now();
    element.src = url;
    await pagePainted(start);
    await sleep(300);
    return { canvases: canvasesIn(element).length };
  },

  /** Scrolls the long document to the end and back a viewport at a time; long tasks and live canvases seen. */
  async scrollThrough() {
    const element = document.getElementById('long');
    const viewer = element.shadowRoot.querySelector('[part="viewer"]');
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration)));
    observer.observe({ type: 'longtask' });
    let maxCanvases = 0;
    const step = async (direction) => {
      const before = viewer.scrollTop;
      viewer.scrollTop += direction * viewer.clientHeight * 0.8;
      await nextFrame();
      maxCanvases = Math.max(maxCanvases, canvasesIn(element).length);
      return viewer.scrollTop !== before;
    };
    while (await step(1));
    await sleep(300);
    while (await step(-1));
    await sleep(500);
    maxCanvases = Math.max(maxCanvases, canvasesIn(element).length);
    observer.disconnect();
    return {
      canvases: canvasesIn(element).length,
      maxCanvases,
      longTasksOver50: longTasks.filter((duration) => duration > 50).length,
      longestTask: Math.max(0, ...longTasks),
      longTasksObserved: PerformanceObserver.supportedEntryTypes.includes('longtask'),
      longTasksOver100: longTasks.filter((duration) => duration > 100).length,
    };
  },

  closeLong() {
    document.getElementById('long')?.remove();
  },

  /** Insertion of <emzano-kyc> → its first step rendered and focusable, in ms. */
  async kycInteractive(tokenEndpoint) {
    const start = performance.now();
    const element = document.createElement('emzano-kyc');
    element.setAttribute('token-endpoint', tokenEndpoint);
    element.setAttribute('lang', 'en');
    element.setAttribute('persist', 'off');
    document.body.append(element);
    await element.updateComplete;
    const input = element.shadowRoot.getElementById('phone');
    input.focus();
    const ready = element.shadowRoot.activeElement === input;
    await nextFrame();
    const ms = performance.now() - start;
    element.remove();
    return { ms, ready };
  },
};
window.benchReady = true;
