/**
 * `npm test` runs this first: it makes sure the machine has what the tests need (a Chromium for
 * the browser tests, poppler-utils' pdfsig for signature checks, redis-server for the server
 * kit's shared state, libnss3-tools' certutil for a trust store holding only the test root) and
 * installs what is missing:
 * Playwright's installer where the internet is reachable, Debian's packages where it is not.
 */
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args) {
  console.log(`setup: ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

let aptUpdated = false;
function aptInstall(packages) {
  if (!has('apt-get')) return false;
  const [sudo, ...sudoArgs] = asRoot;
  const apt = (args) => (sudo ? run(sudo, [...sudoArgs, 'apt-get', ...args]) : run('apt-get', args));
  if (!aptUpdated) aptUpdated = apt(['update', '-qq']);
  return apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** Whether Playwright's download host resolves: a name lookup only, no traffic to the host. */
async function internetReachable() {
  const { lookup } = await import('node:dns/promises');
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 3000).unref());
  const resolved = lookup('playwright.download.prss.microsoft.com').then(
    () => true,
    () => false,
  );
  return Promise.race([resolved, timeout]);
}

async function ensureChromium() {
  const found = await findChromium();
  if (found) {
    console.log(`setup: Chromium at ${found}`);
    return;
  }
  if ((await internetReachable()) && run('npx', ['playwright', 'install', 'chromium']) && (await findChromium())) return;
  if (aptInstall(['chromium']) && (await findChromium())) return;
  throw new Error('No Chromium found and none could be installed. Set CHROME_PATH to a Chromium or Chrome binary.');
}

function ensurePdfsig() {
  if (has('pdfsig')) return;
  if (!aptInstall(['poppler-utils']) || !has('pdfsig')) {
    throw new Error('pdfsig (poppler-utils) is missing and could not be installed.');
  }
}

/** The tests start their own redis-server on a port they pick; the package's own service is not used. */
function ensureRedis() {
  if (has('redis-server')) return;
  if (!aptInstall(['redis-server']) || !has('redis-server')) {
    throw new Error('redis-server is missing and could not be installed.');
  }
}

/** certutil makes the NSS database holding only the RA emulator's test root, for pdfsig to trust. */
function ensureCertutil() {
  if (has('certutil')) return;
  if (!aptInstall(['libnss3-tools']) || !has('certutil')) {
    throw new Error('certutil (libnss3-tools) is missing and could not be installed.');
  }
}

await ensureChromium();
ensurePdfsig();
ensureRedis();
ensureCertutil();
