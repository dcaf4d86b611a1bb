/**
 * Finds a Chromium for the browser tests: $CHROME_PATH, then a system Chromium on the PATH,
 * then Playwright's own download. Shared by the set-up script and the test-runner config.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export async function findChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  for (const name of SYSTEM_NAMES) {
    const path = onPath(name);
    if (path) return path;
  }
  return playwrightChromium();
}

/** Flags for a headless Chromium on a locked-down machine, with a fake camera and microphone. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * The same for the tests: the fake camera at ten frames a second instead of twenty. Every check a
 * test makes of a recording holds at ten, and a two-core machine runs several cameras at once, each
 * drawing, compositing and encoding every frame. (`npm run bench` keeps Chromium's default.)
 */
export const TEST_CHROMIUM_ARGS = CHROMIUM_ARGS.map((flag) => (flag === '--use-fake-device-for-media-stream' ? `${flag}=fps=10` : flag));
