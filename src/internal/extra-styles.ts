/**
 * Styles that arrive after an element was defined (with a part of its code loaded lazily) join
 * its own: one list per element, so parts loaded by different controllers never drop each other's.
 */
import { adoptStyles, type CSSResultOrNative, type LitElement } from 'lit';

const added = new WeakMap<LitElement, CSSResultOrNative[]>();

export function addStyles(host: LitElement, styles: CSSResultOrNative): void {
  const list = added.get(host) ?? [];
  if (list.includes(styles)) return;
  list.push(styles);
  added.set(host, list);
  if (host.renderRoot instanceof ShadowRoot)
    adoptStyles(host.renderRoot, [...(host.constructor as typeof LitElement).elementStyles, ...list]);
}
