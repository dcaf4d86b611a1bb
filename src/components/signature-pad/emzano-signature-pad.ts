import { html, nothing, type PropertyValues } from 'lit';
import { base64ToBytes } from '../../core/base64.js';
import SignaturePad, { type PointGroup } from 'signature_pad';
import { fitScale, strokeBounds, transformStrokes } from '../../core/strokes.js';
import { EmzanoSignatureChangeEvent } from '../../events/signature-events.js';
import { EmzanoElement } from '../../internal/base-element.js';
import { hostStyles } from '../../styles/tokens.js';
import { signaturePadStyles } from './emzano-signature-pad.styles.js';

/** Pixels of margin kept around the ink when trimming. */
const TRIM_MARGIN = 8;
/** Trimmed images are drawn at least at this density, so they stay sharp when printed. */
const MIN_EXPORT_RATIO = 2;
/** How a typed signature is drawn: a handwriting face where the system has one. */
const TYPED_FONT_SIZE = 40;
const TYPED_FONT = `italic ${TYPED_FONT_SIZE}px "Segoe Script", "Brush Script MT", "Snell Roundhand", cursive`;

/** `draw`: with a pointer; `type`: the name typed, for people who cannot draw (keyboard only). */
export type SignatureInputMode = 'draw' | 'type';

/**
 * A handwritten-signature field that takes part in forms like a native input.
 *
 * @summary Draw a signature; submit it with a form as a trimmed PNG.
 * @tag emzano-signature-pad
 *
 * Who cannot draw (keyboard only, some assistive technology) can switch to typing their name,
 * which is exported as an image in a handwriting style.
 *
 * @event emzano-signature-change - After a stroke, an undo, a clear or typing. Detail: `{ empty, strokes }`.
 *
 * @csspart base - The wrapper around the pad and its buttons.
 * @csspart canvas - The drawing surface.
 * @csspart actions - The row of buttons.
 * @csspart undo-button - The Undo button.
 * @csspart clear-button - The Clear button.
 * @csspart mode-button - Switches between drawing and typing the name.
 * @csspart typed-input - The text input of a typed signature.
 *
 * @cssproperty --emzano-signature-pad-height - Height of the drawing area. Default `12rem`.
 * @cssproperty --emzano-signature-pad-background - Background of the drawing area.
 * @cssproperty --emzano-signature-pad-ink - Ink colour. Default `#10213a`.
 */
export class EmzanoSignaturePad extends EmzanoElement {
  static formAssociated = true;
  static override styles = [hostStyles, signaturePadStyles];
  static override properties = {
    ...EmzanoElement.properties,
    name: { type: String, reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    mode: { type: String, reflect: true },
    typedName: { type: String, attribute: 'typed-name' },
    strokeCount: { state: true },
  };

  /** Form field name. */
  declare name: string;
  /** A form with this pad cannot be submitted until something is drawn. */
  declare required: boolean;
  /** Stops drawing and leaves the value out of form submission. */
  declare disabled: boolean;
  /** `draw` (default) or `type`: the name typed instead of drawn. */
  declare mode: SignatureInputMode;
  /** The typed signature, used when `mode` is `type`. */
  declare typedName: string;
  declare private strokeCount: number;

  private readonly internals: ElementInternals;
  private pad: SignaturePad | undefined;
  private resizeObserver: ResizeObserver | undefined;
  /** CSS size the strokes' coordinates refer to. */
  private drawnAt = { width: 0, height: 0 };
  private formDisabled = false;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.name = '';
    this.required = false;
    this.disabled = false;
    this.mode = 'draw';
    this.typedName = '';
    this.strokeCount = 0;
  }

  private get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  private get inkColor(): string {
    return getComputedStyle(this).getPropertyValue('--_pad-ink').trim() || '#10213a';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.pad?.off();
    this.pad = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move in the DOM: the canvas is still there, the pad is not.
    if (this.hasUpdated) this.setUpPad();
  }

  protected override firstUpdated(): void {
    this.setUpPad();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('disabled')) this.applyEnabled();
    if (['required', 'strokeCount', 'lang', 'mode', 'typedName'].some((name) => changed.has(name))) this.syncFormValue();
    // Back to drawing: the canvas was hidden, so its size may be stale.
    if (changed.has('mode') && this.mode === 'draw') this.fitCanvas();
  }

  private setUpPad(): void {
    const canvas = this.canvas;
    if (!canvas || this.pad) return;
    const previous = this.strokes;
    this.pad = new SignaturePad(canvas, { penColor: this.inkColor, minWidth: 0.8, maxWidth: 2.6, throttle: 8 });
    this.pad.addEventListener('endStroke', this.handleStrokeEnd);
    this.resizeObserver = new ResizeObserver(() => this.fitCanvas());
    this.resizeObserver.observe(canvas);
    this.fitCanvas(previous);
    this.applyEnabled();
  }

  /** Keeps the backing store at device resolution and the strokes inside the resized area. */
  private fitCanvas(strokes: PointGroup[] = this.pad?.toData() ?? []): void {
    const canvas = this.canvas;
    if (!canvas || !this.pad) return;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    const ratio = Math.max(globalThis.devicePixelRatio || 1, 1);
    if (canvas.width === Math.round(width * ratio) && canvas.height === Math.round(height * ratio)) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.getContext('2d')?.scale(ratio, ratio);
    const scale = this.drawnAt.width > 0 ? fitScale(this.drawnAt, { width, height }) : 1;
    this.drawnAt = { width, height };
    this.pad.fromData(scale === 1 ? strokes : transformStrokes(strokes, 0, 0, scale));
  }

  private applyEnabled(): void {
    if (!this.pad) return;
    if (this.disabled || this.formDisabled) this.pad.off();
    else this.pad.on();
  }

  private readonly handleStrokeEnd = () => {
    this.changed();
  };

  private changed(): void {
    this.strokeCount = this.strokes.length;
    this.emit(new EmzanoSignatureChangeEvent({ empty: this.isEmpty(), strokes: this.strokeCount }));
  }

  private syncFormValue(): void {
    const empty = this.isEmpty();
    const canvas = this.canvas ?? undefined;
    if (this.required && empty) this.internals.setValidity({ valueMissing: true }, this.t.pad.required, canvas);
    else this.internals.setValidity({});
    if (empty) {
      this.internals.setFormValue(null);
      return;
    }
    this.internals.setFormValue(new File([base64ToBytes(this.value)], 'signature.png', { type: 'image/png' }));
  }

  // Form-associated lifecycle ------------------------------------------------------------------

  /** The form was reset: the pad is cleared. */
  formResetCallback(): void {
    this.clear();
  }

  /** A disabled ancestor `<fieldset>` or form: no drawing while it lasts. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    this.applyEnabled();
  }

  /** The form this pad belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** Like an input's `validity`: `valueMissing` when `required` and empty. */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** The message shown when the pad is invalid, in the pad's language. */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** Like an input's `checkValidity()`. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** Like an input's `reportValidity()`: shows the message when invalid. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  // Public API ---------------------------------------------------------------------------------

  /** The strokes as vector points (signature_pad's format), in CSS pixels of the pad. */
  get strokes(): PointGroup[] {
    return this.pad?.toData() ?? [];
  }

  set strokes(groups: PointGroup[]) {
    this.pad?.fromData(groups);
    this.strokeCount = groups.length;
  }

  /** The trimmed PNG as a data URL, or `''` when nothing is drawn. */
  get value(): string {
    return this.renderTrimmed()?.toDataURL('image/png') ?? '';
  }

  /** Whether nothing is drawn (or, in `type` mode, nothing typed). */
  isEmpty(): boolean {
    if (this.typing) return this.typedName.trim() === '';
    return this.pad?.isEmpty() ?? true;
  }

  private get typing(): boolean {
    return this.mode === 'type';
  }

  /** Removes the last stroke. */
  undo(): void {
    const strokes = this.strokes;
    if (strokes.length === 0) return;
    this.pad?.fromData(strokes.slice(0, -1));
    this.changed();
  }

  /** Removes the drawing (or the typed name). */
  clear(): void {
    if (this.isEmpty()) return;
    if (this.typing) this.typedName = '';
    else this.pad?.clear();
    this.changed();
  }

  /** A PNG cropped to the ink plus a small margin; `null` when nothing is drawn. */
  toBlob(): Promise<Blob | null> {
    const canvas = this.renderTrimmed();
    if (!canvas) return Promise.resolve(null);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }

  /** Switches between drawing and typing; what was drawn or typed stays for switching back. */
  private toggleMode(): void {
    this.mode = this.typing ? 'draw' : 'type';
    this.changed();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(this.typing ? '[part="typed-input"]' : '[part="mode-button"]')?.focus(),
    );
  }

  private handleTyped(event: Event): void {
    this.typedName = (event.target as HTMLInputElement).value;
    this.changed();
  }

  /** The drawing as SVG markup (the whole pad area). */
  toSVG(): string {
    return this.pad?.toSVG() ?? '';
  }

  /** Redraws the strokes on a canvas just big enough for them. */
  private renderTrimmed(): HTMLCanvasElement | undefined {
    if (this.typing) return this.renderTyped();
    const strokes = this.strokes;
    const bounds = strokeBounds(strokes);
    if (!bounds) return undefined;
    const ratio = Math.max(globalThis.devicePixelRatio || 1, MIN_EXPORT_RATIO);
    const width = bounds.maxX - bounds.minX + TRIM_MARGIN * 2;
    const height = bounds.maxY - bounds.minY + TRIM_MARGIN * 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * ratio);
    canvas.height = Math.ceil(height * ratio);
    canvas.getContext('2d')?.scale(ratio, ratio);
    const painter = new SignaturePad(canvas);
    painter.off();
    painter.fromData(transformStrokes(strokes, TRIM_MARGIN - bounds.minX, TRIM_MARGIN - bounds.minY));
    return canvas;
  }

  /** The typed name in a handwriting style, cropped like a drawing. */
  private renderTyped(): HTMLCanvasElement | undefined {
    const text = this.typedName.trim();
    if (!text) return undefined;
    const ratio = Math.max(globalThis.devicePixelRatio || 1, MIN_EXPORT_RATIO);
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.font = TYPED_FONT;
    const width = Math.ceil(context.measureText(text).width) + TRIM_MARGIN * 2;
    const height = Math.ceil(TYPED_FONT_SIZE * 1.4) + TRIM_MARGIN * 2;
    canvas.width = Math.ceil(width * ratio);
    canvas.height = Math.ceil(height * ratio);
    // Resizing reset the context: set everything again.
    context.scale(ratio, ratio);
    context.font = TYPED_FONT;
    context.fillStyle = this.inkColor;
    context.textBaseline = 'middle';
    context.direction = /[\u0590-\u08FF]/.test(text) ? 'rtl' : 'ltr';
    context.textAlign = 'center';
    context.fillText(text, width / 2, height / 2);
    return canvas;
  }

  override render() {
    const t = this.t;
    const typing = this.typing;
    const empty = typing ? this.typedName.trim() === '' : this.strokeCount === 0;
    return html`
      <div part="base" dir=${t.dir} lang=${t.lang}>
        <canvas part="canvas" role="img" aria-label=${t.pad.label} ?hidden=${typing}></canvas>
        ${
          typing
            ? html`<input
                part="typed-input"
                type="text"
                autocomplete="name"
                aria-label=${t.pad.typedLabel}
                placeholder=${t.pad.typedLabel}
                .value=${this.typedName}
                ?disabled=${this.disabled}
                @input=${this.handleTyped}
              />`
            : nothing
        }
        <div part="actions">
          <button type="button" part="mode-button" ?disabled=${this.disabled} @click=${this.toggleMode}>
            ${typing ? t.pad.drawInstead : t.pad.typeInstead}
          </button>
          ${
            typing
              ? nothing
              : html`<button type="button" part="undo-button" ?disabled=${empty || this.disabled} @click=${this.undo}>
                  ${t.pad.undo}
                </button>`
          }
          <button type="button" part="clear-button" ?disabled=${empty || this.disabled} @click=${this.clear}>${t.pad.clear}</button>
        </div>
      </div>
    `;
  }
}
