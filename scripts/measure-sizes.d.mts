export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}
export interface EntrySizes {
  initial: Sizes;
  initialModules: string[];
  lazy: Array<Sizes & { name: string; modules: string[] }>;
}
export const ENTRIES: Record<string, string>;
/** `brotli: false` leaves brotli out (0): it is slow, and the budgets judge gzip. */
export interface SizeOptions {
  brotli?: boolean;
}
export function sizesOf(code: string | Uint8Array, options?: SizeOptions): Sizes;
export function measureEntry(entry: string, options?: SizeOptions): Promise<EntrySizes>;
export function measureBuiltFiles(options?: SizeOptions): Record<string, Sizes>;
export function staticClosure(entry: string, readCode: (name: string) => string): Set<string>;
