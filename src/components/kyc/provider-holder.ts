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

type ProviderLoaders = Record<ProviderName, () => Promise<{ createProvider: ProviderFactory }>>;

const LOADERS = Object.fromEntries(Object.entries(KYC_PROVIDERS).map(([name, entry]) => [name, entry.load])) as unknown as ProviderLoaders;

export class ProviderHolder {
  private readonly code: LazyPartsController<ProviderLoaders>;
  private current: { name: ProviderName; provider: KycProvider } | undefined;

  constructor(
    host: LitElement,
    private readonly name: () => ProviderName,
    private readonly settings: () => ProviderSettings,
  ) {
    // Failures surface through the action that waits for the provider (`get`), with its retry.
    this.code = new LazyPartsController(host, LOADERS, () => undefined);
  }

  /** Fetches the provider's code ahead of need; a failure is shown only when it is needed. */
  preload(): void {
    void this.code.load(this.name(), true);
  }

  /** The provider the `provider` property names now; rejects when its code cannot load. */
  async get(): Promise<KycProvider> {
    const name = this.name();
    const { createProvider } = await this.code.require(name);
    if (this.current?.name !== name) this.current = { name, provider: createProvider(this.settings) };
    return this.current.provider;
  }

  /** What is known of the provider before its code is here: the first step's fields, the steps it may ask for. */
  get entry(): ProviderEntry {
    return KYC_PROVIDERS[this.name()] ?? KYC_PROVIDERS.emzano;
  }

  /** The provider made so far, if any (for what cannot wait: a reset, a snapshot). */
  get made(): KycProvider | undefined {
    return this.current?.provider;
  }
}
