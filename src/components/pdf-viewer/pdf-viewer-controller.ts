/**
 * The PDF viewer `<emzano-sign-pdf>`'s two modes share: opening a document (with an abort signal,
 * so a newer document wins), the page boxes, zoom, the page in view, and placing a new field where
 * the person is looking. Split as pdf.js's own viewer is: this controller owns loading, layout and
 * zoom; `PageRenderer` decides which pages hold a canvas and draws them, one at a time;
 * `FieldEditor` moves any number of fields by pointer and keyboard; `pdf-geometry` maps page ↔ PDF
 * coordinates. The element says which fields are on which page and hears of every change; it
 * never touches the pages itself.
 */
import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import {
  clampViewRect,
  defaultField,
  fieldFromView,
  pdfRectToView,
  roundField,
  viewSize,
  type PageGeometry,
  type PdfField,
} from '../../core/pdf-geometry.js';
import type { Translation } from '../../i18n/index.js';
import { addStyles } from '../../internal/extra-styles.js';
import type { FieldEditor } from './field-editor.js';
import type { PageRenderer } from './page-renderer.js';
import type { OpenedPdf, PdfSource } from './pdf-loader.js';
import { keepWarm, startPdf } from './pdf-start.js';

/** What the viewer needs once there is a document: loaded with the first one, beside pdf.js. */
export const loadViewerParts = () => import('./viewer-parts.js');

export type Zoom = 'fit-width' | 'fit-page' | number;

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** Smallest field, in CSS px, so it stays grabbable. */
const MIN_FIELD_PX = 24;
/** The viewer's padding and a scrollbar's room, kept free around a fitted page. */
const FIT_MARGIN_PX = 32;

/** A field drawn on a page, and what it shows. `key` tells the element which of its fields moved. */
export interface ViewerField {
  key: number;
  field: PdfField;
  /** What the box shows (a name, the signature image). */
  content: unknown;
  /** Its accessible name. */
  label: string;
  /** Its colour, when fields differ (one per recipient). */
  color?: string | undefined;
}

export interface PdfViewerOptions {
  workerSrc: () => string;
  rendererSrc: () => string;
  maxSize: () => number;
  /** Whether fields may be moved now (not while signing, not once signed). */
  editable: () => boolean;
  /** A field moved or was resized; `done` once the gesture ends (a drag released, a key pressed). */
  onFieldChange: (key: number, field: PdfField, done: boolean) => void;
  /** Opening failed; `retry` opens the same source again. */
  onFailure: (error: unknown, retry: () => void) => void;
}

export class PdfViewerController implements ReactiveController {
  /** Each page's crop box and rotation, in order. */
  pages: PageGeometry[] = [];
  zoom: Zoom = 'fit-width';
  /** The page filling the middle of the viewer. */
  currentPage = 1;
  /** A document is being read. */
  opening = false;
  /** The open document and its bytes (what is signed or sent). */
  opened: OpenedPdf | undefined;

  private renderer: PageRenderer | undefined;
  private fields: FieldEditor | undefined;
  private loadAbort: AbortController | undefined;
  private resizeObserver: ResizeObserver | undefined;
  /** The viewer's inner size as last measured; fit zooms follow it. */
  private viewerSize = { width: 0, height: 0 };
  private drawnScale = 0;

  constructor(
    private readonly host: LitElement,
    private readonly options: PdfViewerOptions,
  ) {
    host.addController(this);
  }

  /** CSS px per PDF point now: the zoom, or what fits the viewer's width (or whole page). */
  get scale(): number {
    if (typeof this.zoom === 'number') return this.zoom;
    const first = this.pages[this.currentPage - 1] ?? this.pages[0];
    if (!first || this.viewerSize.width === 0) return 1;
    const widest = Math.max(...this.pages.map((page) => viewSize(page, 1).width));
    const fitWidth = Math.max(this.viewerSize.width - FIT_MARGIN_PX, 100) / widest;
    if (this.zoom === 'fit-width') return fitWidth;
    return Math.min(fitWidth, Math.max(this.viewerSize.height - FIT_MARGIN_PX, 100) / viewSize(first, 1).height);
  }

  /** How many page canvases hold pixels now (pages far from view hold none). */
  get liveCanvases(): number {
    return this.renderer?.liveCanvases ?? 0;
  }

  get viewer(): HTMLElement | null {
    return this.host.renderRoot.querySelector('[part="viewer"]');
  }

  hostConnected(): void {
    // Small, and the element is here to show a document: fetched now, so opening one waits only on
    // pdf.js (which still loads with the first document).
    void loadViewerParts().catch(() => undefined);
  }

  /** The pages and scale the page boxes were last sized for. */
  private sized: { pages: readonly PageGeometry[]; scale: number } | undefined;

  hostUpdated(): void {
    const viewer = this.viewer;
    if (viewer && !this.resizeObserver) {
      this.measure(viewer);
      this.resizeObserver = new ResizeObserver(() => {
        const before = this.scale;
        this.measure(viewer);
        if (Math.abs(this.scale - before) > 0.001) this.host.requestUpdate();
      });
      this.resizeObserver.observe(viewer);
    }
    const scale = this.scale;
    if (viewer && (this.sized?.pages !== this.pages || this.sized.scale !== scale)) {
      this.sized = { pages: this.pages, scale };
      // Through the CSSOM, not a style attribute, which a strict style-src policy blocks.
      viewer.querySelectorAll<HTMLElement>('[data-page]').forEach((element, index) => {
        const size = viewSize(this.pages[index]!, scale);
        element.style.width = `${size.width}px`;
        element.style.height = `${size.height}px`;
      });
    }
    if (this.drawnScale !== scale && this.pages.length > 0) {
      this.drawnScale = scale;
      this.renderer?.setScale(scale);
    }
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.close();
  }

  /**
   * Opens `source` (a newer call wins) and shows its pages. Resolves with the open document once
   * its pages are laid out, or `undefined` when it was superseded or failed (`onFailure` told why).
   */
  async open(source: PdfSource): Promise<OpenedPdf | undefined> {
    this.close();
    const abort = new AbortController();
    this.loadAbort = abort;
    this.opening = true;
    this.host.requestUpdate();
    try {
      // pdf.js and its worker start before anything else is awaited: the worker's boot is the long pole.
      const started = startPdf(this.options.workerSrc(), this.options.rendererSrc());
      const parts = await loadViewerParts().catch((error: unknown) => {
        keepWarm(started);
        throw error;
      });
      const { openPdf, firstPageGeometry, pageGeometries, PageRenderer, FieldEditor, fieldStyles } = parts;
      addStyles(this.host, fieldStyles);
      const opened = await openPdf(source, { maxSize: this.options.maxSize(), signal: abort.signal, started });
      this.fields ??= new FieldEditor(this, this.options);
      if (abort.signal.aborted) {
        void opened.close();
        return undefined;
      }
      this.renderer ??= new PageRenderer(
        (page) => this.pageElement(page),
        (page) => {
          this.currentPage = page;
          this.host.requestUpdate();
        },
      );
      // The first page's size stands in for every page until the first paint: a long document's
      // other pages are asked for after it, not before.
      const first = await firstPageGeometry(opened.document);
      if (abort.signal.aborted) {
        void opened.close();
        return undefined;
      }
      this.pages = Array.from({ length: opened.document.numPages }, () => first);
      this.opened = opened;
      this.opening = false;
      this.currentPage = 1;
      this.host.requestUpdate();
      await this.host.updateComplete;
      const viewer = this.viewer;
      if (viewer && !abort.signal.aborted) {
        this.drawnScale = this.scale;
        // The rest (the other pages' sizes, and whatever the element does once a document is
        // open) waits for the first page to be painted: it never competes with it.
        await this.renderer.attach(viewer, opened.document, this.drawnScale);
      }
      if (this.pages.length > 1 && !abort.signal.aborted) {
        const pages = await pageGeometries(opened.document);
        if (abort.signal.aborted) return undefined;
        this.pages = pages;
        this.host.requestUpdate();
        await this.host.updateComplete;
      }
      // Everything the first page waited for is done: pages now move to the renderer worker.
      if (!abort.signal.aborted) void opened.drawOffMainThread((document) => this.renderer?.replaceDocument(document));
      return opened;
    } catch (error) {
      if (abort.signal.aborted) return undefined;
      this.opening = false;
      this.host.requestUpdate();
      this.options.onFailure(error, () => void this.open(source));
      return undefined;
    }
  }

  /** No document: pages gone, pdf.js's document and worker released. */
  close(): void {
    this.loadAbort?.abort();
    this.loadAbort = undefined;
    this.renderer?.detach();
    void this.opened?.close();
    this.opened = undefined;
    this.pages = [];
    this.opening = false;
    this.host.requestUpdate();
  }

  zoomBy(direction: 1 | -1): void {
    const scale = this.scale;
    const next =
      direction > 0 ? ZOOM_STEPS.find((step) => step > scale + 0.01) : [...ZOOM_STEPS].reverse().find((step) => step < scale - 0.01);
    this.setZoom(next ?? scale);
  }

  setZoom(zoom: Zoom): void {
    this.zoom = zoom;
    this.host.requestUpdate();
  }

  pageElement(page: number): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`[data-page="${page}"]`);
  }

  showPage(page: number, block: ScrollLogicalPosition = 'nearest'): void {
    this.pageElement(page)?.scrollIntoView({ block });
  }

  /**
   * A default field on `page`, centred in the part of it the person sees; `nth` puts it that many
   * fields lower, so several signers' fields do not cover each other.
   */
  placeFieldOn(page: number, nth = 0): PdfField | undefined {
    const geometry = this.pages[page - 1];
    if (!geometry) return undefined;
    const scale = this.scale;
    const seen = pdfRectToView(geometry, scale, defaultField(page, geometry));
    const size = viewSize(geometry, scale);
    const viewer = this.viewer;
    const pageElement = this.pageElement(page);
    let top = seen.top;
    if (viewer && pageElement) {
      const visibleTop = Math.max(viewer.scrollTop - pageElement.offsetTop, 0);
      const visibleBottom = Math.min(viewer.scrollTop + viewer.clientHeight - pageElement.offsetTop, size.height);
      if (visibleBottom > visibleTop) top = (visibleTop + visibleBottom - seen.height) / 2;
    }
    const rect = clampViewRect({ ...seen, top: top + nth * (seen.height + 8) }, size, MIN_FIELD_PX);
    return roundField(fieldFromView(page, geometry, scale, rect));
  }

  /** Moves focus to the field drawn for `key`, once it is on screen. */
  focusField(key: number): void {
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>(`[part~="field"][data-key="${key}"]`)?.focus(),
    );
  }

  // Rendering ------------------------------------------------------------------------------------

  /** Page number, zoom and fit buttons, then `extra` (the element's own tools). */
  renderToolbar(t: Translation, extra: unknown = nothing) {
    const s = t.signPdf;
    const ready = this.pages.length > 0;
    return html`
      <div part="toolbar" role="toolbar" aria-label=${s.documentLabel}>
        <span part="page-indicator" aria-live="polite"
          >${ready ? s.pageOf(this.currentPage, this.pages.length) : this.opening ? s.loading : s.empty}</span
        >
        <button part="button" type="button" ?disabled=${!ready} @click=${() => this.zoomBy(-1)}>${s.zoomOut}</button>
        <button part="button" type="button" ?disabled=${!ready} @click=${() => this.zoomBy(1)}>${s.zoomIn}</button>
        ${this.renderFitButton('fit-width', s.fitWidth, ready)} ${this.renderFitButton('fit-page', s.fitPage, ready)} ${extra}
      </div>
    `;
  }

  private renderFitButton(zoom: 'fit-width' | 'fit-page', label: string, ready: boolean) {
    return html`<button
      part="button"
      type="button"
      ?disabled=${!ready}
      aria-pressed=${this.zoom === zoom ? 'true' : 'false'}
      @click=${() => this.setZoom(zoom)}
    >
      ${label}
    </button>`;
  }

  /** The scrolling viewer with every page box; `decorate(page)` adds what sits on that page. */
  /** The pages' boxes; `hostUpdated` sizes them. */
  renderViewer(t: Translation, decorate: (page: number) => unknown) {
    return html`
      <div part="viewer" dir="ltr" tabindex="0" role="region" aria-label=${t.signPdf.documentLabel}>
        <span id="field-help" class="visually-hidden">${t.signPdf.fieldHelp}</span>
        ${this.opening ? html`<p part="status">${t.signPdf.loading}</p>` : nothing}
        ${this.pages.map(
          (_page, index) => html`
            <div class="page" part="page" data-page=${index + 1} role="group" aria-label=${t.signPdf.pageLabel(index + 1)}>
              ${decorate(index + 1)}
            </div>
          `,
        )}
      </div>
    `;
  }

  /** A field box on its page, moved by pointer (drag, or the corner to resize) or by the arrow keys. */
  renderField(t: Translation, field: ViewerField) {
    return this.fields?.render(t, field) ?? nothing;
  }

  private measure(viewer: HTMLElement): void {
    this.viewerSize = { width: viewer.clientWidth, height: viewer.clientHeight };
  }
}
