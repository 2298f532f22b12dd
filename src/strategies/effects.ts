import type { Distribution } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { EmitterFaults } from '../model/faults.ts';
import type {
  PollRequest,
  PollResponse,
  PushMessage,
  SubscribeRequest,
  Subscription,
} from '../model/producer.ts';
import type { StrategyTuning } from './tuning.ts';

/**
 * Requests that strategy code makes of its interpreter. A strategy is a generator that yields
 * these and is resumed with the result. The simulated interpreter runs them on a virtual clock
 * and the live one over HTTP, so the same strategy code serves both modes.
 */
export type Effect =
  | SleepEffect
  | PollEffect
  | SubscribeEffect
  | ReceiveEffect
  | NextEventEffect
  | DeliverEffect
  | SpawnEffect
  | ConnectEffect;

/** Waits until scenario time `until` (ms since the Unix epoch); resumes with nothing. */
export interface SleepEffect {
  readonly type: 'sleep';
  readonly until: number;
}

/**
 * Sends a poll to the producer at scenario time `at`, or at once when `at` is absent or past;
 * resumes with its `PollResponse`. "Call at 7:03" is one effect rather than a sleep and a poll,
 * and the effect is itself the request: both save work on the simulator's hottest path.
 */
export interface PollEffect extends PollRequest {
  readonly type: 'poll';
  readonly at?: number | undefined;
}

/**
 * Opens a stream (Server-Sent Events or a WebSocket) that carries every event after `lastSeq`
 * for the consumer's keys; resumes with a `ConnectResult`. Messages then arrive through
 * `receive`, and the last one of a dropped connection has `closed` set.
 */
export interface ConnectEffect {
  readonly type: 'connect';
  readonly transport: 'sse' | 'websocket';
  /** The last event id the consumer has, sent as `Last-Event-ID`; 0 before any. */
  readonly lastSeq: number;
  readonly keys: readonly string[] | undefined;
}

/**
 * How a connect went: `open`, `gone` when the producer no longer holds the events after
 * `lastSeq` (the client must catch up by polling), or `failed` with the status that refused it.
 */
export type ConnectResult =
  | { readonly state: 'open' }
  | { readonly state: 'gone' }
  | { readonly state: 'failed'; readonly status: number; readonly retryAfter?: string | undefined };

/** Registers for pushes; resumes with the `Subscription`. Set-up, so it is not a request. */
export interface SubscribeEffect {
  readonly type: 'subscribe';
  readonly request: SubscribeRequest;
}

/** Waits for the next push to this consumer; resumes with the `PushMessage`. */
export interface ReceiveEffect {
  readonly type: 'receive';
}

/** Producer side: waits for the next event the producer publishes; `undefined` after the last. */
export interface NextEventEffect {
  readonly type: 'next-event';
}

/** Producer side: sends one push to a subscriber; resumes with the `DeliveryResult`. */
export interface DeliverEffect {
  readonly type: 'deliver';
  readonly subscription: Subscription;
  readonly message: PushMessage;
  /** 0 for the first try of a push, then 1, 2 and so on for its retries. */
  readonly attempt: number;
}

/** Starts another process beside the current one; resumes at once with nothing. */
export interface SpawnEffect {
  readonly type: 'spawn';
  readonly process: StrategyProcess;
}

/**
 * Outcome of one delivery attempt, as data rather than a thrown error. A failed attempt has the
 * receiver's status, or 0 when no reply came in time, and its `Retry-After` header if any.
 */
export type DeliveryResult =
  | { readonly state: 'delivered'; readonly status: number }
  | { readonly state: 'failed'; readonly status: number; readonly retryAfter?: string | undefined };

/** A running piece of strategy code. */
export type StrategyProcess = Generator<Effect, void, unknown>;

/** The schedule of polling consumers: a random phase each, or every multiple since the epoch. */
export type Alignment = 'random' | 'epoch';

/** The view a consumer's strategy code has of its run, the same in every mode. */
export interface ConsumerContext {
  readonly id: number;
  /** Keys the consumer wants; `undefined` means every event. */
  readonly keys: readonly string[] | undefined;
  readonly random: Random;
  /**
   * A uniform draw in [0, 1) for the consumer's start offset, such as its polling phase.
   * Interpreters draw one per consumer up front and hand them out in ascending order of id:
   * consumers are alike, so this changes no figure, but consumers that act one after another
   * then sit next to each other in memory, which made a run of 100,000 pollers 3 times faster.
   */
  readonly phase: number;
  readonly settings: ConsumerSettings;
  /** Current scenario time in ms since the Unix epoch. */
  now(): number;
  /** Hands events to the consumer's handler, which records when it learned of each. */
  handle(events: readonly ProducerEvent[]): void;
}

export interface ConsumerSettings {
  /** Time between polls. */
  readonly interval: Distribution;
  readonly align: Alignment;
  /** When events can start; polling begins here. */
  readonly windowStart: number;
  /** When events stop; a polling consumer stops after its first poll at or after it. */
  readonly windowEnd: number;
  readonly tuning: StrategyTuning;
}

/** The view the producer's push side has of its run, the same in every mode. */
export interface ProducerContext {
  readonly random: Random;
  readonly tuning: StrategyTuning;
  readonly faults: EmitterFaults;
  now(): number;
  subscribersFor(event: ProducerEvent): readonly Subscription[];
}

export function sleepUntil(until: number): SleepEffect {
  return { type: 'sleep', until };
}

export function poll(cursor: number, keys: readonly string[] | undefined, at?: number): PollEffect {
  return { type: 'poll', cursor, keys, at };
}

export function connect(
  transport: ConnectEffect['transport'],
  lastSeq: number,
  keys: readonly string[] | undefined,
): ConnectEffect {
  return { type: 'connect', transport, lastSeq, keys };
}

export function subscribe(request: SubscribeRequest): SubscribeEffect {
  return { type: 'subscribe', request };
}

const RECEIVE: ReceiveEffect = Object.freeze({ type: 'receive' });
const NEXT_EVENT: NextEventEffect = Object.freeze({ type: 'next-event' });

export function receive(): ReceiveEffect {
  return RECEIVE;
}

export function nextEvent(): NextEventEffect {
  return NEXT_EVENT;
}

export function deliver(
  subscription: Subscription,
  message: PushMessage,
  attempt = 0,
): DeliverEffect {
  return { type: 'deliver', subscription, message, attempt };
}

export function spawn(process: StrategyProcess): SpawnEffect {
  return { type: 'spawn', process };
}

export type { PollResponse, PushMessage, Subscription };
