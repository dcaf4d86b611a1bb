/** Small helpers for driving elements through their shadow roots, as a person would. */

/** Resolves when `predicate` holds, checking on every animation frame. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** The first event of that name on `target`. */
export function nextEvent<T extends Event>(target: EventTarget, name: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${name} event within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(
      name,
      (event) => {
        clearTimeout(timer);
        resolve(event as T);
      },
      { once: true },
    );
  });
}

/** Types into an input the way a keyboard does: sets the value and fires `input`. */
export function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The button whose visible text contains `text`. */
export function buttonNamed(root: ParentNode, text: string): HTMLButtonElement {
  const button = findButton(root, text);
  if (!button) throw new Error(`No button named "${text}"`);
  return button;
}

/** The button whose visible text contains `text`, if one is shown. */
export function findButton(root: ParentNode, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((candidate) => candidate.textContent?.includes(text));
}

/** Draws a stroke on a canvas with pointer events, like a finger or a mouse would. */
export async function drawStroke(canvas: HTMLCanvasElement, points: Array<[number, number]>): Promise<void> {
  const box = canvas.getBoundingClientRect();
  const at = (type: string, [x, y]: [number, number]) =>
    new PointerEvent(type, {
      bubbles: true,
      cancelable: true,
      composed: true,
      pointerId: 1,
      pointerType: 'mouse',
      isPrimary: true,
      button: 0,
      buttons: type === 'pointerup' ? 0 : 1,
      pressure: type === 'pointerup' ? 0 : 0.5,
      clientX: box.left + x,
      clientY: box.top + y,
    });
  const [first, ...rest] = points;
  if (!first) return;
  canvas.dispatchEvent(at('pointerdown', first));
  for (const point of rest) {
    canvas.ownerDocument.dispatchEvent(at('pointermove', point));
    await new Promise((resolve) => setTimeout(resolve, 12));
  }
  canvas.ownerDocument.dispatchEvent(at('pointerup', rest.at(-1) ?? first));
}

/** Draws a short stroke on a signature pad unless something is drawn already. */
export async function drawSignatureIfEmpty(pad: HTMLElement & { isEmpty(): boolean; updateComplete: Promise<boolean> }): Promise<void> {
  if (!pad.isEmpty()) return;
  await pad.updateComplete;
  await drawStroke(pad.shadowRoot!.querySelector('canvas')!, [
    [20, 30],
    [90, 80],
    [160, 35],
  ]);
}

/**
 * Whether `selector` matches inside `root`. Assert on this rather than on the node: when
 * `expect(node).to.equal(null)` fails, the test runner tries to serialise the element for the
 * report and the whole file hangs until its time limit, instead of failing with a message.
 */
export function has(root: ParentNode, selector: string): boolean {
  return root.querySelector(selector) !== null;
}

/**
 * Until `<emzano-sign-pdf>` is ready for the person: its first page painted and its tools shown
 * (they come once the first page is painted, so they never compete with it).
 */
export async function untilDocumentReady(element: HTMLElement, timeoutMs = 15_000): Promise<void> {
  const root = element.shadowRoot!;
  const send = element.getAttribute('mode') === 'send';
  const signatureOnFile = element.hasAttribute('signature-on-file');
  await until(
    () =>
      root.querySelector('canvas') !== null &&
      root.querySelector(send ? '[part~="send-panel"]' : '[part~="add-field-button"]') !== null &&
      (send ||
        signatureOnFile ||
        root.querySelector('emzano-signature-pad, [part="signature-panel"] .success, [part~="primary-button"]') !== null),
    'the document ready to place and sign',
    timeoutMs,
  );
}

/** What `run` wrote with `console[kind]`, kept out of the test log; the console is restored after. */
export async function consoleDuring(kind: 'error' | 'warn', run: () => Promise<void>): Promise<string[]> {
  const written: string[] = [];
  const original = console[kind];
  console[kind] = (...args: unknown[]) => written.push(args.join(' '));
  try {
    await run();
  } finally {
    console[kind] = original;
  }
  return written;
}

/**
 * A person in front of `element` until `done()`: waits while it works (busy, or an upload under
 * way), presses Try again whenever it is shown, and otherwise does `act`, the one sensible thing
 * for what is on screen. Looks again every 50 ms.
 */
export async function actAsPerson(element: HTMLElement, done: () => boolean, act: () => Promise<void> | void, timeoutMs = 40_000) {
  const root = element.shadowRoot!;
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) {
      const step = (element as HTMLElement & { step?: string }).step;
      throw new Error(`stuck${step ? ` at ${step}` : ''}: ${root.querySelector('[role="alert"]')?.textContent ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (root.querySelector('[aria-busy="true"]') || root.querySelector('[part="upload"]')) continue;
    const retry = findButton(root, 'Try again');
    if (retry) retry.click();
    else await act();
  }
}

/** The failures `element` shows from now on (its `emzano-error` events), as `step code retryable`. */
export function failuresShown(element: HTMLElement): string[] {
  const shown: string[] = [];
  element.addEventListener('emzano-error', ({ detail: { step, code, retryable } }) => shown.push(`${step} ${code} ${retryable}`));
  return shown;
}
