/**
 * Draws only the pages near the viewport: a page gets a canvas when it comes within about a
 * screen of view and loses it (memory released) when it moves further away, so a 300-page
 * document costs what a handful of pages cost. Canvases are sized for the device's pixel ratio.
 *
 * One page is drawn at a time, the one the person sees first (as pdf.js's own rendering queue
 * does): the pages just outside the view wait, so they never slow the first paint or a scroll.
 */
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';

export class PageRenderer {
  private document: PDFDocumentProxy | undefined;
  private pageCount = 0;
  private scale = 1;
  /** Page proxies fetched so far (pdf.js fetches each from its worker once). */
  private readonly proxies = new Map<number, PDFPageProxy>();
  private observer: IntersectionObserver | undefined;
  /** Pages within about a screen of the view: they hold a canvas. */
  private readonly near = new Set<number>();
  /** How much of each page fills the middle third of the view (0 when it does not). */
  private readonly visible = new Map<number, number>();
  /** Pages to draw (new, or at a new scale), in no order: `next()` picks. */
  private readonly queue = new Set<number>();
  /** The page being drawn, and pdf.js's task for it. */
  private active: { page: number; task: RenderTask | undefined } | undefined;
  private readonly canvases = new Map<number, HTMLCanvasElement>();
  private painted: (() => void) | undefined;

  constructor(
    private readonly pageElement: (page: number) => HTMLElement | null,
    private readonly onMostVisible: (page: number) => void,
  ) {}

  /**
   * Starts watching `scroller` for the page elements of `document`'s pages. Resolves once the first
   * page is painted (or could not be), so what can wait does not compete with it.
   */
  attach(scroller: HTMLElement, document: PDFDocumentProxy, scale: number): Promise<void> {
    this.detach();
    const firstPaint = new Promise<void>((resolve) => (this.painted = resolve));
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
        this.visible.set(page, Math.min(box.bottom, view.bottom) - Math.max(box.top, view.top));
        this.draw(page);
      }
    }
    if (!this.active) this.firstPainted();
    return firstPaint;
  }

  private firstPainted(): void {
    this.painted?.();
    this.painted = undefined;
  }

  /**
   * The same file opened again (to draw elsewhere, see `OpenedPdf.drawOffMainThread`): later
   * draws use it. What is drawn stays; a page being drawn is drawn again from the new document.
   */
  replaceDocument(document: PDFDocumentProxy): void {
    if (!this.document) return;
    this.document = document;
    for (const proxy of this.proxies.values()) proxy.cleanup();
    this.proxies.clear();
    if (this.active) {
      this.queue.add(this.active.page);
      this.active.task?.cancel();
    }
  }

  /** New zoom: pages near the viewport are drawn again at the new size, the one in view first. */
  setScale(scale: number): void {
    if (scale === this.scale) return;
    this.scale = scale;
    for (const page of this.near) this.queue.add(page);
    // A page still being drawn at the old size is drawn again.
    this.active?.task?.cancel();
    this.pump();
  }

  /** How many canvases hold pixels now (the benchmark watches this). */
  get liveCanvases(): number {
    return this.canvases.size;
  }

  detach(): void {
    this.firstPainted();
    this.observer?.disconnect();
    this.observer = undefined;
    this.queue.clear();
    for (const page of [...this.canvases.keys()]) this.release(page);
    this.active?.task?.cancel();
    this.active = undefined;
    this.near.clear();
    this.visible.clear();
    this.proxies.clear();
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
      const share = root
        ? Math.max(
            0,
            Math.min(entry.boundingClientRect.bottom, root.bottom - root.height / 3) -
              Math.max(entry.boundingClientRect.top, root.top + root.height / 3),
          )
        : 0;
      this.visible.set(page, share);
    }
    let best = 0;
    let bestPage = 0;
    for (const [page, share] of this.visible) {
      if (share > best) [best, bestPage] = [share, page];
    }
    if (bestPage) this.onMostVisible(bestPage);
    // What the person sees may have changed: the queue is picked from again.
    this.pump();
  }

  private draw(page: number): void {
    this.queue.add(page);
    this.pump();
  }

  /** The page to draw next: the one filling most of the view, else the nearest to it. */
  private next(): number | undefined {
    let choice: number | undefined;
    let bestShare = -1;
    let centre = 1;
    let centreShare = -1;
    for (const [page, share] of this.visible) {
      if (share > centreShare) [centre, centreShare] = [page, share];
    }
    let bestDistance = Infinity;
    for (const page of this.queue) {
      if (!this.near.has(page)) {
        this.queue.delete(page);
        continue;
      }
      const share = this.visible.get(page) ?? 0;
      const distance = Math.abs(page - centre);
      if (share > bestShare || (share === bestShare && distance < bestDistance)) {
        [choice, bestShare, bestDistance] = [page, share, distance];
      }
    }
    return choice;
  }

  /** Starts the next draw unless one is in flight. */
  private pump(): void {
    if (this.active || !this.document) return;
    const page = this.next();
    if (page === undefined) return;
    this.queue.delete(page);
    const active: { page: number; task: RenderTask | undefined } = { page, task: undefined };
    this.active = active;
    const document = this.document;
    const proxy = this.proxies.get(page);
    const ready = proxy ? Promise.resolve(proxy) : document.getPage(page);
    void ready
      .then((pdfPage) => {
        if (this.active !== active || this.document !== document) return;
        this.proxies.set(page, pdfPage);
        if (!this.near.has(page)) return;
        active.task = this.paint(page, pdfPage);
        return active.task?.promise.then(() => {
          // A User Timing mark per painted page: what `npm run bench` (and a host's RUM) measures.
          performance.mark('emzano-page-rendered', { detail: { page } });
        });
      })
      .catch(() => undefined) // cancelled by a release or a new scale, or the document closed
      .finally(() => {
        this.firstPainted();
        if (this.active !== active) return;
        this.active = undefined;
        this.pump();
      });
  }

  private paint(pageNumber: number, page: PDFPageProxy): RenderTask | undefined {
    const host = this.pageElement(pageNumber);
    if (!host) return undefined;
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
    return page.render({ canvas, viewport });
  }

  private release(pageNumber: number): void {
    this.queue.delete(pageNumber);
    if (this.active?.page === pageNumber) this.active.task?.cancel();
    const canvas = this.canvases.get(pageNumber);
    if (canvas) {
      // Zero size frees the backing store at once, before garbage collection.
      canvas.width = 0;
      canvas.height = 0;
      canvas.remove();
    }
    this.canvases.delete(pageNumber);
    this.proxies.get(pageNumber)?.cleanup();
  }
}
