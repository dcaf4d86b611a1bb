import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { authorizeAnyone, createEmzanoKit } from 'emzano-elements/server';
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
const app = new Hono().all('/api/emzano/*', (c) => kit.fetch(c.req.raw));
app.use('/emzano-elements/cdn/*', serveStatic({ root: 'node_modules/emzano-elements/dist', rewriteRequestPath: (path) => path.slice(16) }));
app.use('/*', serveStatic({ root: 'public' }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
