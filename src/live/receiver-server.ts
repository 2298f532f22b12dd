import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProducerEvent } from '../model/event-log.ts';
import type { PushMessage } from '../model/producer.ts';
import type { HttpServer, ServerOptions } from './http-server.ts';
import { createHttpServer, sendError } from './http-server.ts';
import type { VerifyResult } from './signature.ts';
import { verify } from './signature.ts';

/** Counts of what the receiver did with each post. */
export interface ReceiverStats {
  accepted: number;
  /** Posts whose `webhook-id` was seen before for the same consumer, acknowledged and dropped. */
  duplicates: number;
  /** Posts rejected by reason: 401 for a failed signature check, 404 for an unknown consumer. */
  rejected: Record<Exclude<VerifyResult, { ok: true }>['reason'] | 'unknown-consumer', number>;
}

export interface ReceiverOptions extends ServerOptions {
  /** The secret of a consumer's subscription, once it has one. */
  secretFor(consumer: number): string | undefined;
  /**
   * Gets each verified, first-seen message just before the 2xx reply. It must only queue the
   * message: the consumer processes it later, so the reply is never held up by the work.
   */
  onMessage(consumer: number, message: PushMessage): void;
  /** The receiver's clock in Unix seconds, for the timestamp window; real time by default. */
  nowSeconds?: () => number;
}

export interface ReceiverServer extends HttpServer {
  readonly stats: ReceiverStats;
  /** The URL that delivers to `consumer`. */
  urlFor(consumer: number): string;
}

/**
 * Starts one webhook receiver that serves many consumers, routing by path:
 * `POST /hooks/:consumer`. It checks the signature over the raw body bytes before parsing,
 * queues each message the first time its `webhook-id` arrives, and replies 204 at once.
 */
export async function startReceiverServer(options: ReceiverOptions): Promise<ReceiverServer> {
  const stats: ReceiverStats = {
    accepted: 0,
    duplicates: 0,
    rejected: {
      'missing-headers': 0,
      'bad-timestamp': 0,
      'too-old': 0,
      'too-new': 0,
      mismatch: 0,
      'unknown-consumer': 0,
    },
  };
  const seen = new Map<number, Set<string>>();

  const server = await createHttpServer(options, (app) => {
    // Keep the body as raw bytes: the signature covers them exactly as sent.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    app.post('/hooks/:consumer', (request, reply) => receive(options, stats, seen, request, reply));
  });

  return { ...server, stats, urlFor: (consumer) => `${server.url}/hooks/${consumer}` };
}

function receive(
  options: ReceiverOptions,
  stats: ReceiverStats,
  seen: Map<number, Set<string>>,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const param = (request.params as { consumer: string }).consumer;
  const consumer = Number(param);
  const secret = /^\d+$/.test(param) ? options.secretFor(consumer) : undefined;
  if (secret === undefined) {
    stats.rejected['unknown-consumer']++;
    return sendError(reply, 404, 'unknown_consumer', `no subscription for consumer '${param}'`);
  }

  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const now = options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const check = verify(secret, request.headers, body, now);
  if (!check.ok) {
    stats.rejected[check.reason]++;
    return sendError(reply, 401, 'invalid_signature', `signature rejected: ${check.reason}`);
  }

  const message = parseMessage(body);
  if (message === undefined) {
    return sendError(reply, 400, 'invalid_body', 'body must be JSON {"subscription", "events"}');
  }

  const header = request.headers['webhook-id'];
  const id = Array.isArray(header) ? String(header[0]) : String(header);
  if (!remember(seen, consumer, id)) {
    stats.duplicates++;
    return reply.code(204).send();
  }

  stats.accepted++;
  options.onMessage(consumer, message);
  return reply.code(204).send();
}

/** Adds `id` to the consumer's seen set and returns whether it was new. */
function remember(seen: Map<number, Set<string>>, consumer: number, id: string): boolean {
  let ids = seen.get(consumer);
  if (ids === undefined) {
    ids = new Set();
    seen.set(consumer, ids);
  }
  if (ids.has(id)) return false;
  ids.add(id);
  return true;
}

function parseMessage(body: Buffer): PushMessage | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;

    const candidate = value as { subscription?: unknown; events?: unknown };
    if (typeof candidate.subscription !== 'number' || !Array.isArray(candidate.events)) {
      return undefined;
    }
    return { subscription: candidate.subscription, events: candidate.events as ProducerEvent[] };
  } catch {
    return undefined;
  }
}
