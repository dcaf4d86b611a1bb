/**
 * Accessible names as assistive technology computes them (axe-core's implementation of the
 * accessible-name algorithm), for every control inside an element, shadow roots included.
 */
import 'axe-core/axe.min.js';

interface Axe {
  setup(root: Node): void;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(node: unknown): string } };
}

const CONTROLS = 'button, input, select, textarea, a[href], [role="img"], [role="group"], [tabindex="0"], video';

function controlsIn(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const node of root.querySelectorAll('*')) {
    if (node.matches(CONTROLS)) found.push(node);
    if (node.shadowRoot) found.push(...controlsIn(node.shadowRoot));
  }
  return found;
}

/** The accessible name of each visible control in `host` (its shadow root and nested ones). */
export function accessibleNames(host: Element): string[] {
  const axe = (globalThis as unknown as { axe: Axe }).axe;
  axe.setup(document);
  try {
    return controlsIn(host.shadowRoot ?? host).map((control) =>
      axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(control)).trim(),
    );
  } finally {
    axe.teardown();
  }
}

/** The accessible name of one node, as a screen reader would announce it. */
export function accessibleName(node: Element): string {
  const axe = (globalThis as unknown as { axe: Axe }).axe;
  axe.setup(document);
  try {
    return axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(node)).trim();
  } finally {
    axe.teardown();
  }
}
