import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { PushMessage, Subscription } from '../model/producer.ts';
import { readScenarioTime, SCENARIO_TIME_HEADER } from './scenario-time.ts';
import { secretKeyObject, signWithKey } from './signature.ts';

/**
 * Outcome of one post, as data. Only a stopped run makes a post throw. A failure with no
 * `status` got no reply in time: refused, cut or timed out.
 */
export type PostOutcome =
  | { readonly state: 'delivered'; readonly status: number; readonly repliedAt?: number }
  | {
      readonly state: 'failed';
      readonly status?: number;
      readonly reason: string;
      /** The receiver's `Retry-After` header, in seconds or as an HTTP date. */
      readonly retryAfter?: string | undefined;
      readonly repliedAt?: number;
    };

/** Settings of one post. */
export interface PostOptions {
  /** Real ms the post may take before it counts as failed; the sender's `timeoutMs` if absent. */
  readonly timeoutMs?: number;
  /**
   * The sender's scenario time, sent in `x-scenario-time`, so that a receiver in a live run
   * acts as if the post arrived then. A receiver that sends the header back states when it
   * replied, which the outcome returns as `repliedAt`.
   */
  readonly scenarioTime?: number;
}

export interface WebhookSenderOptions {
  /**
   * Real ms that the response headers, and then the body, may take before the post counts as
   * failed. undici enforces each to within about a second.
   */
  readonly timeoutMs: number;
  /** Connections kept open per receiver origin. */
  readonly connections?: number;
  /** Stops every post in flight; a post stopped this way rejects with the abort reason. */
  readonly signal?: AbortSignal;
  /** Called with each completed round trip in real ms, for measuring loopback overhead. */
  readonly onRoundTrip?: (ms: number) => void;
}

/** A subscription's target and signing key, worked out once for all its posts. */
interface Target {
  readonly origin: string;
  readonly path: string;
  readonly key: KeyObject;
}

/**
 * Posts signed webhook messages with undici, one connection pool per receiver origin. The
 * `webhook-id` is derived from the subscription and the events, so a retry of the same message
 * carries the same id and the receiver can drop the copy.
 *
 * Per post it only serialises, signs and sends: each subscription's URL and key are parsed once,
 * the timeout is undici's own, and stopping the run destroys the pools rather than listening on
 * each post. On Node 20.20, parsing the URL and decoding the key for every post, or giving each
 * post its own timer and abort signal, each cost a good part of the HTTP work of the post.
 */
export class WebhookSender {
  private readonly pools = new Map<string, Pool>();
  private readonly targets = new WeakMap<Subscription, Target | undefined>();
  private readonly stopAll = () => {
    for (const pool of this.pools.values()) void pool.destroy(this.options.signal?.reason);
  };

  constructor(private readonly options: WebhookSenderOptions) {
    options.signal?.addEventListener('abort', this.stopAll, { once: true });
  }

  /** Opens a pool to `origin` ahead of the run and returns it. */
  poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, { connections: this.options.connections ?? 64 });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async post(
    subscription: Subscription,
    message: PushMessage,
    options: PostOptions = {},
  ): Promise<PostOutcome> {
    const target = this.targetOf(subscription);
    if (target === undefined) {
      return { state: 'failed', reason: 'the subscription has no URL or secret' };
    }

    const body = Buffer.from(JSON.stringify(message));
    const id = messageId(subscription, message);
    const timestamp = nowSeconds();
    const headers: Record<string, string> = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWithKey(target.key, id, timestamp, body),
      'content-type': 'application/json',
    };
    if (options.scenarioTime !== undefined) {
      headers[SCENARIO_TIME_HEADER] = String(options.scenarioTime);
    }

    // undici reads 0 as no timeout.
    const timeoutMs = Math.max(1, options.timeoutMs ?? this.options.timeoutMs);
    return this.request(target.origin, {
      method: 'POST',
      path: target.path,
      headers,
      body,
      // NOTE: undici checks these timeouts on a coarse clock, so a post times out up to about
      // a second after `timeoutMs`. A precise per-post timer and signal halved the throughput.
      // A live run judges each reply by the scenario time that the reply states. A late
      // timeout then only makes the sender resume late in real time (see `settleAttempt`).
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async close(): Promise<void> {
    this.options.signal?.removeEventListener('abort', this.stopAll);
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
    this.pools.clear();
  }

  private targetOf(subscription: Subscription): Target | undefined {
    if (this.targets.has(subscription)) return this.targets.get(subscription);

    const { url, secret } = subscription;
    const target =
      url === undefined || secret === undefined
        ? undefined
        : { ...splitUrl(url), key: secretKeyObject(secret) };
    this.targets.set(subscription, target);
    return target;
  }

  /** Sends one request and reads the whole response; failures come back as data. */
  private async request(origin: string, request: Dispatcher.RequestOptions): Promise<PostOutcome> {
    const run = this.options.signal;
    run?.throwIfAborted();
    const started = performance.now();

    try {
      const response = await this.poolFor(origin).request(request);
      await response.body.dump();
      this.options.onRoundTrip?.(performance.now() - started);
      return outcomeOf(response.statusCode, response.headers);
    } catch (error: unknown) {
      if (run?.aborted === true) throw run.reason;
      return { state: 'failed', reason: describeFailure(error) };
    }
  }
}

function splitUrl(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/** Returns the `webhook-id` of a message: the same for every attempt to send it. */
export function messageId(subscription: Subscription, message: PushMessage): string {
  return `msg_${subscription.id}_${message.events.map((event) => event.seq).join('-')}`;
}

/** The `reason` of a post that got no reply in time. */
export const TIMED_OUT_REASON = 'timed out';

function outcomeOf(status: number, headers: IncomingHttpHeaders): PostOutcome {
  const repliedAt = readScenarioTime(headers[SCENARIO_TIME_HEADER]);
  if (status >= 200 && status < 300) return { state: 'delivered', status, repliedAt };

  const retryAfter = firstHeader(headers['retry-after']);
  return {
    state: 'failed',
    status,
    reason: `the receiver answered ${status}`,
    retryAfter,
    repliedAt,
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return String(error);
  return TIMEOUT_CODES.has(code) ? TIMED_OUT_REASON : code;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
