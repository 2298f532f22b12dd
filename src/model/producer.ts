import type { EventLog, ProducerEvent } from './event-log.ts';
import { KeyIndex } from './key-index.ts';

/** "Anything after cursor N?", optionally for some keys only. */
export interface PollRequest {
  readonly cursor: number;
  readonly keys?: readonly string[] | undefined;
  /**
   * The `ETag` of the last response, sent as `If-None-Match`, on a conditional poll. `''` marks
   * a conditional client that has no tag yet: it sends no header but gets a tag back.
   */
  readonly etag?: string | undefined;
  /** Long polling: how long the producer may hold the request while there is no news, in ms. */
  readonly hold?: number | undefined;
}

export interface PollResponse {
  /**
   * The HTTP status: 200, 304 when the client's `ETag` still matches, 429 or 503 when the
   * producer turns the request away, or 0 when no response came (refused, lost, cut, timed out).
   */
  readonly status: number;
  /** The visible events after the request's cursor, oldest first. */
  readonly events: readonly ProducerEvent[];
  /** The cursor to send next time: the newest visible sequence number. */
  readonly cursor: number;
  readonly etag?: string | undefined;
  /** The `Retry-After` header, in seconds or as an HTTP date. */
  readonly retryAfter?: string | undefined;
  /** The `X-Poll-Interval` header: the interval the producer asks for, in seconds. */
  readonly pollInterval?: string | undefined;
}

/** "Call me when something happens": registers a consumer for pushes. */
export interface SubscribeRequest {
  readonly consumer: number;
  readonly keys?: readonly string[] | undefined;
  /** URL that pushes go to over HTTP. The live transport sets it; the simulator needs none. */
  readonly url?: string | undefined;
  /** The `whsec_` secret that signs each push over HTTP. */
  readonly secret?: string | undefined;
}

export interface Subscription {
  readonly id: number;
  readonly consumer: number;
  readonly keys: ReadonlySet<string> | undefined;
  readonly url: string | undefined;
  readonly secret: string | undefined;
}

/** One push from the producer to a subscriber. */
export interface PushMessage {
  readonly subscription: number;
  readonly events: readonly ProducerEvent[];
  /** Set on the last message of a stream: the connection closed. */
  readonly closed?: boolean;
}

/** State the producer keeps between requests, shared by the simulated and live transports. */
export interface ProducerState {
  readonly log: EventLog;
  /** Every subscription, in the order registered. */
  readonly subscriptions: Subscription[];
  /** The same subscriptions, indexed by the keys they want. */
  readonly subscriptionsByKey: KeyIndex<Subscription>;
}

export function createProducerState(log: EventLog): ProducerState {
  return { log, subscriptions: [], subscriptionsByKey: new KeyIndex() };
}

/**
 * Returns the producer's response to a poll that arrives at time `now`. A conditional poll gets
 * the response's `ETag`, and one whose tag still matches, with nothing new, gets a 304 and no
 * body (RFC 9110). A plain poll skips the tag, which saves work on the simulator's hottest path;
 * the live server sends the header on every response.
 */
export function handlePoll(state: ProducerState, request: PollRequest, now: number): PollResponse {
  const head = state.log.headAt(now);
  const events = state.log.between(request.cursor, head, request.keys);
  const cursor = Math.max(request.cursor, head);
  if (request.etag === undefined) return { status: 200, events, cursor, etag: undefined };

  const etag = etagOf(cursor);

  const status = events.length === 0 && request.etag === etag ? 304 : 200;
  return { status, events, cursor, etag };
}

/**
 * Returns the entity tag of a poll response: the cursor it carries, which moves with every
 * event. Most responses of a run carry the newest cursor, so the last tag is kept rather than
 * written again for each of millions of polls.
 */
export function etagOf(cursor: number): string {
  if (cursor !== lastTagged.cursor) lastTagged = { cursor, etag: `"${cursor}"` };
  return lastTagged.etag;
}

let lastTagged = { cursor: -1, etag: '' };

/** Returns the result of a request that got no response: the cursor stays where it was. */
export function noResponse(request: PollRequest): PollResponse {
  return { status: 0, events: [], cursor: request.cursor };
}

/** Registers a subscription and returns it. */
export function handleSubscribe(state: ProducerState, request: SubscribeRequest): Subscription {
  const subscription: Subscription = {
    id: state.subscriptions.length + 1,
    consumer: request.consumer,
    keys: request.keys === undefined ? undefined : new Set(request.keys),
    url: request.url,
    secret: request.secret,
  };

  state.subscriptions.push(subscription);
  state.subscriptionsByKey.add(subscription, subscription.keys);
  return subscription;
}

/** Lists the subscriptions that want `event`, in the order they were registered. */
export function subscribersFor(state: ProducerState, event: ProducerEvent): Subscription[] {
  return state.subscriptionsByKey.wantingKey(event.key);
}
