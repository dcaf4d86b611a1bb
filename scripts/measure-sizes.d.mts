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
export function sizesOf(code: string | Uint8Array): Sizes;
export function measureEntry(entry: string): Promise<EntrySizes>;
export function measureBuiltFiles(): Record<string, Sizes>;
export function staticClosure(entry: string, readCode: (name: string) => string): Set<string>;
