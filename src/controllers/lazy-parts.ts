/**
 * Parts of an element's code that load when first needed (a KYC step, send mode, the page
 * renderer) rather than with the element. Each part loads once; its `styles`, when it has any,
 * join the element's; the element renders again when it arrives. A failed load is reported with a
 * retry, and loads again the next time it is asked for.
 */
import type { CSSResultOrNative, LitElement, ReactiveController } from 'lit';
import { addStyles } from '../internal/extra-styles.js';

type Loaders = Record<string, () => Promise<object>>;
type Loaded<P extends Loaders> = { [Name in keyof P]?: Awaited<ReturnType<P[Name]>> };

export class LazyPartsController<P extends Loaders> implements ReactiveController {
  /** The parts that have arrived, by name. */
  readonly loaded: Loaded<P> = {};
  private readonly loading = new Map<keyof P, Promise<unknown>>();

  constructor(
    private readonly host: LitElement,
    private readonly loaders: P,
    /** Called when a load the person waits for fails; `retry` asks for it again. */
    private readonly onFailure: (error: unknown, retry: () => void) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Loads `name` unless it is here or on its way, and resolves with it. `quietly` is for fetching
   * ahead: a failure then is not shown (it is retried when the part is really needed).
   */
  load<Name extends keyof P>(name: Name, quietly = false): Promise<Awaited<ReturnType<P[Name]>> | undefined> {
    // One report per failed load: the caller that started it decides whether it is shown.
    const starts = !this.loaded[name] && !this.loading.has(name);
    return this.require(name).catch((error: unknown) => {
      if (starts && !quietly) this.onFailure(error, () => void this.load(name));
      return undefined;
    });
  }

  /**
   * Like `load`, but a failure rejects rather than being reported: for an action that shows its
   * own failure, with a retry of the whole action.
   */
  require<Name extends keyof P>(name: Name): Promise<Awaited<ReturnType<P[Name]>>> {
    const present = this.loaded[name];
    if (present) return Promise.resolve(present);
    let pending = this.loading.get(name) as Promise<Awaited<ReturnType<P[Name]>>> | undefined;
    if (!pending) {
      pending = this.loaders[name]!().then(
        (code) => {
          this.loading.delete(name);
          this.loaded[name] = code as Awaited<ReturnType<P[Name]>>;
          // A part's own styles join the element's.
          const styles = (code as { styles?: CSSResultOrNative }).styles;
          if (styles) addStyles(this.host, styles);
          this.host.requestUpdate();
          return code as Awaited<ReturnType<P[Name]>>;
        },
        (error: unknown) => {
          this.loading.delete(name);
          throw error;
        },
      );
      this.loading.set(name, pending);
    }
    return pending;
  }

  /** Whether `name` is on its way (so asking again would only wait for the same load). */
  isLoading(name: keyof P): boolean {
    return this.loading.has(name);
  }
}
