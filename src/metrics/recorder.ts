import type { EventLog, ProducerEvent } from '../model/event-log.ts';
import { LatencyStats } from './latency.ts';
import type { StrategyResult } from './result.ts';
import { SeenSet } from './seen-set.ts';

interface ConsumerTally {
  readonly keys: ReadonlySet<string> | undefined;
  readonly seen: SeenSet;
}

/**
 * Counts one strategy's run by the definitions in docs/metrics.md. Both interpreters call it at
 * the same points: when a response reaches a consumer, when the producer sends a delivery, and when
 * the consumer's handler gets events.
 */
export class RunRecorder {
  private readonly tallies: ConsumerTally[];
  private readonly latency = new LatencyStats();
  private readonly log: EventLog;
  private readonly consumerKeys: readonly (readonly string[] | undefined)[];
  private requests = 0;
  private wasted = 0;
  private deliveries = 0;
  private notified = 0;
  private duplicates = 0;

  constructor(log: EventLog, consumerKeys: readonly (readonly string[] | undefined)[]) {
    this.tallies = consumerKeys.map((keys) => ({
      keys: keys === undefined ? undefined : new Set(keys),
      seen: new SeenSet(log.size + 1),
    }));
    this.log = log;
    this.consumerKeys = consumerKeys;
  }

  /**
   * Counts a response that reached `consumer`; it is wasted when it carried no event the
   * consumer wanted and did not have yet. Call it before the handler gets the events.
   */
  countResponse(consumer: number, events: readonly ProducerEvent[]): void {
    this.requests++;
    if (events.length === 0 || !this.hasNews(consumer, events)) this.wasted++;
  }

  countDelivery(): void {
    this.deliveries++;
  }

  /** Adds deliveries counted elsewhere, such as in the producer's own process. */
  addDeliveries(count: number): void {
    this.deliveries += count;
  }

  /** Records that `consumer`'s handler got `events` at time `now`. */
  handle(consumer: number, events: readonly ProducerEvent[], now: number): void {
    if (events.length === 0) return;
    const tally = this.tallies[consumer] as ConsumerTally;

    for (const event of events) {
      if (tally.keys !== undefined && !tally.keys.has(event.key)) continue;

      if (tally.seen.add(event.seq)) {
        this.notified++;
        this.latency.record(now - event.time);
      } else {
        this.duplicates++;
      }
    }
  }

  /**
   * Returns the figures. `until`, for a run stopped early, limits the events that count as
   * wanted, and so as missed, to those timed at or before it.
   */
  result(strategy: string, until = Number.POSITIVE_INFINITY): StrategyResult {
    const total = this.consumerKeys.reduce((sum, keys) => sum + this.log.countFor(keys, until), 0);
    return {
      strategy,
      requests: this.requests,
      wastedRequests: this.wasted,
      deliveries: this.deliveries,
      latencyMs: this.latency.summary(),
      events: {
        total,
        notified: this.notified,
        missed: Math.max(0, total - this.notified),
        duplicates: this.duplicates,
      },
    };
  }

  private hasNews(consumer: number, events: readonly ProducerEvent[]): boolean {
    const tally = this.tallies[consumer] as ConsumerTally;

    for (const event of events) {
      const wanted = tally.keys === undefined || tally.keys.has(event.key);
      if (wanted && !tally.seen.has(event.seq)) return true;
    }

    return false;
  }
}
