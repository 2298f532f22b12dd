import type { Dispatcher } from 'undici';
import type { Distribution } from '../engine/distributions.ts';
import type { Random } from '../engine/random.ts';
import { holdEnd } from '../live/held-polls.ts';
import { POLL_INTERVAL_HEADER } from '../live/poll-route.ts';
import { readScenarioTime, SCENARIO_TIME_HEADER } from '../live/scenario-time.ts';
import type { RunRecorder } from '../metrics/recorder.ts';
import type { ProducerEvent } from '../model/event-log.ts';
import type { Faults } from '../model/faults.ts';
import type { PollRequest, PollResponse } from '../model/producer.ts';
import { noResponse } from '../model/producer.ts';
import type { PollEffect } from '../strategies/effects.ts';
import type { StrategyTuning } from '../strategies/tuning.ts';
import type { LiveClock, ProcessClock } from './live-clock.ts';
import { SimNetwork } from './sim-network.ts';

/**
 * The shortest real wait for a response, in ms. At a time scale of 1,200 the default 30 s
 * request timeout is 25 real ms, which a busy machine can exceed on loopback now and then, and
 * the modelled network never times out without a loss. The floor keeps such hiccups from
 * turning into status-0 responses that the simulator would not have.
 */
const MIN_REAL_TIMEOUT_MS = 1_000;

/** Error codes with which undici reports a connection refused, reset or closed by the peer. */
const CONNECTION_FAILURES = new Set(['UND_ERR_SOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

export interface LivePollsOptions {
  /** Connections to the producer's API. */
  readonly pool: Dispatcher;
  /** The run's clock; the run replaces it when it starts. */
  readonly clock: () => LiveClock;
  readonly recorder: RunRecorder;
  readonly latency: Distribution;
  /** Draws network delays; the run's stream, shared with its other requests. */
  readonly network: Random;
  /** Draws losses and reorders, from a stream of its own, so they leave the delays as they are. */
  readonly faultDraws: Random;
  readonly faults: Faults;
  readonly tuning: StrategyTuning;
  /** Stops every request when the run stops. */
  readonly signal: AbortSignal;
  /** Gets the real ms of each request with an immediate response, from send to body read. */
  onRoundTrip(ms: number): void;
}

/** A poll as it goes over HTTP: the request, who sends it, and when it reaches the producer. */
export interface LivePoll {
  readonly request: PollRequest;
  readonly consumer: number;
  /** Scenario time at which the poll reaches the producer, sent in `x-scenario-time`. */
  readonly arrival: number;
}

/**
 * What came back for one HTTP poll: a response with the scenario time it is as of (from the
 * `x-scenario-time` response header, when present), a connection closed with no response, or
 * nothing within the timeout.
 */
export type PollOutcome =
  | { readonly kind: 'response'; readonly response: PollResponse; readonly asOf?: number }
  | { readonly kind: 'closed' }
  | { readonly kind: 'timeout' };

/** The body of a 200 from `GET /events`. */
interface PollBody {
  readonly events: readonly ProducerEvent[];
  readonly cursor: number;
}

/**
 * Performs the `poll` effects of a live run over HTTP, with the meaning the simulator gives
 * them. Each process clock moves as in the simulator: one modelled delay out, the time the
 * producer responds as of (later than the arrival only for a held long poll), and one delay
 * back.
 *
 * Network loss is modelled at the client. Before sending, it draws whether the request is lost,
 * and if so sends nothing and waits out its request timeout. When the response comes, it draws
 * whether the response is lost, and if so drops it and waits until the request timeout after
 * the hold. The draws come from the stream the simulator uses for faults, in the simulator's
 * order, so a run with one polling consumer loses the same messages in both modes.
 */
export class LivePolls {
  private readonly wire: SimNetwork;

  constructor(private readonly options: LivePollsOptions) {
    this.wire = new SimNetwork(
      options.latency,
      options.faults.network,
      options.network,
      options.faultDraws,
    );
  }

  /** Sends `effect` at its time and returns the response as the strategy should see it. */
  async poll(effect: PollEffect, consumer: number, clock: ProcessClock): Promise<PollResponse> {
    if (effect.at !== undefined && effect.at > clock.now) await this.advance(clock, effect.at);

    // As in the simulator, a lost request gives up one timeout after it was sent, while a lost
    // or missing response gives up one timeout after the hold, which the producer may use up.
    const sentAt = clock.now;
    const giveUpAt = sentAt + (effect.hold ?? 0) + this.options.tuning.requestTimeoutMs;
    const outbound = this.wire.transit();
    if (outbound === undefined) {
      return this.giveUp(effect, consumer, clock, sentAt + this.options.tuning.requestTimeoutMs);
    }

    await this.advance(clock, clock.now + outbound);
    const arrival = clock.now;
    // The arrival counts at the scenario time the request carries, which is the time the
    // producer responds as of. Its real arrival is later by timer and loopback delays, which the
    // model leaves out. Arrivals of different consumers can reach the recorder out of scenario
    // order, so the live recorder sorts them before it counts the peaks.
    this.options.recorder.countArrival(arrival);

    const outcome = await this.exchange({ request: effect, consumer, arrival });
    if (outcome.kind === 'timeout') return this.giveUp(effect, consumer, clock, giveUpAt);

    const inbound = this.wire.transit();
    if (inbound === undefined) return this.giveUp(effect, consumer, clock, giveUpAt);

    const placed = this.placeOutcome(effect, arrival, outcome);
    await this.advance(clock, Math.max(clock.now, placed.time) + inbound);
    this.options.recorder.countResponse(consumer, placed.response.events);
    return placed.response;
  }

  /** Sends the poll over HTTP and notes the round trip when the producer did not hold it. */
  private async exchange(poll: LivePoll): Promise<PollOutcome> {
    const clock = this.options.clock();
    const waitMs = (poll.request.hold ?? 0) + this.options.tuning.requestTimeoutMs;
    const timeoutMs = Math.max(MIN_REAL_TIMEOUT_MS, waitMs / clock.timeScale);

    clock.noteLate(poll.arrival);
    const started = performance.now();
    const outcome = await requestPoll(this.options.pool, poll, {
      timeoutMs,
      signal: this.options.signal,
    });

    const immediate = outcome.kind === 'response' && outcome.asOf === poll.arrival;
    if (immediate) this.options.onRoundTrip(performance.now() - started);
    return outcome;
  }

  /**
   * Places an outcome on the scenario clock. A closed connection of a held poll was cut at the
   * time the producer's plan gives (`holdEnd`), which the client can work out from the same
   * faults, because the socket carries no time.
   */
  private placeOutcome(
    effect: PollEffect,
    arrival: number,
    outcome: Exclude<PollOutcome, { kind: 'timeout' }>,
  ): { response: PollResponse; time: number } {
    if (outcome.kind === 'response') {
      return { response: outcome.response, time: outcome.asOf ?? arrival };
    }

    const holdMs = effect.hold ?? 0;
    const time = holdMs > 0 ? holdEnd(arrival, holdMs, this.options.faults).time : arrival;
    return { response: noResponse(effect), time };
  }

  /** Resumes with no response at scenario time `time`, as the simulator's timeout does. */
  private async giveUp(
    effect: PollEffect,
    consumer: number,
    clock: ProcessClock,
    time: number,
  ): Promise<PollResponse> {
    await this.advance(clock, Math.max(clock.now, time));
    this.options.recorder.countResponse(consumer, []);
    return noResponse(effect);
  }

  private async advance(clock: ProcessClock, time: number): Promise<void> {
    clock.now = time;
    await this.options.clock().sleepUntil(time);
  }
}

/**
 * Sends one poll to the producer's `GET /events` and reads the response: 200, 304 (which has
 * no body), or 429 and 503 with their `Retry-After`. A connection refused, reset or closed before
 * the response is `closed`, and no response within `timeoutMs` real ms is `timeout`. It throws
 * when `signal` stops it, and on any other status, which means a bug in the request.
 */
export async function requestPoll(
  pool: Dispatcher,
  poll: LivePoll,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<PollOutcome> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);

  try {
    const response = await pool.request({
      method: 'GET',
      path: pollPath(poll),
      headers: pollHeaders(poll),
      signal: controller.signal,
      // The timer above is the request's only timeout, so a long hold is not cut short.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const body = await response.body.text();
    const asOf = readScenarioTime(response.headers[SCENARIO_TIME_HEADER]);
    const read = readResponse(poll.request, response.statusCode, response.headers, body);
    return { kind: 'response', response: read, asOf };
  } catch (error: unknown) {
    if (options.signal.aborted) throw error;
    if (timedOut) return { kind: 'timeout' };
    if (isConnectionFailure(error)) return { kind: 'closed' };
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', stop);
  }
}

function pollPath(poll: LivePoll): string {
  const { request } = poll;
  const query = new URLSearchParams({
    cursor: String(request.cursor),
    consumer: String(poll.consumer),
  });
  // An empty list is sent as `keys=`, which the producer reads as no keys, not every key.
  if (request.keys !== undefined) query.set('keys', request.keys.join(','));
  if (request.hold !== undefined && request.hold > 0) query.set('hold', String(request.hold));
  return `/events?${query}`;
}

function pollHeaders(poll: LivePoll): Record<string, string> {
  const headers: Record<string, string> = { [SCENARIO_TIME_HEADER]: String(poll.arrival) };
  const etag = poll.request.etag;
  if (etag !== undefined && etag !== '') headers['if-none-match'] = etag;
  return headers;
}

/** Builds the `PollResponse` that the simulator would return from an HTTP response. */
function readResponse(
  request: PollRequest,
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  body: string,
): PollResponse {
  const etag = firstHeader(headers.etag);
  const pollInterval = firstHeader(headers[POLL_INTERVAL_HEADER]);

  switch (status) {
    case 200: {
      const { events, cursor } = JSON.parse(body) as PollBody;
      return { status, events, cursor, etag, pollInterval };
    }
    case 304:
      return { status, events: [], cursor: request.cursor, etag, pollInterval };
    case 429:
    case 503: {
      const retryAfter = firstHeader(headers['retry-after']);
      return { status, events: [], cursor: request.cursor, retryAfter, pollInterval };
    }
    default:
      throw new Error(`the producer responded to a poll with unexpected status ${status}: ${body}`);
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_FAILURES.has(code);
}
