/**
 * `<emzano-kyc>`'s identity provider: the module of the one its `provider` property names, loaded
 * when first needed (fetched ahead when the element connects), and one instance of it per
 * provider, made on first use. A different provider mid-attempt means a new instance; the
 * element starts over for it.
 */
import type { LitElement } from 'lit';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import type { KycProvider, ProviderFactory, ProviderSettings } from '../../providers/kyc-provider.js';
import { KYC_PROVIDERS, type ProviderEntry, type ProviderName } from '../../providers/registry.js';
import { isSavedAttempt, type SavedKycAttempt } from './kyc-attempt.js';

type ProviderLoaders = Record<ProviderName, () => Promise<{ createProvider: ProviderFactory }>>;

const LOADERS = Object.fromEntries(Object.entries(KYC_PROVIDERS).map(([name, entry]) => [name, entry.load])) as unknown as ProviderLoaders;

/** The element: its `provider` names the provider, and the provider reads its settings from it. */
type Host = LitElement & ProviderSettings & { provider: ProviderName };

export class ProviderHolder {
  private readonly code: LazyPartsController<ProviderLoaders>;
  private current: { name: ProviderName; provider: KycProvider } | undefined;

  constructor(private readonly host: Host) {
    // Failures surface through the action that waits for the provider (`get`), with its retry.
    this.code = new LazyPartsController(host, LOADERS, () => undefined);
  }

  private name(): ProviderName {
    return this.host.provider;
  }

  /** Fetches the provider's code ahead of need; a failure is shown only when it is needed. */
  preload(): void {
    void this.code.load(this.name(), true);
  }

  /** The provider the `provider` property names now; rejects when its code cannot load. */
  async get(): Promise<KycProvider> {
    const name = this.name();
    const { createProvider } = await this.code.require(name);
    if (this.current?.name !== name) this.current = { name, provider: createProvider(() => this.host) };
    return this.current.provider;
  }

  /** What is known of the provider before its code is here: the first step's fields, the steps it may ask for. */
  get entry(): ProviderEntry {
    return KYC_PROVIDERS[this.name()] ?? KYC_PROVIDERS.emzano;
  }

  /**
   * After a reload: carries on with `saved` if it was made with this provider and the provider can
   * pick it up (and `still` holds by then). Offline before the provider's code could load: false,
   * the element starts fresh rather than fail.
   */
  async resume(saved: SavedKycAttempt, still: () => boolean): Promise<boolean> {
    if (!isSavedAttempt(saved, this.name())) return false;
    const provider = await this.get().catch(() => undefined);
    return provider ? provider.resume(saved.userId, still) : false;
  }

  /** The provider made so far, if any (for what cannot wait: a reset, a snapshot). */
  get made(): KycProvider | undefined {
    return this.current?.provider;
  }
}
