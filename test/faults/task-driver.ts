/**
 * A person at an element's TaskController (src/controllers/task.ts), without the page. The work
 * runs through the controller itself, so what it decides is what the element decides: one run
 * at a time, a cancel that is no failure, a failure shown (`emzano-error`) with Try again only
 * when trying again can help. The person presses Try again for as long as it is offered.
 */
import type { ReactiveControllerHost } from 'lit';
import { TaskController } from '../../src/controllers/task.js';
import { loadEmzanoMessages } from '../../src/core/error-catalog.js';
import type { EmzanoErrorDetail, EmzanoErrorEvent } from '../../src/events/error-event.js';
import type { Language } from '../../src/i18n/index.js';

type Step = EmzanoErrorDetail['step'];

/** The element, as far as its TaskController sees it: controllers, updates and events. Nothing is drawn. */
class ControllerHost extends EventTarget implements ReactiveControllerHost {
  readonly updateComplete = Promise.resolve(true);
  private onUpdate: (() => void) | undefined;
  addController(): void {}
  removeController(): void {}
  requestUpdate(): void {
    this.onUpdate?.();
  }
  /** Resolves at the first update once `idle` holds (a run's end asks for one). */
  until(idle: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      this.onUpdate = () => {
        if (!idle()) return;
        this.onUpdate = undefined;
        resolve();
      };
    });
  }
}

/** What pressing a button whose handler is `task.run(action)` came to. */
export type Pressed<T> =
  | { done: true; value: T }
  /** `busy`: another run was in flight, so the press did nothing; `cancelled`: the person cancelled the run. */
  | { done: false; why: 'busy' | 'cancelled'; thrown?: unknown };

/** A failure shown without Try again: the walk cannot go on by pressing it. */
export class NoTryAgain extends Error {
  constructor(readonly shown: EmzanoErrorDetail) {
    super(`${shown.step}: ${shown.code} (${shown.message}) offers no Try again`);
  }
}

/** Pressing Try again this many times without success ends the test (a fault that never clears). */
const MOST_TRIES = 4;

export class TaskDriver {
  /** Every `emzano-error` the element fired, in order: what the person was shown. */
  readonly errors: EmzanoErrorDetail[] = [];
  /** The step on screen, which a failure belongs to when the work names none (the KYC wizard's step). */
  step: Step = 'enrol';
  readonly task: TaskController;
  private readonly host = new ControllerHost();

  constructor(language: Language = 'en') {
    this.task = new TaskController(this.host, { language: () => language, step: () => this.step });
    this.host.addEventListener('emzano-error', (event) => this.errors.push((event as EmzanoErrorEvent).detail));
  }

  /**
   * Presses a button whose handler is `task.run(action, step)`, then Try again while it is shown.
   * Rejects with `NoTryAgain` when a failure offers none.
   */
  async press<T>(action: (signal: AbortSignal) => Promise<T>, step?: Step): Promise<Pressed<T>> {
    let ran = false;
    let made: { value: T } | undefined;
    let thrown: unknown;
    const work = async (signal: AbortSignal) => {
      ran = true;
      try {
        made = { value: await action(signal) };
      } catch (error) {
        thrown = error;
        throw error;
      }
    };
    await this.task.run(work, step);
    if (!ran) return { done: false, why: 'busy' };
    for (let tries = 0; ; tries++) {
      // A numbered code's failure is shown once its message has loaded (TaskController.fail).
      await loadEmzanoMessages();
      if (made) return { done: true, value: made.value };
      const failure = this.task.failure;
      if (!failure) return { done: false, why: 'cancelled', thrown };
      if (!failure.retry) throw new NoTryAgain(this.errors.at(-1)!);
      if (tries >= MOST_TRIES) throw new Error(`Try again pressed ${tries} times and ${String(failure.code)} still shown`);
      const ended = this.host.until(() => !this.task.busy);
      failure.retry();
      await ended;
    }
  }

  /** What the person was shown, as `step code retryable`: short to compare. */
  shown(): string[] {
    return this.errors.map(({ step, code, retryable }) => `${step} ${code} ${retryable}`);
  }

  /** Cancel, on the upload bar: the run in flight is aborted. */
  cancel(): void {
    this.task.abort();
  }
}
