/**
 * `createEmzanoKit({ sandbox: 'http://localhost:8787', … })`: the kit against
 * `npx emzano-elements sandbox`, every base URL and credential read from the sandbox's discovery
 * document (`GET /.well-known/emzano-sandbox`) instead of written out. A section still says
 * which vendors the site uses (`true`, or what only the host can give: `ra.person`,
 * `dipar.claims`, `clm.callback`), and what it gives wins over the sandbox's. The document is
 * read on the first request (the kit is made synchronously, as always); a sandbox that cannot be
 * reached answers `503 sandbox-unavailable` and is asked again on the next request.
 * Refused when `NODE_ENV` is `production`: going live means removing it.
 */
import { SignJWT } from 'jose';
import type { EmzanoKit, EmzanoKitConfig } from './kit.js';
import { given as defined, normalizeBasePath } from './kit-options.js';
import { refusal } from './pipeline.js';

type Section<T> = T extends object ? true | Partial<T> : never;

/** The kit's configuration with `sandbox`: each vendor's section may leave out what the sandbox gives. */
export type SandboxKitConfig = Omit<EmzanoKitConfig, 'emzano' | 'ra' | 'clm' | 'dipar' | 'remoteVerification'> & {
  /** The sandbox's address (`npx emzano-elements sandbox` prints it). */
  sandbox: string;
  emzano?: Section<NonNullable<EmzanoKitConfig['emzano']>>;
  ra?: Section<NonNullable<EmzanoKitConfig['ra']>>;
  clm?: Section<NonNullable<EmzanoKitConfig['clm']>>;
  dipar?: Section<NonNullable<EmzanoKitConfig['dipar']>>;
  remoteVerification?: Section<NonNullable<EmzanoKitConfig['remoteVerification']>>;
};

type Discovery = Record<'emzano' | 'clm' | 'ra' | 'dipar' | 'remoteVerification', Record<string, unknown>>;

const VENDORS = ['emzano', 'clm', 'ra', 'dipar', 'remoteVerification'] as const;
/** What the discovery document says that no section takes. */
const NOT_OPTIONS: Record<string, string[]> = { clm: ['callbackSecretHint'], ra: ['rootCertificate', 'rootCertificateFile'] };

class SandboxUnreachable extends Error {
  constructor(cause: unknown) {
    super('The sandbox cannot be reached.', { cause });
  }
}

export function sandboxKit(config: SandboxKitConfig, build: (config: EmzanoKitConfig) => EmzanoKit): EmzanoKit {
  const factory = 'createEmzanoKit';
  let base: URL;
  try {
    base = new URL(config.sandbox);
  } catch {
    throw new TypeError(`${factory}: \`sandbox\` must be the sandbox's address, e.g. "http://localhost:8787".`);
  }
  if (typeof process !== 'undefined' && process.env?.['NODE_ENV'] === 'production') {
    throw new TypeError(
      `${factory}: \`sandbox\` is set while NODE_ENV is "production": the sandbox's keys are test keys. Remove it to go live.`,
    );
  }
  const rest: Omit<SandboxKitConfig, 'sandbox'> = { ...config };
  delete (rest as Partial<SandboxKitConfig>).sandbox;
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  let kit: Promise<EmzanoKit> | undefined;

  async function make(): Promise<EmzanoKit> {
    let discovery: Discovery;
    try {
      const response = await doFetch(new URL('/.well-known/emzano-sandbox', base));
      if (!response.ok) throw new Error(`it answered ${response.status}`);
      discovery = (await response.json()) as Discovery;
    } catch (error) {
      throw new SandboxUnreachable(error);
    }
    const sections: Record<string, unknown> = {};
    for (const vendor of VENDORS) {
      const given = rest[vendor];
      if (!given) continue;
      const offered = Object.fromEntries(Object.entries(discovery[vendor] ?? {}).filter(([name]) => !NOT_OPTIONS[vendor]?.includes(name)));
      // What the section gives wins; a key it leaves undefined (an unset variable) is not given.
      sections[vendor] = { ...offered, ...(given === true ? {} : defined(given)) };
    }
    const emzano = sections['emzano'] as Record<string, unknown> | undefined;
    // The browser calls the sandbox's Emzano too: every token says so, and pages need no `api-base`.
    if (emzano && !emzano['browserApiBase']) emzano['browserApiBase'] = emzano['baseUrl'];
    const dipar = sections['dipar'] as Record<string, unknown> | undefined;
    if (dipar && !dipar['dualAuthToken']) {
      // The sandbox's broker takes Dual-Auth tokens signed with the operator key (HS256); a real one has its own (Appendix 2).
      const key = new TextEncoder().encode(String(dipar['tokenKey']));
      dipar['dualAuthToken'] = (scope: string) =>
        new SignJWT({ CallerCode: dipar['callerCode'], Scope: scope })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime('5m')
          .sign(key);
    }
    return build({ ...rest, ...sections } as EmzanoKitConfig);
  }

  /** The kit, made once the sandbox has answered; a failure is tried again on the next call. */
  const ready = () => {
    kit ??= make().catch((error: unknown) => {
      kit = undefined;
      throw error;
    });
    return kit;
  };

  return {
    basePath: normalizeBasePath(rest.basePath ?? '/api/emzano'),
    async fetch(request) {
      let made: EmzanoKit;
      try {
        made = await ready();
      } catch (error) {
        // A configuration the handlers refuse is the host's to fix: it is thrown, as without the sandbox.
        if (!(error instanceof SandboxUnreachable)) throw error;
        return refusal(
          503,
          'sandbox-unavailable',
          `The sandbox at ${base.origin} cannot be reached: is \`npx emzano-elements sandbox\` running?`,
        ).toResponse();
      }
      return made.fetch(request);
    },
    verifyKyc: async (input) => (await ready()).verifyKyc(input),
    readDiparResult: async (subject, request) => (await ready()).readDiparResult(subject, request),
    remoteCredits: async (options) => (await ready()).remoteCredits(options),
    unmatchedRemoteEvents: async () => (await ready()).unmatchedRemoteEvents(),
    forgetSubject: async (subject) => (await ready()).forgetSubject(subject),
  };
}
