import { LitElement } from 'lit';
import { resolveLanguage, translation, type Language, type Translation } from '../i18n/index.js';

/**
 * What every element shares: the language (its own `lang`, else the nearest ancestor's, else
 * `<html lang>`, else Persian) followed live, and a typed `emit`.
 */
export class EmzanoElement extends LitElement {
  static override properties = {
    lang: { type: String, reflect: true },
  };

  private languageObserver: MutationObserver | undefined;

  /** The language in use now. */
  protected get language(): Language {
    // The property, not the attribute: during render a newly set `lang` is not reflected yet.
    const own = this.lang || this.getAttribute('lang');
    if (own) return resolveLanguage(own);
    const ancestor = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return resolveLanguage(ancestor ?? document.documentElement.getAttribute('lang'));
  }

  /** The strings for the language in use now. */
  protected get t(): Translation {
    return translation(this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An ancestor's `lang` can change at run time (a language switch on the host page).
    this.languageObserver = new MutationObserver(() => this.requestUpdate());
    this.languageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.languageObserver?.disconnect();
    this.languageObserver = undefined;
  }

  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }
}
