import type { Route } from './portal-context.ts';
import { sendJson } from './responses.ts';

/** `GET /health`: the portal answers; whether the provider does is not its concern. */
export const health: Route = async (_context, request) => sendJson(request, 200, { status: 'ok' });
