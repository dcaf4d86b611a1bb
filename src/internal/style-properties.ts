/**
 * `style=${styleProperties({ width: '10px', '--_color': colour })}`: sets each property through
 * the CSSOM (`style.setProperty`), never as a `style` attribute. A page whose Content-Security-
 * Policy has `style-src` without `'unsafe-inline'` blocks style attributes, and lit's `styleMap`
 * writes one on its first render; CSSOM writes are allowed.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

type Properties = Record<string, string | undefined>;

class StyleProperties extends Directive {
  private set = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') throw new Error('styleProperties belongs in a style attribute.');
  }

  render(_properties: Properties): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [properties]: [Properties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    const now = new Set<string>();
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      now.add(name);
    }
    for (const name of this.set) if (!now.has(name)) style.removeProperty(name);
    this.set = now;
    return noChange;
  }
}

export const styleProperties = directive(StyleProperties);
