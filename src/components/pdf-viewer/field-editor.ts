/**
 * Editing fields on the pages: a box per field, dragged (or resized by its corner) with any
 * pointer, moved with the arrow keys and resized with Shift+arrows, always inside its page. Loaded
 * with the first document (beside pdf.js), since there is nothing to edit before one.
 */
import { styleProperties } from '../../internal/style-properties.js';
import { css, html, nothing } from 'lit';
import {
  fieldFromView,
  moveViewRect,
  pdfRectToView,
  resizeViewRect,
  roundField,
  viewSize,
  type PageGeometry,
  type PdfField,
  type ViewRect,
} from '../../core/pdf-geometry.js';
import type { Translation } from '../../i18n/index.js';
import type { PdfViewerOptions, ViewerField } from './pdf-viewer-controller.js';

/** A field box and its resize handle; they join the element's styles with this module. */
export const fieldStyles = css`
  [part='field'] {
    position: absolute;
    z-index: 1;
    border: 2px dashed var(--_field-color);
    background: color-mix(in srgb, var(--_field-color) 12%, transparent);
    border-radius: 4px;
    cursor: move;
    touch-action: none;
    display: grid;
    place-items: center;
    overflow: hidden;
    color: var(--_field-color);
    font-size: 0.8rem;
  }
  [part='field']:focus-visible {
    outline: none;
    box-shadow: var(--_focus-ring);
  }
  [part='field'] img {
    max-inline-size: 92%;
    max-block-size: 92%;
    pointer-events: none;
  }
  [part='resize-handle'] {
    position: absolute;
    inset-block-end: -2px;
    inset-inline-end: -2px;
    inline-size: 16px;
    block-size: 16px;
    min-block-size: 0;
    padding: 0;
    border-radius: 3px;
    background: var(--_field-color);
    border: 2px solid #fff;
    cursor: nwse-resize;
    touch-action: none;
  }
`;

/** Smallest field, in CSS px, so it stays grabbable. */
const MIN_FIELD_PX = 24;
const KEY_STEP_PX = 4;

interface Drag {
  key: number;
  mode: 'move' | 'resize';
  /** Where the pointer went down, and the field's box then. */
  x: number;
  y: number;
  start: ViewRect;
  pointerId: number;
  /** The field when the drag began, and as last moved. */
  field: PdfField;
  last: PdfField;
}

export class FieldEditor {
  private drag: Drag | undefined;

  constructor(
    private readonly viewer: { readonly pages: PageGeometry[]; readonly scale: number },
    private readonly options: Pick<PdfViewerOptions, 'editable' | 'onFieldChange'>,
  ) {}

  /** A field box on its page, moved by pointer (drag, or the corner to resize) or by the arrow keys. */
  render(t: Translation, { key, field, content, label, color }: ViewerField) {
    const geometry = this.viewer.pages[field.page - 1];
    if (!geometry) return nothing;
    const rect = pdfRectToView(geometry, this.viewer.scale, field);
    const down = (mode: Drag['mode']) => (event: PointerEvent) => this.handlePointerDown(event, mode, key, field);
    return html`
      <div
        part="field"
        data-key=${key}
        tabindex="0"
        role="group"
        aria-label=${label}
        aria-describedby="field-help"
        style=${styleProperties({
          left: `${rect.left}px`,
          top: `${rect.top}px`,
          width: `${rect.width}px`,
          height: `${rect.height}px`,
          '--_field-color': color,
        })}
        @pointerdown=${down('move')}
        @pointermove=${this.handlePointerMove}
        @pointerup=${this.handlePointerUp}
        @pointercancel=${this.handlePointerUp}
        @keydown=${(event: KeyboardEvent) => this.handleKey(event, key, field)}
      >
        ${content}
        <button
          part="resize-handle"
          type="button"
          tabindex="-1"
          aria-label=${t.signPdf.resizeHandle}
          @pointerdown=${down('resize')}
          @pointermove=${this.handlePointerMove}
          @pointerup=${this.handlePointerUp}
          @pointercancel=${this.handlePointerUp}
        ></button>
      </div>
    `;
  }

  /** The field's box on screen and its page's size. */
  private view(field: PdfField) {
    const geometry = this.viewer.pages[field.page - 1];
    if (!geometry) return undefined;
    const scale = this.viewer.scale;
    return { geometry, rect: pdfRectToView(geometry, scale, field), page: viewSize(geometry, scale) };
  }

  private handlePointerDown(event: PointerEvent, mode: Drag['mode'], key: number, field: PdfField): void {
    const view = this.view(field);
    if (!view || event.button !== 0 || !this.options.editable()) return;
    event.preventDefault();
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.drag = { key, mode, x: event.clientX, y: event.clientY, start: view.rect, pointerId: event.pointerId, field, last: field };
  }

  private readonly handlePointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    const view = drag ? this.view(drag.field) : undefined;
    if (!drag || !view || event.pointerId !== drag.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    const rect =
      drag.mode === 'move' ? moveViewRect(drag.start, dx, dy, view.page) : resizeViewRect(drag.start, dx, dy, view.page, MIN_FIELD_PX);
    drag.last = roundField(fieldFromView(drag.field.page, view.geometry, this.viewer.scale, rect));
    this.options.onFieldChange(drag.key, drag.last, false);
  };

  private readonly handlePointerUp = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    this.drag = undefined;
    this.options.onFieldChange(drag.key, drag.last, true);
  };

  private handleKey(event: KeyboardEvent, key: number, field: PdfField): void {
    const view = this.view(field);
    const delta = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!view || !delta || !this.options.editable()) return;
    event.preventDefault();
    const [dx, dy] = [delta[0]! * KEY_STEP_PX, delta[1]! * KEY_STEP_PX];
    const rect = event.shiftKey ? resizeViewRect(view.rect, dx, dy, view.page, MIN_FIELD_PX) : moveViewRect(view.rect, dx, dy, view.page);
    this.options.onFieldChange(key, roundField(fieldFromView(field.page, view.geometry, this.viewer.scale, rect)), true);
  }
}
