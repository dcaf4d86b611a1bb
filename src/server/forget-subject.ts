/**
 * `forgetSubject`: everything the server kit holds about one of the host's users, deleted from
 * the host's store, for a person who closes their account or asks to be forgotten. What the
 * upstream services hold (an Emzano user, a certificate at the CA, a CLM document) is theirs, and
 * stays; the kit only stops knowing whose it was.
 */
import { subjectKey } from './authorize.js';
import { HandoffStore } from './handoff/handoff-store.js';
import { IdentityBindings } from './identity-bindings.js';
import { RefreshTokens } from './refresh-tokens.js';
import { TimelineStore } from './remote-verification/timeline-store.js';
import { handlerStore, type StoreOptions } from './store.js';

/** What was forgotten, for the host's own records (counts only: nothing about the person). */
export interface ForgottenSubject {
  /** An Emzano user was bound to the subject (with its handoffs and refresh families). */
  emzanoUser: boolean;
  certificates: number;
  clmDocuments: number;
  diparVerifications: number;
  remoteVerifications: number;
}

/**
 * Deletes what the kit holds about `subject` in `storage` (the same store the handlers were given):
 * its Emzano identity binding and the mobile number and national code kept with it, its refresh
 * families and handoffs (their tokens and codes work no more), its certificate records, which CLM
 * documents it sent, its Dipar tokens and verification, its remote verifications with their reports.
 */
export async function forgetSubject(subject: string, options: StoreOptions = {}): Promise<ForgottenSubject> {
  if (typeof subject !== 'string' || subject === '') throw new TypeError('forgetSubject: `subject` is required.');
  const factory = 'forgetSubject';
  const hash = await subjectKey(subject);
  const store = (namespace: string) => handlerStore(factory, options, namespace);

  const userId = await new IdentityBindings(store('emzano')).forget(hash);
  await new RefreshTokens(store('emzano-refresh'), Date.now, { ttlSeconds: 0, maxAgeSeconds: 0 }).forget(hash);
  if (userId) await new HandoffStore(store('emzano-handoff'), { codeSeconds: 0, sessionSeconds: 0 }, Date.now).forgetUser(userId);

  const certificates = store('certificates');
  const records = (await certificates.get<unknown[]>(`subject:${hash}`)) ?? [];
  await certificates.remove(`subject:${hash}`);

  const clm = store('clm');
  const documents = await clm.list<string>(`documents:${hash}`);
  await Promise.all(documents.map((id) => clm.remove(`document:${id}`)));
  await clm.dropList(`documents:${hash}`);

  const dipar = store('dipar');
  const tokens = await dipar.list<string>(`tokens:${hash}`);
  const started = await dipar.get(`latest:${hash}`);
  await Promise.all([
    ...tokens.map((key) => dipar.remove(key)),
    dipar.dropList(`tokens:${hash}`),
    dipar.remove(`latest:${hash}`),
    dipar.remove(`resumable:${hash}`),
  ]);

  const remote = store('remote-verification');
  const sent = await remote.list<string>(`requests:${hash}`);
  await new TimelineStore(remote, 0, Date.now).forget(hash);

  return {
    emzanoUser: userId !== undefined,
    certificates: records.length,
    clmDocuments: documents.length,
    diparVerifications: tokens.length || (started ? 1 : 0),
    remoteVerifications: sent.length,
  };
}
