import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProducerState } from '../model/producer.ts';
import { handleSubscribe } from '../model/producer.ts';
import type { ProducerGate } from '../model/producer-gate.ts';
import type { HeldPolls } from './held-polls.ts';
import type { HttpServer, ServerOptions } from './http-server.ts';
import { createHttpServer, sendError } from './http-server.ts';
import { pollRoute } from './poll-route.ts';
import { createSecret } from './signature.ts';
import type { StreamHub } from './stream-hub.ts';
import { registerStreamRoutes } from './stream-routes.ts';
import { checkWebhookUrl } from './url-policy.ts';

export { parseCursor, parseKeys } from './poll-route.ts';
export { SCENARIO_TIME_HEADER } from './scenario-time.ts';

export interface ProducerServerOptions extends ServerOptions {
  readonly state: ProducerState;
  /** The producer's clock in scenario time, ms since the Unix epoch. */
  readonly now: () => number;
  /** Accepts webhook URLs on hosts other than loopback. */
  readonly allowRemote?: boolean;
  /** The producer's open streams; with it, the server also serves `GET /stream` and `/ws`. */
  readonly streams?: StreamHub;
  /** Turns polls away during outages and over the rate limit; without it, none is. */
  readonly gate?: ProducerGate;
  /** Holds long polls; without it, `GET /events` ignores `hold` and responds at once. */
  readonly heldPolls?: HeldPolls;
}

interface SubscribeBody {
  url?: unknown;
  keys?: unknown;
  consumer?: unknown;
  secret?: unknown;
}

/**
 * Starts the producer's HTTP API: `GET /events` serves polls and long polls (see `pollRoute`),
 * and `POST /subscriptions` registers a webhook URL. Both call the same handlers as the
 * simulator.
 */
export async function startProducerServer(options: ProducerServerOptions): Promise<HttpServer> {
  return createHttpServer(options, (app) => {
    app.get('/events', (request, reply) => pollRoute(options, request, reply));
    app.post('/subscriptions', (request, reply) => subscribeRoute(options, request, reply));
    if (options.streams !== undefined) registerStreamRoutes(app, options.streams);
  });
}

function subscribeRoute(
  options: ProducerServerOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const body = (request.body ?? {}) as SubscribeBody;

  const urlProblem = checkWebhookUrl(body.url, options.allowRemote === true);
  if (urlProblem !== undefined) return sendError(reply, 400, 'invalid_url', urlProblem);

  const keys = readKeys(body.keys);
  if (keys === null) {
    return sendError(reply, 400, 'invalid_keys', 'keys must be an array of strings when given');
  }

  if (body.secret !== undefined && !isValidSecret(body.secret)) {
    return sendError(
      reply,
      400,
      'invalid_secret',
      'secret must be whsec_ followed by base64 of at least 16 bytes; leave it out to get one',
    );
  }
  const secret = typeof body.secret === 'string' ? body.secret : createSecret();
  const consumer = typeof body.consumer === 'number' ? body.consumer : -1;
  const subscription = handleSubscribe(options.state, {
    consumer,
    keys,
    url: body.url as string,
    secret,
  });

  return reply.code(201).send({ id: subscription.id, secret });
}

function isValidSecret(value: unknown): boolean {
  if (typeof value !== 'string' || !value.startsWith('whsec_')) return false;
  return Buffer.from(value.slice('whsec_'.length), 'base64').length >= 16;
}

/** Reads the optional key list; `null` means it was given but is not a list of strings. */
function readKeys(value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((key) => typeof key === 'string')) return null;
  return value;
}

export type { FastifyInstance };
