/** Types for chromium.mjs, which plain-JS scripts and TypeScript tests share. */
export function findChromium(): Promise<string | undefined>;
export const CHROMIUM_ARGS: string[];
export const TEST_CHROMIUM_ARGS: string[];
