/**
 * The demo's theme controls: each input names a `--emzano-*` property (`data-token`) and sets it
 * live on the preview; only what the designer changed is set (so the dark scheme's defaults
 * still apply to the rest), and the CSS to copy is shown as it would go in a stylesheet.
 */
export function bindThemeEditor(form: HTMLFormElement, target: HTMLElement, output: HTMLElement): void {
  const controls = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-token]')];
  const changed = new Map<string, string>();

  const valueOf = (control: HTMLInputElement | HTMLSelectElement) => `${control.value}${control.dataset['unit'] ?? ''}`;
  const render = () => {
    output.textContent = changed.size
      ? `emzano-kyc,\nemzano-sign-pdf {\n${[...changed].map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}`
      : '/* the defaults */';
  };

  for (const control of controls) {
    control.addEventListener('input', () => {
      const name = control.dataset['token']!;
      changed.set(name, valueOf(control));
      target.style.setProperty(name, changed.get(name)!);
      render();
    });
  }
  form.addEventListener('reset', () => {
    for (const name of changed.keys()) target.style.removeProperty(name);
    changed.clear();
    render();
  });
  render();
}
