/**
 * The server kit under load, for `npm run bench`: two instances of `createEmzanoKit`, each behind
 * its own loopback HTTP server, sharing one store, in front of the Emzano and remote-verification
 * emulators. Simulated people, each their own host user, enrol once, then, alternating between
 * the instances until the time is up: renew (every renewal rotates the refresh token), hand off
 * to a phone (the desktop creates the handoff at one instance, the phone redeems the code at the
 * other) and, once per person, send a remote verification whose vendor reports arrive by webhook,
 * each delivered twice, once to each instance.
 *
 * Run on a real redis-server and on unstorage's memory driver (one store in this process), the
 * same way. Afterwards it checks that nothing was lost or doubled: one Emzano user per person,
 * every spent refresh token refused, every code redeemed once, every report in its timeline once,
 * no 5xx. On Redis it counts the commands the run sent (`INFO commandstats`), per request, and
 * that none of them lists keys (`SCAN`, `KEYS`).
 */
import { createServer } from 'node:http';
import Redis from 'ioredis';
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { startVideoIdEmulatorServer } from '../../demo/emulator/server.js';
import { createEmzanoKit } from '../../src/server/index.js';
import { toNodeListener } from '../../src/server/node.js';
import { startRedis } from '../../test/helpers/redis.js';
import { vendorAccount } from '../../test/helpers/remote-verification.js';

const WEBHOOK = { username: 'bench-webhook', password: 'bench-webhook-password' };
const WEBHOOK_HEADER = `Basic ${Buffer.from(`${WEBHOOK.username}:${WEBHOOK.password}`).toString('base64')}`;
const SEND = { message: 'Verifique su identidad: [LINK]', sender: 'MiEmpresa' };
/** The vendor's statuses a request goes through, in order, as webhook reports. */
const REPORTS = [5001, 5002, 5003, 5004];

/** A valid national code for person `index` (the last digit is the check digit). */
function nationalCode(index) {
  const body = String(100_000_000 + index).slice(-9);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
  const remainder = sum % 11;
  return `${body}${remainder < 2 ? remainder : 11 - remainder}`;
}

/** A valid Spanish mobile number for person `index`. */
const spanishPhone = (index) => `+34 6${String(index).padStart(8, '0')}`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function listen(kit) {
  const server = createServer(toNodeListener(kit.fetch));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Redis's own count of each command since its last reset. */
async function commandCounts(client) {
  const text = await client.info('commandstats');
  return Object.fromEntries([...text.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)].map(([, name, calls]) => [name, Number(calls)]));
}

/** One run: `people` at once for `seconds`, over two kit instances on `storages`. */
async function run(world, storages, { people, seconds }, redisClient) {
  const instances = await Promise.all(
    storages.map((storage) =>
      listen(
        createEmzanoKit({
          storage,
          ...(redisClient ? { instances: 'many' } : {}),
          authorize: (request, action) => {
            const user = request.headers.get('x-user');
            if (user) return { subject: user };
            return action.route === 'handoff' && action.action === 'handoff-phone' ? { anonymous: true } : false;
          },
          emzano: { apiKey: world.apiKey, baseUrl: world.emzanoUrl },
          handoff: true,
          remoteVerification: {
            ...vendorAccount(world.vendor),
            webhookAuth: { basic: WEBHOOK },
          },
        }),
      ),
    ),
  );
  /** Latencies by route. */
  const latencies = new Map();
  let serverErrors = 0;
  let requests = 0;
  const call = async (instance, route, path, { user, body, headers = {} } = {}) => {
    const started = performance.now();
    const response = await fetch(`${instances[instance].origin}/api/emzano${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', ...(user ? { 'x-user': user } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = await response.json().catch(() => ({}));
    const took = performance.now() - started;
    if (!latencies.has(route)) latencies.set(route, []);
    latencies.get(route).push(took);
    requests += 1;
    if (response.status >= 500) serverErrors += 1;
    return { status: response.status, json };
  };

  const before = redisClient ? await commandCounts(redisClient) : {};
  const deadline = performance.now() + seconds * 1000;
  const userIds = new Map();
  const spent = [];
  const remote = [];
  let unexpected = 0;
  let handoffs = 0;
  let redeemedTwice = 0;
  const person = async (index) => {
    const user = `load-user-${index}`;
    const home = index % 2;
    const away = 1 - home;
    const enrolled = await call(home, 'token: enrol', '/token', {
      user,
      body: { phoneNumber: `0912${String(index).padStart(7, '0')}`, nationalCode: nationalCode(index) },
    });
    if (enrolled.status !== 200) return void (unexpected += 1);
    const { userId } = enrolled.json;
    userIds.set(user, userId);
    let token = enrolled.json.refreshToken;
    let sent;
    for (let step = 1; performance.now() < deadline; step++) {
      if (step % 8 === 0) {
        // The desktop at one instance, the phone at the other; a second redeem must be refused.
        const progress = { infoInquiry: true, faceRecognition: false, signature: false };
        const ticket = await call(home, 'handoff: create', '/handoff', { user, body: { handoff: 'create', userId, progress } });
        if (ticket.status !== 200) return void (unexpected += 1);
        const phone = await call(away, 'handoff: redeem', '/handoff', { body: { handoff: 'redeem', code: ticket.json.code } });
        if (phone.status !== 200) return void (unexpected += 1);
        handoffs += 1;
        const again = await call(home, 'handoff: redeem', '/handoff', { body: { handoff: 'redeem', code: ticket.json.code } });
        if (again.status === 200) redeemedTwice += 1;
        continue;
      }
      if (step % 8 === 4) {
        if (!sent) {
          const answer = await call(home, 'remote: send', '/remote/send', { user, body: { ...SEND, phone: spanishPhone(index) } });
          if (answer.status !== 200) return void (unexpected += 1);
          sent = { user, id: answer.json.id, reports: 0 };
          remote.push(sent);
        } else if (sent.reports < REPORTS.length) {
          // The vendor delivers each report twice, once to each instance: it must be kept once.
          const report = { ID: sent.id, Estado: REPORTS[sent.reports], UltimaActualizacion: `2026-12-08 10:00:0${sent.reports}` };
          const deliveries = await Promise.all(
            [home, away].map((instance) =>
              call(instance, 'remote: webhook', '/remote/webhook', { body: report, headers: { authorization: WEBHOOK_HEADER } }),
            ),
          );
          if (deliveries.some((delivery) => delivery.status !== 200)) return void (unexpected += 1);
          sent.reports += 1;
        }
        continue;
      }
      const renewed = await call(step % 2 ? away : home, 'token: refresh', '/token', { user, body: { userId, refreshToken: token } });
      if (renewed.status !== 200) return void (unexpected += 1);
      if (spent.length < 200) spent.push({ user, userId, token });
      token = renewed.json.refreshToken;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: people }, (_, index) => person(index)));
  const elapsed = (performance.now() - started) / 1000;
  const timedRequests = requests;
  const after = redisClient ? await commandCounts(redisClient) : {};

  // Spent tokens must stay spent, at either instance (and each reuse ends its family, as designed).
  let reuseRefused = 0;
  for (const [index, entry] of spent.entries()) {
    const { status } = await call(index % 2, 'check', '/token', {
      user: entry.user,
      body: { userId: entry.userId, refreshToken: entry.token },
    });
    if (status === 401) reuseRefused += 1;
  }
  // Every report kept once, read at either instance.
  let reportsLost = 0;
  let reportsDoubled = 0;
  for (const [index, entry] of remote.entries()) {
    const { json } = await call(index % 2, 'check', `/remote/${entry.id}`, { user: entry.user });
    const reported = (json.events ?? []).filter((event) => REPORTS.includes(event.status)).length;
    if (reported < entry.reports) reportsLost += entry.reports - reported;
    if (reported > entry.reports) reportsDoubled += reported - entry.reports;
  }
  for (const { server } of instances) {
    server.closeAllConnections();
    server.close();
  }
  const routes = Object.fromEntries(
    [...latencies]
      .filter(([route]) => route !== 'check')
      .map(([route, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [route, { requests: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
      }),
  );
  const commands = Object.fromEntries(
    Object.entries(after)
      .map(([name, calls]) => [name, calls - (before[name] ?? 0)])
      .filter(([name, calls]) => calls > 0 && name !== 'info'),
  );
  const totalCommands = Object.values(commands).reduce((sum, calls) => sum + calls, 0);
  return {
    requests: timedRequests,
    perSecond: timedRequests / elapsed,
    routes,
    people,
    distinctUsers: new Set(userIds.values()).size,
    enrolled: userIds.size,
    unexpected,
    serverErrors,
    handoffs,
    redeemedTwice,
    reports: remote.reduce((sum, entry) => sum + entry.reports, 0),
    reportsLost,
    reportsDoubled,
    reuseChecked: spent.length,
    reuseRefused,
    ...(redisClient
      ? { commandsPerRequest: totalCommands / timedRequests, commands, keyListings: (commands.scan ?? 0) + (commands.keys ?? 0) }
      : {}),
  };
}

/** Both runs, Redis first; the emulators are reset before each, so each enrols its people afresh. */
export async function kitLoad(emzanoUrl, apiKey, options = { people: 200, seconds: 60 }) {
  const reset = () => fetch(`${emzanoUrl}/__emulator/reset`, { method: 'POST' });
  const [redis, vendor] = await Promise.all([startRedis(), startVideoIdEmulatorServer({ stepMs: 3_600_000 })]);
  const world = { emzanoUrl, apiKey, vendor };
  try {
    await reset();
    const onRedis = Array.from({ length: 2 }, () => createStorage({ driver: redisDriver({ url: redis.url, base: 'bench' }) }));
    const counter = new Redis(redis.url);
    const redisRun = await run(world, onRedis, options, counter);
    counter.disconnect();
    await Promise.all(onRedis.map((storage) => storage.dispose()));
    await reset();
    vendor.emulator.reset();
    const memory = createStorage();
    const memoryRun = await run(world, [memory, memory], options);
    return { redis: redisRun, memory: memoryRun, options };
  } finally {
    await Promise.all([redis.stop(), vendor.close()]);
  }
}
