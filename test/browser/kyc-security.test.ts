/**
 * <emzano-kyc> when the host's server kit refuses: a visitor the host does not vouch for, and an
 * identity already linked to another of the host's users. Each is told plainly, in their
 * language, once (nothing to retry), and keeps what they typed. The test server's signed-in user
 * is the `test-user` cookie (web-test-runner.config.mjs).
 */
import { expect } from '@open-wc/testing';
import '../../src/emzano-kyc.js';
import type { EmzanoErrorEvent } from '../../src/events/kyc-events.js';
import { buttonNamed, nextEvent, type } from '../helpers/dom.js';
import { emulatorRequests, resetEmulator } from '../helpers/env.js';
import { input, mountKyc, NATIONAL_CODE, PHONE, shadow } from '../helpers/kyc.js';
import { clearSavedAttempts } from '../helpers/storage.js';

const signIn = (user: string) => (document.cookie = `test-user=${user}; path=/`);

describe('<emzano-kyc> refused by the host', () => {
  beforeEach(() => Promise.all([resetEmulator(), clearSavedAttempts()]));
  afterEach(() => (document.cookie = 'test-user=; path=/; max-age=0'));

  async function submit(lang: 'en' | 'fa') {
    const element = await mountKyc({ signature: 'off', lang });
    type(input(element, 'phone'), PHONE);
    type(input(element, 'national-code'), NATIONAL_CODE);
    const failed = nextEvent<EmzanoErrorEvent>(element, 'emzano-error');
    buttonNamed(shadow(element), lang === 'fa' ? 'ادامه' : 'Continue').click();
    return { element, detail: (await failed).detail };
  }

  it('tells a visitor the host does not vouch for that the site did not allow it, once, and keeps what was typed', async () => {
    signIn('anonymous');
    const { element, detail } = await submit('en');
    expect(detail).to.deep.include({ code: 'not-allowed', retryable: false, step: 'enrol' });
    expect(detail.message).to.equal("This site did not allow this. Please sign in again, or contact the site's support.");
    await element.updateComplete;
    const alert = shadow(element).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('did not allow');
    expect(alert.textContent, 'nothing to retry').not.to.contain('Try again');
    expect(input(element, 'phone').value).to.equal(PHONE);
    expect(input(element, 'national-code').value).to.equal(NATIONAL_CODE);
    expect(await emulatorRequests(), 'nothing reached Emzano').to.deep.equal([]);
  });

  it('tells a person whose identity is linked to another account so, in Persian, without saying whose', async () => {
    signIn('first-account');
    const enrolled = await fetch('/api/emzano/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phoneNumber: PHONE, nationalCode: NATIONAL_CODE }),
    });
    expect(enrolled.status).to.equal(200);
    signIn('second-account');
    const { element, detail } = await submit('fa');
    expect(detail).to.deep.include({ code: 'identity-taken', retryable: false });
    expect(detail.message).to.contain('به حساب دیگری متصل است');
    expect(JSON.stringify(detail)).not.to.contain('first-account');
    expect(input(element, 'national-code').value).to.equal(NATIONAL_CODE);
  });
});
