/** The spread of a backoff's waits; `Backoff` in backoff.ts applies it. */
export type JitterMode = 'none' | 'full' | 'equal' | 'decorrelated';

export interface BackoffTuning {
  /**
   * The first wait, in ms. When absent, `poll-backoff` starts from the poll interval and
   * reconnects start from one second.
   */
  readonly baseMs: number | undefined;
  /** The maximum wait, in ms. */
  readonly capMs: number;
  readonly jitter: JitterMode;
}

/** When the receiver replies to a push: before its work, or only once the work is done. */
export type AckMode = 'first' | 'after';

export interface RetryTuning {
  /** Waits before each retry, in ms: the first retry waits `schedule[0]` after the first try. */
  readonly scheduleMs: readonly number[];
  /** Each wait is moved by up to this fraction of itself, either way. */
  readonly jitter: number;
  /** Real or scenario ms a delivery attempt may take before it counts as failed. */
  readonly timeoutMs: number;
  /** The emitter disables an endpoint that has failed for this long without a success. */
  readonly disableAfterMs: number;
}

/** Knobs of the strategies, each used by the strategies its comment names. */
export interface StrategyTuning {
  /** `poll-jitter`: each interval is moved by up to this fraction of itself, either way. */
  readonly jitter: number;
  /** `poll-backoff`, and reconnects of `long-poll`, `sse` and `websocket`. */
  readonly backoff: BackoffTuning;
  /** `long-poll`: how long the producer holds a request with no news, in ms. */
  readonly holdMs: number;
  /** `hybrid`: time between reconciliation polls, in ms. */
  readonly reconcileMs: number;
  /** `webhook` and `hybrid`: the emitter's retries. */
  readonly retry: RetryTuning;
  /** Every strategy that sends requests: how long a request waits for its response, in ms. */
  readonly requestTimeoutMs: number;
  /** `webhook` and `hybrid`: when the receiver acknowledges. */
  readonly ack: AckMode;
  /** Time the consumer's handler takes per push before its side effect is done, in ms. */
  readonly workMs: number;
  /** Whether the consumer drops an event it has already handled, by event id. */
  readonly dedupe: boolean;
}

/** Svix's documented default retry schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const SVIX_SCHEDULE_MS: readonly number[] = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/** Defaults: what a careful integration would pick, with the strategies' usual published values. */
export const DEFAULT_TUNING: StrategyTuning = {
  jitter: 0.25,
  backoff: { baseMs: undefined, capMs: 300_000, jitter: 'equal' },
  holdMs: 30_000,
  reconcileMs: 300_000,
  retry: {
    scheduleMs: SVIX_SCHEDULE_MS,
    jitter: 0.2,
    timeoutMs: 15_000,
    disableAfterMs: 5 * 86_400_000,
  },
  requestTimeoutMs: 30_000,
  ack: 'first',
  workMs: 0,
  dedupe: true,
};
