import { formatRetryAfter } from '../strategies/retry-after.ts';
import type { ProducerFaults } from './faults.ts';
import { inWindow } from './faults.ts';
import type { PollRequest, PollResponse } from './producer.ts';

interface Quota {
  windowStart: number;
  used: number;
  bannedUntil: number;
}

/**
 * The producer's door: rejects a request with 503 during an outage, or with 429 when its
 * consumer is over the rate limit, and adds the suggested poll interval to every response.
 * The simulator and the live server both consult it before they respond, so they agree.
 */
export class ProducerGate {
  private readonly quotas = new Map<number, Quota>();
  /** True when the gate can change a response. A run without producer faults skips it. */
  readonly active: boolean;

  constructor(private readonly faults: ProducerFaults) {
    this.active =
      faults.outage.length > 0 ||
      faults.rateLimit !== undefined ||
      faults.pollIntervalHintMs !== undefined;
  }

  /** Tells whether the producer is down at `now`. */
  isDown(now: number): boolean {
    return inWindow(this.faults.outage, now);
  }

  /**
   * Returns the response that rejects `consumer`'s request at `now`, or `undefined` to let
   * it through. A request inside a ban extends the ban: the client came back too early. A
   * producer that is down cannot know when it will be back, so its 503 has no `Retry-After`.
   */
  refuse(consumer: number, request: PollRequest, now: number): PollResponse | undefined {
    if (this.isDown(now)) return this.annotate({ status: 503, events: [], cursor: request.cursor });

    const limit = this.faults.rateLimit;
    if (limit === undefined) return undefined;

    const quota = this.quotaOf(consumer, now);
    if (now < quota.bannedUntil || quota.used >= limit) {
      quota.bannedUntil = now + this.faults.retryAfterMs;
      return this.turnAway(429, request, this.faults.retryAfterMs, now);
    }

    quota.used++;
    return undefined;
  }

  /**
   * Gives back the quota a request used, for an answer that does not count against the
   * limit: as on GitHub's API, a conditional request answered with 304 is free.
   */
  refund(consumer: number): void {
    const quota = this.quotas.get(consumer);
    if (quota !== undefined && quota.used > 0) quota.used--;
  }

  /** Adds the suggested interval, when the producer has one, to an answer it lets through. */
  annotate(response: PollResponse): PollResponse {
    const hint = this.faults.pollIntervalHintMs;
    if (hint === undefined) return response;
    return { ...response, pollInterval: String(Math.ceil(hint / 1000)) };
  }

  private quotaOf(consumer: number, now: number): Quota {
    let quota = this.quotas.get(consumer);
    if (quota === undefined) {
      quota = { windowStart: now, used: 0, bannedUntil: 0 };
      this.quotas.set(consumer, quota);
    }

    if (now - quota.windowStart >= this.faults.rateLimitWindowMs) {
      quota.windowStart = now;
      quota.used = 0;
    }
    return quota;
  }

  private turnAway(status: number, request: PollRequest, waitMs: number, now: number) {
    const retryAfter = formatRetryAfter(waitMs, now, this.faults.retryAfterForm);
    return this.annotate({ status, events: [], cursor: request.cursor, retryAfter });
  }
}
