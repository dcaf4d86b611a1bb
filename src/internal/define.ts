/**
 * Registers a tag once. Safe to call when the tag is already taken (two copies of the library on
 * one page, or a bundle imported twice) and in Node, where there is no registry.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  if (customElements.get(tag)) return;
  customElements.define(tag, constructor);
}
