import express from 'express';
import { authorizeAnyone, createEmzanoKit } from 'emzano-elements/server';
import { toNodeListener } from 'emzano-elements/server/node';
import { diparClaims, person } from './people.js';

const kit = createEmzanoKit({
  sandbox: process.env.EMZANO_SANDBOX ?? 'http://localhost:8787', // `npx emzano-elements sandbox`; remove to go live
  authorize: authorizeAnyone('quickstart-user'), // your session here: ({ subject: user.id }), or false
  emzano: true,
  ra: { person: async (subject) => person(subject, await kit.verifyKyc({ subject })) },
  clm: true,
  dipar: { claims: diparClaims },
  remoteVerification: true,
});
const app = express().use('/api/emzano', toNodeListener(kit.fetch)).use(express.static('public'));
app.use('/emzano-elements/cdn', express.static('node_modules/emzano-elements/dist/cdn')).listen(Number(process.env.PORT ?? 3000));
