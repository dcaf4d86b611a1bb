import { MODULE_URL } from '../internal/module-url.js';

type ZipJs = typeof import('@zip.js/zip.js/lib/zip-core-native.js');

/** Set by the build for the script-tag bundle (scripts/build.mjs): zip.js's file beside it. */
declare const __EMZANO_ZIPJS__: string | undefined;

let zipjs: Promise<ZipJs> | undefined;

/**
 * zip.js, loaded on the first export and never part of the elements' initial code. Its native
 * build uses the browser's CompressionStream and Web Crypto: no inline worker and no WebAssembly,
 * so it runs under a strict Content Security Policy.
 */
export function loadZipJs(): Promise<ZipJs> {
  zipjs ??= (
    typeof __EMZANO_ZIPJS__ === 'string'
      ? (import(/* @vite-ignore */ new URL(__EMZANO_ZIPJS__, MODULE_URL).href) as Promise<ZipJs>)
      : import('@zip.js/zip.js/lib/zip-core-native.js')
  ).then((zip) => {
    zip.configure({ useWebWorkers: false });
    return zip;
  });
  return zipjs;
}
