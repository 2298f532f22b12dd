import type { Distribution } from '../engine/distributions.ts';

/** A span of scenario time, in ms since the Unix epoch; `start` is in it and `end` is not. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** Faults on the wire between the two sides. */
export interface NetworkFaults {
  /** Chance that any one message (request, response or push) never arrives. */
  readonly loss: number;
  /** Chance that a message is held back by an extra delay drawn from `reorderDelay`. */
  readonly reorder: number;
  readonly reorderDelay: Distribution;
}

/** Faults at the consumer's webhook receiver. */
export interface ConsumerFaults {
  /** Spans in which the receiver refuses connections. */
  readonly downtime: readonly TimeWindow[];
  /** Chance that the receiver responds to a push with a 500. */
  readonly errorRate: number;
  /** Extra time before the receiver replies, on top of its work when it processes first. */
  readonly replyDelay: Distribution;
}

/** Limits the producer puts on its API. */
export interface ProducerFaults {
  /** Spans in which the producer responds to every request with 503 and drops open connections. */
  readonly outage: readonly TimeWindow[];
  /** Requests one consumer may make per `rateLimitWindowMs` before it gets 429. */
  readonly rateLimit: number | undefined;
  readonly rateLimitWindowMs: number;
  /** The ban a 429 announces in `Retry-After`; an early retry starts it again. */
  readonly retryAfterMs: number;
  /** Whether `Retry-After` is sent as seconds or as an HTTP date. */
  readonly retryAfterForm: 'seconds' | 'date';
  /** The interval the producer suggests in `X-Poll-Interval`, in ms. */
  readonly pollIntervalHintMs: number | undefined;
  /** How many recent events a stream can replay to a client that resumes. */
  readonly replay: number;
  /** Times at which the producer drops every open stream. */
  readonly streamDrops: readonly number[];
}

/** The webhook emitter's misbehaviour: extra copies of a push, some of them late. */
export interface EmitterFaults {
  /** Chance of each of up to three extra copies of a push. */
  readonly duplicateRate: number;
  /** How long after the original an extra copy is sent. */
  readonly lateCopy: Distribution;
}

/** Every fault of a run. All are off by default; the run's seed drives every draw. */
export interface Faults {
  readonly network: NetworkFaults;
  readonly consumer: ConsumerFaults;
  readonly producer: ProducerFaults;
  /** A proxy in the path that cuts a connection idle for this long, in ms. */
  readonly idleCutMs: number | undefined;
  readonly emitter: EmitterFaults;
}

const ZERO: Distribution = { kind: 'constant', value: 0 };

export const NO_FAULTS: Faults = {
  network: { loss: 0, reorder: 0, reorderDelay: { kind: 'uniform', min: 0, max: 1_000 } },
  consumer: { downtime: [], errorRate: 0, replyDelay: ZERO },
  producer: {
    outage: [],
    rateLimit: undefined,
    rateLimitWindowMs: 60_000,
    retryAfterMs: 60_000,
    retryAfterForm: 'seconds',
    pollIntervalHintMs: undefined,
    replay: 1_000,
    streamDrops: [],
  },
  idleCutMs: undefined,
  emitter: { duplicateRate: 0, lateCopy: ZERO },
};

/** Tells whether `time` falls in one of `windows`. */
export function inWindow(windows: readonly TimeWindow[], time: number): boolean {
  for (const window of windows) if (time >= window.start && time < window.end) return true;
  return false;
}

/** Returns the end of the window that holds `time`, or `undefined` when none does. */
export function windowEndAt(windows: readonly TimeWindow[], time: number): number | undefined {
  for (const window of windows) if (time >= window.start && time < window.end) return window.end;
  return undefined;
}
