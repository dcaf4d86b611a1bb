/**
 * Async work an element does for the person (an upload, a signing, a request): one run at a time
 * with its own abort signal, a busy flag, upload progress, and one place that decides what the
 * person sees when it fails: the message in their language, Try again when trying again can help,
 * `offline` with a resume of its own when the connection is the problem, and `emzano-error` for
 * the host. Modelled on `@lit/task` (a run owns its AbortController), plus offline and retry.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { loadEmzanoMessages } from '../core/error-catalog.js';
import { EmzanoError, toEmzanoError } from '../core/errors.js';
import { EmzanoErrorEvent, type EmzanoErrorDetail } from '../events/error-event.js';
import { errorMessage, type Language, type Translation } from '../i18n/index.js';
import { reportRefusal } from '../internal/property-shapes.js';
import { OnlineController } from './online.js';

type Step = EmzanoErrorDetail['step'];

export interface ShownFailure {
  code: EmzanoError['code'];
  retryable: boolean;
  step: Step;
  /** What Try again does; absent when trying again cannot help. */
  retry: (() => void) | undefined;
}

export interface TaskOptions {
  /** The language the message is written in, for `emzano-error`'s detail. */
  language: () => Language;
  /** The step a failure belongs to when the caller names none (KYC: the step on screen). */
  step: () => Step;
}

export class TaskController implements ReactiveController {
  /** A run is in flight. */
  busy = false;
  /** The failure shown now, if any. */
  failure: ShownFailure | undefined;
  /** Share of the current upload sent (0–1), while one is in flight. */
  uploadProgress: number | undefined;

  private readonly online: OnlineController;
  private inFlight: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: TaskOptions,
  ) {
    host.addController(this);
    this.online = new OnlineController(host);
  }

  /**
   * Runs `action` unless another run is in flight. A failure is shown with a Try again that runs
   * it again; a cancel (the person's choice) is not a failure and keeps what they did.
   */
  async run(action: (signal: AbortSignal) => Promise<void>, step?: Step): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.clear();
    const abort = new AbortController();
    this.inFlight = abort;
    try {
      await action(abort.signal);
    } catch (error) {
      const failure = toEmzanoError(error);
      if (failure.code !== 'aborted') this.fail(failure, () => void this.run(action, step), step);
    } finally {
      this.busy = false;
      this.inFlight = undefined;
      this.uploadProgress = undefined;
      this.host.requestUpdate();
    }
  }

  /**
   * Shows a failure and tells the host (`emzano-error`). `retry` is offered when the error is
   * retryable; while offline it also runs by itself once the connection is back.
   */
  fail(error: unknown, retry?: () => void, step: Step = this.options.step()): void {
    const failure = retry ? this.online.offlineAware(toEmzanoError(error), retry) : toEmzanoError(error);
    // Emzano's numbered messages load with the first such error (see loadEmzanoMessages).
    if (typeof failure.code === 'number') void loadEmzanoMessages().then(() => this.show(failure, step, retry));
    else this.show(failure, step, retry);
  }

  /**
   * A host set property `name` to a value of the wrong shape, which was not used: the console and
   * `emzano-error` name the property and the value; the person is told the page is set up wrongly
   * unless `shown` is false (the element shows the problem in place instead).
   */
  refuseProperty(name: string, value: unknown, step?: Step, shown = true): void {
    void reportRefusal(this.host as unknown as Element, name, value).then((error) => {
      if (shown) this.fail(error, undefined, step);
      else this.tell(error, step ?? this.options.step());
    });
  }

  /** Hides the failure shown (and forgets a resume waiting for the connection). */
  clear(): void {
    this.failure = undefined;
    this.online.cancel();
    this.host.requestUpdate();
  }

  /** Stops the run in flight (Cancel on an upload); its action sees its signal aborted. */
  abort(): void {
    this.inFlight?.abort();
  }

  /** For `onProgress` callbacks: shows the upload bar from the first call; `undefined` hides it (between two uploads). */
  readonly track = (fraction: number | undefined): void => {
    this.uploadProgress = fraction;
    this.host.requestUpdate();
  };

  hostDisconnected(): void {
    // An element moved in the DOM (removed and put back in the same task) carries on with its run.
    queueMicrotask(() => {
      if (!(this.host as unknown as Element).isConnected) this.abort();
    });
  }

  /** The error box with Try again (when it can help) and any `actions` of the element's own. */
  renderFailure(t: Translation, actions: unknown = nothing) {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`
      <div part="error" role="alert">
        <p>${errorMessage(failure.code, t.lang)}</p>
        <div part="actions" class="actions">
          ${failure.retry ? html`<button part="button" type="button" @click=${failure.retry}>${t.common.retry}</button>` : nothing}
          ${actions}
        </div>
      </div>
    `;
  }

  /** The upload bar with its Cancel button, while an upload is in flight (the element's live region announces it). */
  renderUpload(t: Translation) {
    if (this.uploadProgress === undefined) return nothing;
    const percent = Math.round(this.uploadProgress * 100);
    return html`
      <div part="upload" class="upload">
        <progress part="upload-progress" max="100" value=${percent} aria-label=${t.upload.label}></progress>
        <span>${t.upload.progress(percent)}</span>
        <button part="button" type="button" @click=${() => this.abort()}>${t.upload.cancel}</button>
      </div>
    `;
  }

  private show(failure: EmzanoError, step: Step, retry: (() => void) | undefined): void {
    const retryable = failure.retryable;
    this.failure = { code: failure.code, retryable, step, retry: retryable ? retry : undefined };
    this.host.requestUpdate();
    this.tell(failure, step);
  }

  /** `emzano-error` for the host. */
  private tell(failure: EmzanoError, step: Step): void {
    const { code, retryable, detail } = failure;
    const message = errorMessage(code, this.options.language());
    // Only a page's own mistake carries a developer's note; a server's wording stays out of the event.
    this.host.dispatchEvent(new EmzanoErrorEvent({ code, message, step, retryable, ...(code === 'invalid-property' ? { detail } : {}) }));
  }
}
