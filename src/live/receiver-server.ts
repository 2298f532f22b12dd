import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProducerEvent } from '../model/event-log.ts';
import type { PushMessage } from '../model/producer.ts';
import type { HttpServer, ServerOptions } from './http-server.ts';
import { createHttpServer, sendError } from './http-server.ts';
import type { Arrival, ReceiverBehaviour } from './receiver-behaviour.ts';
import { readScenarioTime, SCENARIO_TIME_HEADER } from './scenario-time.ts';
import type { VerifyResult } from './signature.ts';
import { verify } from './signature.ts';

/** Counts of what the receiver did with each post. */
export interface ReceiverStats {
  /** Messages handed to the consumer. */
  accepted: number;
  /**
   * Messages whose `webhook-id` the consumer had already been handed, acknowledged and dropped
   * before the hand-off. Only a receiver that deduplicates drops them.
   */
  duplicates: number;
  /** Posts refused while the consumer was down: the connection was closed with no reply. */
  refused: number;
  /** Posts that got a 500 from the receiver's error rate. */
  failed: number;
  /** Posts rejected by reason: 401 for a failed signature check, 404 for an unknown consumer. */
  rejected: Record<Exclude<VerifyResult, { ok: true }>['reason'] | 'unknown-consumer', number>;
}

export interface ReceiverOptions extends ServerOptions {
  /** The secret of a consumer's subscription, once it has one. */
  secretFor(consumer: number): string | undefined;
  /**
   * Gets each verified message that is not dropped as a duplicate, once the receiver's work on
   * it is done. It must only queue the message for the consumer, because a receiver that
   * processes first replies only after this returns.
   */
  onMessage(consumer: number, message: PushMessage): void;
  /** The receiver's clock in Unix seconds, for the timestamp window; real time by default. */
  nowSeconds?: () => number;
  /**
   * Whether a message whose `webhook-id` the consumer was already handed is dropped; true by
   * default. With false, every copy reaches the consumer.
   */
  dedupe?: boolean;
  /**
   * Faults, work time and acknowledgement mode of a live run's receiver. Without it, the
   * receiver hands each message over and replies 204 at once.
   */
  behaviour?: ReceiverBehaviour;
}

export interface ReceiverServer extends HttpServer {
  readonly stats: ReceiverStats;
  /** The URL that delivers to `consumer`. */
  urlFor(consumer: number): string;
  /** Resolves once the receiver has no work left that it does after replying. */
  drained(): Promise<void>;
}

/** The receiver's counts and the `webhook-id`s each consumer has been handed. */
interface ReceiverState {
  readonly options: ReceiverOptions;
  readonly stats: ReceiverStats;
  readonly seen: Map<number, Set<string>>;
}

/** A verified post, ready to hand to its consumer. */
interface VerifiedPost {
  readonly consumer: number;
  readonly id: string;
  readonly message: PushMessage;
}

/**
 * Starts one webhook receiver that serves many consumers, routing by path:
 * `POST /hooks/:consumer`. It checks the signature over the raw body bytes before parsing,
 * hands each message to its consumer (dropping a `webhook-id` seen before when it
 * deduplicates), and replies 204: at once, or as its `behaviour` decides.
 */
export async function startReceiverServer(options: ReceiverOptions): Promise<ReceiverServer> {
  const stats: ReceiverStats = {
    accepted: 0,
    duplicates: 0,
    refused: 0,
    failed: 0,
    rejected: {
      'missing-headers': 0,
      'bad-timestamp': 0,
      'too-old': 0,
      'too-new': 0,
      mismatch: 0,
      'unknown-consumer': 0,
    },
  };
  const state: ReceiverState = { options, stats, seen: new Map() };

  const server = await createHttpServer(options, (app) => {
    // Keep the body as raw bytes: the signature covers them exactly as sent.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    app.post('/hooks/:consumer', (request, reply) => receive(state, request, reply));
  });

  return {
    ...server,
    stats,
    urlFor: (consumer) => `${server.url}/hooks/${consumer}`,
    drained: () => options.behaviour?.drained() ?? Promise.resolve(),
  };
}

function receive(
  state: ReceiverState,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | Promise<FastifyReply> {
  const arrival = state.options.behaviour?.arrive(
    readScenarioTime(request.headers[SCENARIO_TIME_HEADER]),
  );
  if (arrival?.kind === 'refused') return refuse(state.stats, request, reply);

  const post = verifyPost(state, request, reply);
  if (post === undefined) return reply;

  if (arrival === undefined) {
    handOff(state, post);
    return reply.code(204).send();
  }
  if (arrival.kind === 'error') {
    state.stats.failed++;
    reply.header(SCENARIO_TIME_HEADER, String(arrival.at));
    return sendError(
      reply,
      arrival.status,
      'receiver_error',
      'the receiver failed to process the push (simulated error)',
    );
  }

  return accept(state, post, arrival, request, reply);
}

/**
 * Closes the connection with no reply, as a receiver that is down would refuse it, so the
 * sender gets a failure with no status at once.
 */
function refuse(stats: ReceiverStats, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  stats.refused++;
  return hangUp(request, reply);
}

function hangUp(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  request.raw.socket.destroy();
  return reply;
}

/** Checks the consumer, the signature and the body; sends the error and returns undefined. */
function verifyPost(
  state: ReceiverState,
  request: FastifyRequest,
  reply: FastifyReply,
): VerifiedPost | undefined {
  const { options, stats } = state;
  const param = (request.params as { consumer: string }).consumer;
  const consumer = Number(param);
  const secret = /^\d+$/.test(param) ? options.secretFor(consumer) : undefined;
  if (secret === undefined) {
    stats.rejected['unknown-consumer']++;
    sendError(reply, 404, 'unknown_consumer', `no subscription for consumer '${param}'`);
    return undefined;
  }

  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const now = options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const check = verify(secret, request.headers, body, now);
  if (!check.ok) {
    stats.rejected[check.reason]++;
    sendError(reply, 401, 'invalid_signature', `signature rejected: ${check.reason}`);
    return undefined;
  }

  const message = parseMessage(body);
  if (message === undefined) {
    sendError(reply, 400, 'invalid_body', 'body must be JSON {"subscription", "events"}');
    return undefined;
  }

  const header = request.headers['webhook-id'];
  const id = Array.isArray(header) ? String(header[0]) : String(header);
  return { consumer, id, message };
}

/**
 * Does the work on an accepted post: the hand-off comes `workMs` after the arrival, and the
 * 204 before it or after it by the acknowledgement mode, plus the reply delay. The reply states
 * its scenario time, so that the sender settles the attempt when the simulator would.
 */
async function accept(
  state: ReceiverState,
  post: VerifiedPost,
  arrival: Arrival & { readonly kind: 'accepted' },
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const behaviour = state.options.behaviour as ReceiverBehaviour;
  // A failing hand-off is a bug in the consumer's queue, so it is left to crash the run.
  void behaviour.runAt(arrival.handleAt, () => handOff(state, post));

  // A run that stops in the meantime needs no reply.
  if (!(await behaviour.waitUntil(arrival.replyAt))) return hangUp(request, reply);
  return reply.code(204).header(SCENARIO_TIME_HEADER, String(arrival.replyAt)).send();
}

/** Hands a message to its consumer, unless it deduplicates and has had this `webhook-id`. */
function handOff(state: ReceiverState, post: VerifiedPost): void {
  const dedupe = state.options.dedupe ?? true;
  if (dedupe && !remember(state.seen, post.consumer, post.id)) {
    state.stats.duplicates++;
    return;
  }

  state.stats.accepted++;
  state.options.onMessage(post.consumer, post.message);
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
