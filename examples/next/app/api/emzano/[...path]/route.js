import { kit } from '../../../../lib/kit.js';

// Every route of the kit under /api/emzano, every method it answers; never cached.
export const dynamic = 'force-dynamic';
export const GET = (request) => kit.fetch(request);
export const POST = GET;
