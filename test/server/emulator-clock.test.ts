/**
 * The emulators' virtual clock: tests move it on instead of waiting, so what it runs must happen
 * in order, at its own time, and nothing before its time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FastForwardClock, offsetClock, systemClock, VirtualClock } from '../../demo/emulator/clock.js';
import { startEmulatorServer, startVideoIdEmulatorServer } from '../../demo/emulator/server.js';

describe('the emulators’ clock', () => {
  it('runs what falls due in order, each at its own time, and nothing early', async () => {
    const clock = new VirtualClock(1_000);
    const seen: string[] = [];
    clock.schedule(300, () => seen.push(`b@${clock.now()}`));
    clock.schedule(100, () => seen.push(`a@${clock.now()}`));
    clock.schedule(300, () => seen.push(`c@${clock.now()}`));
    await clock.advance(299);
    assert.deepEqual(seen, ['a@1100']);
    assert.equal(clock.now(), 1_299);
    await clock.advance(1);
    assert.deepEqual(seen, ['a@1100', 'b@1300', 'c@1300'], 'same time: in the order scheduled');
    assert.equal(clock.pending, 0);
  });

  it('runs within one advance what a timer schedules in turn, after its promises settle', async () => {
    const clock = new VirtualClock(0);
    const steps: number[] = [];
    const step = async (n: number) => {
      await Promise.resolve();
      steps.push(clock.now());
      if (n < 3) clock.schedule(50, () => void step(n + 1));
    };
    clock.schedule(50, () => void step(1));
    await clock.advance(120);
    assert.deepEqual(steps, [50, 100], 'the third step is not yet due');
    await clock.runAll();
    assert.deepEqual(steps, [50, 100, 150]);
  });

  it('cancels, sleeps, and tells a test when something waits', async () => {
    const clock = new VirtualClock(0);
    const cancel = clock.schedule(10, () => assert.fail('cancelled'));
    cancel();
    const waiting = clock.whenPending();
    let woke = false;
    void clock.sleep(5_000).then(() => (woke = true));
    await waiting;
    await clock.advance(4_999);
    assert.equal(woke, false);
    await clock.advance(1);
    assert.equal(woke, true);
  });

  it('next() runs the earliest thing waiting, and what falls due with it, one step at a time', async () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    clock.schedule(100, () => seen.push('a'));
    clock.schedule(100, () => seen.push('b'));
    clock.schedule(250, () => seen.push('c'));
    assert.equal(await clock.next(), true);
    assert.deepEqual(seen, ['a', 'b']);
    assert.equal(clock.now(), 100);
    assert.equal(await clock.next(), true);
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.equal(await clock.next(), false, 'nothing left');
  });

  it('tells a held answer from a scheduled step', async () => {
    const clock = new VirtualClock(0);
    let held = false;
    void clock.whenHeld().then(() => (held = true));
    clock.schedule(1_000, () => undefined); // the simulated person's next step
    await clock.advance(0);
    assert.equal(held, false, 'a step is not an answer held');
    void clock.sleep(5_000); // a latency fault holding an answer
    await clock.advance(0);
    assert.equal(held, true);
  });

  it('refuses to run for ever what reschedules itself at once', async () => {
    const clock = new VirtualClock(0);
    const again = () => clock.schedule(0, again);
    again();
    await assert.rejects(clock.runAll(), /reschedules itself/);
  });

  it('runAll stops at its limit for a process that reschedules itself for ever', async () => {
    const clock = new VirtualClock(0);
    const tick = () => clock.schedule(1_000, tick);
    tick();
    await clock.runAll(10_500);
    assert.equal(clock.now(), 10_000);
    assert.equal(clock.pending, 1);
  });

  it('a fast-forward clock runs with real time, and jumps ahead when told', async () => {
    const clock = new FastForwardClock();
    const before = Date.now();
    const seen: string[] = [];
    clock.schedule(20, () => seen.push('soon'));
    clock.schedule(600_000, () => seen.push('in ten minutes'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(seen, ['soon'], 'real time reached the first');
    await clock.advance(600_000);
    assert.deepEqual(seen, ['soon', 'in ten minutes']);
    assert.ok(clock.now() - before >= 600_000, 'the clock is ten minutes on');
    assert.equal(clock.pending, 0);
  });

  it('an offset clock is the system clock moved', async () => {
    const past = offsetClock(-60_000);
    assert.ok(Math.abs(past.now() - (systemClock.now() - 60_000)) < 1_000);
    await past.sleep(1);
  });

  it('holds a latency fault until the clock moves, however long the latency', async () => {
    const clock = new VirtualClock();
    const running = await startEmulatorServer({ apiKey: 'clock-key', clock });
    try {
      running.emulator.faults.set([{ kind: 'latency', ms: 60_000 }]);
      let answered = false;
      const call = fetch(`${running.url}/api/v1/external/kyc/random-text`, { headers: { Authorization: 'clock-key' } }).then((response) => {
        answered = true;
        return response;
      });
      await clock.whenHeld();
      await clock.advance(59_000);
      assert.equal(answered, false, 'still held a second before its time');
      await clock.advance(1_000);
      assert.equal((await call).status, 200);
    } finally {
      await running.close();
    }
  });

  it('walks the video identity-verification person one step per advance', async () => {
    const clock = new VirtualClock();
    const vendor = await startVideoIdEmulatorServer({ clock, stepMs: 1_500 });
    const delivered: number[] = [];
    vendor.emulator.setWebhook({ url: 'http://host.invalid/webhook', format: 'json', nestedAs: 'string' });
    vendor.emulator.setDelivery(async (_url, init) => {
      delivered.push(Number((JSON.parse(String(init.body)) as { Estado: string }).Estado));
      return new Response(null, { status: 204 });
    });
    try {
      const sent = await fetch(`${vendor.url}/VerificarIdentidad`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Basic ${Buffer.from(`${vendor.emulator.apiUser}:${vendor.emulator.apiToken}`).toString('base64')}`,
        },
        body: JSON.stringify({ Telefono: '34600000000', Resp: 'JSON' }),
      });
      assert.equal(sent.status, 200);
      await clock.advance(0);
      assert.deepEqual(delivered, [5000], 'sent at once');
      await clock.advance(1_500);
      assert.deepEqual(delivered, [5000, 5010], 'opened one step later');
      await clock.runAll();
      assert.deepEqual(delivered, [5000, 5010, 5020, 5001, 5100]);
    } finally {
      await vendor.close();
    }
  });
});
