import type { EventLog, ProducerEvent } from '../model/event-log.ts';
import type { CdfPoint } from './latency.ts';
import { LatencyStats } from './latency.ts';
import { PeakWindows } from './peak-window.ts';
import type { StrategyResult } from './result.ts';
import { SeenSet } from './seen-set.ts';

interface ConsumerTally {
  readonly keys: ReadonlySet<string> | undefined;
  readonly seen: SeenSet;
  /** The newest sequence number applied per key, made on the first event. */
  newest: Map<string, number> | undefined;
}

/** The time the window opens and closes, for the mean request rate. */
export interface RecorderWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Counts one strategy's run by the definitions in docs/metrics.md. Both interpreters call it at
 * the same points: when a request reaches the producer, when its response reaches the consumer,
 * when the producer sends a delivery, and when the consumer's handler gets events.
 */
export class RunRecorder {
  private readonly tallies: ConsumerTally[];
  private readonly latency = new LatencyStats();
  private readonly peaks = new PeakWindows();
  private unordered: number[] = [];
  private requests = 0;
  private wasted = 0;
  private arrivals = 0;
  private deliveries = 0;
  private failedDeliveries = 0;
  private retries = 0;
  private resets = 0;
  private bytes = 0;
  private notified = 0;
  private duplicates = 0;
  private duplicatesDropped = 0;
  private outOfOrder = 0;

  constructor(
    private readonly log: EventLog,
    private readonly consumerKeys: readonly (readonly string[] | undefined)[],
    private readonly window: RecorderWindow = { start: 0, end: 0 },
    /** Whether a consumer drops an event it has already handled instead of applying it again. */
    private readonly dedupe = true,
    /**
     * Whether requests reach `countArrival` in time order, as in the simulator. Live consumers
     * report the scenario times their requests state, in the order they happen to run, so
     * their arrivals are kept and sorted before the peaks are counted.
     */
    private readonly arrivalsInOrder = true,
  ) {
    this.tallies = consumerKeys.map((keys) => ({
      keys: keys === undefined ? undefined : new Set(keys),
      seen: new SeenSet(log.size + 1),
      newest: undefined,
    }));
  }

  /**
   * Notes a request reaching the producer at `time`, for the peaks. Requests before the window
   * opens, such as consumers setting up, are not part of its load.
   */
  countArrival(time: number): void {
    if (time < this.window.start) return;
    this.arrivals++;
    if (this.arrivalsInOrder) this.peaks.add(time);
    else this.unordered.push(time);
  }

  /**
   * Counts a response that reached `consumer`; it is wasted when it carried no event the
   * consumer wanted and did not have yet. Call it before the handler gets the events.
   */
  countResponse(consumer: number, events: readonly ProducerEvent[]): void {
    this.requests++;
    if (events.length === 0 || !this.hasNews(consumer, events)) this.wasted++;
  }

  /** Counts a request whose answer is not a list of events, such as opening a stream. */
  countRequest(wasted: boolean): void {
    this.requests++;
    if (wasted) this.wasted++;
  }

  /** Counts one delivery attempt; `retry` when it is not the push's first. */
  countDelivery(retry = false): void {
    this.deliveries++;
    if (retry) this.retries++;
  }

  countFailedDelivery(): void {
    this.failedDeliveries++;
  }

  countReset(): void {
    this.resets++;
  }

  addBytes(bytes: number): void {
    this.bytes += bytes;
  }

  /** Adds work counted elsewhere, such as in the producer's own process. */
  addProducerCounts(counts: ProducerCounts): void {
    this.deliveries += counts.deliveries;
    this.failedDeliveries += counts.failedDeliveries ?? 0;
    this.retries += counts.retries ?? 0;
    this.resets += counts.resets ?? 0;
  }

  /** Adds deliveries counted elsewhere, such as in the producer's own process. */
  addDeliveries(count: number): void {
    this.deliveries += count;
  }

  /**
   * Records that `consumer`'s handler got `events` at time `now`. An event it has had before
   * is dropped when the consumer deduplicates, and otherwise applied again as a duplicate.
   */
  handle(consumer: number, events: readonly ProducerEvent[], now: number): void {
    // Most calls carry no event, and a small function is one the compiler inlines.
    if (events.length > 0) this.apply(consumer, events, now);
  }

  private apply(consumer: number, events: readonly ProducerEvent[], now: number): void {
    const tally = this.tallies[consumer] as ConsumerTally;

    for (const event of events) {
      if (tally.keys !== undefined && !tally.keys.has(event.key)) continue;

      if (tally.seen.add(event.seq)) {
        this.notified++;
        this.latency.record(now - event.time);
      } else if (this.dedupe) {
        this.duplicatesDropped++;
        continue;
      } else {
        this.duplicates++;
      }

      this.checkOrder(tally, event);
    }
  }

  /**
   * Returns the figures. `until`, for a run stopped early, limits the events that count as
   * wanted, and so as missed, to those timed at or before it.
   */
  result(strategy: string, until = Number.POSITIVE_INFINITY): StrategyResult {
    this.countUnordered();
    const total = this.consumerKeys.reduce((sum, keys) => sum + this.log.countFor(keys, until), 0);
    const missed = Math.max(0, total - this.notified);

    return {
      strategy,
      requests: this.requests,
      wastedRequests: this.wasted,
      deliveries: this.deliveries,
      failedDeliveries: this.failedDeliveries,
      retries: this.retries,
      resets: this.resets,
      bytes: this.bytes,
      peakPerSecond: this.peaks.perSecond,
      peakPer100ms: this.peaks.per100ms,
      peakToMean: this.peakToMean(),
      latencyMs: this.latency.summary(),
      events: {
        total,
        notified: this.notified,
        missed,
        lost: missed,
        duplicates: this.duplicates,
        duplicatesDropped: this.duplicatesDropped,
        outOfOrder: this.outOfOrder,
      },
    };
  }

  /** Returns the distribution of notification latencies, for a chart. */
  latencyCdf(): CdfPoint[] {
    return this.latency.cdf();
  }

  /** Feeds the arrivals kept out of order to the peaks, sorted, once. */
  private countUnordered(): void {
    const times = Float64Array.from(this.unordered).sort();
    for (const time of times) this.peaks.add(time);
    this.unordered = [];
  }

  private peakToMean(): number {
    const seconds = (this.window.end - this.window.start) / 1000;
    if (this.arrivals === 0 || seconds <= 0) return 0;
    return this.peaks.perSecond / (this.arrivals / seconds);
  }

  /** Counts `event` as out of order when a newer event with its key was applied before it. */
  private checkOrder(tally: ConsumerTally, event: ProducerEvent): void {
    tally.newest ??= new Map();
    const newest = tally.newest.get(event.key);

    if (newest !== undefined && newest > event.seq) this.outOfOrder++;
    else tally.newest.set(event.key, event.seq);
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

/** Work the producer's process counted in a live run. */
export interface ProducerCounts {
  readonly deliveries: number;
  readonly failedDeliveries?: number;
  readonly retries?: number;
  /** Connections the producer cut, such as dropped streams. */
  readonly resets?: number;
}
