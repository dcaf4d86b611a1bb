/**
 * Continuing on a phone when things go otherwise (test/helpers/handoff-pages.ts): the phone
 * reloaded and the desktop closed meanwhile, the code running out while shown (in Persian, with
 * the demo's camera switched off and handoff="auto", axe on every screen), and either side losing
 * its connection for a while.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordVideo } from '../helpers/demo-page.js';
import { useHandoffDemo, type Step } from '../helpers/handoff-pages.js';

describe('continue on your phone: what a reload, a lost connection or an expired code does', () => {
  const { demo, open, ready, events, desktopToVideo, scanQr, sign, handedOff, expectAccessible } = useHandoffDemo();

  it(
    'loses nothing on the phone: a reload carries on, and a desktop closed meanwhile shows the end when reopened',
    { timeout: 120_000 },
    async () => {
      const desktop = await handedOff();
      const phone = await open('with-camera', desktop.link, { phone: true });
      await phone.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
      await desktop.page.close();

      await recordVideo(phone.page, phone.kyc);
      await phone.kyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
      await phone.page.reload();
      await ready(phone.page);
      await phone.kyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
      await sign(phone.page, phone.kyc);
      await phone.kyc.getByRole('heading', { name: 'Return to your computer' }).waitFor({ timeout: 20_000 });

      // The desktop comes back: the saved attempt follows its handoff, which finished meanwhile, and
      // goes on with its own next step: the demo's certificate, whose key is made here, on the desktop.
      const reopened = await desktop.context.newPage();
      await reopened.addInitScript(() => {
        const events: Step[] = [];
        (window as unknown as { kycEvents: Step[] }).kycEvents = events;
        for (const name of ['emzano-complete', 'emzano-error'])
          document.addEventListener(name, (event) => events.push({ name, detail: (event as CustomEvent).detail }), true);
      });
      await reopened.goto(demo.url);
      await ready(reopened);
      const kyc = reopened.locator('#kyc');
      await kyc.getByRole('heading', { name: 'Signing certificate', exact: true }).waitFor({ timeout: 20_000 });
      await kyc.getByRole('button', { name: 'Get my signing certificate' }).click();
      await kyc.getByRole('button', { name: 'Continue' }).and(reopened.locator(':enabled')).click({ timeout: 30_000 });
      await kyc.getByText('Your identity has been verified.').waitFor({ timeout: 20_000 });
      const [complete] = await events(reopened);
      assert.equal(complete?.name, 'emzano-complete');
      assert.equal((complete!.detail as { signatureUploaded: boolean }).signatureUploaded, true);
      assert.ok((complete!.detail as { session?: { accessToken: string } }).session?.accessToken, 'a live session for signing next');
    },
  );

  it(
    'in Persian, the demo\'s camera off and handoff="auto": the code shows by itself, renews when it runs out, and passes axe',
    { timeout: 120_000 },
    async () => {
      // A browser that has a camera (the fake one), switched off on the demo page as a person would.
      const desktop = await open('with-camera', demo.url, { language: 'fa', clock: true });
      await desktop.page.selectOption('#camera', 'off');
      await desktop.page.selectOption('#handoff-mode', 'auto');
      await desktopToVideo(desktop.page, desktop.kyc, { language: 'fa', offered: false });
      await desktop.kyc.getByText('دوربینی روی این رایانه پیدا نشد. می‌توانید ادامهٔ کار را با گوشی خود انجام دهید.').waitFor();
      assert.equal(await desktop.kyc.locator('[part="error"]').count(), 0, 'no camera error: the phone is the way on');
      const first = await scanQr(desktop.page, desktop.kyc);
      await expectAccessible(desktop.page, 'the desktop waiting, with its code (fa)');

      // The code runs out while it is shown (the desktop's clock jumps ten minutes): a new one, once.
      await desktop.page.clock.fastForward('10:01');
      await desktop.page.waitForFunction(
        (old) => (document.querySelector('#kyc')!.shadowRoot!.querySelector('#handoff-link') as HTMLInputElement | null)?.value !== old,
        first,
      );
      const second = await scanQr(desktop.page, desktop.kyc);
      assert.notEqual(second, first);
      const stale = await open('with-camera', first, { phone: true, language: 'fa' });
      await stale.kyc.getByRole('heading', { name: 'این کد منقضی شده است' }).waitFor({ timeout: 20_000 });
      assert.equal(await stale.kyc.locator('[part="base"]').getAttribute('lang'), 'fa');
      await expectAccessible(stale.page, 'a phone whose code expired (fa)');

      const phone = await open('with-camera', second, { phone: true, language: 'fa' });
      await phone.kyc.locator('[part="stage"]').waitFor({ timeout: 20_000 });
      await desktop.kyc.locator('[part="handoff-steps"]').waitFor();
      await expectAccessible(desktop.page, 'the desktop following the phone (fa)');
    },
  );

  it('carries on when either side loses its connection for a while', { timeout: 120_000 }, async () => {
    const desktop = await handedOff();
    const phone = await open('with-camera', desktop.link, { phone: true });
    await phone.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
    await desktop.kyc.getByText('On your phone: Selfie video').waitFor();

    // The desktop drops off while the phone sends its video (its live stream broken, no way to
    // open another); back on, it shows where the phone is.
    await desktop.context.setOffline(true);
    const dropped = (await (await demo.fetch('/__demo/drop-streams', { method: 'POST' })).json()) as { dropped: number };
    assert.equal(dropped.dropped, 1, "the desktop's live stream (the one open) is broken");
    await recordVideo(phone.page, phone.kyc);
    await phone.kyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
    // Offline, the desktop has not heard of the phone's video; it learns of it when it is back.
    assert.equal(await desktop.kyc.getByText('On your phone: Signature').count(), 0, 'the desktop, offline, is not told');
    await desktop.context.setOffline(false);
    await desktop.kyc.getByText('On your phone: Signature').waitFor({ timeout: 20_000 });

    // The phone drops off as it sends the signature: it says so, and finishes when it is back.
    await phone.context.setOffline(true);
    await sign(phone.page, phone.kyc);
    await phone.kyc.locator('[part="error"]').waitFor({ timeout: 20_000 });
    await phone.context.setOffline(false);
    await phone.kyc.getByRole('heading', { name: 'Return to your computer' }).waitFor({ timeout: 30_000 });
    await desktop.kyc.getByText('Your identity has been verified.').waitFor({ timeout: 20_000 });
    assert.equal((await events(desktop.page)).filter((event) => event.name === 'emzano-complete').length, 1);
  });
});
