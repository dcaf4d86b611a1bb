/**
 * Draws only the pages near the viewport: a page gets a canvas when it comes within about a
 * screen of view and loses it (memory released) when it moves further away, so a 300-page
 * document costs what a handful of pages cost. Canvases are sized for the device's pixel ratio.
 */
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';

export class PageRenderer {
  private document: PDFDocumentProxy | undefined;
  private pageCount = 0;
  private scale = 1;
  /** Page proxies fetched so far (pdf.js fetches each from its worker once). */
  private readonly proxies = new Map<number, PDFPageProxy>();
  /** Bumped by every draw, so a draw still waiting for its page proxy knows it was superseded. */
  private readonly drawing = new Map<number, number>();
  private observer: IntersectionObserver | undefined;
  private readonly near = new Set<number>();
  private readonly canvases = new Map<number, HTMLCanvasElement>();
  private readonly tasks = new Map<number, RenderTask>();
  private readonly ratios = new Map<number, number>();

  constructor(
    private readonly pageElement: (page: number) => HTMLElement | null,
    private readonly onMostVisible: (page: number) => void,
  ) {}

  /** Starts watching `scroller` for the page elements of `document`'s pages. */
  attach(scroller: HTMLElement, document: PDFDocumentProxy, scale: number): void {
    this.detach();
    this.document = document;
    this.pageCount = document.numPages;
    this.scale = scale;
    this.observer = new IntersectionObserver((entries) => this.handle(entries), {
      root: scroller,
      rootMargin: '100% 0px',
      threshold: [0, 0.25, 0.5, 0.75, 1],
    });
    for (let page = 1; page <= this.pageCount; page++) {
      const element = this.pageElement(page);
      if (element) this.observer.observe(element);
    }
    // The pages already in view start drawing now rather than a frame later, when the observer
    // first reports: the first paint waits on pdf.js alone.
    const view = scroller.getBoundingClientRect();
    for (let page = 1; page <= this.pageCount; page++) {
      const box = this.pageElement(page)?.getBoundingClientRect();
      if (!box || box.top >= view.bottom) break;
      if (box.bottom > view.top) {
        this.near.add(page);
        this.draw(page);
      }
    }
  }

  /** New zoom: pages near the viewport are drawn again at the new size. */
  setScale(scale: number): void {
    if (scale === this.scale) return;
    this.scale = scale;
    for (const page of this.near) this.draw(page);
  }

  /** How many canvases hold pixels now (the benchmark watches this). */
  get liveCanvases(): number {
    return this.canvases.size;
  }

  detach(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    for (const page of [...this.canvases.keys()]) this.release(page);
    this.near.clear();
    this.ratios.clear();
    this.proxies.clear();
    this.drawing.clear();
    this.document = undefined;
  }

  private handle(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const page = Number((entry.target as HTMLElement).dataset['page']);
      if (entry.isIntersecting) {
        if (!this.near.has(page)) {
          this.near.add(page);
          this.draw(page);
        }
      } else if (this.near.delete(page)) {
        this.release(page);
      }
      // intersectionRatio counts the 100% margin; the visible share decides the page number.
      const root = entry.rootBounds;
      const visible = root
        ? Math.max(
            0,
            Math.min(entry.boundingClientRect.bottom, root.bottom - root.height / 3) -
              Math.max(entry.boundingClientRect.top, root.top + root.height / 3),
          )
        : 0;
      this.ratios.set(page, visible);
    }
    let best = 0;
    let bestPage = 0;
    for (const [page, visible] of this.ratios) {
      if (visible > best) [best, bestPage] = [visible, page];
    }
    if (bestPage) this.onMostVisible(bestPage);
  }

  private draw(pageNumber: number): void {
    const generation = (this.drawing.get(pageNumber) ?? 0) + 1;
    this.drawing.set(pageNumber, generation);
    this.tasks.get(pageNumber)?.cancel();
    const ready = this.proxies.get(pageNumber);
    if (ready) {
      this.paint(pageNumber, ready);
      return;
    }
    const document = this.document;
    void document?.getPage(pageNumber).then(
      (page) => {
        if (this.document !== document) return;
        this.proxies.set(pageNumber, page);
        // Released, or drawn again meanwhile: that draw (if any) paints.
        if (this.drawing.get(pageNumber) === generation && this.near.has(pageNumber)) this.paint(pageNumber, page);
      },
      () => undefined, // the document was closed meanwhile
    );
  }

  private paint(pageNumber: number, page: PDFPageProxy): void {
    const host = this.pageElement(pageNumber);
    if (!host) return;
    const ratio = Math.max(globalThis.devicePixelRatio || 1, 1);
    const viewport = page.getViewport({ scale: this.scale * ratio });
    let canvas = this.canvases.get(pageNumber);
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.setAttribute('part', 'page-canvas');
      canvas.setAttribute('aria-hidden', 'true');
      host.prepend(canvas);
      this.canvases.set(pageNumber, canvas);
    }
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    const task = page.render({ canvas, viewport });
    this.tasks.set(pageNumber, task);
    task.promise.then(
      () => {
        this.tasks.delete(pageNumber);
        // A User Timing mark per painted page: what `npm run bench` (and a host's RUM) measures.
        performance.mark('emzano-page-rendered', { detail: { page: pageNumber } });
      },
      () => undefined, // cancelled by a newer draw or a release
    );
  }

  private release(pageNumber: number): void {
    this.tasks.get(pageNumber)?.cancel();
    this.tasks.delete(pageNumber);
    const canvas = this.canvases.get(pageNumber);
    if (canvas) {
      // Zero size frees the backing store at once, before garbage collection.
      canvas.width = 0;
      canvas.height = 0;
      canvas.remove();
    }
    this.canvases.delete(pageNumber);
    this.drawing.delete(pageNumber);
    this.proxies.get(pageNumber)?.cleanup();
  }
}
