import { authorizeAnyone, createEmzanoKit } from 'emzano-elements/server';
import { diparClaims, person } from './people.js';

/** The server kit, for every vendor, against the sandbox (`npx emzano-elements sandbox`). */
export const kit = createEmzanoKit({
  sandbox: process.env.EMZANO_SANDBOX ?? 'http://localhost:8787', // remove to go live (refused when NODE_ENV is production)
  authorize: authorizeAnyone('quickstart-user'), // your session here: ({ subject: user.id }), or false
  emzano: true,
  ra: { person: async (subject) => person(subject, await kit.verifyKyc({ subject })) },
  clm: true,
  dipar: { claims: diparClaims },
  remoteVerification: true,
});
