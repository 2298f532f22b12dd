import type { EventLog, ProducerEvent } from './event-log.ts';

/** "Anything after cursor N?", optionally for some keys only. */
export interface PollRequest {
  readonly cursor: number;
  readonly keys?: readonly string[] | undefined;
}

export interface PollResponse {
  /** The visible events after the request's cursor, oldest first. */
  readonly events: readonly ProducerEvent[];
  /** The cursor to send next time: the newest visible sequence number. */
  readonly cursor: number;
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
}

/** State the producer keeps between requests, shared by the simulated and live transports. */
export interface ProducerState {
  readonly log: EventLog;
  readonly subscriptions: Subscription[];
}

export function createProducerState(log: EventLog): ProducerState {
  return { log, subscriptions: [] };
}

/** Returns the producer's response to a poll that arrives at time `now`. */
export function handlePoll(state: ProducerState, request: PollRequest, now: number): PollResponse {
  const head = state.log.headAt(now);
  const events = state.log.between(request.cursor, head, request.keys);
  return { events, cursor: Math.max(request.cursor, head) };
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
  return subscription;
}

/** Lists the subscriptions that want `event`, in the order they were registered. */
export function subscribersFor(state: ProducerState, event: ProducerEvent): Subscription[] {
  return state.subscriptions.filter((subscription) => wants(subscription, event));
}

function wants(subscription: Subscription, event: ProducerEvent): boolean {
  return subscription.keys === undefined || subscription.keys.has(event.key);
}
