/**
 * A form's checks and what it shows for them: each field's message, in the person's language,
 * and the focus moved to the first field that needs mending, so a keyboard or screen-reader user
 * lands where the problem is. A field's message goes when the person changes that field.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { collectValid, type Validated, type ValidationError } from '../core/validation.js';

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

export class FieldErrorsController<Name extends string> implements ReactiveController {
  /** The message of each field that failed its check. */
  errors: Partial<Record<Name, string>> = {};

  constructor(
    private readonly host: Host,
    private readonly message: (error: ValidationError) => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The normalised values when every check passes; otherwise flags the fields and focuses the first. */
  check<K extends Name>(checks: Record<K, Validated>): Record<K, string> | undefined {
    const { values, errors } = collectValid(checks, this.message);
    this.errors = errors as Partial<Record<Name, string>>;
    this.host.requestUpdate();
    if (!values)
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('input[aria-invalid="true"]')?.focus());
    return values;
  }

  /** The person changed `name`: its message goes. */
  changed(name: Name): void {
    if (!this.errors[name]) return;
    this.errors = { ...this.errors, [name]: undefined };
    this.host.requestUpdate();
  }

  clear(): void {
    this.errors = {};
    this.host.requestUpdate();
  }
}
