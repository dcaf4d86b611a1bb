/**
 * Continuing on a phone, on the demo page, with two browsers (test/helpers/handoff-pages.ts): the
 * desktop hands off by QR code, the phone finishes there, and the desktop follows and completes
 * (its steps, its `emzano-complete`, what the emulator received); a code used twice, taking back,
 * a reloaded desktop's new code, and Cancel. The ways back from a lost connection or a reload are
 * in kyc-handoff-recovery.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordVideo } from '../helpers/demo-page.js';
import { useHandoffDemo } from '../helpers/handoff-pages.js';

describe('continue on your phone: <emzano-kyc> hands off by QR code', () => {
  const { demo, cameraless, open, ready, events, desktopToVideo, scanQr, sign, handedOff, expectAccessible, requests } = useHandoffDemo();

  it('hands off by the QR code: the phone records and signs, the desktop follows and completes', { timeout: 120_000 }, async () => {
    const desktop = await open(cameraless(), demo.url);
    const person = await desktopToVideo(desktop.page, desktop.kyc, { inquiry: true });
    await desktop.kyc.locator('[part~="handoff-offer"]').click();
    await desktop.kyc.getByText('Waiting for your phone…').waitFor();
    assert.match(await desktop.kyc.locator('[part="handoff-no-camera"], [part="intro"]').first().innerText(), /./);
    assert.match(await desktop.kyc.locator('[part="handoff-expiry"]').innerText(), /This code works for another (9|10):\d\d\./);

    const link = await scanQr(desktop.page, desktop.kyc);
    assert.match(link, /#emzano-handoff=[A-Za-z0-9_-]{32}$/);
    assert.ok(link.startsWith(new URL('/phone.html#', demo.url).href), "the link is the host's page for the phone (`handoff-url`)");
    await expectAccessible(desktop.page, 'the desktop waiting, with its code (en)');

    const { page: phonePage, kyc: phoneKyc } = await open('with-camera', link, { phone: true });
    await phoneKyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
    assert.ok(!phonePage.url().includes('emzano-handoff'), 'the code is gone from the address bar');
    // The phone never makes the certificate (its key belongs on the desktop), even on a page that asks for one.
    await phoneKyc.evaluate((element: HTMLElement & { certificate: string }) => (element.certificate = 'issue'));
    assert.equal(await phoneKyc.locator('[part="progress"]').innerText(), 'Step 2 of 4: Selfie video');
    await desktop.kyc.getByText('Phone connected.').or(desktop.kyc.getByText('On your phone: Selfie video')).waitFor();

    await recordVideo(phonePage, phoneKyc);
    await phoneKyc.getByRole('heading', { name: 'Signature' }).waitFor({ timeout: 20_000 });
    await desktop.kyc.getByText('On your phone: Signature').waitFor();
    assert.equal(await desktop.kyc.locator('[data-step="video"]').getAttribute('data-done'), 'true');
    await expectAccessible(desktop.page, 'the desktop following the phone (en)');
    await sign(phonePage, phoneKyc);
    await phoneKyc.getByRole('heading', { name: 'Return to your computer' }).waitFor({ timeout: 20_000 });
    assert.match(await phoneKyc.locator('[part="handoff-end"]').innerText(), /You are done here/);

    // The desktop: the summary, and the same event as a run on one device.
    await desktop.kyc.getByText('Your identity has been verified.').waitFor({ timeout: 20_000 });
    const desktopEvents = await events(desktop.page);
    assert.deepEqual(
      desktopEvents.filter((event) => event.name === 'emzano-step').map((event) => event.detail['step']),
      ['inquiry', 'video', 'done'],
      "the desktop's steps: the video and signature happened on the phone",
    );
    const completed = desktopEvents.filter((event) => event.name === 'emzano-complete');
    assert.equal(completed.length, 1, 'emzano-complete once');
    const detail = completed[0]!.detail as {
      userId: string;
      person: { name: string } | null;
      signatureUploaded: boolean;
      provider: string;
      session: { userId: string; accessToken: string; refreshToken?: string };
    };
    assert.equal(detail.provider, 'emzano');
    assert.equal(detail.signatureUploaded, true);
    assert.ok(detail.person?.name, 'the person the desktop confirmed');
    assert.equal(detail.session.userId, detail.userId);
    assert.equal(detail.session.refreshToken, undefined, 'never a refresh token in the page');
    const phoneEvents = await events(phonePage);
    assert.equal(
      phoneEvents.filter((event) => event.name === 'emzano-complete').length,
      0,
      'the phone does not complete: the desktop does',
    );

    // What Emzano received for this person: one enrolment, the inquiry from the desktop, the video and signature from the phone.
    // (The demo page also enrols its signing demo's person on each load: only this person counts.)
    const received = await requests();
    const enrolments = received.filter((request) => request.path.endsWith('/kyc/enroll') && JSON.stringify(request.json).includes(person));
    assert.equal(enrolments.length, 1, 'no second enrolment');
    const mine = received.filter((request) => request.path.includes(`/${detail.userId}/`));
    const [inquiry, video, signature] = ['info-inquiry', 'face-recognition', 'upload-signature'].map((name) =>
      mine.find((request) => request.path.endsWith(`/${name}`) && request.status === 200),
    );
    assert.ok(inquiry && video && signature, mine.map((request) => request.path).join('\n'));
    assert.ok(
      video.parts?.some((part) => part.fileName && part.size! > 1000),
      'a real video file went up',
    );
    assert.notEqual(video.authorization, inquiry.authorization, "the video went up with the phone's own token");
    assert.equal(video.authorization, signature.authorization, 'both from the phone');
    assert.equal(mine.filter((request) => request.path.endsWith('/token')).length, 2, 'a token for the desktop, one for the phone');
  });

  it('refuses a second phone, and the desktop takes back control: the phone is told', { timeout: 90_000 }, async () => {
    const desktop = await handedOff();
    const first = await open('with-camera', desktop.link, { phone: true });
    await first.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor({ timeout: 20_000 });
    const second = await open('with-camera', desktop.link, { phone: true });
    await second.kyc.getByRole('heading', { name: 'This code was used already' }).waitFor({ timeout: 20_000 });
    assert.match(await second.kyc.locator('[part="handoff-end"]').innerText(), /Go back to your computer/);
    await expectAccessible(second.page, 'a phone whose code was used (en)');

    await desktop.kyc.getByRole('button', { name: 'Continue on this computer instead' }).click();
    await desktop.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor();
    await desktop.kyc.locator('[part~="handoff-offer"]').waitFor();
    await first.kyc.getByRole('heading', { name: 'Continued on your computer' }).waitFor({ timeout: 15_000 });
    assert.equal(await first.page.evaluate(() => sessionStorage.length), 0, 'the phone keeps nothing once it is over');
  });

  it('a reloaded desktop shows a new code (the old one has expired); Cancel withdraws it', { timeout: 90_000 }, async () => {
    const desktop = await handedOff();
    await desktop.page.reload();
    await ready(desktop.page);
    const renewed = await scanQr(desktop.page, desktop.kyc);
    assert.notEqual(renewed, desktop.link, 'codes are never stored: a reload gets a new one');

    const stale = await open('with-camera', desktop.link, { phone: true });
    await stale.kyc.getByRole('heading', { name: 'This code has expired' }).waitFor({ timeout: 20_000 });
    assert.match(await stale.kyc.locator('[part="handoff-end"]').innerText(), /a new code appears there by itself/);

    await desktop.kyc.getByRole('button', { name: 'Cancel' }).click();
    await desktop.kyc.getByRole('heading', { name: 'Selfie video' }).waitFor();
    const late = await open('with-camera', renewed, { phone: true });
    await late.kyc.getByRole('heading', { name: 'Cancelled on your computer' }).waitFor({ timeout: 20_000 });
  });
});
