import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProducerState } from '../model/producer.ts';
import { handlePoll, handleSubscribe } from '../model/producer.ts';
import type { HttpServer, ServerOptions } from './http-server.ts';
import { createHttpServer, sendError } from './http-server.ts';
import { createSecret } from './signature.ts';
import { checkWebhookUrl } from './url-policy.ts';

/**
 * Header in which a live consumer sends the scenario time at which its poll reaches the
 * producer in the model. Timers on a compressed clock fire a little late, and a late poll could
 * see an event that the same poll in the simulator would not. Responding as of this time keeps
 * the two modes' counts equal. A request without it is answered as of the producer's clock.
 */
export const SCENARIO_TIME_HEADER = 'x-scenario-time';

export interface ProducerServerOptions extends ServerOptions {
  readonly state: ProducerState;
  /** The producer's clock in scenario time, ms since the Unix epoch. */
  readonly now: () => number;
  /** Accepts webhook URLs on hosts other than loopback. */
  readonly allowRemote?: boolean;
}

/** Query parameters as fastify parses them: a repeated parameter arrives as an array. */
interface PollQuery {
  cursor?: string | string[];
  keys?: string | string[];
}

interface SubscribeBody {
  url?: unknown;
  keys?: unknown;
  consumer?: unknown;
  secret?: unknown;
}

/**
 * Starts the producer's HTTP API: `GET /events` serves polls with an `ETag`, and
 * `POST /subscriptions` registers a webhook URL. Both call the same handlers as the simulator.
 */
export async function startProducerServer(options: ProducerServerOptions): Promise<HttpServer> {
  return createHttpServer(options, (app) => {
    app.get('/events', (request, reply) => pollRoute(options, request, reply));
    app.post('/subscriptions', (request, reply) => subscribeRoute(options, request, reply));
  });
}

function pollRoute(
  options: ProducerServerOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const query = request.query as PollQuery;
  const cursor = parseCursor(query.cursor);
  if (cursor === undefined) {
    return sendError(
      reply,
      400,
      'invalid_cursor',
      `cursor must be a whole number >= 0, got '${String(query.cursor)}'`,
    );
  }

  const keys = parseKeys(query.keys);
  const response = handlePoll(options.state, { cursor, keys }, arrivalTime(options, request));
  const etag = `"${response.cursor}"`;

  reply.header('etag', etag);
  if (matchesAny(request.headers['if-none-match'], etag) && response.events.length === 0) {
    return reply.code(304).send();
  }
  return reply.send(response);
}

/**
 * Reads the cursor, 0 when absent. Only digits count, so `0x10`, `1e3` and a blank value are
 * invalid.
 */
function parseCursor(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return 0;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;

  const cursor = Number(value);
  return Number.isSafeInteger(cursor) ? cursor : undefined;
}

/**
 * Reads `keys=a,b`. A repeated `keys` parameter adds its keys to the same list. An absent
 * parameter means every key, while an empty one (`keys=`) means none.
 */
function parseKeys(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [value]
    .flat()
    .flatMap((list) => list.split(','))
    .filter((key) => key !== '');
}

/**
 * Tells whether an `If-None-Match` header matches `etag`. RFC 9110 compares entity tags weakly
 * here, so a `W/` prefix is ignored; the header may list several tags, or be `*`.
 */
function matchesAny(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

function arrivalTime(options: ProducerServerOptions, request: FastifyRequest): number {
  const header = request.headers[SCENARIO_TIME_HEADER];
  const time = typeof header === 'string' ? Number(header) : Number.NaN;
  return Number.isFinite(time) ? time : options.now();
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
