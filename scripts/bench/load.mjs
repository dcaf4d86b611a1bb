/**
 * The token endpoint under load, for `npm run bench`: two instances of `createTokenHandler`, each
 * behind its own loopback HTTP server, sharing one store, in front of the emulator. Simulated
 * people each enrol once (their own host user), then renew (every renewal rotates the refresh
 * token) and now and then mint a token for their user, at either instance, until the time is up.
 * Run on a real redis-server and on unstorage's memory driver (one store in this process),
 * the same way. Afterwards it checks that nothing was lost or doubled: one Emzano user per
 * person, every family's spent tokens refused, no 5xx.
 */
import { createServer } from 'node:http';
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { createTokenHandler } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { startRedis } from '../../test/helpers/redis.js';

/** A valid national code for person `index` (the last digit is the check digit). */
function nationalCode(index) {
  const body = String(100_000_000 + index).slice(-9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const remainder = sum % 11;
  return `${body}${remainder < 2 ? remainder : 11 - remainder}`;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function listen(handler) {
  const server = createServer(toNodeListener(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/api/emzano/token` };
}

/** One run: `people` at once for `seconds`, over two instances on `storages`. */
async function run(emulatorUrl, apiKey, storages, { people, seconds }) {
  const instances = await Promise.all(
    storages.map((storage) =>
      listen(
        createTokenHandler({
          apiKey,
          baseUrl: emulatorUrl,
          storage,
          authorize: (request) => ({ subject: request.headers.get('x-user') ?? '' }),
        }),
      ),
    ),
  );
  const latencies = [];
  const statuses = new Map();
  let serverErrors = 0;
  const call = async (instance, user, body) => {
    const started = performance.now();
    const response = await fetch(instances[instance].url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-user': user },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    latencies.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) serverErrors += 1;
    return { status: response.status, json };
  };

  const deadline = performance.now() + seconds * 1000;
  const userIds = new Map();
  const spent = [];
  let unexpected = 0;
  const person = async (index) => {
    const user = `load-user-${index}`;
    const enrolled = await call(index % 2, user, {
      phoneNumber: `0912${String(index).padStart(7, '0')}`,
      nationalCode: nationalCode(index),
    });
    if (enrolled.status !== 200) return void (unexpected += 1);
    userIds.set(user, enrolled.json.userId);
    let token = enrolled.json.refreshToken;
    for (let step = 1; performance.now() < deadline; step++) {
      const instance = (index + step) % 2;
      if (step % 5 === 0) {
        const minted = await call(instance, user, { userId: enrolled.json.userId });
        if (minted.status !== 200) unexpected += 1;
        continue;
      }
      const renewed = await call(instance, user, { userId: enrolled.json.userId, refreshToken: token });
      if (renewed.status !== 200) {
        unexpected += 1;
        return;
      }
      if (spent.length < 200) spent.push({ user, userId: enrolled.json.userId, token });
      token = renewed.json.refreshToken;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: people }, (_, index) => person(index)));
  const elapsed = (performance.now() - started) / 1000;
  const timed = [...latencies].sort((a, b) => a - b);
  const timedStatuses = Object.fromEntries(statuses);

  // Spent tokens must stay spent, at either instance (and each reuse ends its family, as designed).
  let reuseRefused = 0;
  for (const [index, entry] of spent.entries()) {
    const { status } = await call(index % 2, entry.user, { userId: entry.userId, refreshToken: entry.token });
    if (status === 401) reuseRefused += 1;
  }
  for (const { server } of instances) {
    server.closeAllConnections();
    server.close();
  }
  return {
    requests: timed.length,
    perSecond: timed.length / elapsed,
    p50: percentile(timed, 50),
    p99: percentile(timed, 99),
    people,
    distinctUsers: new Set(userIds.values()).size,
    enrolled: userIds.size,
    unexpected,
    serverErrors,
    reuseChecked: spent.length,
    reuseRefused,
    statuses: timedStatuses,
  };
}

/** Both runs, Redis first; the emulator is reset before each, so each enrols its people afresh. */
export async function tokenLoad(emulatorUrl, apiKey, options = { people: 200, seconds: 60 }) {
  const reset = () => fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST' });
  const redis = await startRedis();
  try {
    await reset();
    const onRedis = Array.from({ length: 2 }, () => createStorage({ driver: redisDriver({ url: redis.url, base: 'bench' }) }));
    const redisRun = await run(emulatorUrl, apiKey, onRedis, options);
    await Promise.all(onRedis.map((storage) => storage.dispose()));
    await reset();
    const memory = createStorage();
    const memoryRun = await run(emulatorUrl, apiKey, [memory, memory], options);
    return { redis: redisRun, memory: memoryRun, options };
  } finally {
    await redis.stop();
  }
}
