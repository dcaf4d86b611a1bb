import { LitElement, type PropertyValues } from 'lit';
import { LanguageController } from '../controllers/language.js';
import { resolveLanguage, translation, type Language, type Translation } from '../i18n/index.js';

/**
 * What every element shares: the language (its own `lang`, else the nearest ancestor's, else
 * `<html lang>`, else Persian) followed live, a typed `emit`, and focus that never falls to the
 * page when the control that had it is replaced.
 */
export class EmzanoElement extends LitElement {
  static override properties = {
    lang: { type: String, reflect: true },
    theme: { type: String, reflect: true },
  };

  /** `light` or `dark` pins the colour scheme; unset (the default) follows the person's system. */
  declare theme: 'light' | 'dark' | undefined;

  /** An ancestor's `lang` can change at run time (a language switch on the host page). */
  private readonly languageFollower = new LanguageController(this);

  /** The language tag that applies: the element's own `lang`, else its nearest ancestor's, else `<html lang>`. */
  protected get languageTag(): string | null {
    // The property, not the attribute: during render a newly set `lang` is not reflected yet.
    const own = this.lang || this.getAttribute('lang');
    if (own) return own;
    return this.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.getAttribute('lang');
  }

  /** The language in use now. */
  protected get language(): Language {
    return resolveLanguage(this.languageTag);
  }

  /** The strings for the language in use now. */
  protected get t(): Translation {
    return translation(this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.pointerElsewhere, { capture: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.pointerElsewhere, { capture: true });
    this.focusInside = false;
  }

  /**
   * Where focus goes when the focused control leaves the DOM (Start replaced by Stop, a form by
   * its result): the first match of these selectors, in this order.
   */
  protected focusFallbacks: readonly string[] = ['[part~="primary-button"]:not([disabled])', '[part="heading"]'];

  /**
   * Whether focus is (or was last) inside this element. Kept from focus events rather than read
   * from `activeElement`, because a focused button disabled while busy loses focus silently.
   */
  private focusInside = false;

  constructor() {
    super();
    this.addEventListener('focusin', () => (this.focusInside = true));
    // Focus went elsewhere on purpose (another control, or a click on the page): leave it there.
    this.addEventListener('focusout', (event) => {
      if (!this.contains(event.relatedTarget as Node | null) && event.relatedTarget !== null) this.focusInside = false;
    });
  }

  private readonly pointerElsewhere = (event: Event) => {
    if (!event.composedPath().includes(this)) this.focusInside = false;
  };

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    const root = this.renderRoot as ShadowRoot | undefined;
    // A keyboard user would otherwise be sent back to the top of the page.
    if (this.focusInside && root && root.activeElement == null && this.isConnected) {
      for (const selector of this.focusFallbacks) {
        const target = root?.querySelector<HTMLElement>(selector);
        if (target) {
          target.focus();
          break;
        }
      }
    }
  }

  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
