import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { PushMessage, Subscription } from '../model/producer.ts';
import { signatureHeaders } from './signature.ts';

/** Outcome of one post, as data: failures are counted by the caller, never thrown. */
export type PostOutcome =
  | { readonly state: 'delivered'; readonly status: number }
  | { readonly state: 'failed'; readonly status?: number; readonly reason: string };

export interface WebhookSenderOptions {
  /** Real ms one post may take, from send to the whole response, before it counts as failed. */
  readonly timeoutMs: number;
  /** Connections kept open per receiver origin. */
  readonly connections?: number;
  /** Stops every post in flight; a post stopped this way rejects with the abort reason. */
  readonly signal?: AbortSignal;
  /** Called with each completed round trip in real ms, for measuring loopback overhead. */
  readonly onRoundTrip?: (ms: number) => void;
}

/**
 * Posts signed webhook messages with undici, one connection pool per receiver origin. The
 * `webhook-id` is derived from the subscription and the events, so a retry of the same message
 * carries the same id and the receiver can drop the copy.
 */
export class WebhookSender {
  private readonly pools = new Map<string, Pool>();
  /** The abort controller of each post in flight, for the run's signal to stop them all. */
  private readonly inFlight = new Set<AbortController>();
  private readonly stopAll = () => {
    for (const controller of this.inFlight) controller.abort(this.options.signal?.reason);
  };

  constructor(private readonly options: WebhookSenderOptions) {
    // One listener for the sender's lifetime rather than one per post, because a signal with
    // many listeners warns of a leak. On Node 20.20 a timeout signal joined by `AbortSignal.any`
    // for each post cost about as much CPU as the HTTP work of the post itself.
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

  async post(subscription: Subscription, message: PushMessage): Promise<PostOutcome> {
    if (subscription.url === undefined || subscription.secret === undefined) {
      return { state: 'failed', reason: 'the subscription has no URL or secret' };
    }

    const target = new URL(subscription.url);
    const body = Buffer.from(JSON.stringify(message));
    const id = messageId(subscription, message);
    const headers = signatureHeaders(subscription.secret, id, nowSeconds(), body);

    return this.request(target, {
      method: 'POST',
      path: `${target.pathname}${target.search}`,
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
  }

  async close(): Promise<void> {
    this.options.signal?.removeEventListener('abort', this.stopAll);
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
    this.pools.clear();
  }

  /**
   * Sends one request with its own timeout. The timer is cleared as soon as the post ends, so a
   * finished post keeps no timer or signal for the rest of `timeoutMs`.
   */
  private async request(
    target: URL,
    request: Omit<Dispatcher.RequestOptions, 'signal'>,
  ): Promise<PostOutcome> {
    const run = this.options.signal;
    run?.throwIfAborted();

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    this.inFlight.add(controller);
    const started = performance.now();

    try {
      const response = await this.poolFor(target.origin).request({
        ...request,
        signal: controller.signal,
      });
      await response.body.dump();
      this.options.onRoundTrip?.(performance.now() - started);
      return outcomeOf(response.statusCode);
    } catch (error: unknown) {
      if (run?.aborted === true) throw error;
      return { state: 'failed', reason: timedOut ? 'timed out' : describeFailure(error) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}

/** Returns the `webhook-id` of a message: the same for every attempt to send it. */
export function messageId(subscription: Subscription, message: PushMessage): string {
  return `msg_${subscription.id}_${message.events.map((event) => event.seq).join('-')}`;
}

function outcomeOf(status: number): PostOutcome {
  if (status >= 200 && status < 300) return { state: 'delivered', status };
  return { state: 'failed', status, reason: `the receiver answered ${status}` };
}

function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : String(error);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
