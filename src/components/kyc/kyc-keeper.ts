/**
 * `<emzano-kyc>`'s unfinished work across reloads: the attempt, the recording and the drawing,
 * written a moment after each change (at once for a new recording), never before enrolment or
 * once done, and put back on the next visit: through the provider (which carries on the same
 * attempt), or on a phone that took over, the work kept under its handoff.
 */
import type { ReactiveControllerHost } from 'lit';
import { PersistenceController } from '../../controllers/persistence.js';
import type { KycStep } from '../../core/kyc-flow.js';
import type { SavedKycAttempt } from './kyc-attempt.js';

export interface KeeperOptions {
  /** `persist` is not `off`. */
  enabled: () => boolean;
  /** The host's `persist-key`. */
  scope: () => string;
  snapshot: () => { id: string; value: SavedKycAttempt } | undefined;
  /** Whether the provider carries on with `saved` (and the person has not started anything meanwhile). */
  resume: (saved: SavedKycAttempt) => Promise<boolean>;
  /** Shows what was kept. */
  putBack: (saved: SavedKycAttempt) => void;
}

export class KycKeeper {
  readonly saved: PersistenceController<SavedKycAttempt>;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: KeeperOptions,
  ) {
    this.saved = new PersistenceController<SavedKycAttempt>(host, {
      namespace: 'emzano-kyc',
      enabled: options.enabled,
      snapshot: options.snapshot,
      scope: options.scope,
    });
  }

  /** The attempt changed: written a moment later, while there is something worth keeping. */
  changed(step: KycStep): void {
    if (step !== 'done' && step !== 'enrol') this.saved.schedule();
  }

  /** Puts back the latest work, if the provider carries on with it; or, on a phone, the work of handoff `handoffId`. */
  async restore(handoffId?: string): Promise<boolean> {
    const saved = await this.saved.latest();
    if (!saved) return false;
    if (handoffId !== undefined ? saved.value.handoff?.id !== handoffId : !(await this.options.resume(saved.value))) return false;
    this.options.putBack(saved.value);
    return true;
  }
}
